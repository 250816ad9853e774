"""Readers in a real browser: filter the overview, follow a related case, switch language on a
case page and land on the same case, and find a case by an inflected Swedish word."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from .support import url

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser: Browser, served: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def visible_cases(page: Page) -> list[str]:
    return [a.inner_text() for a in
            page.query_selector_all("#ides-list > li:not([hidden]) .ides-card__title a")]


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
    assert len(page.query_selector_all("#ides-list > li")) == 22
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
