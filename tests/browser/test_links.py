"""No broken links: every internal link and anchor of the built site resolves.

A crawler over the site folder reads the href/src of every a, link, script, img (and iframe,
source, area) on every page, resolves it as a browser would against the page's own address
at the served origin, and checks that the file exists and, for a #fragment, that the target
page has an element with that id. External links cannot be fetched here; they are listed in
external-links.txt in pytest's temporary folder and in the summary at the end of the run.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from .support import ORIGIN, REPORT, lang_of, page_type_of

pytestmark = pytest.mark.browser

REFERENCES = {"a": "href", "area": "href", "link": "href", "script": "src", "img": "src",
              "iframe": "src", "source": "src"}
NOT_FETCHED = ("mailto", "tel")


@dataclass
class Parsed:
    ids: set[str] = field(default_factory=set)
    refs: list[tuple[str, str]] = field(default_factory=list)  # (tag, value)
    base: str | None = None


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.result = Parsed()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v for k, v in attrs if v is not None}
        if "id" in a:
            self.result.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.result.ids.add(a["name"])
        if tag == "base" and "href" in a:
            self.result.base = a["href"]
        attr = REFERENCES.get(tag)
        if attr and attr in a:
            self.result.refs.append((tag, a[attr]))


def parse(path: Path) -> Parsed:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.result


@dataclass
class Crawl:
    broken: list[str] = field(default_factory=list)
    external: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    internal: int = 0


def crawl(root: Path) -> tuple[Crawl, dict[str, Crawl]]:
    """Checks every page below root; gives the totals and the figures per page file."""
    pages = {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*.html"))}
    parsed: dict[str, Parsed] = {}

    def page_ids(rel: str) -> set[str]:
        if rel not in parsed:
            parsed[rel] = parse(pages[rel])
        return parsed[rel].ids

    total, per_page = Crawl(), {}
    origin = urlsplit(ORIGIN)
    for rel in pages:
        page_ids(rel)
        here = Crawl()
        page_url = f"{ORIGIN}/{rel}"
        base = urljoin(page_url, parsed[rel].base) if parsed[rel].base else page_url
        for tag, value in parsed[rel].refs:
            target = urlsplit(urljoin(base, value.strip()))
            where = f"{rel}: <{tag}> {value!r}"
            if target.scheme in NOT_FETCHED:
                continue
            if target.scheme not in ("http", "https"):
                here.broken.append(f"{where}: scheme {target.scheme!r} is not a link")
                continue
            if (target.scheme, target.netloc) != (origin.scheme, origin.netloc):
                here.external[target.geturl()].add(rel)
                continue
            here.internal += 1
            path = unquote(target.path)
            if path.endswith("/"):
                path += "index.html"
            file_rel = path.lstrip("/")
            file = root / file_rel
            if ".." in Path(file_rel).parts or not file.is_file():
                if (root / file_rel / "index.html").is_file():
                    file_rel += "/index.html"
                else:
                    here.broken.append(f"{where}: no file {file_rel}")
                    continue
            if target.fragment and file_rel in pages:
                fragment = unquote(target.fragment)
                if fragment not in page_ids(file_rel):
                    here.broken.append(f"{where}: {file_rel} has no id {fragment!r}")
        per_page[rel] = here
        total.broken += here.broken
        total.internal += here.internal
        for link, where_from in here.external.items():
            total.external[link] |= where_from
    return total, per_page


def test_every_internal_link_and_anchor_resolves(real_site: Path, mini_site: Path) -> None:
    real, per_page = crawl(real_site)
    mini, _ = crawl(mini_site)

    for rel, figures in per_page.items():
        kind, lang = page_type_of(rel), lang_of(rel)
        REPORT.add(kind, lang, "broken links", len(figures.broken))
        REPORT.add(kind, lang, "external links", len(figures.external))
    for link, where_from in real.external.items():
        REPORT.external_links[link] |= where_from
    REPORT.notes["internal links checked"] = f"{real.internal} (real site), " \
                                             f"{mini.internal} (fixture site)"
    REPORT.notes["distinct external links"] = len(real.external)

    assert real.internal > 500
    assert real.broken == [], "\n".join(real.broken)
    assert mini.broken == [], "\n".join(mini.broken)


def test_the_crawler_finds_what_is_broken(tmp_path: Path) -> None:
    """The checker itself: a missing page, a missing anchor, an escape above the root."""
    (tmp_path / "en").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="en/">ok</a><a href="en/#top">ok</a><a href="#here" id="here">ok</a>'
        '<a href="/en/index.html#nowhere">anchor</a><a href="gone.html">page</a>'
        '<img src="../../x.png"><a href="mailto:a@b.se">mail</a>'
        '<a href="https://example.org/">external</a><a href="javascript:alert(1)">js</a>',
        encoding="utf-8")
    (tmp_path / "en/index.html").write_text('<h1 id="top">x</h1>', encoding="utf-8")
    total, _ = crawl(tmp_path)
    assert [b.split(": ", 2)[1] for b in total.broken] == [
        "<a> '/en/index.html#nowhere'", "<a> 'gone.html'", "<img> '../../x.png'",
        "<a> 'javascript:alert(1)'"]
    assert set(total.external) == {"https://example.org/"}
