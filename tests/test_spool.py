"""The spool keeps texts on disk and gives each back whole, in any order."""

from compliance.spool import Spool


def test_texts_come_back_whole_in_any_order():
    spool = Spool()
    texts = ['{"a": 1}', "", '{"name": "caf\u00e9 \u2603"}', "x" * 100_000]
    kept = [spool.put(text) for text in texts]
    assert [k.text() for k in reversed(kept)] == list(reversed(texts))
    assert kept[2].length == len(texts[2].encode())  # bytes, not characters
    spool.close()
