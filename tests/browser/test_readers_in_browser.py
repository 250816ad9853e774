"""Readers in a real browser: filter the overview, follow a related case, switch language on a
case page and land on the same case, and find a case by an inflected Swedish word."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route

from .support import url

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser: Browser, served: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def visible_cases(page: Page) -> list[str]:
    """The titles of the cards the filter leaves (their text: a card far below the screen is
    not rendered until it comes near, and `innerText` of an unrendered element is empty)."""
    return [(a.text_content() or "").strip() for a in
            page.query_selector_all("#ides-list li:not([hidden]) .ides-card__title a")]


def test_filters_combine_and_keep_their_state_in_the_address(page: Page) -> None:
    page.goto(url("sv", "ideslussar/index.html"))
    assert page.inner_text("#ides-count") == "Visar 22 av 22 idéslussar."
    page.check('#ides-filters input[name="county"][value="14"]')
    assert page.inner_text("#ides-count") == "Visar 8 av 22 idéslussar."
    page.check('#ides-filters input[name="status"][value="ended"]')
    assert set(visible_cases(page)) == {  # the pre-studies have ended too
        "Skaraborgs innovationssluss", "Innovativa Lidköping",
        "Innovationssluss för hållbar kommunutveckling (förstudie)",
        "iCare4 Fyrbodal-idésluss för samverkan vid innovationsledning i kommunal socialtjänst",
        "Välfärdsslussen – en mötesplats för utveckling av kommunal vård och omsorg"}
    assert page.url.endswith("ideslussar/index.html?county=14&status=ended")
    page.uncheck('#ides-filters input[name="status"][value="ended"]')
    page.check('#ides-filters input[name="count"][value="6-"]')
    assert set(visible_cases(page)) == {
        "AllAgeHub", "Skaraborgs innovationssluss",
        "Välfärdsslussen – en mötesplats för utveckling av kommunal vård och omsorg"}
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)  # a shared link opens the same filtered view
    assert page.is_checked('#ides-filters input[name="count"][value="6-"]')
    assert page.inner_text("#ides-count") == "Visar 3 av 22 idéslussar."
    page.click("#ides-filters button[type=reset]")
    page.wait_for_function("document.getElementById('ides-count').textContent.includes('22 av')")
    assert page.url.endswith("ideslussar/index.html")


def test_theme_and_period_filters(page: Page) -> None:
    page.goto(url("en", "ideslussar/index.html?theme=welfare-technology"))
    assert visible_cases(page) == [
        "AllAgeHub", "Välfärdsslussen (the welfare sluice) – a meeting place for developing "
        "municipal health and social care"]
    page.goto(url("en", "ideslussar/index.html?to=2016"))
    shown = visible_cases(page)
    assert "AllAgeHub" not in shown  # started 2017
    assert "Idea sluice in Örebro Municipality" in shown or len(shown) == 7
    # Themes are multi-select: either of two.
    page.goto(url("en", "ideslussar/index.html?theme=rural-development"))
    rural = set(visible_cases(page))
    page.goto(url("en", "ideslussar/index.html?theme=welfare-technology,rural-development"))
    assert set(visible_cases(page)) == rural | {"AllAgeHub", "Välfärdsslussen (the welfare "
                                                "sluice) – a meeting place for developing "
                                                "municipal health and social care"}


def test_without_javascript_every_case_is_listed(browser: Browser, served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url("sv", "ideslussar/index.html?county=14"))
    assert len(page.query_selector_all("#ides-list li")) == 22
    assert not page.is_visible("#ides-filters")
    context.close()


def test_following_a_related_case(page: Page) -> None:
    page.goto(url("sv", "ideslussar/skaraborgs-innovationssluss.html"))
    page.click(".ides-related a >> text=Innovativa Lidköping")
    page.wait_for_url("**/ideslussar/lidkoping-forstudie.html")
    assert page.inner_text("h1") == "Innovativa Lidköping"


def test_language_switch_lands_on_the_same_case(page: Page) -> None:
    page.goto(url("sv", "ideslussar/kungsbacka.html"))
    page.click(".md-header__option .md-select button")
    page.click(".md-select__link[hreflang=en]")
    page.wait_for_url("**/en/ideslussar/kungsbacka.html")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.click(".md-header__option .md-select button")
    page.click(".md-select__link[hreflang=sv]")
    page.wait_for_url("**/ideslussar/kungsbacka.html")
    assert "/en/" not in page.url
    assert page.evaluate("document.documentElement.lang") == "sv"


def search(page: Page, query: str) -> list[str]:
    """Type into Material's search box as a reader does, and list the result links."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.type(query, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    return [a.get_attribute("href") or "" for a in
            page.query_selector_all(".md-search-result__link")]


