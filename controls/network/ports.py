"""Which rules carry traffic to a port from the whole internet."""

WHOLE_INTERNET = ("0.0.0.0/0", "::/0")
# IP protocol numbers or names under which a port means something: TCP and UDP.
PORT_PROTOCOLS = {"tcp": "tcp", "6": "tcp", "udp": "udp", "17": "udp"}
ALL_PROTOCOLS = "-1"


def takes_port(protocol, first, last, port):
    """True when a rule for ``protocol`` over ports ``first``..``last`` admits ``port``
    (protocol -1 admits every port of every protocol; a range without a bound
    is open on that side)."""
    if str(protocol).lower() == ALL_PROTOCOLS:
        return True
    if str(protocol).lower() not in PORT_PROTOCOLS:
        return False
    return (first is None or first <= port) and (last is None or port <= last)
