"""What one search costs a phone at scale: bytes transferred and time to the first results.

    make bench-search SEARCH_ARGS="--cases 1000 --pagefind"
    .venv/bin/python -m benchmarks.search [--cases 1000] [--throttle 4] [--pagefind] [--site DIR]

Builds a site of `--cases` synthetic case studies (`generator.bench.make_repository`: the
real pages and sentences, varied) in a temporary folder, serves it on 127.0.0.1 with gzip as
a static host would, and searches it in Debian's Chromium with the CPU slowed down by
DevTools (`Emulation.setCPUThrottlingRate`), a new browser context (empty cache) per query:

- pasted: the whole query at once into the search box of a case page; milliseconds from the
  key event to the first result in the list, and the bytes of every request after the page
  had loaded (the index files the worker fetched) plus Material's `search_index.json`;
- typed: the same query typed a letter at a time (150 ms apart, as on a phone): all bytes.

With `--pagefind` (needs `pip install pagefind-bin`) the same site is also indexed by
Pagefind and the same queries run through Pagefind's own JavaScript API on a bare page (its
search plus the data of the first five results, as its UI shows them): the anchor.

What the throttling slows: the page's main thread (Material's search box, the message from
the worker, the result list). Chromium (156) refuses `Emulation.setCPUThrottlingRate` for a
dedicated worker's target ("Operation is only supported for pages, not workers"), and the
page's rate does not reach it (the same busy loop at rate 4 against 1: main thread 155-202
against 46-66 ms, worker 44-80 against 38-77 ms), so the worker's own work (parsing the
shards, ranking) runs at this machine's speed here; on a phone that slow it would take up to
four times as long.

A benchmark, not a test: the figures vary with the machine's load, so nothing here asserts
a time (`tests/browser/test_search_at_scale.py` asserts the bytes).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import importlib
import json
import statistics
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, sync_playwright

from benchmarks.bench import make_repository
from benchmarks.browser import CHROMIUM, CHROMIUM_ARGS, PASTE, send_gzipped
from generator import output
from generator.build import build_site
from generator.reading.corpus import read_corpus

REPO = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
QUERIES = {"sv": ["medarbetarna", "orebro", "innovationer", "idesluss kommun"],
           "en": ["employees", "orebro"]}
#: What search fetches: Material's (now empty) index, the shards, the worker, Pagefind's files.
SEARCH_FILES = ("/search/", "ideslussar-search.js", "/pagefind/")
VERBOSE = False


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static host: text files gzipped when the browser accepts it, quietly."""

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        body = send_gzipped(self, path)
        return super().send_head() if body is None else body

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(folder: Path, port: int) -> Iterator[str]:
    handler = functools.partial(GzipHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer((HOST, port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{port}"
    finally:
        server.shutdown()
        server.server_close()


def build(cases: int, folder: Path, origin: str) -> Path:
    """A synthetic repository of `cases` case studies and its built site."""
    root = folder / "repo"
    make_repository(root, cases, REPO, words=700)
    site = folder / "site"
    build_site(read_corpus(root), root, site, site_url=origin + "/",
               config_file=root / "mkdocs.yml", work_dir=root / ".build")
    return site


def settle(page: Page) -> None:
    """Wait until the network is idle and Playwright has reported every finished request."""
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)


def open_search(page: Page) -> None:
    """Open the search box as a phone reader does: the magnifier in the header."""
    page.click(".md-header label[for=__search]")
    page.wait_for_selector("input.md-search__input", state="visible")


def throttled_page(browser: Browser, rate: float) -> tuple[Page, list[int]]:
    """A page in a fresh context with the CPU slowed `rate` times; the list collects the
    transferred size (body as sent, and headers) of every finished request of search: the
    search index's files and the search worker, whenever they are fetched (page load too)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    sizes: list[int] = []

    def finished(request: Any) -> None:
        if not any(part in request.url for part in SEARCH_FILES):
            return
        measured = request.sizes()
        sizes.append(measured["responseBodySize"] + measured["responseHeadersSize"])
        if VERBOSE:
            print(f"  {measured['responseBodySize']:>7} {request.url}")

    page.on("requestfinished", finished)
    return page, sizes


def ours(browser: Browser, origin: str, lang: str, case: str, query: str, rate: float
         ) -> dict[str, Any]:
    """One query through the site's own search box, pasted, then typed (new contexts)."""
    root = "" if lang == "sv" else "en/"
    page, sizes = throttled_page(browser, rate)
    page.goto(f"{origin}/{root}ideslussar/{case}.html", wait_until="networkidle")
    open_search(page)
    page.wait_for_timeout(300)  # Material's worker is ready (it answers SETUP at once)
    ms = page.evaluate(PASTE, query)
    settle(page)
    pasted = sum(sizes)
    count = page.inner_text(".md-search-result__meta")
    first = page.get_attribute(".md-search-result__link", "href") or ""
    page.context.close()

    page, sizes = throttled_page(browser, rate)
    page.goto(f"{origin}/{root}ideslussar/{case}.html", wait_until="networkidle")
    open_search(page)
    page.keyboard.type(query, delay=150)
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    settle(page)
    typed = sum(sizes)
    page.context.close()
    return {"ms to first results (pasted)": round(ms), "KB (pasted)": round(pasted / 1024, 1),
            "KB (typed)": round(typed / 1024, 1), "results": count,
            "first": first.split("?")[0].rsplit("/", 2)[-2:]}


PAGEFIND = """async query => {
  const started = performance.now();
  const pagefind = await import("/pagefind/pagefind.js");
  const search = await pagefind.search(query);
  const data = await Promise.all(search.results.slice(0, 5).map(r => r.data()));
  return {ms: performance.now() - started, count: search.results.length,
          first: data.length ? data[0].url : ""};
}"""


def pagefind(browser: Browser, origin: str, lang: str, query: str, rate: float
             ) -> dict[str, Any]:
    """One query through Pagefind's JavaScript API, as its UI runs it, on a bare page."""
    page, sizes = throttled_page(browser, rate)
    page.goto(f"{origin}/pagefind-probe-{lang}.html", wait_until="networkidle")
    found = page.evaluate(PAGEFIND, query)
    settle(page)
    page.context.close()
    return {"ms to first results (pasted)": round(found["ms"]),
            "KB (pasted)": round(sum(sizes) / 1024, 1),
            "results": found["count"], "first": found["first"].rsplit("/", 2)[-2:]}


def repeated(times: int, run: Any) -> dict[str, Any]:
    """A measurement run `times` times: the last run's figures, the time as min and median."""
    runs = [run() for _ in range(times)]
    key = "ms to first results (pasted)"
    result = dict(runs[-1])
    result[key] = f"{min(r[key] for r in runs)} / {statistics.median(r[key] for r in runs):.0f}"
    return result


def index_with_pagefind(site: Path) -> float:
    """Run Pagefind over the built site (both languages, as it detects them); seconds."""
    # Optional (`pip install pagefind-bin`), so imported by name, only when asked for.
    executable = importlib.import_module("pagefind_bin").get_executable()

    started = time.perf_counter()
    subprocess.run([str(executable), "--site", str(site), "--silent"],  # noqa: S603
                   check=True)
    for lang in QUERIES:
        output.replace_file(site / f"pagefind-probe-{lang}.html",
                            f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
                            f"<title>probe</title></head><body></body></html>")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--throttle", type=float, default=4.0)
    parser.add_argument("--port", type=int, default=8767)
    parser.add_argument("--pagefind", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query (min, median)")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--site", type=Path, help="an already built site (skips the build)")
    parser.add_argument("--verbose", action="store_true", help="list every file fetched")
    args = parser.parse_args()
    global VERBOSE
    VERBOSE = args.verbose
    origin = f"http://{HOST}:{args.port}"
    figures: dict[str, Any] = {"cases": args.cases, "throttle": args.throttle}
    with output.temporary_folder("ideslussar-search-bench-") as folder:
        started = time.perf_counter()
        site = args.site or build(args.cases, folder, origin)
        figures["build seconds"] = round(time.perf_counter() - started, 1)
        worker = (site / "assets/javascripts/workers/ideslussar-search.js").read_bytes()
        # Playwright reports no body size for a worker's own script: it is counted here.
        figures["worker script KB gzipped (fetched once per page, not in the figures below)"] = \
            round(len(gzip.compress(worker, 6)) / 1024, 1)
        figures["index files"] = {
            lang: {"files": len(list((site / root / "search").rglob("*.json"))),
                   "KB": round(sum(p.stat().st_size for p in (site / root / "search")
                                   .rglob("*.json")) / 1024)}
            for lang, root in (("sv", ""), ("en", "en"))}
        case = sorted(p.stem for p in (site / "ideslussar").glob("*.html")
                      if p.stem != "index")[0]
        if args.pagefind:
            figures["pagefind seconds"] = round(index_with_pagefind(site), 1)
        with serving(site, args.port), sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            figures["ours"] = {
                f"{lang}: {query}": repeated(args.repeat, lambda lang=lang, query=query: ours(
                    browser, origin, lang, case, query, args.throttle))
                for lang, queries in QUERIES.items() for query in queries}
            if args.pagefind:
                figures["pagefind"] = {
                    f"{lang}: {query}": repeated(args.repeat, lambda lang=lang, query=query:
                                                 pagefind(browser, origin, lang, query,
                                                          args.throttle))
                    for lang, queries in QUERIES.items() for query in queries}
            browser.close()
    text = json.dumps(figures, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        output.replace_file(args.json, text + "\n")


if __name__ == "__main__":
    main()
