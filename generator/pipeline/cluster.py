"""A dask.distributed cluster as a run's executor, reached in bounded time.

dask's client trusts what answers at the address: a web server (the dashboard's
port 8787 instead of 8786) or a server that accepts and never answers keeps it
waiting for minutes, and bytes that are no Dask frame are read as a frame
length. So the address is checked first (a malformed one is a usage error),
then the scheduler's greeting is read on a plain socket with a timeout (a Dask
scheduler speaks first, a web server waits for a request), and only then is
the client connected; a scheduler without workers is waited for, said so, up
to a bound.
"""

from __future__ import annotations

import os
import re
import socket
import struct
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass

from generator.errors import OutputError, UsageError
from generator.messages import message

#: Seconds to wait for the scheduler's greeting, and for a first worker.
DEFAULT_TIMEOUT = 60.0
HANDSHAKE_TIMEOUT = 10.0
#: A Dask message starts with its length; a greeting is far smaller than this.
_MAX_GREETING = 1 << 20

_ADDRESS = re.compile(
    r"(?:(?P<scheme>[a-z]+)://)?(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):(?P<port>\d{1,5})"
)
_SCHEMES = ("tcp", "tls")


@dataclass(frozen=True)
class Address:
    scheme: str
    host: str
    port: int

    def __str__(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"


def parse_address(text: str) -> Address:
    """``tcp://host:port`` (or ``host:port``, or ``tls://``), else a usage error naming it."""
    match = _ADDRESS.fullmatch(text.strip())
    scheme = (match.group("scheme") or "tcp") if match else ""
    port = int(match.group("port")) if match else 0
    if match is None or scheme not in _SCHEMES or not 0 < port < 65536:
        raise UsageError(message("bad_scheduler_address", address=text))
    return Address(scheme, match.group("host"), port)


def timeout() -> float:
    """``GIAOBAN_SCHEDULER_TIMEOUT`` seconds, else the default: how long a run waits for a
    cluster before it gives up."""
    try:
        value = float(os.environ.get("GIAOBAN_SCHEDULER_TIMEOUT", DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if 0 < value < 86_400 else DEFAULT_TIMEOUT


def _greeted(address: Address, seconds: float) -> None:
    """Whether a Dask scheduler answers at ``address``: it greets first, with a message
    whose first eight bytes are its length; anything else is not one."""
    host = address.host.strip("[]")
    try:
        with socket.create_connection((host, address.port), timeout=seconds) as probe:
            head = b""
            while len(head) < 8:
                chunk = probe.recv(8 - len(head))
                if not chunk:
                    break
                head += chunk
    except TimeoutError as e:
        raise OutputError(message("scheduler_silent", address=address, seconds=seconds)) from e
    except OSError as e:
        reason = e.strerror or type(e).__name__
        detail = message("scheduler_unreachable", address=address, reason=reason)
        raise OutputError(detail) from e
    if len(head) < 8 or not 0 < struct.unpack("<Q", head)[0] < _MAX_GREETING:
        raise OutputError(message("not_a_scheduler", address=address))


@contextmanager
def cluster_executor(text: str, notify: Callable[[str], None]) -> Iterator[Executor]:
    """The executor of the scheduler at ``text``, with at least one worker, or a clear
    error in bounded time: 2 for an address that is none, 3 for a cluster not there."""
    address = parse_address(text)
    try:
        from distributed import Client
    except ImportError as e:
        raise UsageError(message("no_distributed")) from e
    limit = timeout()
    if address.scheme == "tcp":  # TLS speaks only after the client's hello
        _greeted(address, min(HANDSHAKE_TIMEOUT, limit))
    try:
        client = Client(str(address), timeout=limit)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as e:
        reason = str(e) or type(e).__name__
        raise OutputError(message("scheduler_unreachable", address=address, reason=reason)) from e
    with client:
        if not client.scheduler_info().get("workers"):
            notify(message("waiting_for_workers", address=address))
            try:
                client.wait_for_workers(1, timeout=limit)
            except TimeoutError as e:
                detail = message("no_workers", address=address, seconds=limit)
                raise OutputError(detail) from e
        yield client.get_executor()  # type: ignore[no-untyped-call]
