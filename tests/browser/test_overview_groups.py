"""The overview's cards in groups, in Chromium, both languages, at 1280 and 390 px.

The cards come in groups (one <ul> each, so that a browser styles and lays out only the groups
near the screen). What a reader must still have: one list of every idea sluice in the
accessibility tree that screen readers read, not a list per group; filters that hide a group
left empty, so no estimated height stands in for cards that are not there; cards that line
up in the same columns from one group to the next.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from .support import VIEWPORTS, url

pytestmark = pytest.mark.browser

OVERVIEW = "ideslussar/index.html"


@pytest.fixture(params=list(VIEWPORTS))
def tab(browser: Browser, served: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    yield context.new_page()
    context.close()


def titles(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        "#ides-list .ides-card__title", "hs => hs.map(h => h.textContent.trim())")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_screen_readers_get_one_list_of_every_card(
        browser: Browser, served: str, lang: str, viewport: str) -> None:
    """Chromium's accessibility tree: the cards are the items of one list, in the page's
    order, each with its heading; the groups round them are no lists of their own. Asked for
    after the page opened, as by a screen reader started then, it holds every card: a list
    this short (`LONG_LIST`) is drawn whole (see test_compare_table.py)."""
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(url(lang, OVERVIEW))
    assert page.locator("#ides-list > ul").count() > 1, "one group only: nothing to check"
    cdp = context.new_cdp_session(page)
    nodes = {n["nodeId"]: n for n in cdp.send("Accessibility.getFullAXTree")["nodes"]}

    def role(node: dict[str, object]) -> str:
        return str(node.get("role", {}).get("value"))  # type: ignore[union-attr]

    def below(node: dict[str, object], wanted: str) -> list[dict[str, object]]:
        """The nearest descendants of a role, looking through ignored and generic nodes."""
        found = []
        for child in node.get("childIds", []):  # type: ignore[union-attr]
            kid = nodes.get(child)
            if kid is None:
                continue
            if role(kid) == wanted and not kid.get("ignored"):
                found.append(kid)
            elif kid.get("ignored") or role(kid) in ("generic", "none"):
                found.extend(below(kid, wanted))
        return found

    def text(node: dict[str, object]) -> str:
        """The names of the node's headings, in order."""
        return " ".join(str(h.get("name", {}).get("value", ""))  # type: ignore[union-attr]
                        for h in below(node, "heading")).strip()

    lists = [n for n in nodes.values() if role(n) == "list" and not n.get("ignored")
             and any(below(item, "heading") for item in below(n, "listitem"))]
    assert len(lists) == 1, f"{len(lists)} lists hold cards"
    items = below(lists[0], "listitem")
    assert [text(item) for item in items] == titles(page)
    assert not any(below(item, "list") for item in items)
    context.close()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_filter_hides_the_groups_it_empties_and_clearing_shows_them(tab: Page,
                                                                     lang: str) -> None:
    tab.goto(url(lang, OVERVIEW))
    state = """() => [...document.querySelectorAll('#ides-list > ul')].map(g => [g.hidden,
        g.querySelectorAll('li:not([hidden])').length, g.getBoundingClientRect().height])"""
    everything = tab.evaluate(state)
    assert len(everything) > 1 and not any(hidden for hidden, _, _ in everything)
    boxes = tab.locator("#ides-filters input[type=checkbox]")
    if tab.locator("#ides-filters-toggle").is_visible():
        tab.click("#ides-filters-toggle")
    emptied = 0
    for index in range(boxes.count()):
        boxes.nth(index).check()
        groups = tab.evaluate(state)
        for hidden, shown, height in groups:
            assert hidden == (shown == 0)
            assert not hidden or height == 0, "a hidden group takes no room"
        emptied += sum(hidden for hidden, _, _ in groups)
        boxes.nth(index).uncheck()
    assert emptied, "no option left a group empty: the check above checked nothing"
    assert [group[:2] for group in tab.evaluate(state)] == [group[:2] for group in everything]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_cards_keep_their_columns_from_group_to_group(tab: Page, lang: str) -> None:
    tab.goto(url(lang, OVERVIEW))
    tab.locator("#ides-list li").last.scroll_into_view_if_needed()
    lefts = tab.eval_on_selector_all(
        "#ides-list > ul", "gs => gs.map(g => [...new Set([...g.children].map("
        "c => Math.round(c.getBoundingClientRect().left)))].sort((a, b) => a - b))")
    assert len(lefts) > 1 and all(columns == lefts[0] for columns in lefts[:-1]), lefts
    assert set(lefts[-1]) <= set(lefts[0])
