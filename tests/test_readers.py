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
from generator.reading.languages import LANGUAGES
from generator.site import start_page
from generator.site.browse import render_compare, render_overview
from generator.site.i18n import sort_key
from generator.site.jinja_env import LONG_LIST, environment
from generator.site.pages import Renderer

from .conftest import REPO

ATOM = "{http://www.w3.org/2005/Atom}"


def html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_overview_list_carries_the_filter_data(real_site: Path) -> None:
    page = html(real_site, "ideslussar/index.html")
    item = re.search(r'<li class="ides-card" role="listitem" data-f-c="([^"]*)" data-f-t="([^"]*)" '
                     r'data-f-s="([^"]*)" data-f-k="development-2016" data-f-y="([^"]*)" '
                     r'data-f-n="([\d-]+)">\s*<h2 class="ides-card__title">'
                     r'<a href="orebro.html">', page)
    assert item is not None
    county, themes, status, years, size = item.groups()
    assert county.split() == ["18"] and status == "permanent" and years == "2016 2020"
    codes = {key: str(i) for i, key in enumerate(read_corpus(REPO).registry.themes)}
    assert size == "1-1" and codes["digital-idea-platform"] in themes.split()
    assert (f'<input type="checkbox" name="theme" value="digital-idea-platform" '
            f'data-code="{codes["digital-idea-platform"]}">') in page
    assert '<input type="checkbox" name="county" value="14"> Västra Götalands län' in page


def test_overview_cards_sell_each_case(real_site: Path) -> None:
    """Each card shows the teaser, the themes, status, period and county, in its language."""
    sv = html(real_site, "ideslussar/index.html")
    card = sv[sv.index('<a href="orebro.html">'):]
    card = card[:card.index("</li>")]
    assert "Örebro län · Permanentad · 2016–2020" in card
    assert "Örebro kommun ska bli en mer innovativ organisation" in card  # the teaser
    assert '<span class="ides-tag">Digital idéplattform</span>' in card
    en = html(real_site, "en/ideslussar/index.html")
    card = en[en.index('<a href="orebro.html">'):]
    card = card[:card.index("</li>")]
    assert "Made permanent · 2016–2020" in card
    assert '<span class="ides-tag">Digital idea platform</span>' in card


def test_overview_offers_only_options_that_match_and_every_year(real_site: Path) -> None:
    corpus = read_corpus(REPO)
    page = html(real_site, "en/ideslussar/index.html")
    offered = set(re.findall(r'name="status" value="(\w+)"', page))
    assert offered == {case.status.value for case in corpus.cases}
    assert 'value="ongoing"' not in page  # no case is ongoing: "Ongoing" would match nothing
    years = [case_year for case in corpus.cases for case_year in
             (case.period.start, case.period.end) if case_year]
    span = range(min(y.year for y in years), max(y.year for y in years) + 1)
    for select in ("from", "to"):
        block = page[page.index(f'id="ides-f-{select}"'):]
        block = block[:block.index("</select>")]
        assert re.findall(r'<option value="(\d{4})">', block) == [str(y) for y in span]
    assert '<option value="2018">2018</option>' in page  # a year no period starts or ends in
    sizes = re.findall(r'name="count" value="([\d-]+)"', page)
    assert sizes == ["1-1", "2-5", "6-"]


def test_overview_without_javascript_says_so_and_offers_the_plain_pages(real_site: Path
                                                                         ) -> None:
    for root, text in (("", "Filtreringen kräver JavaScript"),
                       ("en/", "Filtering needs JavaScript")):
        page = html(real_site, root + "ideslussar/index.html")
        notice = page[page.index("<noscript>"):page.index("</noscript>")]
        assert text in notice
        assert 'href="../lan/index.html"' in notice and 'href="../teman/index.html"' in notice


def test_start_page_invites(real_site: Path) -> None:
    """The start page: a short introduction, figures counted from the cases, cases as cards,
    themes, the map, the latest changes; its title once and no one-entry contents."""
    corpus = read_corpus(REPO)
    for root, closing, cases_word in (("", "las-vidare", "idéslussar beskrivs här"),
                                      ("en/", "read-more", "idea sluices described here")):
        page = html(real_site, root + "index.html")
        title = re.search(r"<title>([^<]*)</title>", page)
        assert title is not None and " - " not in title.group(1), title.group(1)
        assert f"<strong>{len(corpus.cases)}</strong> {cases_word}" in page
        figures = start_page.figures(corpus.cases)
        assert f"<strong>{figures.first_year}–{figures.last_year}</strong>" in page
        cards = re.findall(r'<h3 class="ides-card__title"><a href="ideslussar/([\w-]+)\.html">',
                           page)
        assert len(cards) == 3 and len(set(cards)) == 3
        assert page.count('class="ides-tag"') >= 3
        assert 'href="teman/idea-coaching.html"' in page
        assert 'class="ides-map__dot"' in page
        latest = page[page.index('<ul class="ides-latest">'):]
        assert latest.count("<li>", 0, latest.index("</ul>")) == 5
        assert 'class="md-sidebar md-sidebar--secondary" data-md-component="sidebar" ' \
               'data-md-type="toc" hidden' in page
        # The editor's words after the first "##" come after the generated parts.
        assert page.index('class="ides-latest"') < page.index(f'<h2 id="{closing}"')


