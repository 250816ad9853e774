"""Pages' addresses joined as strings (the `plain_addresses` shortcut) are the addresses MkDocs
makes with `urljoin`, for the site's addresses and at the edges; any address the shortcut does
not know is left to MkDocs."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from mkdocs.structure.pages import Page

from generator.engine.page_addresses import plain_addresses

SITES = ["http://localhost:8000/", "http://localhost:8000/en/", "https://example.org/ideslussar",
         "https://example.org/a/b/en/", "https://user@example.org:8443/x/", "HTTP://EXAMPLE.ORG/",
         "https://example.org/a/../b/", "https://example.org/./", "https://example.org//x/",
         "https://example.org/a;p/", "https://example.org/?q=1", "https://example.org/#top",
         "ftp://example.org/", "svn://example.org/", "file:///srv/site/", "", None,
         "https://exa mple.org/", "https://example.org/%C3%A5/"]
PAGES = ["index.html", "ideslussar/orebro.html", "lan/index.html", "a/", "", "a/b/c.d.e",
         "v%C3%A4stra.html", "../x.html", "./x.html", "a/../b.html", "a//b.html", "/abs.html",
         "mailto:x@example.org", "x.html?y=1", "x.html#z", ".hidden/x.html", "a b.html",
         "https://other.example/x.html", "x:y.html"]


def addresses(site: str | None, url: str) -> tuple[object, object]:
    page = SimpleNamespace(url=url)
    Page._set_canonical_url(page, site)  # type: ignore[arg-type]
    return page.canonical_url, page.abs_url


@pytest.mark.parametrize("site", SITES)
def test_every_page_address_is_the_one_mkdocs_makes(site: str | None) -> None:
    expected = {url: addresses(site, url) for url in PAGES}
    with plain_addresses():
        assert {url: addresses(site, url) for url in PAGES} == expected
    assert {url: addresses(site, url) for url in PAGES} == expected  # MkDocs' own again after
