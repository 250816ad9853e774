"""The picture a link to a case page shows when it is shared (Open Graph: Teams, Slack,
LinkedIn, Mastodon), drawn at build time: the case's name and facts on a plain design.

Nothing is fetched: Pillow draws it, in Lato, the typeface MkDocs itself ships (its
"readthedocs" theme, SIL Open Font License), so the build needs no font installed on the
machine and every machine draws the same picture. Lato has every letter of Swedish and
English.

A picture costs about 2 ms of CPU here (drawing the letters, and compressing the rows that
have letters: `png.py`; in one hue, a palette image of shades between the background and the
ink, it is a third of the bytes of a colour one), which at a thousand cases in two languages
is seconds. So a picture is drawn only when its inputs changed: each carries the fingerprint
of its texts and of this module's code in a PNG text chunk, and the build passes in the
pictures of the last build; the preview also keeps the pictures it drew in memory.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
from collections.abc import Iterable, Mapping
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..reading.model import CaseStudy
from ..reading.registry import Registry
from .picture_texts import picture_texts
from .png import Backdrop, palette_png
from .urls import og_image_path

SIZE = (1200, 630)  # what Facebook, LinkedIn and Slack show at full width (1.91:1)
MARGIN = 80
BACKGROUND = (247, 245, 239)
INK = (30, 36, 110)  # a dark indigo; everything is a shade between it and the background
#: Shades of the ink, as palette indices: 255 is the ink itself.
FULL, MUTED = 255, 200
PALETTE = [round(BACKGROUND[c] + (INK[c] - BACKGROUND[c]) * shade / 255)
           for shade in range(256) for c in range(3)]
#: Where a picture's fingerprint is kept, and the code it covers besides the texts (this
#: module's and the PNG writer's: either changed, a picture is drawn again).
KEY_CHUNK = "ideslussar-key"
CODE = hashlib.sha256(Path(__file__).read_bytes()
                      + Path(__file__).with_name("png.py").read_bytes()).hexdigest()
TITLE_SIZES = (68, 58, 50)  # the largest at which the name fits in MAX_LINES
MAX_LINES = 4


class FontMissingError(RuntimeError):
    """MkDocs' copy of Lato is not where it was: a different MkDocs than the project pins."""


@functools.cache
def font_file(weight: str) -> Path:
    """Lato in the given weight ("bold", "normal") from the installed MkDocs."""
    spec = importlib.util.find_spec("mkdocs")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        path = Path(folder) / "themes" / "readthedocs" / "css" / "fonts" / f"lato-{weight}.woff"
        if path.is_file():
            return path
    raise FontMissingError(f"lato-{weight}.woff is not in MkDocs' readthedocs theme; "
                      "reinstall the project (pip install -e .) to get the MkDocs it pins")


@functools.lru_cache(maxsize=32)
def font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    # The basic layout: Latin letters need no shaping, and measuring a line with the complex
    # one (libraqm, where Pillow has it) took a millisecond each, most of a picture's cost.
    return ImageFont.truetype(str(font_file(weight)), size, layout_engine=ImageFont.Layout.BASIC)


@functools.lru_cache(maxsize=16384)
def length(face: ImageFont.FreeTypeFont, text: str) -> float:
    """How far `text` advances the pen: `face.getlength`, remembered (the words of the facts
    recur from picture to picture)."""
    return face.getlength(text)


@functools.lru_cache(maxsize=4096)
def kerning(face: ImageFont.FreeTypeFont, first: str, second: str) -> float:
    """What two letters side by side add to their own advances: their kerning."""
    return face.getlength(first + second) - length(face, first) - length(face, second)