def test_start_page_figures_count_municipalities_truthfully() -> None:
    corpus = read_corpus(REPO)
    figures = start_page.figures(corpus.cases)
    named = {code for case in corpus.cases for code in case.municipalities}
    assert figures.municipalities >= len(named)
    assert figures.municipalities >= max(case.participant_count for case in corpus.cases)
    years = [month.year for case in corpus.cases
             for month in (case.period.start, case.period.end) if month]
    assert (figures.first_year, figures.last_year) == (min(years), max(years))


def test_comparison_table_lists_every_case(real_site: Path) -> None:
    corpus = read_corpus(REPO)
    for root, grant in (("", "Bidrag från Vinnova (kr)"), ("en/", "Vinnova grant (SEK)")):
        page = html(real_site, root + "jamfor.html")
        assert f"<th scope=\"col\" role=\"columnheader\" data-type=\"number\">{grant}</th>" in page
        rows = re.findall(r'<th scope="row"[^>]*><a href="ideslussar/([\w-]+)\.html">', page)
        lang = "en" if root else "sv"
        assert rows == [case.slug for case in sorted(corpus.cases, key=lambda case: sort_key(
            case.name.get(lang) or case.name.sv, lang))]
        assert 'aria-sort="ascending"' in page
    sv = html(real_site, "jamfor.html")
    assert '<td role="cell" data-sort="4000000">4\xa0000\xa0000</td>' in sv
    calls = {case.call for case in corpus.cases}
    assert len(calls) == 2  # the call column says which: pre-study or development project
    assert "<td role=\"cell\">Förstudie, 2015</td>" in sv \
        and "<td role=\"cell\">Utvecklingsprojekt, 2016</td>" in sv
    assert "<td role=\"cell\">Pre-study, 2015</td>" in html(real_site, "en/jamfor.html")
    assert '<input type="checkbox" name="call" value="pre-study-2015"> Förstudie, 2015' in html(
        real_site, "ideslussar/index.html")


def test_not_found_page_is_translated_and_helpful(real_site: Path) -> None:
    sv = html(real_site, "404.html")
    assert "<h1 id=\"ides-not-found\">Sidan finns inte</h1>" in sv
    assert 'href="http://127.0.0.1:8765/ideslussar/index.html">Alla idéslussar</a>' in sv
    assert "Sök på webbplatsen" in sv
    assert '<p lang="en">Page not found. The site in English starts here:' in sv
    en = html(real_site, "en/404.html")
    assert "<h1 id=\"ides-not-found\">Page not found</h1>" in en
    assert 'href="http://127.0.0.1:8765/en/ideslussar/index.html">All idea sluices</a>' in en
    assert '<p lang="sv">Sidan finns inte. Webbplatsen på svenska börjar här:' in en
    assert "404 - Not found" not in sv + en


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
    start = page.index('<figure class="ides-map ides-browse__map">')
    svg = page[start:page.index("</svg>", start)]
    assert 'aria-labelledby="ides-map-title"' in svg
    # Every county's link has a target of 24 x 24 CSS pixels at least (the map is never drawn
    # narrower than its viewBox of 240, see ideslussar.css).
    assert 'viewBox="0 0 240.0 ' in svg
    assert svg.count('class="ides-map__target"') == svg.count("<a ") > 0
    assert all(float(r) >= 12 for r in re.findall(r'class="ides-map__target" [^>]*r="([\d.]+)"',
                                                    svg))
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
    assert 'href="../../data/ideslussar/kungsbacka.en.json"' in case
    assert 'href="../../data/ideslussar/kungsbacka.en.csv"' in case
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
    assert "Idésluss i Örebro kommun. I: <cite>Idéslussar i kommuner</cite>. Utgivare: " \
        "Idéslussar i kommuner, version från " in cite.group(1)
    assert "http://127.0.0.1:8765/ideslussar/orebro.html" in cite.group(1)
    assert re.search(r"version från \d{1,2} [a-zåäö]+ \d{4}", cite.group(1))
    assert ('Bygger på Vinnovas projektsida: <a href="https://www.vinnova.se/p/'
            'idesluss-i-orebro-kommun/"') in cite.group(1)


def test_print_stylesheet_hides_navigation(real_site: Path) -> None:
    css = html(real_site, "assets/ideslussar.css")
    block = css[css.index("@media print"):]
    for selector in (".md-header", ".md-sidebar", ".md-footer"):
        assert selector in block


def test_only_a_long_list_is_drawn_lazily() -> None:
    """The overview, the compare table and a county's or theme's cards skip what is off the
    screen (`ides-long`) only when longer than LONG_LIST: a shorter one is drawn whole, so a
    screen reader started after the page opened gets all of it (tests/browser/
    test_compare_table.py asks Chromium's tree)."""
    corpus = read_corpus(REPO)
    renderer = Renderer(LANGUAGES[0], corpus.registry, environment(LANGUAGES[0]))
    few = corpus.cases
    many = few * (LONG_LIST // len(few) + 1)
    assert len(few) <= LONG_LIST < len(many)
    for render in (render_compare, render_overview):
        assert "ides-long" not in render(renderer, few).text
        assert render(renderer, many).text.count("ides-long") == 1
