"""The link-preview pictures' PNG writer (`generator/site/png.py`): whatever runs of drawn rows
and rows shown from the backdrop a picture has, any reader (here Pillow, and zlib itself,
which checks the Adler-32 that Pillow may not reach) gets back exactly the indices, the
palette and the text chunks that were written."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from generator.site.png import Backdrop, adler32_combine, palette_png

WIDTH, HEIGHT = 40, 12
PALETTE = [value for shade in range(256) for value in (shade, 255 - shade, shade // 2)]


def picture(drawn_rows: set[int], seed: int = 7) -> bytes:
    """Indices row by row: the rows in `drawn_rows` hold a ramp of shades, the others 0."""
    return b"".join(bytes((column * seed + row) % 256 for column in range(WIDTH))
                    if row in drawn_rows else bytes(WIDTH) for row in range(HEIGHT))


def scanlines(pixels: bytes) -> bytes:
    """The indices as PNG scanlines: each row after its filter byte 0."""
    return b"".join(b"\x00" + pixels[row * WIDTH:(row + 1) * WIDTH] for row in range(HEIGHT))


def image_data(png: bytes) -> bytes:
    """The concatenated IDAT chunks of a PNG."""
    data, at = b"", 8
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at:at + 8])
        if kind == b"IDAT":
            data += png[at + 8:at + 8 + length]
        at += 12 + length
    return data


def read_back(png: bytes, pixels: bytes) -> None:
    """Pillow reads the written indices, palette and text; zlib the whole stream, checksum
    included."""
    with Image.open(io.BytesIO(png)) as read:
        read.load()
        assert (read.format, read.mode, read.size) == ("PNG", "P", (WIDTH, HEIGHT))
        assert read.tobytes() == pixels
        assert read.getpalette() == PALETTE
        assert read.info["ideslussar-key"] == "abc123"
    assert zlib.decompress(image_data(png)) == scanlines(pixels)
    assert png.find(b"ideslussar-key\x00abc123", 0, 256) > 0  # where og_images looks for it


@pytest.mark.parametrize("drawn_rows", [set(), set(range(HEIGHT)), {0}, {HEIGHT - 1},
                                        {0, 1, 5, 6, 7, HEIGHT - 1}, {3, 9}])
def test_a_reader_gets_back_what_was_written(drawn_rows: set[int]) -> None:
    pixels = picture(drawn_rows)
    read_back(palette_png(scanlines(pixels), (WIDTH, HEIGHT), PALETTE,
                          {"ideslussar-key": "abc123"}), pixels)


@pytest.mark.parametrize("drawn_rows", [set(), {2}, {2, 3, 4}, {5}, {2, 3, 4, 5, 7, 8, 9, 10}])
def test_rows_of_the_backdrop_are_reused_and_read_back(drawn_rows: set[int]) -> None:
    # The backdrop has a band, a line and a last row of its own; the picture draws in some
    # of its empty rows and shows the backdrop's everywhere else, twice (pieces reused).
    backdrop_pixels = picture({0, 1, 6, HEIGHT - 1}, seed=3)
    backdrop = Backdrop(scanlines(backdrop_pixels), (WIDTH, HEIGHT))
    drawn = picture(drawn_rows)
    pixels = b"".join(drawn[row * WIDTH:(row + 1) * WIDTH] if row in drawn_rows
                      else backdrop_pixels[row * WIDTH:(row + 1) * WIDTH]
                      for row in range(HEIGHT))
    for _ in range(2):
        read_back(palette_png(scanlines(drawn), (WIDTH, HEIGHT), PALETTE,
                              {"ideslussar-key": "abc123"}, backdrop), pixels)


@pytest.mark.parametrize("drawn_rows", [{0}, {5, 6}, {HEIGHT - 1}])
def test_drawing_over_the_backdrops_own_rows_is_refused(drawn_rows: set[int]) -> None:
    backdrop = Backdrop(scanlines(picture({0, 1, 6, HEIGHT - 1}, seed=3)), (WIDTH, HEIGHT))
    drawn = scanlines(picture(drawn_rows))
    assert not backdrop.leaves_free(drawn)
    with pytest.raises(ValueError, match="backdrop has letters"):
        palette_png(drawn, (WIDTH, HEIGHT), PALETTE, {}, backdrop)


def test_checksums_combine_as_zlib_computes_them() -> None:
    for first, second in [(b"", b""), (b"a", b""), (b"", b"xyz"), (b"\xff" * 70000, b"\x01" * 5),
                          (bytes(range(256)) * 300, bytes(65521 * 2 + 7))]:
        assert adler32_combine(zlib.adler32(first), zlib.adler32(second), len(second)) \
            == zlib.adler32(first + second)


def test_rows_without_the_filter_byte_are_refused() -> None:
    with pytest.raises(ValueError, match="filter byte"):
        palette_png(b"\x01" + bytes((WIDTH + 1) * HEIGHT - 1), (WIDTH, HEIGHT), PALETTE, {})
    with pytest.raises(ValueError, match="scanlines"):
        palette_png(bytes(WIDTH * HEIGHT), (WIDTH, HEIGHT), PALETTE, {})


def test_a_damaged_picture_is_refused() -> None:
    png = bytearray(palette_png(scanlines(picture({2, 3})), (WIDTH, HEIGHT), PALETTE, {}))
    png[-30] ^= 0xFF  # a byte of the compressed rows
    with pytest.raises((OSError, SyntaxError)), Image.open(io.BytesIO(bytes(png))) as read:
        read.load()
