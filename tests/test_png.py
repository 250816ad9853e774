"""The link-preview pictures' PNG writer (`generator/site/png.py`): whatever runs of empty and
drawn rows a picture has, any reader (here Pillow, which checks every CRC and the Adler-32)
gets back exactly the indices, the palette and the text chunks that were written."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from generator.site.png import palette_png

WIDTH, HEIGHT = 40, 12
PALETTE = [value for shade in range(256) for value in (shade, 255 - shade, shade // 2)]


def picture(drawn_rows: set[int]) -> bytes:
    """Indices row by row: the rows in `drawn_rows` hold a ramp of shades, the others 0."""
    return b"".join(bytes((column * 7 + row) % 256 for column in range(WIDTH))
                    if row in drawn_rows else bytes(WIDTH) for row in range(HEIGHT))


@pytest.mark.parametrize("drawn_rows", [set(), set(range(HEIGHT)), {0}, {HEIGHT - 1},
                                        {0, 1, 5, 6, 7, HEIGHT - 1}, {3, 9}])
def test_a_reader_gets_back_what_was_written(drawn_rows: set[int]) -> None:
    pixels = picture(drawn_rows)
    png = palette_png(pixels, (WIDTH, HEIGHT), PALETTE, {"ideslussar-key": "abc123"})
    with Image.open(io.BytesIO(png)) as read:
        read.load()
        assert (read.format, read.mode, read.size) == ("PNG", "P", (WIDTH, HEIGHT))
        assert read.tobytes() == pixels
        assert read.getpalette() == PALETTE
        assert read.info["ideslussar-key"] == "abc123"
    assert png.find(b"ideslussar-key\x00abc123", 0, 256) > 0  # where og_images looks for it


def test_a_damaged_picture_is_refused() -> None:
    png = bytearray(palette_png(picture({2, 3}), (WIDTH, HEIGHT), PALETTE, {}))
    png[-30] ^= 0xFF  # a byte of the compressed rows
    with pytest.raises((OSError, SyntaxError)), Image.open(io.BytesIO(bytes(png))) as read:
        read.load()
