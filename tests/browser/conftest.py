"""Fixtures of the browser checks: the built site over HTTP, one Chromium for the session.

Every test here is marked `browser`. The figures they collect (axe violations, validator
errors, links, requests, cookies, Lighthouse scores) are printed after the run and written to
quality-report.json and external-links.txt in pytest's temporary folder.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from benchmarks.browser import CHROMIUM, CHROMIUM_ARGS

from .support import PAGE_TYPES, REPORT, SiteServer

_browser_seconds: list[float] = []
_run_start: list[float] = []


@pytest.fixture(scope="session", autouse=True)
def report_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the report files go: pytest's temporary folder of this run."""
    REPORT.folder = tmp_path_factory.getbasetemp()
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


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if "browser" in report.keywords:
        if not _run_start:
            _run_start.append(time.monotonic() - report.duration)
        _browser_seconds.append(report.duration)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _browser_seconds:
        return
    tr = terminalreporter
    REPORT.notes["browser test seconds"] = round(sum(_browser_seconds), 1)
    REPORT.notes["browser test wall seconds"] = round(time.monotonic() - _run_start[0], 1)
    target = REPORT.write(REPORT.folder)
    tr.write_sep("=", "quality gates (browser checks)")
    columns = ["pages", "axe desktop", "axe phone", "validator errors", "broken links",
               "external links", "external requests", "cookies"]
    tr.write_line(f"{'page type':<14}{'lang':<6}" + "".join(f"{c:>{len(c) + 2}}" for c in columns))
    order = list(PAGE_TYPES)
    for (kind, lang), figures in sorted(
            REPORT.pages.items(),
            key=lambda kv: (order.index(kv[0][0]) if kv[0][0] in order else 99, kv[0])):
        cells = "".join(f"{figures.get(c, '-')!s:>{len(c) + 2}}" for c in columns)
        tr.write_line(f"{kind:<14}{lang:<6}{cells}")
    for name, value in REPORT.notes.items():
        tr.write_line(f"{name}: {value}")
    tr.write_line(f"external links ({len(REPORT.external_links)}, not fetched here):")
    for link in sorted(REPORT.external_links):
        tr.write_line(f"  {link}")
    tr.write_line(f"report: {target} and {target.with_name('external-links.txt')}")
