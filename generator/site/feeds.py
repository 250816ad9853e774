"""An Atom feed (RFC 4287) per language of new and updated case studies.

Entries carry the dates each case file's own history gives (see `history.py`), newest change
first, so a feed reader shows a case again when its text changes. An entry whose texts were
machine-translated says so, in its summary and as a category a reader can filter on; a text
not yet translated is marked as Swedish.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ..reading.corpus import Corpus
from ..reading.model import LANGUAGES, ORIGINAL_LANGUAGE, Text
from ..reading.translation import case_status
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
        statuses = case_status(case, lang) if lang != ORIGINAL_LANGUAGE else {}
        machine = any(statuses[field].is_machine for field in ("name", "summary")
                      if field in statuses)
        summary = case.summary.get(lang) or case.summary.sv
        if machine:
            summary += " (" + gettext("machine-translated") + ")"
        lines += [
            "<entry>",
            f"<title{language_of(case.name, lang)}>"
            f"{escape(case.name.get(lang) or case.name.sv)}</title>",
            f'<link rel="alternate" type="text/html" href={quoteattr(url)}/>',
            f"<id>{escape(url)}</id>",
            f"<published>{dates.published.isoformat()}</published>",
            f"<updated>{dates.updated.isoformat()}</updated>",
            f"<summary{language_of(case.summary, lang)}>{escape(summary)}</summary>",
            *([f'<category term="machine-translated" '
               f'label={quoteattr(gettext("machine-translated"))}/>'] if machine else []),
            "</entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def language_of(text: Text, lang: str) -> str:
    """An xml:lang attribute for a text shown in Swedish because it is not yet translated."""
    return "" if text.get(lang) is not None else f' xml:lang="{ORIGINAL_LANGUAGE}"'


def feeds(corpus: Corpus, site_url: str) -> dict[str, str]:
    return {LANGUAGE_ROOTS[lang] + FEED: feed(corpus, lang, site_url) for lang in LANGUAGES}
