"""Sitemaps with hreflang alternates: one for the whole site, and one per folder of pages.

The site-wide `sitemap.xml` lists every page of both languages, each with its counterparts,
as search engines want. Each folder also gets a sitemap of its own pages, because Material's
script looks for `sitemap.xml` next to each `hreflang` alternate a page declares; without one
there every page view would log a failed request.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from ..reading.model import LANGUAGES
from .urls import LANGUAGE_ROOTS, html_path

HEADER = ('<?xml version="1.0" encoding="UTF-8"?>\n'
          '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
          'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n')


def public_path(lang: str, md_path: str) -> str:
    """A page's path below the site root as people link to it ("en/ideslussar/")."""
    path = LANGUAGE_ROOTS[lang] + html_path(md_path)
    return path.removesuffix("index.html")


def url_entry(root_url: str, lang: str, md_path: str) -> str:
    alternates = "".join(
        f'<xhtml:link rel="alternate" hreflang="{other}" '
        f"href={quoteattr(root_url + public_path(other, md_path))}/>"
        for other in LANGUAGES
    )
    return f"<url><loc>{escape(root_url + public_path(lang, md_path))}</loc>{alternates}</url>\n"


def sitemaps(root_url: str, md_paths: Iterable[str]) -> dict[str, str]:
    """Every sitemap by its path in the site: "sitemap.xml", "en/ideslussar/sitemap.xml"."""
    root_url = root_url.rstrip("/") + "/"
    folders: dict[str, list[str]] = {}
    everything = []
    for md_path in sorted(md_paths):
        for lang in LANGUAGES:
            entry = url_entry(root_url, lang, md_path)
            everything.append(entry)
            folder = posixpath.dirname(LANGUAGE_ROOTS[lang] + md_path)
            folders.setdefault(folder, []).append(entry)
    files = {posixpath.join(folder, "sitemap.xml"): HEADER + "".join(entries) + "</urlset>\n"
             for folder, entries in folders.items() if folder}
    files["sitemap.xml"] = HEADER + "".join(everything) + "</urlset>\n"
    return files
