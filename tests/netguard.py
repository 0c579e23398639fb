"""A network block for tests: any connection or name lookup beyond this machine fails.

Setting ``HF_HUB_OFFLINE`` and friends only asks a library to behave; this proves it did.
An audit hook (PEP 578) sees every ``socket.connect`` and ``socket.getaddrinfo`` a Python
process makes, whichever library makes it, and cannot be removed once added. While armed it
records the attempt and raises, so a download attempt both fails and is reported.

In the test process use :func:`blocked` (armed only inside the ``with``); for a subprocess,
:func:`subprocess_env` puts a ``sitecustomize`` on its path that arms the hook for the
whole process and appends every attempt to a log file the test reads.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}
_attempts: list[str] | None = None  # None: disarmed
_installed = False


def is_local(host: Any) -> bool:
    """Whether a host (name, address or Unix socket path) stays on this machine.

    Examples
    --------
    >>> is_local("127.0.0.1"), is_local("huggingface.co"), is_local("::1")
    (True, False, True)
    """
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    host = str(host).strip("[]").lower()
    if host in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def describe(event: str, args: tuple) -> str | None:
    """The attempt an audit event makes, or None when it stays on this machine."""
    if event == "socket.getaddrinfo":
        host, port = args[0], args[1]
        return None if is_local(host) else f"look up {host}:{port}"
    if event == "socket.connect":
        sock, address = args[0], args[1]
        if getattr(sock, "family", None) == getattr(socket, "AF_UNIX", object()):
            return None
        if isinstance(address, tuple) and address and not is_local(address[0]):
            return f"connect to {address[0]}:{address[1] if len(address) > 1 else ''}"
    return None


def _hook(event: str, args: tuple) -> None:
    if _attempts is None or not event.startswith("socket."):
        return
    attempt = describe(event, args)
    if attempt is not None:
        _attempts.append(attempt)
        raise OSError(f"network blocked by the test: {attempt}")


@contextmanager
def blocked() -> Iterator[list[str]]:
    """Block the network beyond this machine inside the ``with``; yields the attempts."""
    global _attempts, _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True
    _attempts = []
    try:
        yield _attempts
    finally:
        _attempts = None


_SITE = '''\
import os, sys
sys.path.insert(0, {folder!r})
import netguard
_log = os.environ["SYNTHESIS_NETGUARD_LOG"]
with open(_log, "a", encoding="utf-8") as f:
    f.write("armed\\n")
def _record(event, args, _describe=netguard.describe):
    if not event.startswith("socket."):
        return
    attempt = _describe(event, args)
    if attempt is not None:
        with open(_log, "a", encoding="utf-8") as f:
            f.write(attempt + "\\n")
        raise OSError("network blocked by the test: " + attempt)
sys.addaudithook(_record)
'''


def subprocess_env(folder: Path, log: Path, **extra: str) -> dict[str, str]:
    """An environment whose Python processes block the network and log every attempt.

    The log's first line is ``armed`` once the block is in place, so a test can tell an
    empty log from a block that never loaded.
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(
        _SITE.format(folder=str(Path(__file__).resolve().parent)), encoding="utf-8")
    env = {**os.environ, **extra, "SYNTHESIS_NETGUARD_LOG": str(log)}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(folder), env.get("PYTHONPATH")) if p)
    return env
