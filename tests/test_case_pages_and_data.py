"""Case pages worth reading and open data people can open (issue 13): the fact box, English
county names and order, citations, per-case data, link-preview pictures, the CSV as Swedish
Excel opens it, the JSON against its published schema, the data package, DCAT-AP-SE, feeds
and sitemaps dated by each case's history, robots.txt and canonical addresses."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jsonschema
import pytest
from PIL import Image

from generator.build import build_site
from generator.reading.corpus import read_corpus
from generator.reading.model import LANGUAGES, Text
from generator.site import og_images as pictures
from generator.site.csv_files import csv_text
from generator.site.i18n import sort_key
from generator.site.json_records import paragraphs, record
from generator.site.og_images import fingerprint_of, font, og_images, title_lines, wrap

from .conftest import REPO, build, copy_repo_content, sitemap_entries

SITE_URL = "http://127.0.0.1:8765/"
ATOM = "{http://www.w3.org/2005/Atom}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
DCAT = "{http://www.w3.org/ns/dcat#}"
DCT = "{http://purl.org/dc/terms/}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def local(site: Path, url: str) -> Path:
    """The file in the built site that a public address names."""
    assert url.startswith(SITE_URL), url
    return site / url.removeprefix(SITE_URL)


def fact(page: str, label: str) -> str:
    found = re.search(rf"<dt>{label}</dt>\s*<dd>(.*?)</dd>", page, re.S)
    assert found is not None, label
    return found.group(1)


# --- Case pages ------------------------------------------------------------------------------


def test_fact_box_says_status_once(real_site: Path, mini_site: Path) -> None:
    assert fact(read(mini_site, "ideslussar/noll-test.html"), "Status") == \
        "anges inte i källorna"
    assert fact(read(mini_site, "en/ideslussar/noll-test.html"), "Status") == \
        "not stated in the sources"
    assert fact(read(real_site, "ideslussar/orebro.html"), "Status") == "Permanentad"
    for root in ("", "en/"):
        for page in (real_site / root / "ideslussar").glob("*.html"):
            assert not re.search(r"<dt>Status</dt>\s*<dd>Status", read(real_site, str(
                page.relative_to(real_site)))), page


def test_english_pages_name_counties_in_english(real_site: Path) -> None:
    english = read(real_site, "en/ideslussar/orebro.html")
    assert '<a href="../lan/orebro-lan.html">Örebro County</a>' in fact(english, "County")
    assert "Örebro län" not in english
    assert "Örebro län" in fact(read(real_site, "ideslussar/orebro.html"), "Län")
    county = read(real_site, "en/lan/vastra-gotalands-lan.html")
    assert "<h1" in county and "Västra Götaland County</h1>" in county
    assert "Västra Götalands län" not in county
    assert '<input type="checkbox" name="county" value="14"> Västra Götaland County' in read(
        real_site, "en/ideslussar/index.html")
    assert "Örebro County" in read(real_site, "en/lan/index.html")
    data = json.loads(read(real_site, "data/ideslussar/orebro.en.json"))
    assert data["case_studies"][0]["counties"] == [{"code": "18", "name": "Örebro County"}]


def test_sort_keys_follow_each_language() -> None:
    names = ["Örebro", "Oslo", "Åre", "Idésluss Lerum", "Idesluss A", "Zeta"]
    assert sorted(names, key=lambda n: sort_key(n, "sv")) == [
        "Idesluss A", "Idésluss Lerum", "Oslo", "Zeta", "Åre", "Örebro"]
    assert sorted(names, key=lambda n: sort_key(n, "en")) == [
        "Åre", "Idesluss A", "Idésluss Lerum", "Örebro", "Oslo", "Zeta"]


def test_english_overview_is_in_english_order(real_site: Path) -> None:
    corpus = read_corpus(REPO)
    by_slug = {case.slug: case for case in corpus.cases}
    for lang, root in (("sv", ""), ("en", "en/")):
        page = read(real_site, root + "ideslussar/index.html")
        listed = re.findall(r'class="ides-card__title"><a href="([a-z0-9-]+)\.html">', page)
        assert sorted(listed) == sorted(by_slug)
        names = [by_slug[slug].name.get(lang) or by_slug[slug].name.sv for slug in listed]
        assert names == sorted(names, key=lambda n: sort_key(n, lang)), lang


def test_citation_names_publisher_version_address_and_vinnova(real_site: Path) -> None:
    page = read(real_site, "en/ideslussar/orebro.html")
    cite = re.search(r'<p class="ides-cite">(.*?)</p>', page, re.S)
    assert cite is not None
    text = cite.group(1)
    assert text.startswith("Idea sluice in Örebro Municipality. In: <cite>Idea sluices in "
                           "municipalities</cite>. Publisher: Idea sluices in municipalities, "
                           "version of ")
    assert re.search(r"version of \d{1,2} [A-Z][a-z]+ \d{4}\.", text)
    assert f'<a href="{SITE_URL}en/ideslussar/orebro.html">' in text
    assert "Machine-translated from Swedish." in text
    assert ('Based on Vinnova&#39;s project page: <a href="https://www.vinnova.se/p/'
            'idesluss-i-orebro-kommun/"') in text
    links = dict(re.findall(r'<a href="(\.\./\.\./data/ideslussar/orebro\.en\.[a-z.]+)" '
                            r'type="[^"]+" download>([A-Za-z-]+)</a>', page))
    assert sorted(links.values()) == ["BibTeX", "CSL-JSON", "RIS"]
    for href in links:
        assert (real_site / "en/ideslussar" / href).resolve().is_file(), href


def test_citation_files_say_the_same(real_site: Path) -> None:
    bib = read(real_site, "data/ideslussar/orebro.sv.bib")
    assert bib.startswith("@misc{ideslussar-orebro-sv,\n")
    assert "  title = {{Idésluss i Örebro kommun}},\n" in bib
    assert "  publisher = {Idéslussar i kommuner},\n" in bib
    assert f"  url = {{{SITE_URL}ideslussar/orebro.html}},\n" in bib
    assert "https://www.vinnova.se/p/idesluss-i-orebro-kommun/" in bib
    assert bib.count("{") == bib.count("}")
    ris = (real_site / "data/ideslussar/orebro.en.ris").read_bytes().decode("utf-8")
    lines = ris.split("\r\n")
    assert lines[0] == "TY  - ELEC" and lines[-2] == "ER  - " and lines[-1] == ""
    assert "TI  - Idea sluice in Örebro Municipality" in lines
    assert "PB  - Idea sluices in municipalities" in lines
    assert f"UR  - {SITE_URL}en/ideslussar/orebro.html" in lines
    assert any(re.fullmatch(r"DA  - \d{4}/\d{2}/\d{2}", line) for line in lines)
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines[:-1])
    item = json.loads(read(real_site, "data/ideslussar/orebro.en.csl.json"))[0]
    assert item["type"] == "webpage" and item["title"] == "Idea sluice in Örebro Municipality"
    assert item["publisher"] == "Idea sluices in municipalities"
    assert item["URL"] == f"{SITE_URL}en/ideslussar/orebro.html"
    assert len(item["issued"]["date-parts"][0]) == 3
    assert "Machine-translated from Swedish." in item["note"]


def test_bibtex_escapes_what_latex_would_read_as_commands(mini_site: Path) -> None:
    bib = read(mini_site, "data/ideslussar/pitea-test.sv.bib")
    assert "title = {{Testslussen i Piteå \\& Skellefteå}}" in bib


def test_each_case_links_its_own_data(real_site: Path) -> None:
    corpus = read_corpus(REPO)
    for case in corpus.cases:
        for lang, root in (("sv", ""), ("en", "en/")):
            page = read(real_site, f"{root}ideslussar/{case.slug}.html")
            for ext in ("json", "csv"):
                href = f"../{'../' * root.count('/')}data/ideslussar/{case.slug}.{lang}.{ext}"
                assert f'href="{href}"' in page
            data = json.loads(read(real_site, f"data/ideslussar/{case.slug}.{lang}.json"))
            assert [r["id"] for r in data["case_studies"]] == [case.slug]
            rows = list(csv.DictReader(io.StringIO(read(
                real_site, f"data/ideslussar/{case.slug}.{lang}.csv"))))
            assert [row["id"] for row in rows] == [case.slug]


def test_link_preview_picture_per_case(real_site: Path) -> None:
    for root in ("", "en/"):
        page = read(real_site, f"{root}ideslussar/orebro.html")
        assert '<meta property="og:type" content="article">' in page
        image = re.search(r'<meta property="og:image" content="([^"]+)">', page)
        assert image is not None
        assert image.group(1) == f"{SITE_URL}{root}ideslussar/delning/orebro.png"
        with Image.open(local(real_site, image.group(1))) as picture:
            assert picture.format == "PNG" and picture.size == (1200, 630)
            colours = picture.convert("RGB").getcolors(maxcolors=1_000_000) or []
            assert len(colours) > 50  # text was drawn, antialiased, on the plain design
        alt = {"": "Idéslussar i kommuner: Idésluss i Örebro kommun. Örebro län · 2016–2020. "
                   "Fallstudie.",
               "en/": "Idea sluices in municipalities: Idea sluice in Örebro Municipality. "
                      "Örebro County · 2016–2020. Case study."}[root]
        assert f'<meta property="og:image:alt" content="{alt}">' in page
        overview = read(real_site, f"{root}ideslussar/index.html")
        assert '<meta property="og:type" content="website">' in overview
        assert 'property="og:image"' not in overview
    swedish = (real_site / "ideslussar/delning/orebro.png").read_bytes()
    assert swedish != (real_site / "en/ideslussar/delning/orebro.png").read_bytes()


# --- Open data -------------------------------------------------------------------------------


def open_like_swedish_excel(data: bytes) -> list[list[str]]:
    """What Excel set to Swedish shows when a CSV file is double-clicked: UTF-8 only when the
    file starts with a byte-order mark, else the Windows code page (cp1252); fields split at
    the list separator, ';'; quoted fields as RFC 4180 says."""
    text = data[3:].decode("utf-8") if data.startswith(b"\xef\xbb\xbf") else data.decode(
        "cp1252", errors="replace")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_swedish_excel_opens_the_excel_csv(real_site: Path) -> None:
    json_records = json.loads(read(real_site, "data/ideslussar.sv.json"))["case_studies"]
    rows = open_like_swedish_excel((real_site / "data/ideslussar.sv.excel.csv").read_bytes())
    header, body = rows[0], rows[1:]
    assert header[:4] == ["id", "url", "language", "name"]
    assert len(body) == len(json_records)
    assert all(len(row) == len(header) for row in body)
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in body}
    orebro = by_id["orebro"]
    assert orebro["name"] == "Idésluss i Örebro kommun"
    assert orebro["counties"] == "Örebro län"
    assert orebro["municipalities"] == "Örebro"
    assert orebro["what"].startswith("Idéslussen ska bidra till att Örebro kommun blir en mer "
                                     "innovativ organisation. Projektet fick")
    # The plain CSV, for programs, is what Excel garbled before: one column, mangled letters.
    plain = open_like_swedish_excel((real_site / "data/ideslussar.sv.csv").read_bytes())
    assert len(plain[0]) < len(header) or "Ã" in "".join(plain[1])


def test_english_excel_opens_the_english_excel_csv(real_site: Path) -> None:
    data = (real_site / "data/ideslussar.en.excel.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # else Excel reads cp1252
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline=""), delimiter=","))
    header = rows[0]
    orebro = dict(zip(header, next(row for row in rows if row[0] == "orebro"), strict=True))
    assert orebro["counties"] == "Örebro County"
    assert orebro["translation_method"] == "machine"


def test_csv_cells_cannot_start_a_formula() -> None:
    corpus = read_corpus(REPO)
    case = next(c for c in corpus.cases if c.slug == "orebro")
    hostile = dataclasses.replace(case, summary=Text(sv='=HYPERLINK("http://x.example","y")',
                                                     en="@SUM(1)"),
                                  examples=(Text(sv="-1+2", en="+3"), Text(sv="\tx", en="\rx")))
    for lang in ("sv", "en"):
        one = record(hostile, corpus.registry, lang, SITE_URL, corpus.dates[case.slug])
        for text in (csv_text([one]), csv_text([one], ";", for_spreadsheets=True)):
            rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""),
                                       delimiter=";" if text.startswith("\ufeff") else ","))
            for column, cell in rows[0].items():
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)
            assert rows[0]["summary"].startswith("'")
        assert one["summary"] in ('=HYPERLINK("http://x.example","y")', "@SUM(1)")


def test_paragraphs_are_lines_not_yaml_wrapping() -> None:
    assert paragraphs("One line\nwraps here.\n\nSecond\nparagraph.\n") == \
        "One line wraps here.\n\nSecond paragraph."
    assert paragraphs("Intro:\n\n- first\n  item\n- second\n") == \
        "Intro:\n\n- first item\n- second"


def test_data_holds_every_text_with_its_translation(real_site: Path) -> None:
    corpus = read_corpus(REPO)
    case = next(c for c in corpus.cases if c.slug == "orebro")
    assert case.what is not None and "\n" in case.what.sv.strip()  # wrapped in the YAML
    for lang in ("sv", "en"):
        data = json.loads(read(real_site, f"data/ideslussar.{lang}.json"))
        orebro = next(r for r in data["case_studies"] if r["id"] == "orebro")
        for key in ("what", "how", "results"):
            # paragraphs apart, no line break inside one
            assert not re.search(r"(?<!\n)\n(?!\n)", orebro[key]), key
        assert orebro["examples"] == [e.get(lang) for e in case.examples]
        rows = {row["id"]: row for row in csv.DictReader(io.StringIO(
            read(real_site, f"data/ideslussar.{lang}.csv"), newline=""))}
        row = rows["orebro"]
        for key in ("name", "summary", "what", "how", "results"):
            assert row[key] == orebro[key], key
        assert row["examples"].split("\n") == orebro["examples"]
        if lang == "en":
            assert orebro["translation"]["method"] == "machine"
            assert set(orebro["translation"]["fields"]) == set(case.texts())
            assert row["translation_method"] == "machine"
        else:
            assert orebro["translation"] is None and row["translation_method"] == ""


def test_data_carries_calls_links_and_disagreements(real_site: Path) -> None:
    corpus = read_corpus(REPO)
    for lang in ("sv", "en"):
        records = {r["id"]: r for r in json.loads(read(
            real_site, f"data/ideslussar.{lang}.json"))["case_studies"]}
        rows = {row["id"]: row for row in csv.DictReader(io.StringIO(
            read(real_site, f"data/ideslussar.{lang}.csv"), newline=""))}
        for case in corpus.cases:
            one, row = records[case.slug], rows[case.slug]
            assert one["call"] == row["call"] == case.call.value
            assert one["sources"] == [link.url for link in case.sources]
            assert row["sources"] == "; ".join(one["sources"])
            assert [page["url"] for page in one["where_to_turn"]] == [
                link.url for link in case.where_to_turn]
            for link in case.where_to_turn:
                assert link.url in row["where_to_turn"]
            claims = [claim for item in case.disagreements for claim in item.claims]
            assert len(row["disagreements"].splitlines()) == len(claims)
    assert any(case.disagreements for case in corpus.cases)


def test_mini_data_marks_untranslated_text(mini_site: Path) -> None:
    records = json.loads(read(mini_site, "data/ideslussar.en.json"))["case_studies"]
    rows = list(csv.DictReader(io.StringIO(read(mini_site, "data/ideslussar.en.csv"),
                                           newline="")))
    for one, row in zip(records, rows, strict=True):
        missing = [f for f, found in one["translation"]["fields"].items()
                   if found["state"] == "missing"]
        assert row["untranslated_fields"] == "; ".join(missing)
    assert any(row["untranslated_fields"] for row in rows)


def test_json_validates_against_the_schema_it_names(real_site: Path) -> None:
    files = [*(real_site / "data").glob("ideslussar.*.json"),
             *(real_site / "data/ideslussar").glob("*.json")]
    files = [path for path in files if not path.name.endswith((".schema.json", ".csl.json"))]
    assert len(files) == 2 + 2 * len(read_corpus(REPO).cases)
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        schema_file = local(real_site, data["schema"])
        schema = json.loads(schema_file.read_text(encoding="utf-8"))
        assert schema["$id"] == data["schema"]
        jsonschema.Draft202012Validator.check_schema(schema)
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
        assert not errors, (path, errors[:3])
    broken = json.loads(read(real_site, "data/ideslussar.sv.json"))
    broken["case_studies"][0]["status"] = "paused"
    assert not jsonschema.Draft202012Validator(schema).is_valid(broken)


def test_data_package_describes_the_files(real_site: Path) -> None:
    package = json.loads(read(real_site, "data/datapackage.json"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    kinds = set()
    for resource in package["resources"]:
        path = real_site / "data" / resource["path"]
        assert path.is_file(), resource["path"]
        if resource["format"] != "csv":
            continue
        kinds.add(resource["dialect"]["delimiter"])
        text = path.read_bytes().decode("utf-8-sig")
        header = next(csv.reader(io.StringIO(text), delimiter=resource["dialect"]["delimiter"]))
        assert header == [field["name"] for field in resource["schema"]["fields"]]
    assert kinds == {",", ";"}


def test_dcat_ap_se_lists_every_file(real_site: Path) -> None:
    root = ET.fromstring(read(real_site, "data/dcat.rdf"))  # noqa: S314 - our own output
    catalog = root.find(DCAT + "Catalog")
    dataset = root.find(DCAT + "Dataset")
    assert catalog is not None and dataset is not None
    langs = {t.get("{http://www.w3.org/XML/1998/namespace}lang"): t.text
             for t in dataset.findall(DCT + "title")}
    assert langs == {"sv": "Idéslussar i kommuner: fallstudier",
                     "en": "Idea sluices in municipalities: case studies"}
    for required in (DCT + "publisher", DCAT + "contactPoint", DCT + "description"):
        assert dataset.find(required) is not None, required
    licences = {e.get(RDF + "resource") for e in root.iter(DCT + "license")}
    assert licences == {"http://creativecommons.org/licenses/by/4.0/"}  # as the portal lists it
    downloads = [d.find(DCAT + "downloadURL") for d in root.findall(DCAT + "Distribution")]
    assert len(downloads) == 6
    for element in downloads:
        assert element is not None
        assert local(real_site, element.get(RDF + "resource") or "").is_file()
        assert element is not None


def test_open_data_page_describes_the_files(real_site: Path) -> None:
    page = read(real_site, "en/oppna-data.html")
    for href in ("../data/ideslussar.en.excel.csv", "../data/ideslussar.en.csv",
                 "../data/ideslussar.en.json", "../data/ideslussar.schema.json",
                 "../data/datapackage.json", "../data/dcat.rdf"):
        assert f'href="{href}"' in page, href
        assert (real_site / "en" / href).resolve().is_file(), href
    assert "The files hold exactly what the pages show" not in page
    assert "begins with an apostrophe" in page
    swedish = read(real_site, "oppna-data.html")
    assert "CSV för Excel" in swedish and "semikolon" in swedish


# --- Feeds, sitemaps, robots.txt, canonical addresses ----------------------------------------


def git(folder: Path, *args: str, when: str = "") -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content committed to git on two days: Örebro changed later than the rest."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = copy_repo_content(tmp_path_factory.mktemp("dated"))
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "all", when="2024-01-10T10:00:00+00:00")
    orebro = root / "municipalities/orebro.yml"
    orebro.write_text(orebro.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git(root, "commit", "-qam", "orebro", when="2025-03-05T12:00:00+00:00")
    site = root / "site"
    build(root, site)
    return site


def test_feed_entries_carry_each_case_history(dated_site: Path) -> None:
    for lang, root in (("sv", ""), ("en", "en/")):
        feed = ET.fromstring(read(dated_site, root + "feed.xml"))  # noqa: S314 - our own output
        entries = feed.findall(ATOM + "entry")
        updated = {entry.findtext(ATOM + "id"): entry.findtext(ATOM + "updated")
                   for entry in entries}
        assert updated.pop(f"{SITE_URL}{root}ideslussar/orebro.html") == \
            "2025-03-05T12:00:00+00:00"
        assert set(updated.values()) == {"2024-01-10T10:00:00+00:00"}
        assert entries[0].findtext(ATOM + "id").endswith("orebro.html")  # newest first
        marked = [e for e in entries if e.find(ATOM + "category") is not None]
        if lang == "en":
            assert len(marked) == len(entries)  # every English text is machine-translated
            assert marked[0].find(ATOM + "category").get("term") == "machine-translated"
            assert entries[0].findtext(ATOM + "summary").endswith("(machine-translated)")
        else:
            assert not marked


def test_sitemap_lastmod_and_robots(dated_site: Path) -> None:
    sitemap = sitemap_entries(dated_site)
    assert (f"<loc>{SITE_URL}en/ideslussar/orebro.html</loc>"
            "<lastmod>2025-03-05T12:00:00+00:00</lastmod>") in sitemap
    assert (f"<loc>{SITE_URL}ideslussar/kungsbacka.html</loc>"
            "<lastmod>2024-01-10T10:00:00+00:00</lastmod>") in sitemap
    assert (f"<loc>{SITE_URL}ideslussar/</loc>"
            "<lastmod>2025-03-05T12:00:00+00:00</lastmod>") in sitemap
    assert (f"<loc>{SITE_URL}en/lan/orebro-lan.html</loc>"
            "<lastmod>2025-03-05T12:00:00+00:00</lastmod>") in sitemap
    assert (f"<loc>{SITE_URL}lan/vastra-gotalands-lan.html</loc>"
            "<lastmod>2024-01-10T10:00:00+00:00</lastmod>") in sitemap
    assert f"<loc>{SITE_URL}</loc><lastmod>2025-03-05T12:00:00+00:00</lastmod>" in sitemap
    assert f"<loc>{SITE_URL}om-programmet.html</loc><xhtml:link" in sitemap  # no date known
    page = read(dated_site, "en/ideslussar/orebro.html")
    assert ('<meta property="article:published_time" content="2024-01-10T10:00:00+00:00">'
            in page)
    assert '<meta property="article:modified_time" content="2025-03-05T12:00:00+00:00">' in page
    robots = read(dated_site, "robots.txt")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots.splitlines()


def test_what_materials_script_fetches_for_the_alternate_links_is_a_small_index(
        real_site: Path) -> None:
    """Material fetches `sitemap.xml` next to each `<link rel="alternate">` of every page (the
    language alternates, the feed) and parses it; at 1,000 cases the page lists took seconds
    of a phone's main thread. Each is a sitemap index of a few hundred bytes, naming only
    sitemaps that exist, so crawlers still reach every page."""
    pages = [path for path in real_site.rglob("*.html") if path.name != "404.html"]
    assert len(pages) > 50
    fetched: set[str] = set()
    for path in pages:
        address = SITE_URL + path.relative_to(real_site).as_posix()
        page = path.read_text(encoding="utf-8")
        for href in re.findall(r'<link rel="alternate"[^>]* href="([^"]+)"', page):
            fetched.add(urljoin(urljoin(address, href), "sitemap.xml"))
    assert {f"{SITE_URL}sitemap.xml", f"{SITE_URL}en/ideslussar/sitemap.xml"} <= fetched
    for url in sorted(fetched):
        text = local(real_site, url).read_text(encoding="utf-8")
        assert len(text.encode("utf-8")) < 1024, url
        root = ET.fromstring(text)  # noqa: S314 - the site's own output
        assert root.tag == SITEMAP + "sitemapindex", url  # no <url> for Material to map
        for loc in root.iter(SITEMAP + "loc"):
            listed = ET.parse(local(real_site, loc.text or ""))  # noqa: S314 - as above
            assert listed.getroot().tag == SITEMAP + "urlset"


def test_canonical_addresses_agree_with_hreflang_and_sitemap(real_site: Path) -> None:
    locs = set(re.findall(r"<loc>([^<]+)</loc>", sitemap_entries(real_site)))
    for lang, root in (("sv", ""), ("en", "en/")):
        for path in ("index.html", "ideslussar/index.html", "lan/index.html",
                     "teman/index.html", "ideslussar/orebro.html", "oppna-data.html"):
            page = read(real_site, root + path)
            canonical = re.search(r'<link rel="canonical" href="([^"]+)">', page)
            own = re.search(rf'<link rel="alternate" hreflang="{lang}" href="([^"]+)">', page)
            assert canonical is not None and own is not None, path
            assert canonical.group(1) == own.group(1), (lang, path)
            assert canonical.group(1) in locs, (lang, path)
            assert not canonical.group(1).endswith("index.html")


def test_pictures_are_drawn_again_only_when_their_texts_change() -> None:
    corpus = read_corpus(REPO)
    case = next(c for c in corpus.cases if c.slug == "orebro")
    path = "ideslussar/delning/orebro.png"
    first = og_images([case], corpus.registry, "en", {})[path]
    assert fingerprint_of(first) is not None
    # The last build's picture, with its fingerprint: kept as it is, not drawn again.
    kept = first + b"kept"
    assert og_images([case], corpus.registry, "en", {path: kept})[path] is kept
    renamed = dataclasses.replace(case, name=Text(sv="Idésluss i Örebro",
                                                  en="Örebro's idea sluice"))
    redrawn = og_images([renamed], corpus.registry, "en", {path: kept})[path]
    assert redrawn not in (kept, first)
    with Image.open(io.BytesIO(redrawn)) as picture:
        assert picture.size == (1200, 630)


def test_picture_text_stays_inside_the_picture() -> None:
    face = font("bold", 68)
    lines = wrap("Innovationsslussutvecklingsprojektsamordningsorganisationen i Skellefteå",
                 face, 1040)
    assert len(lines) >= 2 and all(face.getlength(line) <= 1040 for line in lines)
    long_name = " ".join(["Idésluss"] * 40)
    chosen, shown = title_lines(long_name, 1040)
    assert len(shown) == 4 and shown[-1].endswith("…") and chosen.size == 50
    assert all(chosen.getlength(line) <= 1040 for line in shown)


@pytest.mark.parametrize(("title", "facts"), [
    ("Idésluss i Örebro kommun", "Örebro län · 2016–2020"),
    # Four lines of the largest size and two of facts reach the label at the bottom.
    ("Idésluss för medarbetare i Västra Götalandsregionens kommuner, Skaraborgs "
     "kommunalförbund och Fyrbodal",
     "Västra Götalands län, Skåne län, Stockholms län, Örebro län · från 2016, slutet okänt "
     "· förstudie och genomförande i flera kommuner")])
def test_a_picture_shows_its_texts_on_the_shared_design(title: str, facts: str) -> None:
    # What a reader sees is the band, site name and label with the case's texts drawn over
    # them, whichever way the picture was put together (texts on an empty canvas written
    # over the shared rows, or, where they meet the label, drawn over the design itself).
    site, label = "Idéslussar i kommuner", "Fallstudie"
    expected = pictures.background(site, label)[0].copy()
    pictures.draw_texts(expected, title, facts)
    with Image.open(io.BytesIO(pictures.draw(site, title, facts, label))) as picture:
        picture.load()
        assert picture.size == pictures.SIZE
        assert picture.tobytes() == expected.crop((1, 0, *pictures.DRAWN_SIZE)).tobytes()
    texts = Image.new("L", pictures.DRAWN_SIZE, 0)
    pictures.draw_texts(texts, title, facts)
    free = pictures.background(site, label)[1].leaves_free(texts.tobytes())
    assert free is (len(facts) < 50)  # both ways were taken


def test_lines_are_broken_where_measuring_each_whole_line_breaks_them() -> None:
    # wrap() adds up words, spaces and kerning instead of measuring every candidate line:
    # it must break exactly where measuring the whole line would (kerned pairs such as
    # "AV", "To", "y." next to spaces included).
    def measured(text: str, face: Any, width: float) -> list[str]:
        lines: list[str] = []
        for word in text.split():
            candidate = f"{lines[-1]} {word}" if lines else word
            if lines and face.getlength(candidate) <= width:
                lines[-1] = candidate
                continue
            while face.getlength(word) > width:
                cut = next(n for n in range(len(word) - 1, 0, -1)
                           if face.getlength(word[:n] + "-") <= width)
                lines.append(word[:cut] + "-")
                word = word[cut:]
            lines.append(word)
        return lines

    corpus = read_corpus(REPO)
    texts = [case.name.get(lang) or "" for case in corpus.cases for lang in LANGUAGES]
    texts += ["AV Ta To Te Wa We Yo y. f, r. L' \"Ö\" T. V, W; Fjärran Åtvidaberg",
              "Innovationsslussutvecklingsprojektsamordningsorganisationen i Skellefteå"]
    for face in (font("bold", 68), font("bold", 50), font("normal", 34)):
        for text in texts:
            words = text.split()
            # Widths at which a line of the first words just fits, or just does not (by a
            # 64th of a pixel, the unit of the layout).
            tight = {face.getlength(" ".join(words[:count])) + shift
                     for count in (2, 3) for shift in (-1 / 64, 0) if len(words) >= count}
            for width in (1040, 500, 230, *tight):
                assert wrap(text, face, width) == measured(text, face, width), (text, width)


def test_citation_without_a_vinnova_source_names_none(mini_site: Path) -> None:
    page = read(mini_site, "en/ideslussar/noll-test.html")
    cite = re.search(r'<p class="ides-cite">(.*?)</p>', page, re.S)
    assert cite is not None and "Vinnova" not in cite.group(1)
    assert "L2  -" not in read(mini_site, "data/ideslussar/noll-test.en.ris")
    untranslated = read(mini_site, "en/ideslussar/pitea-test.html")
    cite = re.search(r'<p class="ides-cite">(.*?)</p>', untranslated, re.S)
    assert cite is not None
    assert cite.group(1).endswith(" Some texts are not yet translated and are in Swedish.")
    assert "Some texts" not in read(mini_site, "ideslussar/pitea-test.html")


def test_stated_publisher_is_cited_and_catalogued(tmp_path: Path) -> None:
    root = copy_repo_content(tmp_path)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config += ("  publisher:\n    name: {sv: Exempelstads kommun, en: Exempelstad Municipality}\n"
               "    contact: mailto:oppnadata@exempelstad.example\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = root / "site"
    build_site(read_corpus(root), root, site, site_url=SITE_URL,
               config_file=root / "mkdocs.yml", work_dir=root / ".build")
    cite = re.search(r'<p class="ides-cite">(.*?)</p>', read(site, "en/ideslussar/orebro.html"))
    assert cite is not None and "Publisher: Exempelstad Municipality, version of" in cite.group(1)
    assert "PB  - Exempelstads kommun" in read(site, "data/ideslussar/orebro.sv.ris")
    catalogue = read(site, "data/dcat.rdf")
    assert '<vcard:hasEmail rdf:resource="mailto:oppnadata@exempelstad.example"/>' in catalogue
    assert '<foaf:name xml:lang="en">Exempelstad Municipality</foaf:name>' in catalogue


def test_a_missing_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.site import og_images as pictures

    pictures.font_file.cache_clear()
    pictures.font.cache_clear()
    monkeypatch.setattr(pictures.importlib.util, "find_spec", lambda name: None)
    try:
        with pytest.raises(pictures.FontMissingError, match=r"lato-bold\.woff is not in MkDocs"):
            pictures.font("bold", 30)
    finally:
        monkeypatch.undo()
        pictures.font_file.cache_clear()
        pictures.font.cache_clear()
    assert pictures.font("bold", 30).getname() == ("Lato", "Bold")