def wrap(text: str, face: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """The words of `text` in lines no wider than `width`; a word wider than a line is cut
    where it reaches the edge (a name can be one long compound).

    A line's length is its words', the spaces' and the kerning where they meet: the basic
    layout advances the pen letter by letter (each by its own advance and its kerning with
    the next), in 64ths of a pixel, so the sum is exactly what `getlength` of the whole line
    gives (`tests/test_case_pages_and_data.py` checks it), without laying the line out again
    for every word added to it."""
    lines: list[str] = []
    line_length = 0.0
    space = length(face, " ")
    for word in text.split():
        word_length = length(face, word)
        if lines:
            joined = (line_length + kerning(face, lines[-1][-1], " ") + space
                      + kerning(face, " ", word[0]) + word_length)
            if joined <= width:
                lines[-1] = f"{lines[-1]} {word}"
                line_length = joined
                continue
        while word_length > width:
            cut = next(n for n in range(len(word) - 1, 0, -1)
                       if face.getlength(word[:n] + "-") <= width)
            lines.append(word[:cut] + "-")
            word = word[cut:]
            word_length = length(face, word)
        lines.append(word)
        line_length = word_length
    return lines


def title_lines(title: str, width: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The name in the largest size at which it fits; at the smallest, cut with an ellipsis."""
    for size in TITLE_SIZES:
        face = font("bold", size)
        lines = wrap(title, face, width)
        if len(lines) <= MAX_LINES:
            return face, lines
    lines = lines[:MAX_LINES]
    last = lines[-1].split()
    while len(last) > 1 and face.getlength(" ".join(last) + " …") > width:
        last.pop()
    lines[-1] = " ".join(last) + " …"
    return face, lines


def fingerprint(*texts: str) -> str:
    """What a picture is drawn from: its texts and this module's code."""
    return hashlib.sha256("\x00".join((CODE, *texts)).encode("utf-8")).hexdigest()[:32]


def fingerprint_of(png: bytes) -> str | None:
    """The fingerprint a picture drawn here carries (its text chunk is near the start)."""
    marker = KEY_CHUNK.encode("ascii") + b"\x00"
    start = png.find(marker, 0, 256)
    if start < 0:
        return None
    start += len(marker)
    return png[start:start + 32].decode("ascii", errors="replace")


#: The pictures are drawn one column wider, at the right of a column left empty: its zeros
#: are the PNG filter byte of each row, so the drawn bytes are the scanlines `png.py` writes.
DRAWN_SIZE = (SIZE[0] + 1, SIZE[1])
LEFT = MARGIN + 1


@functools.lru_cache(maxsize=8)
def background(site: str, label: str) -> tuple[Image.Image, Backdrop]:
    """What every picture of a language shares: the band, the site's name and the label, drawn
    once (their letters were a third of a picture's drawing), and its rows as `png.py`
    reuses them."""
    gray = Image.new("L", DRAWN_SIZE, 0)
    pen = ImageDraw.Draw(gray)
    pen.rectangle((1, 0, DRAWN_SIZE[0], 16), fill=FULL)
    pen.text((LEFT, 64), site.upper(), font=font("bold", 30), fill=FULL)
    pen.text((LEFT, SIZE[1] - MARGIN - 30), label, font=font("bold", 30), fill=FULL)
    return gray, Backdrop(gray.tobytes(), SIZE)


def draw_texts(canvas: Image.Image, title: str, facts: str) -> None:
    """The case's name and its facts, in shades of the ink, where every picture has them."""
    pen = ImageDraw.Draw(canvas)
    width = SIZE[0] - 2 * MARGIN
    face, lines = title_lines(title, width)
    y = 140
    for line in lines:
        pen.text((LEFT, y), line, font=face, fill=FULL)
        y += int(face.size * 1.2)
    small = font("normal", 34)
    for line in wrap(facts, small, width)[:2]:
        y += 8
        pen.text((LEFT, y), line, font=small, fill=MUTED)
        y += 42


@functools.lru_cache(maxsize=4096)
def draw(site: str, title: str, facts: str, label: str) -> bytes:
    """The picture as PNG bytes: the site's name, the case's name, its facts and a label."""
    # Drawn in grey levels, which Pillow smooths, then written as indices into the palette of
    # shades (Pillow draws palette images without smoothing). The case's texts are drawn on an
    # empty canvas, and written over the language's backdrop (`png.py`); a long name with long
    # facts can reach the label, and letters over letters are drawn over the backdrop itself.
    shared, backdrop = background(site, label)
    key = {KEY_CHUNK: fingerprint(site, title, facts, label)}
    canvas = Image.new("L", DRAWN_SIZE, 0)
    draw_texts(canvas, title, facts)
    drawn = canvas.tobytes()
    if backdrop.leaves_free(drawn):
        return palette_png(drawn, SIZE, PALETTE, key, backdrop)
    canvas = shared.copy()
    draw_texts(canvas, title, facts)
    # The grey levels are the palette's indices: the shades between background and ink.
    return palette_png(canvas.tobytes(), SIZE, PALETTE, key)


def og_images(cases: Iterable[CaseStudy], registry: Registry, lang: str,
              previous: Mapping[str, bytes]) -> dict[str, bytes]:
    """Every case's picture in one language, by its path below the language's root;
    `previous` holds the pictures of the last build by path, kept where nothing changed."""
    pictures = {}
    for case in cases:
        texts = picture_texts(case, registry, lang)
        drawn_from = (texts.site, texts.title, texts.facts, texts.label)
        path = og_image_path(case)
        known = previous.get(path)
        if known is not None and fingerprint_of(known) == fingerprint(*drawn_from):
            pictures[path] = known
        else:
            pictures[path] = draw(*drawn_from)
    return pictures
