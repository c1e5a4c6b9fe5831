"""Text kept on disk, not in memory, until the reports are written.

The controller holds one record per result to the end of the run, and the
evidence a result was decided on is most of a record's size: at the
realistic profile (docs/performance.md) about 20 KB a result, gigabytes for
an organization. A spool appends each text to an unnamed temporary file
(in TMPDIR, deleted when closed) and hands back where it lies.
"""

import tempfile
from dataclasses import dataclass


class Spool:
    """An append-only store of texts; one thread at a time (pytest's controller)."""

    def __init__(self):
        self._file = tempfile.TemporaryFile(prefix="compliance-spool-")
        self._end = 0

    def put(self, text):
        """Keep ``text``; return the Spooled that reads it back."""
        data = text.encode()
        self._file.seek(self._end)
        self._file.write(data)
        spooled = Spooled(self, self._end, len(data))
        self._end += len(data)
        return spooled

    def read(self, offset, length):
        self._file.seek(offset)
        return self._file.read(length).decode()

    def close(self):
        self._file.close()


@dataclass(frozen=True, slots=True)
class Spooled:
    """One text kept in a Spool."""

    spool: Spool
    offset: int
    length: int

    def text(self):
        return self.spool.read(self.offset, self.length)
