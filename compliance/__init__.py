"""Engine of the AWS compliance suite: scope, sessions, inventory, evidence.

Everything here is plain Python; the pytest wiring lives in ``fixtures/`` and
the policies themselves in ``controls/``.
"""

__version__ = "0.1.0"
