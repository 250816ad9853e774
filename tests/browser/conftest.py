"""Fixtures of the browser checks: the built site over HTTP, one Chromium for the session.

Every test here is marked `browser`. The figures they collect (axe violations, validator
errors, links, requests, cookies, Lighthouse scores) are printed after the run and written to
quality-report.json and external-links.txt in pytest's temporary folder (reporting.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from benchmarks.browser import CHROMIUM, CHROMIUM_ARGS

from .reporting import run_folder
from .support import REPORT, SiteServer


@pytest.fixture(scope="session", autouse=True)
def report_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the report files go: pytest's temporary folder of this run (in a run of several
    processes, the folder above the worker's own: tests/browser/reporting.py)."""
    REPORT.folder = run_folder(tmp_path_factory.getbasetemp())
    return REPORT.folder


@pytest.fixture(scope="session")
def site_server(real_site: Path) -> Iterator[SiteServer]:
    """The built site at http://127.0.0.1:8765/, the site_url it was built with."""
    server = SiteServer(real_site).start()
    yield server
    server.stop()


@pytest.fixture
def served(site_server: SiteServer, real_site: Path) -> str:
    """The origin, serving the real site (a test may have pointed it at another)."""
    return site_server.serve(real_site)


@pytest.fixture
def served_mini(site_server: SiteServer, mini_site: Path) -> str:
    """The origin, serving the fixture site (every field, hostile text, missing translations)."""
    return site_server.serve(mini_site)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, launched once for the whole session."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
