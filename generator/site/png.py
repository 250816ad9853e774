"""PNG files of palette pictures that are mostly empty, written without compressing the
empty part again for every picture.

A link-preview picture (`og_images.py`) is 1,200 × 630 palette indices, and about half of its
rows are the background only. Compressing all 756,000 bytes was half of drawing a picture;
here each run of background rows is a piece of Deflate compressed once per length and
reused, and only the rows with letters go through zlib. Both kinds of piece end on a full
flush (byte-aligned, referring to nothing before them), so they can follow each other in one
zlib stream, which any PNG reader decodes as usual (`tests/test_case_pages_and_data.py` reads
the pictures back with Pillow).
"""

from __future__ import annotations

import functools
import struct
import zlib
from collections.abc import Sequence

SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: A zlib stream's first two bytes: Deflate with a 32 KB window, "fastest" compression.
ZLIB_HEADER = b"\x78\x01"
LEVEL = 1


def chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data and the CRC of type and data."""
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind))))


def compressor() -> zlib._Compress:
    """Raw Deflate (no zlib header: the stream has one header for all its pieces), with
    run-length matching, which suits rows of few shades."""
    return zlib.compressobj(LEVEL, zlib.DEFLATED, -15, 9, zlib.Z_RLE)


@functools.lru_cache(maxsize=1024)
def empty_rows(width: int, count: int) -> tuple[bytes, int]:
    """`count` rows of index 0 (each with its filter byte), compressed and ended on a full
    flush, and their Adler-32 (to be combined, so it is computed over the rows themselves)."""
    rows = bytes((width + 1) * count)
    pack = compressor()
    return pack.compress(rows) + pack.flush(zlib.Z_FULL_FLUSH), len(rows)


def palette_png(pixels: bytes, size: tuple[int, int], palette: Sequence[int],
                texts: dict[str, str]) -> bytes:
    """A PNG of 8-bit palette indices (`pixels`, row by row) with `palette` (r, g, b, ...)
    and Latin-1 text chunks, placed before the palette so a reader finds them early."""
    width, height = size
    empty_row = bytes(width)
    pieces = [ZLIB_HEADER]
    pack = compressor()
    checksum = 1
    row = 0
    while row < height:
        start = row
        while row < height and pixels.startswith(empty_row, row * width):
            row += 1
        if row > start:
            piece, length = empty_rows(width, row - start)
            pieces.append(piece)
            checksum = zlib.adler32(bytes(length), checksum)
            continue
        while row < height and not pixels.startswith(empty_row, row * width):
            row += 1
        rows = b"".join(b"\x00" + pixels[number * width:(number + 1) * width]
                        for number in range(start, row))
        pieces.append(pack.compress(rows) + pack.flush(zlib.Z_FULL_FLUSH))
        checksum = zlib.adler32(rows, checksum)
    pieces.append(pack.flush(zlib.Z_FINISH))
    pieces.append(struct.pack(">I", checksum))
    header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)  # 8 bits, palette
    return b"".join([SIGNATURE, chunk(b"IHDR", header),
                     *(chunk(b"tEXt", key.encode("latin-1") + b"\x00" + value.encode("latin-1"))
                       for key, value in texts.items()),
                     chunk(b"PLTE", bytes(palette)), chunk(b"IDAT", b"".join(pieces)),
                     chunk(b"IEND", b"")])
