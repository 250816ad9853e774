"""The pages' Content-Security-Policy forbids inline script (issue 14), and the site works
under it: no violation is reported on any page type, Material's helpers and the project's
scripts run from files, and a script injected inline is refused by the browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from .support import PAGE_TYPES, VIEWPORTS, url

pytestmark = pytest.mark.browser

COLLECT_VIOLATIONS = """window.__violations = [];
document.addEventListener("securitypolicyviolation",
    e => window.__violations.push(e.violatedDirective + " " + e.blockedURI));"""


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_inline_script_and_no_violation(browser: Browser, served: str, kind: str) -> None:
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(url("sv", PAGE_TYPES[kind]), wait_until="networkidle")
        inline = page.evaluate("() => [...document.scripts].filter(s => !s.src && "
                               "s.type !== 'application/json').length")
        helpers = page.evaluate("() => typeof __md_get + ' ' + typeof __md_scope")
        menu = page.get_attribute("#ides-menu-button", "type")  # made by ideslussar-page.js
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
    assert violations == ["script-src-elem inline"]  # only the injected script
    assert errors == []
