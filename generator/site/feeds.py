"""An Atom feed (RFC 4287) per language of new and updated case studies.

Entries carry the dates the repository's history gives (see `history.py`), newest change
first, so a feed reader shows a case again when its text changes.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ..reading.corpus import Corpus
from ..reading.model import LANGUAGES
from . import i18n
from .urls import FEED, LANGUAGE_ROOTS, case_path, html_path

MAX_ENTRIES = 50


def feed(corpus: Corpus, lang: str, site_url: str) -> str:
    root = site_url.rstrip("/") + "/"
    base = root + LANGUAGE_ROOTS[lang]
    gettext = i18n.site_translations(lang).gettext
    cases = sorted(corpus.cases, key=lambda c: (corpus.dates[c.slug].updated, c.slug),
                   reverse=True)[:MAX_ENTRIES]
    updated = max((corpus.dates[c.slug].updated for c in cases), default=None)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">',
        f"<title>{escape(gettext('Idea sluices in municipalities'))}</title>",
        f"<subtitle>{escape(gettext('New and updated case studies'))}</subtitle>",
        f"<id>{escape(base + FEED)}</id>",
        f'<link rel="self" type="application/atom+xml" href={quoteattr(base + FEED)}/>',
        f'<link rel="alternate" type="text/html" href={quoteattr(base)}/>',
        f"<updated>{(updated.isoformat() if updated else '1970-01-01T00:00:00+00:00')}</updated>",
        f"<author><name>{escape(gettext('Idea sluices in municipalities'))}</name></author>",
    ]
    for case in cases:
        url = base + html_path(case_path(case))
        dates = corpus.dates[case.slug]
        name = case.name.get(lang) or case.name.sv
        summary = case.summary.get(lang) or case.summary.sv
        lines += [
            "<entry>",
            f"<title>{escape(name)}</title>",
            f'<link rel="alternate" type="text/html" href={quoteattr(url)}/>',
            f"<id>{escape(url)}</id>",
            f"<published>{dates.published.isoformat()}</published>",
            f"<updated>{dates.updated.isoformat()}</updated>",
            f"<summary>{escape(summary)}</summary>",
            "</entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def feeds(corpus: Corpus, site_url: str) -> dict[str, str]:
    return {LANGUAGE_ROOTS[lang] + FEED: feed(corpus, lang, site_url) for lang in LANGUAGES}
