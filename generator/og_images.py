"""The picture a link to a case page shows when it is shared (Open Graph: Teams, Slack,
LinkedIn, Mastodon), drawn at build time: the case's name and facts on a plain design.

Nothing is fetched: Pillow draws it, in Lato, the typeface MkDocs itself ships (its
"readthedocs" theme, SIL Open Font License), so the build needs no font installed on the
machine and every machine draws the same picture. Lato has every letter of Swedish and
English. A picture depends only on its texts, so the preview, which renders again on every
save, draws one again only when its texts changed.
"""

from __future__ import annotations

import functools
import importlib.util
import io
from collections.abc import Iterable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from . import i18n
from .model import CaseStudy
from .pages import case_counties, og_image_path, years
from .registry import Registry

SIZE = (1200, 630)  # what Facebook, LinkedIn and Slack show at full width (1.91:1)
MARGIN = 80
BACKGROUND = (247, 245, 239)
ACCENT = (40, 53, 147)  # the site's indigo
INK = (26, 26, 46)
MUTED = (68, 68, 78)
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
    return ImageFont.truetype(str(font_file(weight)), size)


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """The words of `text` in lines no wider than `width`; a word wider than a line stays
    whole on its own line."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and face.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def title_lines(title: str, width: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The name in the largest size at which it fits; at the smallest, cut with an ellipsis."""
    for size in TITLE_SIZES:
        face = font("bold", size)
        lines = wrap(title, face, width)
        if len(lines) <= MAX_LINES:
            return face, lines
    lines = lines[:MAX_LINES]
    lines[-1] = lines[-1] + " …"
    return face, lines


@functools.lru_cache(maxsize=4096)
def draw(site: str, title: str, facts: str, label: str) -> bytes:
    """The picture as PNG bytes: the site's name, the case's name, its facts and a label."""
    image = Image.new("RGB", SIZE, BACKGROUND)
    pen = ImageDraw.Draw(image)
    width = SIZE[0] - 2 * MARGIN
    pen.rectangle((0, 0, SIZE[0], 16), fill=ACCENT)
    pen.text((MARGIN, 64), site.upper(), font=font("bold", 30), fill=ACCENT)
    face, lines = title_lines(title, width)
    y = 140
    for line in lines:
        pen.text((MARGIN, y), line, font=face, fill=INK)
        y += int(face.size * 1.2)
    small = font("normal", 34)
    for line in wrap(facts, small, width)[:2]:
        y += 8
        pen.text((MARGIN, y), line, font=small, fill=MUTED)
        y += 42
    pen.text((MARGIN, SIZE[1] - MARGIN - 30), label, font=font("bold", 30), fill=ACCENT)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=False, compress_level=6)
    return buffer.getvalue()


def og_images(cases: Iterable[CaseStudy], registry: Registry, lang: str) -> dict[str, bytes]:
    """Every case's picture in one language, by its path below the language's root."""
    gettext = i18n.translations(lang).gettext
    site = gettext("Idea sluices in municipalities")
    label = gettext("Case study")
    pictures = {}
    for case in cases:
        where = [county.name_in(lang) for county in case_counties(case, registry)]
        facts = " · ".join([*where, *([years(case)] if years(case) else [])])
        pictures[og_image_path(case)] = draw(site, case.name.get(lang) or case.name.sv,
                                             facts, label)
    return pictures
