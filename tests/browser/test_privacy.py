"""Privacy: reading the site asks nothing of any other host and sets no cookie.

Every page type of both languages is loaded in a fresh Chromium context that intercepts every
request (the page's, and its search worker's). Anything not for the site's own origin is
recorded and refused, so nothing leaves the machine even when the check fails. Search is used
on each page too, since it loads the index and the language support on demand.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Route

from .support import ORIGIN, PAGE_TYPES, REPORT, VIEWPORTS, url

pytestmark = pytest.mark.browser

SEARCH_WORD = {"sv": "innovation", "en": "innovation"}


def own_origin(address: str) -> bool:
    parts = urlsplit(address)
    if parts.scheme in ("data", "blob", "about"):
        return True  # made in the page; nothing is sent anywhere
    return f"{parts.scheme}://{parts.netloc}" == ORIGIN


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_request_leaves_the_origin_and_no_cookie_is_set(browser: Browser, served: str,
                                                          kind: str, lang: str) -> None:
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    requests: list[str] = []
    outside: list[str] = []

    def intercept(route: Route) -> None:
        address = route.request.url
        requests.append(address)
        if own_origin(address):
            route.continue_()
        else:
            outside.append(address)
            route.abort()

    context.route("**/*", intercept)
    context.on("request", lambda request: None if own_origin(request.url)
               else outside.append(request.url))
    page = context.new_page()
    page.on("websocket", lambda ws: outside.append(ws.url))
    try:
        page.goto(url(lang, PAGE_TYPES[kind]), wait_until="networkidle")
        page.click("input.md-search__input")
        page.keyboard.type(SEARCH_WORD[lang])  # Material searches on key presses
        page.wait_for_selector(".md-search-result__item", timeout=15_000)
        page.keyboard.press("Escape")
        page.wait_for_load_state("networkidle")
        cookies = context.cookies()
        document_cookie = page.evaluate("() => document.cookie")
    finally:
        context.close()

    unique_outside = sorted(set(outside))
    REPORT.page(kind, lang, **{"external requests": len(unique_outside),
                               "cookies": len(cookies) + (1 if document_cookie else 0),
                               "requests": len(requests)})
    assert any(r.endswith("search_index.json") for r in requests), \
        "the search worker's requests were not seen; the check would miss them"
    assert unique_outside == []
    assert cookies == [] and document_cookie == ""


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_browser_is_told_to_refuse_other_hosts(browser: Browser, served: str,
                                                   lang: str) -> None:
    """Even a browser without ResizeObserver (Material would fetch a polyfill from unpkg.com)
    asks no other host, and the page's policy makes the browser refuse one if asked."""
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    outside: list[str] = []
    context.route("**/*", lambda route: route.continue_() if own_origin(route.request.url)
                  else (outside.append(route.request.url), route.abort()))
    context.add_init_script("delete window.ResizeObserver")
    page = context.new_page()
    try:
        page.goto(url(lang, PAGE_TYPES["case"]), wait_until="networkidle")
        refused = page.evaluate("""() => new Promise(resolve => {
            document.addEventListener("securitypolicyviolation",
                                      e => resolve(e.blockedURI), {once: true});
            setTimeout(() => resolve("not refused"), 5000);
            const script = document.createElement("script");
            script.src = "https://unpkg.com/resize-observer-polyfill";
            document.head.appendChild(script);
        })""")
        sidebar = page.evaluate("() => typeof ResizeObserver")
    finally:
        context.close()
    assert outside == []
    assert refused.startswith("https://unpkg.com/")
    assert sidebar == "function"  # the page's own stand-in, not the fetched polyfill
