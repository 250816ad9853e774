"""Slugs: the file name of a case study, which is also its page's name in every language."""

from __future__ import annotations

import re
import unicodedata

from .languages import LANGUAGES
from .problems import N_, Problem

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG_LENGTH = 64
#: Slugs that would take the place of a page or folder of the site (`index` is the overview
#: of the case pages' folder).
RESERVED_SLUGS = frozenset((*LANGUAGES, "index", "assets", "search", "data", "lan", "teman",
                            "bilder", "ideslussar", "404", "sitemap", "feed"))


def slugify(name: str) -> str:
    """A slug suggestion from a file name or a title: 'Idérum Lerum' -> 'iderum-lerum'."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "case"


def slug_problems(file: str, slug: str) -> list[Problem]:
    """A well-formed slug that is too long for a file name or reserved for the site."""
    if len(slug) > MAX_SLUG_LENGTH:
        return [Problem(file, 1, 1, "", N_("the file name has {count} characters"),
                        N_("a file name has at most {limit} characters: shorten it"),
                        {"count": len(slug), "limit": MAX_SLUG_LENGTH})]
    if slug in RESERVED_SLUGS:
        return [Problem(file, 1, 1, "", N_('the file name "{slug}" is reserved for the site'),
                        N_("name the file after the idea sluice, such as {example}.yml"),
                        {"slug": slug, "example": "iderum-lerum"})]
    return []
