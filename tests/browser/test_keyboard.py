"""Keyboard: Tab alone reaches everything on a case page, and focus is always visible."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError

from .support import PAGE_TYPES, VIEWPORTS, url
from .test_accessibility import axe_violations, describe

pytestmark = pytest.mark.browser

SKIP_TEXT = {"sv": "Gå till innehållet", "en": "Skip to content"}
CASE = PAGE_TYPES["case"]

# The focused element, tagged with its place in the tab order, and how it looks.
FOCUSED = """i => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  e.setAttribute("data-tab-stop", String(i));
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  return {
    tag: e.tagName.toLowerCase(), cls: String(e.className), href: e.getAttribute("href"),
    hreflang: e.getAttribute("hreflang"), text: (e.textContent || "").trim().slice(0, 60),
    region: e.closest(".md-content") ? "content" : e.closest(".md-header") ? "header"
      : e.closest(".md-footer") ? "footer" : e.closest(".md-sidebar") ? "sidebar" : "other",
    ring: [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(" | "),
    outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0,
    shadow: s.boxShadow !== "none",
    visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
      && r.top < innerHeight && r.left < innerWidth
      && e.checkVisibility({visibilityProperty: true}),
  };
}"""

# How each tab stop looks without focus.
UNFOCUSED = """() => {
  document.activeElement && document.activeElement.blur();
  return [...document.querySelectorAll("[data-tab-stop]")].map(e => {
    const s = getComputedStyle(e);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(" | ");
  });
}"""


@pytest.fixture(params=list(VIEWPORTS))
def tab(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh tab at desktop width, then at phone width (where the navigation is a drawer)."""
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    # bypass_csp: axe is injected inline (see test_accessibility.py).
    context = browser.new_context(viewport=VIEWPORTS["phone"], bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


# Transitions only delay the state focus ends in; the checks look at that end state.
NO_TRANSITIONS = ("*, *::before, *::after "
                  "{ transition: none !important; animation: none !important; }")


def open_page(page: Page, address: str) -> None:
    page.goto(address)
    page.add_style_tag(content=NO_TRANSITIONS)


def settle(page: Page) -> None:
    """Waits for any animation still running (Material slides the skip link and menus in)."""
    if page.evaluate("() => document.getAnimations().length") == 0:
        return
    # A transition that never ends is not a reason to fail here.
    with contextlib.suppress(PlaywrightError):
        page.wait_for_function("() => document.getAnimations().length === 0", timeout=2000)


# The site's name, and how often the primary navigation shows it (what is drawn, at this width).
SITE_NAME_IN_MENU = """() => {
  const name = document.querySelector(".md-header__topic .md-ellipsis").textContent.trim();
  const shown = [...document.querySelectorAll(
      ".md-sidebar--primary :is(.md-nav__title, .md-nav__link)")]
    .filter(e => e.checkVisibility({visibilityProperty: true}) && e.innerText.trim() === name);
  return [name, shown.length];
}"""


def tab_through(page: Page, limit: int = 300) -> list[dict[str, Any]]:
    stops: list[dict[str, Any]] = []
    for i in range(limit):
        page.keyboard.press("Tab")
        settle(page)
        stop = page.evaluate(FOCUSED, i)
        if stop is None or (stops and page.evaluate(
                "() => document.activeElement.getAttribute('data-tab-stop') === '0'")):
            break
        stops.append(stop)
    return stops


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_tab_reaches_everything_with_visible_focus(tab: Page, served: str, lang: str) -> None:
    open_page(tab, url(lang, CASE))
    stops = tab_through(tab)
    assert stops, "Tab focuses nothing"

    first = stops[0]
    assert "md-skip" in first["cls"] and first["text"] == SKIP_TEXT[lang], first

    other = "en" if lang == "sv" else "sv"
    assert any("md-select__link" in s["cls"] and s["hreflang"] == other for s in stops), \
        "the language switch is not reachable"
    assert any("md-search__input" in s["cls"] for s in stops), "the search is not reachable"
    if tab.viewport_size and tab.viewport_size["width"] >= VIEWPORTS["desktop"]["width"]:
        name, shown = tab.evaluate(SITE_NAME_IN_MENU)  # not a title and a link of one name
        assert name and shown == 1, f"the menu shows {name!r} {shown} times"

    unreached = tab.evaluate("""() => [...document.querySelectorAll(".md-content a[href]")]
        .filter(a => a.checkVisibility() && !a.hasAttribute("data-tab-stop"))
        .map(a => a.getAttribute("href"))""")
    assert unreached == [], "content links Tab never reaches"

    invisible = [s for s in stops if not s["visible"]]
    assert invisible == [], "focus lands on elements the reader cannot see"
    unmarked = [s for s in stops if not (s["outline"] or s["shadow"])]
    assert unmarked == [], "focused elements without an outline or ring"
    unfocused = tab.evaluate(UNFOCUSED)
    same = [s for s, plain in zip(stops, unfocused, strict=True) if s["ring"] == plain]
    assert same == [], "focus does not change how these elements look"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_skip_link_comes_first_and_moves_focus_to_the_content(tab: Page, served: str,
                                                             lang: str) -> None:
    open_page(tab, url(lang, CASE))
    tab.keyboard.press("Tab")
    settle(tab)
    skip = tab.evaluate(FOCUSED, 0)
    assert skip is not None and "md-skip" in skip["cls"] and skip["visible"], skip
    assert skip["text"] == SKIP_TEXT[lang]
    target = skip["href"]
    assert target and target.startswith("#")

    tab.keyboard.press("Enter")
    assert tab.evaluate("() => location.hash") == target
    in_content = tab.evaluate("""id => {
        const t = document.getElementById(id);
        return !!t && !!t.closest(".md-content") && t.getBoundingClientRect().top < innerHeight;
    }""", target[1:])
    assert in_content, f"the skip link's target {target} is not in view in the content"
    # It leads to the start of the content, the page's title, not past it.
    assert tab.evaluate("() => document.querySelector('.md-content h1').id") == target[1:]

    # The next Tab continues from the target: the first focusable element after it.
    expected = tab.evaluate("""id => {
        const t = document.getElementById(id);
        const next = [...document.querySelectorAll("a[href], button, input, select, [tabindex]")]
          .find(e => e.tabIndex >= 0 && e.checkVisibility({visibilityProperty: true})
                && (t.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING));
        return next ? next.getAttribute("href") : null;
    }""", target[1:])
    tab.keyboard.press("Tab")
    settle(tab)
    after = tab.evaluate(FOCUSED, 1)
    assert after is not None and after["region"] == "content", after
    assert after["href"] == expected


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_menu_opens_and_closes_by_keyboard_on_a_phone(phone: Page, served: str,
                                                      lang: str) -> None:
    """Where the navigation is a drawer, its button works from the keyboard, and the drawer's
    links take focus only while it is open."""
    open_page(phone, url(lang, CASE))
    stops = tab_through(phone)
    menu = next((s for s in stops if s["tag"] == "button" and s["region"] == "header"), None)
    assert menu is not None, "the menu button is not in the tab order"
    assert not any(s["region"] == "sidebar" for s in stops), "a closed drawer takes focus"

    # A real button, not Material's label with a role ARIA does not allow on a label.
    assert not phone.is_visible('.md-header label[for="__drawer"]')
    button = phone.locator("#ides-menu-button")
    assert button.get_attribute("aria-label")
    assert button.get_attribute("aria-expanded") == "false"
    button.focus()
    phone.keyboard.press("Enter")
    settle(phone)
    assert phone.is_checked("#__drawer") and button.get_attribute("aria-expanded") == "true"
    name, _ = phone.evaluate(SITE_NAME_IN_MENU)
    title = phone.locator(".md-nav--primary > .md-nav__title")
    assert title.is_visible() and title.inner_text().strip() == name  # the drawer's heading
    violations = axe_violations(phone)
    assert violations == [], describe(violations)

    # Past the rest of the header, Tab goes through the drawer's links, all of them visible.
    in_drawer: list[dict[str, Any]] = []
    for i in range(60):
        phone.keyboard.press("Tab")
        settle(phone)
        stop = phone.evaluate(FOCUSED, 1000 + i)
        if stop is None or (in_drawer and stop["region"] != "sidebar"):
            break
        if stop["region"] == "sidebar":
            in_drawer.append(stop)
    nav = phone.evaluate("""() => [...document.querySelectorAll(
        ".md-sidebar--primary .md-nav__link[href]")].map(a => a.getAttribute("href"))""")
    assert [s["href"] for s in in_drawer if "md-nav__link" in s["cls"]] == nav
    assert all(s["visible"] and (s["outline"] or s["shadow"]) for s in in_drawer), in_drawer

    phone.keyboard.press("Escape")
    settle(phone)
    assert not phone.is_checked("#__drawer")
    assert button.get_attribute("aria-expanded") == "false"
    assert phone.evaluate("() => document.activeElement.id") == "ides-menu-button"