def test_search_runs_text_that_comes_before_the_index_or_without_a_key(page: Page) -> None:
    """A query written before the search is ready is searched once it is; text that arrives
    with no key released (pasted from a menu, dictated, a phone keyboard's suggestion) is
    searched too, not left at "Skriv sökord"."""
    held: list[Route] = []
    # Material sets the search up once it has this file: until then the search is not ready.
    page.route("**/search/search_index.json", lambda route: held.append(route))
    page.goto(url("sv", "ideslussar/orebro.html"))
    box = page.locator("input.md-search__input")
    box.click()
    page.keyboard.insert_text("medarbetare")  # pasted: an input event, no key
    page.wait_for_timeout(300)
    assert held and page.query_selector(".md-search-result__item") is None
    held[0].continue_()
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    assert page.inner_text(".md-search-result__meta").endswith("sökresultat")
    box.fill("Skellefteå")  # pasted over it, the search being ready
    page.wait_for_selector(".md-search-result__link[href*='pitea-och-skelleftea.html']",
                           timeout=15_000)


def test_swedish_search_understands_inflection(page: Page, real_site: Path) -> None:
    # Örebro's page says "kulturevenemang" but never the definite "kulturevenemangen".
    text = (real_site / "ideslussar/orebro.html").read_text(encoding="utf-8").lower()
    assert "kulturevenemang" in text and "kulturevenemangen" not in text
    page.goto(url("sv", "index.html"))
    links = search(page, "kulturevenemangen")
    assert any("ideslussar/orebro.html" in link for link in links)


def test_search_finds_a_case_by_municipality_and_theme(page: Page) -> None:
    page.goto(url("en", "index.html"))
    assert any("pitea-och-skelleftea.html" in link for link in search(page, "Skellefteå"))
    assert any("allagehub.html" in link for link in search(page, "welfare technology"))


def results(page: Page, query: str) -> list[dict[str, str]]:
    """Search as a reader does; each result's link, title and the text shown under it."""
    search(page, query)
    return page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link",
        """links => links.map(a => ({
             href: a.getAttribute("href") || "",
             title: a.querySelector("h1, h2").textContent,
             text: (a.querySelector("article p") || {}).textContent || ""}))""")


def kind(href: str) -> str:
    """What a result's page is: a case study, a listing of cases, or another page."""
    path = href.split("?")[0].split("#")[0].rsplit("/", 2)
    folder, name = (path[-2], path[-1]) if len(path) > 1 else ("", path[-1])
    if folder in ("lan", "teman") or (folder == "ideslussar" and name == "index.html"):
        return "listing"
    return "case" if folder == "ideslussar" else "page"


OREBRO_CASES = {"ideslussar/orebro.html", "ideslussar/orebro-forstudie.html"}


@pytest.mark.parametrize(("lang", "typed"), [("sv", "orebro"), ("en", "orebro"),
                                              ("sv", "OREBRO"), ("en", "orebro municipality")])
def test_search_without_diacritics_finds_orebro(page: Page, lang: str, typed: str) -> None:
    """Örebro's two cases (the idea sluice and its pre-study) come first, typed without ö."""
    page.goto(url(lang, "index.html"))
    found = results(page, typed)
    assert {"/".join(r["href"].split("?")[0].split("/")[-2:]) for r in found[:2]} \
        == OREBRO_CASES
    assert all("Örebro" in r["title"] for r in found[:2])


