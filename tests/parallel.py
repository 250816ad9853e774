"""Running the tests in two processes at once (pytest-xdist: `make test` runs `pytest -n 2`).

The browser checks serve the built site at http://127.0.0.1:8765/, the address the site is
built for (canonical links, hreflang alternates and the sitemaps Material reads all name it),
so two processes cannot both serve it in one network. Each worker therefore moves into a
network of its own, as `unshare -n` does, with only its own loopback: both serve the site at
the same address, neither sees the other's server, and nothing of the tests changes. That
takes root (CI runs as root); where a process cannot have a network of its own (not root,
not Linux), the run stays in one process, as without `-n`.

Without `-n` (one process, as `make check` and a developer's `pytest` run) nothing here acts.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import socket
import struct
import subprocess
import sys
from pathlib import Path

import pytest

CLONE_NEWNET = 0x40000000
SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1
IFREQ = "16sh22x"  # struct ifreq: the interface's name, then its flags


def worker() -> str | None:
    """The name of this xdist worker ("gw0", "gw1"), or None in the process that leads."""
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


def workers_get_own_networks() -> bool:
    """Whether a worker will manage it: tried in a short-lived process, since a namespace,
    once entered, is not left."""
    tried = subprocess.run([sys.executable, "-c", "import sys, tests.parallel as p; "
                            "sys.exit(0 if p.enter_own_network() else 1)"],
                           cwd=Path(__file__).resolve().parent.parent, check=False,
                           capture_output=True)
    return tried.returncode == 0


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    if worker() is not None:
        if not enter_own_network():
            raise pytest.UsageError(f"{worker()}: no network namespace of its own for the "
                                    "browser checks' server; run without -n")
    elif config.getoption("numprocesses", None) and not workers_get_own_networks():
        # Two servers at 127.0.0.1:8765 in one network: one process, as without -n.
        config.option.numprocesses = 0
        config.option.dist = "no"
