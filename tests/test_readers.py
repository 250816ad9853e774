"""Readers: finding, comparing and reusing cases (overview, county/theme pages, data, feeds)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

from markupsafe import escape

from generator.reading.corpus import read_corpus

from .conftest import REPO

ATOM = "{http://www.w3.org/2005/Atom}"


def html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_overview_list_carries_the_filter_data(real_site: Path) -> None:
    page = html(real_site, "ideslussar/index.html")
    item = re.search(r'<li data-c="([^"]*)" data-t="([^"]*)" data-s="([^"]*)" '
                     r'data-y="([^"]*)" data-n="(\d+)"><a href="orebro.html">', page)
    assert item is not None
    county, themes, status, years, count = item.groups()
    assert county.split() == ["18"] and status == "permanent" and years == "2016 2020"
    codes = {key: str(i) for i, key in enumerate(read_corpus(REPO).registry.themes)}
    assert count == "1" and codes["digital-idea-platform"] in themes.split()
    assert f'<option value="digital-idea-platform" data-code="{codes["digital-idea-platform"]}"' \
        in page
    assert 'id="ides-filters" hidden' in page  # shown only by the script
    assert '<option value="14">Västra Götalands län</option>' in page


def test_county_and_theme_pages_exist_as_plain_pages(real_site: Path) -> None:
    corpus = read_corpus(REPO)
    for lang_root in ("", "en/"):
        counties = html(real_site, lang_root + "lan/index.html")
        assert 'href="vastra-gotalands-lan.html"' in counties
        county = html(real_site, lang_root + "lan/vastra-gotalands-lan.html")
        for slug in ("allagehub", "icare4fyrbodal", "iderum-lerum",
                     "skaraborgs-innovationssluss"):
            assert f'href="../ideslussar/{slug}.html"' in county
        themes = html(real_site, lang_root + "teman/index.html")
        for case in corpus.cases:
            for theme in case.themes:
                assert f'href="{theme}.html"' in themes
                assert f'href="../ideslussar/{case.slug}.html"' in html(
                    real_site, lang_root + f"teman/{theme}.html")


def test_case_page_links_related_cases_and_its_county(real_site: Path) -> None:
    page = html(real_site, "ideslussar/skaraborgs-innovationssluss.html")
    related = page[page.index("Liknande idéslussar"):]
    assert 'href="lidkoping-forstudie.html"' in related  # same county
    assert 'href="../lan/vastra-gotalands-lan.html">Västra Götalands län</a>' in page


def test_map_is_drawn_from_shipped_data_with_a_text_alternative(real_site: Path) -> None:
    page = html(real_site, "ideslussar/index.html")
    start = page.index('<figure class="ides-map">')
    svg = page[start:page.index("</svg>", start)]
    assert 'aria-labelledby="ides-map-title"' in svg
    assert 'aria-label="Västra Götalands län: 8 idéslussar"' in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")  # no tiles
    assert 'href="../lan/index.html">Samma sak som lista</a>' in page


def test_open_data_matches_the_pages(real_site: Path) -> None:
    corpus = read_corpus(REPO)
    for lang, root in (("sv", ""), ("en", "en/")):
        data = json.loads(html(real_site, f"data/ideslussar.{lang}.json"))
        assert data["licence"] == "CC BY 4.0"
        records = {r["id"]: r for r in data["case_studies"]}
        assert set(records) == {case.slug for case in corpus.cases}
        for case in corpus.cases:
            record = records[case.slug]
            page = html(real_site, f"{root}ideslussar/{case.slug}.html")
            assert str(escape(record["name"])) in page
            assert str(escape(record["summary"])) in page
            for county in record["counties"]:
                assert county["name"] in page
            assert record["url"].endswith(f"{root}ideslussar/{case.slug}.html")
        rows = list(csv.DictReader(io.StringIO(html(real_site, f"data/ideslussar.{lang}.csv"))))
        assert [row["id"] for row in rows] == list(records)
        assert {row["name"] for row in rows} == {r["name"] for r in records.values()}
    orebro = json.loads(html(real_site, "data/ideslussar.sv.json"))["case_studies"]
    assert next(r for r in orebro if r["id"] == "orebro")["municipalities"] == [
        {"code": "1880", "name": "Örebro"}]
    schema = json.loads(html(real_site, "data/case-study.schema.json"))
    assert schema["title"] == "Idésluss case study"


def test_open_data_is_linked_from_the_site_and_each_case(real_site: Path) -> None:
    assert 'href="data/ideslussar.sv.json"' in html(real_site, "oppna-data.html")
    assert 'href="../data/ideslussar.en.csv"' in html(real_site, "en/oppna-data.html")
    case = html(real_site, "en/ideslussar/kungsbacka.html")
    assert 'href="../../data/ideslussar.en.json"' in case
    assert "CC BY 4.0" in html(real_site, "en/oppna-data.html")


def test_atom_feed_per_language_follows_rfc_4287(real_site: Path) -> None:
    corpus = read_corpus(REPO)
    for root, lang in (("", "sv"), ("en/", "en")):
        feed = ET.fromstring(html(real_site, root + "feed.xml"))  # noqa: S314 - our own output
        assert feed.tag == ATOM + "feed"
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        for required in ("id", "title", "updated", "author"):
            assert feed.find(ATOM + required) is not None, required
        self_link = [link for link in feed.findall(ATOM + "link") if link.get("rel") == "self"]
        assert self_link[0].get("href") == f"http://127.0.0.1:8765/{root}feed.xml"
        entries = feed.findall(ATOM + "entry")
        assert len(entries) == len(corpus.cases)
        ids = [e.findtext(ATOM + "id") for e in entries]
        assert len(set(ids)) == len(ids)
        for entry in entries:
            for required in ("id", "title", "updated", "link"):
                assert entry.find(ATOM + required) is not None
            datetime.fromisoformat(entry.findtext(ATOM + "updated") or "")
        page = html(real_site, root + "index.html")
        assert '<link rel="alternate" type="application/atom+xml" href="feed.xml"' in page


def test_every_page_has_description_and_open_graph(real_site: Path) -> None:
    for path in real_site.rglob("*.html"):
        if path.name == "404.html":
            continue
        page = path.read_text(encoding="utf-8")
        assert '<meta name="description" content="' in page, path
        for prop in ("og:title", "og:description", "og:url", "og:locale"):
            assert f'<meta property="{prop}" content="' in page, (path, prop)


def test_cite_line_names_the_page_address_and_date(real_site: Path) -> None:
    page = html(real_site, "ideslussar/orebro.html")
    cite = re.search(r'<p class="ides-cite">(.*?)</p>', page, re.S)
    assert cite is not None
    assert "Idésluss i Örebro kommun. Idéslussar i kommuner." in cite.group(1)
    assert "http://127.0.0.1:8765/ideslussar/orebro.html" in cite.group(1)
    assert re.search(r"uppdaterad \d{1,2} [a-zåäö]+ \d{4}", cite.group(1))


def test_print_stylesheet_hides_navigation(real_site: Path) -> None:
    css = html(real_site, "assets/ideslussar.css")
    block = css[css.index("@media print"):]
    for selector in (".md-header", ".md-sidebar", ".md-footer"):
        assert selector in block
