"""The pages' Content-Security-Policy forbids inline script (issue 14), and the site works
under it: no violation is reported on any page type, Material's helpers and the project's
scripts run from files, and a script injected inline is refused by the browser.

The pages are opened at another address than the one the site was built for (the same server
by the name `localhost`), as a local build served on another port is, and from disk: neither
logs a console error (Material read the sitemaps of the built-in address, which the policy
refuses)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from .support import ORIGIN, PAGE_TYPES, VIEWPORTS, url

ELSEWHERE = ORIGIN.replace("127.0.0.1", "localhost")  # not the site_url built in

pytestmark = pytest.mark.browser

COLLECT_VIOLATIONS = """window.__violations = [];
document.addEventListener("securitypolicyviolation",
    e => window.__violations.push(e.violatedDirective + " " + e.blockedURI));"""


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_inline_script_and_no_violation(browser: Browser, served: str, real_site: Path,
                                           kind: str) -> None:
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text)
            if message.type == "error" else None)
    try:
        from_disk = (real_site / (PAGE_TYPES[kind] or "index.html")).as_uri()
        page.goto(from_disk, wait_until="load")
        page.wait_for_timeout(300)
        disk_search = page.is_visible("input.md-search__input, label[for=__search]")
        page.goto(url("sv", PAGE_TYPES[kind]).replace(ORIGIN, ELSEWHERE),
                  wait_until="networkidle")
        inline = page.evaluate("() => [...document.scripts].filter(s => !s.src && "
                               "s.type !== 'application/json').length")
        helpers = page.evaluate("() => typeof __md_get + ' ' + typeof __md_scope")
        menu = page.get_attribute("#ides-menu-button", "type")  # made by ideslussar-page.js
        logged = list(console)  # before the injected script, whose refusal is logged
        injected = page.evaluate("""() => { const s = document.createElement("script");
            s.textContent = "window.__ran = true"; document.head.appendChild(s);
            return window.__ran === true; }""")
        page.wait_for_timeout(100)
        violations = page.evaluate("() => window.__violations")
    finally:
        context.close()
    assert inline == 0
    assert helpers == "function object" and menu == "button"
    assert injected is False
    assert disk_search is False  # from disk the worker cannot start: no box that never answers
    assert violations == ["script-src-elem inline"]  # only the injected script
    assert errors == []
    assert logged == []
