"""The seal of the build's own work-folder files: the CRC-32 of a file's bytes before them.

A file of the work folder whose bytes changed in place (a damaged disk, a cache restored
half-way) can often still be read, as values no build made: cases with texts no file has,
search entries with words no page has, template code that runs. Sealed, it is refused
instead, and the build does the work the file was to spare it.
"""

from __future__ import annotations

import zlib


def sealed(data: bytes) -> bytes:
    """A file of the work folder: the CRC-32 of `data`, then `data`."""
    return zlib.crc32(data).to_bytes(4, "big") + data


def unsealed(data: bytes) -> memoryview:
    """What `sealed` sealed (a view, not a copy of megabytes); ValueError if the file is not
    that (damaged since)."""
    body = memoryview(data)[4:]
    if zlib.crc32(body).to_bytes(4, "big") != data[:4]:
        raise ValueError("a damaged work-folder file")
    return body
