"""The browser checks' report: the figures they collect, printed after the run and written to
quality-report.json and external-links.txt in pytest's temporary folder of the run.

A plugin (registered by tests/conftest.py) rather than hooks of tests/browser/conftest.py:
when the tests run in several processes (pytest-xdist, tests/parallel.py), the process that
prints the summary collects no test and so never reads that conftest. Each worker then hands
its figures over as it ends, and the printing process adds them up.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from .support import PAGE_TYPES, REPORT

_browser_seconds: list[float] = []
_run_start: list[float] = []
HANDED_OVER = "quality report"


def run_folder(basetemp: Path) -> Path:
    """pytest's temporary folder of the run: a worker's own (popen-gw0) is inside it."""
    return basetemp.parent if basetemp.name.startswith("popen-gw") else basetemp


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if "browser" in report.keywords:
        if not _run_start:
            _run_start.append(time.monotonic() - report.duration)
        _browser_seconds.append(report.duration)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """In a worker: its figures, for the process that prints the summary."""
    handed: dict[str, Any] | None = getattr(session.config, "workeroutput", None)
    if handed is not None:
        handed[HANDED_OVER] = {**REPORT.as_json(), "folder": str(REPORT.folder)}


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """In the printing process, as a worker ends: its figures added to the report."""
    figures = getattr(node, "workeroutput", {}).get(HANDED_OVER)
    if figures is not None:
        REPORT.merge(figures)
        REPORT.folder = Path(figures["folder"])


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _browser_seconds or hasattr(terminalreporter.config, "workerinput"):
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
