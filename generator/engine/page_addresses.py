"""Each page's address made without parsing URLs where that gives the same (a shortcut of the
build: `mkdocs_build.SHORTCUTS`).

MkDocs makes a `Page` for every page of the site on every build, an incremental one too, and
each gets its full address with `urljoin(site_url, page.url)` and its path with `urlsplit`,
and the day of the build from the clock and the environment (`get_build_date`): about a
fiftieth of a second per language at a thousand cases. For a site address of plain parts and
a page address of plain path segments, which the site's are, `urljoin` only puts the two
together: the address is the two strings joined, and its path the site's path and the page's.
Any other address is made by MkDocs itself. The day is read once per build (pages do not show
it: MkDocs' own sitemap does, which the build does not make).

`tests/test_page_addresses.py` compares the two ways on addresses at the edges;
`tests/test_engine.py` builds the fixture site with this shortcut alone and compares it with
plain `mkdocs build`.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator
from typing import Any

#: A site address that `urljoin` joins a plain page address to as a string: http or https in
#: lower case (`urljoin` does not join to some other schemes), a host of plain characters, and
#: a path of segments that are not dot segments, ending in "/" (MkDocs adds it). Group 1 is
#: its path.
PLAIN_SITE = re.compile(r"https?://[A-Za-z0-9.:@_~%-]+"
                        r"((?:/[A-Za-z0-9_~%-][A-Za-z0-9_.~%-]*)*/)")
#: A page address of plain path segments (no scheme, query, fragment or dot segment).
PLAIN_PAGE = re.compile(r"(?:[A-Za-z0-9_~%-][A-Za-z0-9_.~%-]*/)*"
                        r"(?:[A-Za-z0-9_~%-][A-Za-z0-9_.~%-]*)?")


@functools.lru_cache(maxsize=8)
def plain_site_path(site_url: str) -> str | None:
    """The path of a site address that plain page addresses are joined to as strings."""
    found = PLAIN_SITE.fullmatch(site_url)
    return found.group(1) if found else None


@contextlib.contextmanager
def plain_addresses() -> Iterator[None]:
    """For the length of one build, pages' addresses are joined as strings where that is
    what `urljoin` does, and the day of the build is read once."""
    from mkdocs.structure import pages

    namespace = vars(pages)  # the module's globals, where `Page.__init__` finds the day
    build_date = namespace["get_build_date"]
    day = build_date()
    set_canonical_url = pages.Page._set_canonical_url

    def set_address(page: Any, base: str | None) -> None:
        if base:
            site = base if base.endswith("/") else base + "/"
            path = plain_site_path(site)
            if path is not None and PLAIN_PAGE.fullmatch(page.url):
                page.canonical_url = site + page.url
                page.abs_url = path + page.url
                return
        set_canonical_url(page, base)

    namespace["get_build_date"] = lambda: day
    pages.Page._set_canonical_url = set_address  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        namespace["get_build_date"] = build_date
        pages.Page._set_canonical_url = set_canonical_url  # type: ignore[method-assign]
