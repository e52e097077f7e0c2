"""Telling systemd how a service is doing (the `sd_notify` protocol), without libsystemd.

A unit with `Type=notify` starts `$NOTIFY_SOCKET`-aware: systemd sets the variable to a
datagram socket (a path, or `@name` in the abstract namespace) and waits for `READY=1`. With
`WatchdogSec=` it also sets `WATCHDOG_USEC` and kills the service when no `WATCHDOG=1` comes
within that time; `Restart=` then starts it again. Outside systemd (a terminal, a test, CI)
the variable is absent and every call here does nothing.

A failure to send is logged and swallowed: the service keeps running, and if the watchdog
misses its pings systemd restarts it, which is the right outcome for a broken socket too.
"""

from __future__ import annotations

import logging
import os
import socket

log = logging.getLogger(__name__)


def _address() -> str | None:
    address = os.environ.get("NOTIFY_SOCKET", "")
    if not address:
        return None
    if address.startswith("@"):
        # The abstract namespace: a leading NUL byte instead of the '@'.
        return "\0" + address[1:]
    if not address.startswith("/"):
        log.warning("NOTIFY_SOCKET %r is neither a path nor @abstract: ignored", address)
        return None
    return address


def notify(state: str) -> bool:
    """Send one notification (`READY=1`, `WATCHDOG=1`, `STATUS=…`, newline-separated).
    True when it was sent; False without `$NOTIFY_SOCKET` or when sending failed."""
    address = _address()
    if address is None:
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(address)
            sock.sendall(state.encode())
    except OSError:
        log.warning("systemd notification %r not sent", state.split("\n", 1)[0], exc_info=True)
        return False
    return True


def ready(status: str = "") -> bool:
    """The service has started and does its work."""
    return notify("READY=1" + (f"\nSTATUS={status}" if status else ""))


def watchdog() -> bool:
    """The service is alive: resets the unit's watchdog timer."""
    return notify("WATCHDOG=1")


def watchdog_interval() -> float | None:
    """Seconds within which systemd expects `WATCHDOG=1` (from `WATCHDOG_USEC`), or None when
    no watchdog is armed for this process (`WATCHDOG_PID`, when set, names the process that
    systemd watches; a child that inherited the variables is not it)."""
    try:
        usec = int(os.environ.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    if usec <= 0:
        return None
    pid = os.environ.get("WATCHDOG_PID", "")
    if pid and pid != str(os.getpid()):
        return None
    return usec / 1_000_000
