"""The comparison table as readers use it, in Chromium, both languages, at 1280 and 390 px.

The table's rows come in groups (one <tbody> each, laid out as grid rows so that a browser lays
out only the groups near the screen). What a reader must still have: a sort by any column that
orders every row, not each group apart; columns that line up from the first group to the last;
a name column of 12em on a phone with the table scrolling sideways in its box; every row
reachable without JavaScript; and a table, with its headers, rows and cells, in the
accessibility tree that screen readers read (the roles the markup states, as the CSS display
of the parts is no longer a table's). Only a long table skips the groups off the screen.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from .support import VIEWPORTS, url

pytestmark = pytest.mark.browser

COMPARE = "jamfor.html"
GRANT = {"sv": "Bidrag från Vinnova (kr)", "en": "Vinnova grant (SEK)"}
PERIOD = {"sv": "Period", "en": "Period"}
NAME = {"sv": "Idésluss", "en": "Idea sluice"}
COLUMNS = {
    "sv": ["Idésluss", "Län", "Kommuner", "Period", "Status", "Bidrag från Vinnova (kr)",
           "Vinnovas utlysning"],
    "en": ["Idea sluice", "County", "Municipalities", "Period", "Status", "Vinnova grant (SEK)",
           "Vinnova's call"],
}


@pytest.fixture(params=list(VIEWPORTS))
def tab(browser: Browser, served: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    yield context.new_page()
    context.close()


def rows_by_group(page: Page) -> list[list[list[str]]]:
    """Each group's rows, each row as its cells' texts (the name, then the six others)."""
    return page.eval_on_selector_all(
        "#ides-compare > tbody", "groups => groups.map(g => [...g.rows].map("
        "r => [...r.cells].map(c => c.textContent.trim())))")


def grants(page: Page) -> list[float | None]:
    """The grant of every row, in the order shown (None where the sources state none)."""
    keys: list[str] = page.eval_on_selector_all(
        "#ides-compare > tbody > tr > td:nth-child(6)", "cells => cells.map(c => c.dataset.sort)")
    return [float(key) if key else None for key in keys]


def sort_by(page: Page, heading: str) -> None:
    page.get_by_role("columnheader", name=heading).get_by_role("button").click()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_sort_orders_every_row_across_the_groups(tab: Page, lang: str) -> None:
    tab.goto(url(lang, COMPARE))
    generated = rows_by_group(tab)
    sizes = [len(group) for group in generated]
    assert len(sizes) > 1, "the table has one group: this test needs rows in several"
    everyone = sorted(row for group in generated for row in group)

    sort_by(tab, GRANT[lang])
    stated = [g for g in grants(tab) if g is not None]
    shown = grants(tab)
    assert shown == stated + [None] * (len(shown) - len(stated)), "unstated grants go last"
    assert stated == sorted(stated) and stated[0] < stated[-1]
    assert tab.get_by_role("columnheader", name=GRANT[lang]).get_attribute(
        "aria-sort") == "ascending"
    assert tab.get_by_role("columnheader", name=NAME[lang]).get_attribute("aria-sort") is None
    after = rows_by_group(tab)
    assert [len(group) for group in after] == sizes
    assert sorted(row for group in after for row in group) == everyone

    sort_by(tab, GRANT[lang])
    stated_down = [g for g in grants(tab) if g is not None]
    assert stated_down == sorted(stated, reverse=True)
    assert grants(tab)[len(stated):] == [None] * (len(shown) - len(stated))
    assert tab.get_by_role("columnheader", name=GRANT[lang]).get_attribute(
        "aria-sort") == "descending"

    sort_by(tab, NAME[lang])
    assert rows_by_group(tab) == generated, "sorting by name again gives the generated order"


def levels(period: tuple[str | None, str | None]) -> tuple[str | None, str | None]:
    """What a period sorts by: its start, then its end (a period without a start: its end)."""
    start, end = period
    return (start, end) if start else (end, None)


# Where the name column and the county column are (left edges of every row's cells), how the
# name cells are painted, and the page's background.
NAME_COLUMN = """() => {
  const wrap = document.querySelector(".ides-table-wrap");
  const rows = [...document.querySelectorAll("#ides-compare tr")];
  const left = c => Math.round(c.getBoundingClientRect().left);
  const table = document.getElementById("ides-compare").getBoundingClientRect();
  return {
    scrolled: wrap.scrollLeft,
    names: rows.map(r => left(r.cells[0])),
    county: rows.map(r => left(r.cells[1])),
    height: Math.round(table.height), width: Math.round(table.width),
    backgrounds: rows.map(r => getComputedStyle(r.cells[0]).backgroundColor),
    page: getComputedStyle(document.body).backgroundColor,
  };
}"""


def periods(page: Page, real_site: Path, lang: str) -> list[tuple[str | None, str | None]]:
    """The (start, end) of every row in the order shown, from the site's open data (not from
    the table's own sort keys)."""
    records = json.loads((real_site / f"data/ideslussar.{lang}.json").read_text("utf-8"))
    period = {r["id"]: (r["period"]["start"], r["period"]["end"])
              for r in records["case_studies"]}
    links = page.eval_on_selector_all("#ides-compare > tbody > tr > th a",
                                      "links => links.map(a => a.getAttribute('href'))")
    return [period[link.rsplit("/", 1)[-1].removesuffix(".html")] for link in links]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_period_sort_orders_by_start_then_end(browser: Browser, served: str,
                                                  real_site: Path, lang: str) -> None:
    """Rows that start in the same month come in the order they end (unknown end last), in
    either direction; a row without a start is ordered by its end."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    tab = context.new_page()
    tab.goto(url(lang, COMPARE))
    shown = periods(tab, real_site, lang)
    starts = [start for start, _ in shown]
    assert any(starts.count(s) > len({e for b, e in shown if b == s}) > 1 for s in starts), \
        "no start month with several ends: this test could not fail"

    def order(sign: int) -> list[tuple[str | None, str | None]]:
        def compare(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> int:
            for x, y in zip(levels(a), levels(b), strict=True):
                if x != y:
                    return 1 if x is None else -1 if y is None else sign * (1 if x > y else -1)
            return 0
        return sorted(shown, key=functools.cmp_to_key(compare))

    try:
        sort_by(tab, PERIOD[lang])
        ascending = periods(tab, real_site, lang)
        sort_by(tab, PERIOD[lang])
        descending = periods(tab, real_site, lang)
    finally:
        context.close()
    assert ascending == order(1)
    assert descending == order(-1)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_columns_line_up_from_the_first_group_to_the_last(tab: Page, lang: str) -> None:
    """Every row has the columns of the headings (same left edges and widths), also in the
    last group, far below the screen, and on a phone the name column keeps 12em while the
    table, not the page, scrolls sideways."""
    tab.goto(url(lang, COMPARE))
    tab.locator("#ides-compare > tbody:last-of-type > tr:last-child").scroll_into_view_if_needed()
    edges = tab.eval_on_selector_all(
        "#ides-compare tr", "rows => rows.map(r => [...r.cells].map(c => {"
        "const b = c.getBoundingClientRect(); return [Math.round(b.left), Math.round(b.width)];"
        "}))")
    assert len(edges[0]) == 7 and all(row == edges[0] for row in edges), edges[:3]
    name = tab.eval_on_selector(
        "#ides-compare tbody th", "c => c.getBoundingClientRect().width / "
        "parseFloat(getComputedStyle(c).fontSize)")
    assert name >= 12
    sideways = tab.eval_on_selector(".ides-table-wrap", "w => [w.scrollWidth > w.clientWidth, "
                                    "document.documentElement.scrollWidth <= innerWidth]")
    assert sideways[1], "the page itself scrolls sideways"
    if tab.viewport_size == VIEWPORTS["phone"]:
        assert sideways[0], "on a phone the table scrolls sideways in its box"
        # Scrolled sideways, the names stay where they were, on the page's own background
        # (not see-through), and the other columns pass under them; nothing else moves.
        before = tab.evaluate(NAME_COLUMN)
        tab.eval_on_selector(".ides-table-wrap", "w => { w.scrollLeft = 200; }")
        after = tab.evaluate(NAME_COLUMN)
        assert after["scrolled"] == 200
        assert after["names"] == before["names"], "the name column moved when scrolled"
        assert after["county"] == [left - 200 for left in before["county"]]
        assert after["height"] == before["height"] and after["width"] == before["width"]
        assert set(after["backgrounds"]) == {after["page"]}, after["backgrounds"]
        # A control focused in a column that had scrolled away is brought out from under them.
        uncovered = tab.evaluate("""() => {
            const wrap = document.querySelector(".ides-table-wrap");
            wrap.scrollLeft = wrap.scrollWidth;
            const heads = document.querySelectorAll("#ides-compare thead th");
            heads[1].querySelector("button").focus();
            return heads[1].getBoundingClientRect().left
                - heads[0].getBoundingClientRect().right;
        }""")
        assert uncovered >= -1, "the focused sort button is under the name column"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_without_javascript_every_row_is_there_and_shown(browser: Browser, served: str,
                                                         lang: str) -> None:
    context = browser.new_context(viewport=VIEWPORTS["phone"], java_script_enabled=False)
    page = context.new_page()
    page.goto(url(lang, COMPARE))
    rows = page.locator("#ides-compare > tbody > tr")
    caption = page.locator("#ides-compare caption").text_content() or ""
    assert str(rows.count()) in caption
    last = rows.last
    last.scroll_into_view_if_needed()
    assert last.is_visible() and last.bounding_box()["height"] > 10  # type: ignore[index]
    assert page.locator("#ides-compare thead th").first.text_content() == NAME[lang]
    context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_screen_readers_get_a_table_with_headers_rows_and_cells(
        browser: Browser, served: str, lang: str, viewport: str) -> None:
    """Chromium's own accessibility tree (what screen readers read): one table named by its
    caption, a row for the headings and one per idea sluice, each row a row header (the name)
    and six cells, the column headers with their names - also in the groups off the screen.

    The tree is asked for after the page opened, as by a screen reader started then: Chromium
    leaves what it has not drawn out of such a tree, so a table this short (`LONG_LIST`) is
    drawn whole. (Started with the page, it would hold every row in any case.)"""
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    tab = context.new_page()
    tab.goto(url(lang, COMPARE))
    cdp = tab.context.new_cdp_session(tab)
    nodes = {n["nodeId"]: n for n in cdp.send("Accessibility.getFullAXTree")["nodes"]}

    def role(node: dict[str, object]) -> str:
        return str(node.get("role", {}).get("value"))  # type: ignore[union-attr]

    def name(node: dict[str, object]) -> str:
        return str(node.get("name", {}).get("value", "")).strip()  # type: ignore[union-attr]

    def children(node: dict[str, object], wanted: set[str]) -> list[dict[str, object]]:
        """The node's descendants of the wanted roles, looking through ignored/generic ones."""
        found = []
        for child in node.get("childIds", []):  # type: ignore[union-attr]
            kid = nodes.get(child)
            if kid is None:
                continue
            if role(kid) in wanted:
                found.append(kid)
            elif role(kid) in ("generic", "none", "Ignored", "ignored") or kid.get("ignored"):
                found.extend(children(kid, wanted))
        return found

    tables = [n for n in nodes.values() if role(n) == "table"]
    assert len(tables) == 1
    table = tables[0]
    caption = tab.locator("#ides-compare caption").text_content() or ""
    assert name(table) == caption.strip()
    groups = children(table, {"rowgroup"})
    rows = [row for group in groups for row in children(group, {"row"})] \
        or children(table, {"row"})
    cases = tab.locator("#ides-compare > tbody > tr").count()
    assert len(rows) == cases + 1 and str(cases) in caption
    header = children(rows[0], {"columnheader"})
    # The sorted column's heading ends in the arrow its button shows (and says aria-sort).
    assert [name(h).removesuffix("\u25b2").strip() for h in header] == COLUMNS[lang]
    names = tab.eval_on_selector_all("#ides-compare tbody th", "cs => cs.map(c => c.textContent)")
    for row, expected in zip(rows[1:], names, strict=True):
        cells = children(row, {"rowheader", "cell", "gridcell"})
        assert [role(c) for c in cells] == ["rowheader"] + ["cell"] * 6
        assert name(cells[0]) == expected.strip()
    context.close()
