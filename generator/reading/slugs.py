"""Slugs: the file name of a case study, which is also its page's name in every language."""

from __future__ import annotations

import re
import unicodedata

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(name: str) -> str:
    """A slug suggestion from a file name or a title: 'Idérum Lerum' -> 'iderum-lerum'."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "case"
