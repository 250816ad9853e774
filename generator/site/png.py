"""PNG files of palette pictures drawn over a shared backdrop, written without compressing the
backdrop's rows again for every picture.

A link-preview picture (`og_images.py`) is 1,200 × 630 palette indices; about two thirds of
its rows are the backdrop's (empty, or the band, site name and label every picture of a
language shares). Compressing all 756,000 bytes was half of drawing a picture; here each run
of rows that are the backdrop's is a piece of Deflate compressed once per place and length
and reused, and only the picture's own rows go through zlib. Both kinds of piece end on a
full flush (byte-aligned, referring to nothing before them), so they can follow each other in
one zlib stream, which any PNG reader decodes as usual (`tests/test_png.py` reads pictures
back with Pillow). The stream's Adler-32 is combined from the pieces' own, as zlib does.

A picture comes as what is drawn over the backdrop's empty rows, on an empty canvas (cheaper
to make than a copy of the backdrop): a row of zeros shows the backdrop's row. The rows come
as PNG scanlines: each starts with its filter byte, always 0 (none), so a picture drawn one
column wider, that column left empty, is written as its bytes are.
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
#: Adler-32's modulus.
ADLER_BASE = 65521


def chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data and the CRC of type and data."""
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind))))


def compressor() -> zlib._Compress:
    """Raw Deflate (no zlib header: the stream has one header for all its pieces), with
    run-length matching, which suits rows of few shades."""
    return zlib.compressobj(LEVEL, zlib.DEFLATED, -15, 9, zlib.Z_RLE)


def adler32_combine(first: int, second: int, second_length: int) -> int:
    """The Adler-32 of two byte strings one after the other, from each one's own (zlib's
    `adler32_combine`, which Python's zlib does not offer)."""
    rem = second_length % ADLER_BASE
    low = (first & 0xFFFF) + (second & 0xFFFF) + ADLER_BASE - 1
    high = (rem * (first & 0xFFFF) + (first >> 16) + (second >> 16) + ADLER_BASE - rem)
    return (low % ADLER_BASE) | ((high % ADLER_BASE) << 16)


class Backdrop:
    """The scanlines pictures are drawn over, and its runs of rows compressed, each once."""

    def __init__(self, scanlines: bytes, size: tuple[int, int]) -> None:
        width, height = size
        self.stride = width + 1
        if len(scanlines) != self.stride * height:
            raise ValueError(f"{len(scanlines)} bytes are not {height} scanlines of {width}")
        self.scanlines = scanlines
        empty = bytes(self.stride)
        #: The rows with something of the backdrop's own: nothing may be drawn over them.
        self.occupied = frozenset(row for row in range(height)
                                  if not scanlines.startswith(empty, row * self.stride))
        self._runs: dict[tuple[int, int], tuple[bytes, int]] = {}

    def run(self, start: int, count: int) -> tuple[bytes, int]:
        """Rows `start` to `start + count` compressed and ended on a full flush, with their
        Adler-32."""
        known = self._runs.get((start, count))
        if known is None:
            rows = self.scanlines[start * self.stride:(start + count) * self.stride]
            pack = compressor()
            known = (pack.compress(rows) + pack.flush(zlib.Z_FULL_FLUSH), zlib.adler32(rows))
            self._runs[(start, count)] = known
        return known

    def leaves_free(self, drawn: bytes) -> bool:
        """Whether `drawn` (scanlines of the same size) has nothing in the backdrop's own
        rows, so that the picture is the backdrop with `drawn` in its empty rows."""
        empty = bytes(self.stride)
        return all(drawn.startswith(empty, row * self.stride) for row in self.occupied)


@functools.lru_cache(maxsize=8)
def empty_backdrop(width: int, height: int) -> Backdrop:
    """Nothing drawn: every index 0."""
    return Backdrop(bytes((width + 1) * height), (width, height))


def palette_png(drawn: bytes, size: tuple[int, int], palette: Sequence[int],
                texts: dict[str, str], backdrop: Backdrop | None = None) -> bytes:
    """A PNG of 8-bit palette indices with `palette` (r, g, b, ...) and Latin-1 text chunks,
    placed before the palette so a reader finds them early: the `backdrop`'s rows, and where
    the backdrop's row is empty the row `drawn` has there (`drawn`: scanlines, row by row,
    each after its filter byte 0; a row of zeros is the backdrop's)."""
    width, height = size
    backdrop = backdrop or empty_backdrop(width, height)
    stride = width + 1
    if len(drawn) != stride * height or backdrop.stride != stride:
        raise ValueError(f"{len(drawn)} bytes are not {height} scanlines of {width}")
    if drawn[::stride] != bytes(height):
        raise ValueError("every scanline must start with the filter byte 0")
    if not backdrop.leaves_free(drawn):
        raise ValueError("something is drawn in a row the backdrop has letters in")
    empty = bytes(stride)
    pieces = [ZLIB_HEADER]
    pack = compressor()
    checksum = 1
    row = 0
    while row < height:
        start = row
        while row < height and drawn.startswith(empty, row * stride):
            row += 1
        if row > start:
            piece, adler = backdrop.run(start, row - start)
            pieces.append(piece)
            checksum = adler32_combine(checksum, adler, (row - start) * stride)
            continue
        while row < height and not drawn.startswith(empty, row * stride):
            row += 1
        rows = drawn[start * stride:row * stride]
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
