"""End-to-end: the real content built into a temporary folder, checked as readers see it."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from markupsafe import escape

from generator.engine import search_index
from generator.reading.corpus import case_files, read_corpus

from .conftest import REPO, sitemap_entries

CASE_SLUGS = sorted(p.stem for p in case_files(REPO / "municipalities"))
LANG_ROOTS = {"sv": "", "en": "en/"}


class Page(HTMLParser):
    """The parts of a page the tests look at."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.lang = ""
        self.alternates: dict[str, str] = {}
        self.switch_links: dict[str, str] = {}
        self.links: list[str] = []
        self.sources: list[str] = []
        self.title = ""
        self._in_title = False
        self.h1 = ""
        self._in_h1 = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates[a["hreflang"]] = a["href"]
        if tag == "a" and "md-select__link" in a.get("class", ""):
            self.switch_links[a["hreflang"]] = a["href"]
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        for key in ("src", "href"):
            if key in a and tag in ("script", "img", "link", "iframe", "source"):
                self.sources.append(a[key])
        self._in_title = tag == "title"
        if tag == "h1":
            self._in_h1 = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._in_h1:
            self.h1 += data


def page(site: Path, lang: str, path: str) -> Page:
    return Page((site / LANG_ROOTS[lang] / path).read_text(encoding="utf-8"))


def test_every_case_has_a_page_in_both_languages_with_its_own_text(real_site: Path) -> None:
    corpus = read_corpus(REPO)
    assert len(corpus.cases) == 22  # 12 development projects, 10 of the 11 pre-studies
    for case in corpus.cases:
        for lang in ("sv", "en"):
            path = f"ideslussar/{case.slug}.html"
            p = page(real_site, lang, path)
            html = (real_site / LANG_ROOTS[lang] / path).read_text(encoding="utf-8")
            assert p.lang == lang
            assert p.h1.strip() == case.name.get(lang), (case.slug, lang)
            assert escape(case.summary.get(lang) or "") in html, (case.slug, lang)


def test_case_page_shows_facts_in_the_page_language(real_site: Path) -> None:
    sv = (real_site / "ideslussar/orebro.html").read_text(encoding="utf-8")
    en = (real_site / "en/ideslussar/orebro.html").read_text(encoding="utf-8")
    assert "3\u00a0831\u00a0756\u00a0kr" in sv and "SEK\u00a03,831,756" in en
    assert "november 2016–juni 2020" in sv and "November 2016–June 2020" in en
    assert "Örebro län" in sv and "Permanentad" in sv and "Made permanent" in en
    assert "Tryggare tunnlar" in sv and "Safer tunnels" in en
    assert "machine-translated from Swedish" in en and "maskinöversatt" not in sv


def test_alternates_point_at_the_page_itself_and_its_counterpart(real_site: Path) -> None:
    base = "http://127.0.0.1:8765/"
    for path in ["index.html", "ideslussar/index.html", "om-programmet.html",
                 "tillganglighet.html", *(f"ideslussar/{s}.html" for s in CASE_SLUGS)]:
        public = path.removesuffix("index.html")
        for lang in ("sv", "en"):
            p = page(real_site, lang, path)
            assert p.alternates == {"sv": base + public, "en": base + "en/" + public}, path


def test_language_switch_leads_to_the_same_page_without_javascript(real_site: Path) -> None:
    sv = page(real_site, "sv", "ideslussar/kungsbacka.html")
    en = page(real_site, "en", "ideslussar/kungsbacka.html")
    origin_sv = real_site / "ideslussar"
    origin_en = real_site / "en/ideslussar"
    assert (origin_sv / sv.switch_links["en"]).resolve() == \
        (real_site / "en/ideslussar/kungsbacka.html").resolve()
    assert (origin_en / en.switch_links["sv"]).resolve() == \
        (real_site / "ideslussar/kungsbacka.html").resolve()


def test_overview_lists_every_case_in_both_languages(real_site: Path) -> None:
    for lang in ("sv", "en"):
        overview = page(real_site, lang, "ideslussar/index.html")
        linked = {link.removesuffix(".html") for link in overview.links
                  if re.fullmatch(r"[a-z0-9-]+\.html", link) and link != "index.html"}
        assert linked >= set(CASE_SLUGS), lang


def test_sitemap_lists_every_page_of_both_languages(real_site: Path) -> None:
    locs = set(re.findall(r"<loc>([^<]+)</loc>", sitemap_entries(real_site)))
    for slug in CASE_SLUGS:
        assert f"http://127.0.0.1:8765/ideslussar/{slug}.html" in locs
        assert f"http://127.0.0.1:8765/en/ideslussar/{slug}.html" in locs
    assert "http://127.0.0.1:8765/" in locs and "http://127.0.0.1:8765/en/" in locs


def test_search_index_per_language_with_swedish_stemming(real_site: Path) -> None:
    """One sharded index per language; Material's own index is left with no documents, so no
    page downloads every page's text."""
    def read(path: str) -> Any:
        return json.loads((real_site / path).read_text(encoding="utf-8"))

    sv, en = read("search/search_index.json"), read("en/search/search_index.json")
    assert sv["config"]["lang"] == ["sv"] and en["config"]["lang"] == ["en"]
    assert sv["docs"] == [] and en["docs"] == []
    sv_pages, en_pages = read("search/pages.json"), read("en/search/pages.json")
    assert all(not location.startswith("en/") for location, _ in sv_pages)
    assert ["ideslussar/orebro.html", "Idea sluice in Örebro Municipality"] in en_pages
    assert ["ideslussar/orebro.html", "Idésluss i Örebro kommun"] in sv_pages
    # Swedish terms are stems without diacritics: "idéslussar" is indexed as "idesluss".
    manifest = read("search/manifest.json")
    shard = max((p for p in manifest["shards"] if "idesluss".startswith(p)), key=len)
    assert "idesluss" in read(f"search/terms/{shard}.json")["t"]
    terms = [term for p in manifest["shards"]
             for term in read(f"search/terms/{search_index.shard_name(p)}.json")["t"]]
    assert len(terms) > 500 and all(term == search_index.fold(term) for term in terms)


def test_no_page_loads_anything_from_another_host(real_site: Path) -> None:
    for html in real_site.rglob("*.html"):
        p = Page(html.read_text(encoding="utf-8"))
        external = [s for s in p.sources if re.match(r"(https?:)?//", s)
                    and not s.startswith("http://127.0.0.1:8765/")]
        assert external == [], html
        assert "fonts.googleapis" not in html.read_text(encoding="utf-8")


def test_page_size_does_not_grow_with_cases(real_site: Path) -> None:
    """Case pages are not in the navigation: a case page links only to its few related cases."""
    for slug in CASE_SLUGS:
        text = (real_site / f"ideslussar/{slug}.html").read_text(encoding="utf-8")
        others = [s for s in CASE_SLUGS if s != slug and f'href="{s}.html"' in text]
        assert len(others) <= 4, slug


def test_accessibility_statement_is_linked_from_every_page(real_site: Path) -> None:
    for html in real_site.rglob("*.html"):
        if html.name == "404.html":
            continue
        assert "tillganglighet.html" in html.read_text(encoding="utf-8"), html