def test_search_without_diacritics_finds_as_many_as_with_them(page: Page) -> None:
    page.goto(url("sv", "index.html"))
    with_accent = [r["href"].split("?")[0] for r in results(page, "idésluss")]
    count = page.inner_text(".md-search-result__meta")  # "50 matchande dokument"
    assert int(count.split()[0]) > 40
    assert [r["href"].split("?")[0] for r in results(page, "idesluss")] == with_accent
    assert page.inner_text(".md-search-result__meta") == count


@pytest.mark.parametrize(("lang", "word", "case"), [
    ("sv", "simundervisning", "ideslussar/orebro.html"),  # "Bättre simundervisning"
    ("en", "swimming", "ideslussar/orebro.html"),  # "Better swimming lessons"
])
def test_a_case_page_ranks_first_for_a_word_of_its_text(page: Page, real_site: Path,
                                                         lang: str, word: str,
                                                         case: str) -> None:
    root = real_site / ("en" if lang == "en" else "")
    holders = sorted(str(p.relative_to(root)) for p in root.rglob("*.html")
                     if "/en/" not in f"/{p.relative_to(real_site)}"[3 if lang == "en" else 0:]
                     and word in p.read_text(encoding="utf-8").lower())
    assert holders == [case]  # only the case page says it: no listing repeats it
    page.goto(url(lang, "index.html"))
    assert results(page, word)[0]["href"].split("?")[0].endswith(case)


def every_result(page: Page, query: str) -> list[str]:
    """All results of a search, scrolled into the list as a reader scrolls (Material shows ten,
    then more as the end of the list comes into view)."""
    search(page, query)
    wanted = int(page.inner_text(".md-search-result__meta").split()[0])
    links = ".md-search-result__item > .md-search-result__link"
    for _ in range(40):
        if len(page.query_selector_all(links)) >= wanted:
            break
        # Material adds four more each time the end of the list comes into view again.
        page.eval_on_selector(".md-search__scrollwrap", "e => e.scrollTo(0, 0)")
        page.wait_for_timeout(100)
        page.eval_on_selector(".md-search__scrollwrap", "e => e.scrollTo(0, e.scrollHeight)")
        page.wait_for_timeout(150)
    found = [a.get_attribute("href") or "" for a in page.query_selector_all(links)]
    assert len(found) == wanted
    return found


@pytest.mark.parametrize(("lang", "word"), [("sv", "medarbetarna"), ("en", "employees")])
def test_case_pages_rank_above_listing_pages(page: Page, lang: str, word: str) -> None:
    page.goto(url(lang, "index.html"))
    kinds = [kind(href) for href in every_result(page, word)]
    assert "case" in kinds and "listing" in kinds
    last_case = max(i for i, k in enumerate(kinds) if k == "case")
    first_listing = kinds.index("listing")
    assert last_case < first_listing, kinds


def test_each_result_shows_the_case_teaser(page: Page) -> None:
    page.goto(url("sv", "index.html"))
    found = results(page, "orebro")
    orebro = next(r for r in found if r["href"].split("?")[0].endswith("ideslussar/orebro.html"))
    assert orebro["text"].startswith("Örebro kommun ska bli en mer innovativ organisation")
    assert all(r["text"] != "Alla idéslussar" for r in found)
    page.goto(url("en", "index.html"))
    found = results(page, "orebro")
    orebro = next(r for r in found if r["href"].split("?")[0].endswith("ideslussar/orebro.html"))
    assert orebro["text"].startswith("Örebro Municipality is to become a more innovative")


def test_search_results_show_hostile_text_as_text(browser: Browser, served_mini: str) -> None:
    """A teaser with markup in the case file is shown as the characters the editor typed."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url("sv", "index.html"))
    found = results(page, "testsluss")
    assert found[0]["text"].startswith('Innovationer och innovation i en <script>alert("x")')
    assert page.query_selector(".md-search-result script, .md-search-result img") is None
    assert dialogs == []
    context.close()
