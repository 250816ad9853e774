"""What readers come for on a case page (issue 12): the call and the counterpart project, what
happened afterwards, where to turn, where the sources disagree, sources with title and language,
the attribution of Vinnova's project pages; and the accessibility statement's publisher."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.reading.corpus import read_cases, read_corpus
from generator.reading.problems import InvalidContentError
from generator.reading.publisher import Publisher, publisher_from_config
from generator.reading.registry import load_registry
from generator.site.i18n import cli_translations
from generator.site.render import render_language

from .conftest import REPO

ATTRIBUTION = {"sv": "skrevs av projektgrupperna och granskades inte av Vinnova",
               "en": "written by the project groups and not reviewed by Vinnova"}


def article(site: Path, path: str) -> str:
    text = (site / path).read_text(encoding="utf-8")
    return text[text.index("<article"):text.index("</article>")]


def test_pre_study_and_development_project_link_each_other(real_site: Path) -> None:
    pre = article(real_site, "ideslussar/hoor-forstudie.html")
    assert "En förstudie i Vinnovas utlysning 2015." in pre
    assert re.search(r'Den ledde till utvecklingsprojektet <a href="hoor.html">Ett permanent', pre)
    dev = article(real_site, "en/ideslussar/hoor.html")
    assert "A development project in Vinnova&#39;s call of 2016." in dev
    assert re.search(r'It grew out of the pre-study <a href="hoor-forstudie.html">A physical', dev)
    alone = article(real_site, "en/ideslussar/stockholms-stad.html")
    assert "A development project in Vinnova&#39;s call of 2016.</p>" in alone  # no counterpart


def test_afterwards_where_to_turn_and_sources_with_language(real_site: Path) -> None:
    page = article(real_site, "en/ideslussar/skaraborgs-innovationssluss.html")
    assert '<h2 id="what-happened-afterwards">What happened afterwards</h2>' in page
    assert "<strong>Not financed further.</strong>" in page
    assert '<h2 id="where-to-turn">Where to turn</h2>' in page
    assert ('<a href="https://skaraborg.se/pagaende-projekt/avslutade-projekt/innovationsslussen2/"'
            ' rel="noopener" hreflang="sv" lang="sv">Skaraborgs kommunalförbund – '
            'Innovationsslussen (avslutat projekt)</a> (in Swedish)') in page
    swedish = article(real_site, "ideslussar/skaraborgs-innovationssluss.html")
    assert "<strong>Fick ingen fortsatt finansiering.</strong>" in swedish
    assert ('hreflang="en" lang="en">Vinnova, project page – Skaraborgs innovationssluss, '
            "kulturrevolution med digitalisering!</a> (på engelska)") in swedish


def test_disagreements_show_every_value_with_its_source(real_site: Path) -> None:
    page = article(real_site, "en/ideslussar/icare4fyrbodal.html")
    section = page[page.index('id="where-the-sources-disagree"'):page.index('id="sources"')]
    for value, source in [("November 2016 – February 2020", "https://www.vinnova.se/p/icare4"),
                          ("1 December 2016 – 30 November 2019", "https://www.uddevalla.se/kommun"),
                          ("January 2017 – December 2020", "https://www.uddevalla.se/naringsliv")]:
        assert re.search(f"<dd>{value} – <a href=\"{re.escape(source)}", section), value


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_project_page_texts_are_attributed(real_site: Path, lang: str) -> None:
    root = "" if lang == "sv" else "en/"
    assert ATTRIBUTION[lang] in article(real_site, f"{root}ideslussar/orebro.html")
    # AllAgeHub's project page was not found: nothing of it is used, so no such note.
    assert ATTRIBUTION[lang] not in article(real_site, f"{root}ideslussar/allagehub.html")


def test_an_unknown_end_is_not_shown_as_still_running(real_site: Path) -> None:
    page = article(real_site, "en/ideslussar/allagehub.html")
    assert "from February 2017; the end is not stated in the sources" in page
    related = article(real_site, "ideslussar/goteborg-valfardsslussen.html")
    assert "från 2017, slutet okänt" in related and "2017–<" not in related


def test_counterpart_must_exist_and_name_this_case_back(tmp_path: Path) -> None:
    folder = tmp_path / "municipalities"
    folder.mkdir()
    hoor = (REPO / "municipalities/hoor.yml").read_text(encoding="utf-8")
    (folder / "hoor.yml").write_text(hoor.replace("counterpart: hoor-forstudie",
                                                  "counterpart: hoor-forstudi"),
                                     encoding="utf-8")
    pre = (REPO / "municipalities/hoor-forstudie.yml").read_text(encoding="utf-8")
    (folder / "hoor-forstudie.yml").write_text(pre, encoding="utf-8")
    _cases, problems = read_cases(sorted(folder.iterdir()), tmp_path, load_registry())
    gettext = cli_translations("en").gettext
    shown = sorted(p.render(gettext) for p in problems)
    # Placed on the counterpart's value, where the editor writes the fix.
    pre_line = pre.splitlines().index("counterpart: hoor") + 1
    hoor_line = hoor.splitlines().index("counterpart: hoor-forstudie") + 1
    assert shown == [
        f'municipalities/hoor-forstudie.yml:{pre_line}:14: counterpart: "hoor" does not name '
        "this project back; add counterpart: hoor-forstudie to municipalities/hoor.yml",
        f'municipalities/hoor.yml:{hoor_line}:14: counterpart: there is no case file '
        '"hoor-forstudi"; write the file name of the other project, without .yml']
    swedish = cli_translations("sv").gettext
    assert "det finns ingen fil" in " ".join(p.render(swedish) for p in problems)


def statement(lang: str, publisher: Publisher | None) -> str:
    corpus = read_corpus(REPO)
    pages = render_language(corpus, lang, "https://example.org/", publisher=publisher)
    return next(page.text for page in pages if page.path == "tillganglighet.md")


def test_accessibility_statement_names_the_configured_publisher() -> None:
    publisher = publisher_from_config({"extra": {"publisher": {
        "name": {"sv": "Exempelstads kommun", "en": "Exempelstad Municipality"},
        "contact": "mailto:tillganglighet@exempelstad.se"}}})
    sv, en = statement("sv", publisher), statement("en", publisher)
    assert "ges ut av (utgivare): Exempelstads kommun." in sv
    assert "published by (publisher): Exempelstad Municipality." in en
    link = '<a href="mailto:tillganglighet@exempelstad.se">tillganglighet@exempelstad.se</a>'
    assert sv.count(link) == 2 and en.count(link) == 2
    for text in (sv, en):
        assert "{{" not in text and "https://www.digg.se/tdosanmalan" in text
        assert "2026" in text and "4.1.1" in text
    assert "**delvis förenlig**" in sv and "Inga brister" not in sv
    assert "**partially compliant**" in en


def test_accessibility_statement_says_when_no_publisher_is_stated() -> None:
    sv, en = statement("sv", None), statement("en", None)
    assert "ges ut av (utgivare): inte angiven för den här kopian av webbplatsen." in sv
    assert "Contact address: not stated for this copy of the site." in en


@pytest.mark.parametrize("publisher, key", [
    ({"name": "Exempelstad", "contact": "ring oss"}, "extra.publisher.contact"),
    ({"name": "Exempelstad", "contact": "javascript:alert(1)"}, "extra.publisher.contact"),
    ({"name": {"sv": "Exempelstad"}, "contact": "https://exempelstad.se/"}, "extra.publisher.name"),
    ("Exempelstad", "extra.publisher"),
])
def test_a_wrongly_stated_publisher_is_a_clear_error(publisher: object, key: str) -> None:
    with pytest.raises(InvalidContentError) as raised:
        publisher_from_config({"extra": {"publisher": publisher}})
    (problem,) = raised.value.problems
    assert problem.file == "mkdocs.yml" and problem.field == key


def test_where_to_turn_needs_title_and_language_a_source_may_be_a_plain_address(
        tmp_path: Path) -> None:
    folder = tmp_path / "municipalities"
    folder.mkdir()
    text = (REPO / "municipalities/lund-forstudie.yml").read_text(encoding="utf-8")
    bare = text.replace("""where_to_turn:
  - url: https://lund.se/kommun-och-politik/sa-arbetar-vi-med/innovation
    title: Lunds kommun – Så arbetar vi med innovation
    lang: sv
""", """where_to_turn:
  - https://lund.se/kommun-och-politik/sa-arbetar-vi-med/innovation
""").replace("""  - url: https://www.vinnova.se/en/p/idesluss-lund/
    title: Vinnova, project page – Idésluss Lund
    lang: en
""", """  - https://www.vinnova.se/en/p/idesluss-lund/
""")
    assert bare.count("  - https://") == 2
    (folder / "lund-forstudie.yml").write_text(bare, encoding="utf-8")
    _cases, problems = read_cases([folder / "lund-forstudie.yml"], tmp_path, load_registry())
    shown = [p.render(cli_translations("en").gettext) for p in problems]
    assert len(shown) == 1 and shown[0].startswith(
        "municipalities/lund-forstudie.yml:")
    assert shown[0].endswith("where_to_turn.0: the page's title and language are missing; "
                             "write it as url: followed by the address, title: followed by "
                             "the page's title, and lang: sv or en")
    swedish = problems[0].render(cli_translations("sv").gettext, "sv")
    assert "sidans titel och språk saknas" in swedish
