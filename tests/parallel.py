"""Running the tests in two processes at once (pytest-xdist: `make test` runs `pytest -n 2`).

The browser checks serve the built site at http://127.0.0.1:8765/, the address the site is
built for (canonical links, hreflang alternates and the sitemaps Material reads all name it),
so two processes cannot both serve it in one network. Each worker therefore moves into a
network of its own, as `unshare -n` does, with only its own loopback: both serve the site at
the same address, neither sees the other's server, and nothing of the tests changes. That
takes root (CI runs as root); where a worker cannot have its own network, every browser
check goes to one worker (the group "browser") and the others run the rest.

Without `-n` (one process, as `make check` and a developer's `pytest` run) nothing here acts.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import socket
import struct
import sys

import pytest

CLONE_NEWNET = 0x40000000
SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1
IFREQ = "16sh22x"  # struct ifreq: the interface's name, then its flags

_own_network: list[bool] = []


def worker() -> str | None:
    """The name of this xdist worker ("gw0", "gw1"), or None in a run of one process."""
    return os.environ.get("PYTEST_XDIST_WORKER")


def enter_own_network() -> bool:
    """Move this process (the thread that runs the tests, and every program it starts from
    now on: Chromium, Lighthouse) into a new network namespace with its loopback up. False
    where the system does not allow it (not Linux, not root): nothing is changed then."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWNET) != 0:
        return False
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        asked = fcntl.ioctl(sock, SIOCGIFFLAGS, struct.pack(IFREQ, b"lo", 0))
        flags = struct.unpack(IFREQ, asked)[1]
        fcntl.ioctl(sock, SIOCSIFFLAGS, struct.pack(IFREQ, b"lo", flags | IFF_UP))
    return True


def pytest_configure(config: pytest.Config) -> None:
    if worker() is not None:
        _own_network.append(enter_own_network())


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A worker without a network of its own: the browser checks all go to one worker
    (`--dist loadgroup` keeps a group together), so only one serves the site."""
    if worker() is None or all(_own_network):
        return
    for item in items:
        if item.get_closest_marker("browser") is not None:
            item.add_marker(pytest.mark.xdist_group("browser"))
