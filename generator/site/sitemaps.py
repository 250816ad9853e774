"""Sitemaps with hreflang alternates: a site-wide index, a sitemap per section, and a small
index in each folder.

Search engines get every page of both languages, each with its counterparts, from the
sitemaps the site-wide `sitemap.xml` index lists: one per language and folder
(`sitemap-sv-ideslussar.xml`), at the root, because a sitemap may list only addresses below
its own folder and the alternates cross languages. `robots.txt` names the index (crawlers read
it only at the root of a host: deployed below a path, it does no harm).

Why the folders' `sitemap.xml` are indexes and not the lists themselves: Material's script
fetches and parses `sitemap.xml` next to every `<link rel="alternate">` of every page (the
hreflang links, the feed link) to map pages between languages, which this site does with
build-time links instead. With the lists there, every page view fetched and parsed the
site-wide list (665 KB at 1,000 cases) and its folder's (320 KB); now it reads an index of a
few hundred bytes (no `<url>` for Material to map), and a missing file logs no error.
"""

from __future__ import annotations

import datetime
import posixpath
from collections.abc import Iterable, Mapping
from xml.sax.saxutils import escape, quoteattr

from ..reading.model import LANGUAGES
from .urls import LANGUAGE_ROOTS, html_path

HEADER = ('<?xml version="1.0" encoding="UTF-8"?>\n'
          '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
          'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n')
INDEX_HEADER = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n')
#: What a folder's index is called: the name Material looks for, the one crawlers expect.
INDEX = "sitemap.xml"


def public_path(lang: str, md_path: str) -> str:
    """A page's path below the site root as people link to it ("en/ideslussar/")."""
    path = LANGUAGE_ROOTS[lang] + html_path(md_path)
    return path.removesuffix("index.html")


def url_entry(root_url: str, lang: str, md_path: str,
              lastmod: datetime.datetime | None = None) -> str:
    changed = f"<lastmod>{lastmod.isoformat()}</lastmod>" if lastmod else ""
    alternates = "".join(
        f'<xhtml:link rel="alternate" hreflang="{other}" '
        f"href={quoteattr(root_url + public_path(other, md_path))}/>"
        for other in LANGUAGES
    )
    return (f"<url><loc>{escape(root_url + public_path(lang, md_path))}</loc>{changed}"
            f"{alternates}</url>\n")


def section_name(lang: str, md_folder: str) -> str:
    """The root-level file of one language's folder: "sitemap-sv.xml", "sitemap-en-lan.xml"."""
    parts = [lang, *(part for part in md_folder.split("/") if part)]
    return f"sitemap-{'-'.join(parts)}.xml"


def sitemap_index(root_url: str, names: Iterable[str]) -> str:
    """A sitemap index listing the root-level sitemaps `names`."""
    entries = "".join(f"<sitemap><loc>{escape(root_url + name)}</loc></sitemap>\n"
                      for name in names)
    return INDEX_HEADER + entries + "</sitemapindex>\n"


def sitemaps(root_url: str, md_paths: Iterable[str],
             lastmod: Mapping[str, datetime.datetime] | None = None) -> dict[str, str]:
    """Every sitemap and index by its path in the site: "sitemap.xml" (the site-wide index),
    "sitemap-en-ideslussar.xml" (a section), "en/ideslussar/sitemap.xml" (a folder's index).

    `lastmod` dates pages by their source path: a case page by its case file's history."""
    root_url = root_url.rstrip("/") + "/"
    sections: dict[str, list[str]] = {}
    folders: dict[str, str] = {}  # a folder of the site -> its section's file
    for md_path in sorted(md_paths):
        md_folder = posixpath.dirname(md_path)
        for lang in LANGUAGES:
            name = section_name(lang, md_folder)
            entry = url_entry(root_url, lang, md_path, (lastmod or {}).get(md_path))
            sections.setdefault(name, []).append(entry)
            folders[posixpath.dirname(LANGUAGE_ROOTS[lang] + md_path)] = name
    files = {name: HEADER + "".join(entries) + "</urlset>\n"
             for name, entries in sections.items()}
    files.update({posixpath.join(folder, INDEX): sitemap_index(root_url, [name])
                  for folder, name in folders.items() if folder})
    files[INDEX] = sitemap_index(root_url, sorted(sections))
    files["robots.txt"] = f"User-agent: *\nAllow: /\n\nSitemap: {root_url}{INDEX}\n"
    return files
