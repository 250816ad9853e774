"""WCAG 2.1 AA as axe-core checks it, on every page type, both languages, desktop and phone.

The site follows the reader's colour setting (light, or dark with prefers-color-scheme; no
toggle), so both schemes are checked: every page type in light at both widths, and in dark at
the desktop width. No axe rule is disabled: where Material breaks one, the project's overrides
in generator/engine/theme/ fix it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from .support import PAGE_TYPES, REPORT, VIEWPORTS, WCAG_TAGS, axe_source, url

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def tab(browser: Browser) -> Iterator[Page]:
    # axe is injected as an inline script, which the pages' policy refuses (test_policy.py):
    # the checking tool, not the page, is let past it.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(content=axe_source())
    result: dict[str, Any] = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: "tag", values: tags},
                                      resultTypes: ["violations"]})""", WCAG_TAGS)
    return list(result["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n" + "\n".join(
            f"    {n['target']}: {n['failureSummary']}" for n in v["nodes"][:5])
        for v in violations)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_wcag_violations(tab: Page, served: str, kind: str, lang: str,
                            viewport: str) -> None:
    tab.set_viewport_size(VIEWPORTS[viewport])
    response = tab.goto(url(lang, PAGE_TYPES[kind]))
    assert response is not None and response.ok, url(lang, PAGE_TYPES[kind])
    violations = axe_violations(tab)
    REPORT.page(kind, lang, **{f"axe {viewport}": sum(len(v["nodes"]) for v in violations)})
    assert violations == [], describe(violations)


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_wcag_violations_in_the_dark_scheme(browser: Browser, served: str, kind: str,
                                               lang: str) -> None:
    context = browser.new_context(color_scheme="dark", viewport=VIEWPORTS["desktop"],
                                  bypass_csp=True)  # to inject axe-core
    page = context.new_page()
    page.goto(url(lang, PAGE_TYPES[kind]))
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
    violations = axe_violations(page)
    context.close()
    REPORT.page(kind, lang, **{"axe dark": sum(len(v["nodes"]) for v in violations)})
    assert violations == [], describe(violations)


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("path", ["ideslussar/pitea-test.html", "ideslussar/noll-test.html",
                                  "ideslussar/index.html"])
def test_no_wcag_violations_with_every_field_and_hostile_text(tab: Page, served_mini: str,
                                                              path: str, lang: str) -> None:
    """The fixture cases: every optional field, markup in the text, notices about missing and
    machine translations, a case with almost nothing filled in."""
    tab.set_viewport_size(VIEWPORTS["desktop"])
    response = tab.goto(url(lang, path))
    assert response is not None and response.ok, url(lang, path)
    violations = axe_violations(tab)
    assert violations == [], describe(violations)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize(("lang", "query"), [("sv", "orebro"), ("en", "employees")])
def test_no_wcag_violations_in_search_results(tab: Page, served: str, lang: str, query: str,
                                              viewport: str) -> None:
    """The search dialog open, with results and their teasers, reached by the keyboard."""
    tab.set_viewport_size(VIEWPORTS[viewport])
    tab.goto(url(lang, "ideslussar/index.html"))
    tab.keyboard.press("/")  # Material's shortcut to the search box
    tab.keyboard.type(query, delay=20)
    tab.wait_for_selector(".md-search-result__item")
    tab.keyboard.press("ArrowDown")  # to the first result, as a keyboard user goes
    assert tab.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    violations = axe_violations(tab)
    assert violations == [], describe(violations)
