"""What the browser checks share: the served origin, the page types, the tools, the report.

The site is built with site_url http://127.0.0.1:8765/ (tests/conftest.py) and served at that
origin, so canonical URLs, hreflang alternates and the sitemaps Material reads all point at the
server the browser talks to.
"""

from __future__ import annotations

import errno
import functools
import http.server
import json
import threading
import time
import urllib.request
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

from benchmarks.browser import send_gzipped

HOST, PORT = "127.0.0.1", 8765
ORIGIN = f"http://{HOST}:{PORT}"

HERE = Path(__file__).resolve().parent
AXE_JS = HERE / "node_modules/axe-core/axe.min.js"
LIGHTHOUSE_CLI = HERE / "node_modules/lighthouse/cli/index.js"

# The rule sets of WCAG 2.1 level A and AA, as axe-core tags them.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

LANG_ROOTS = {"sv": "", "en": "en/"}
# One page of every kind readers see, at the same path in both languages.
PAGE_TYPES = {
    "start": "",
    "overview": "ideslussar/index.html",
    "case": "ideslussar/orebro.html",
    "about": "om-programmet.html",
    "accessibility": "tillganglighet.html",
    "counties": "lan/index.html",
    "county": "lan/vastra-gotalands-lan.html",
    "themes": "teman/index.html",
    "theme": "teman/idea-coaching.html",
    "open-data": "oppna-data.html",
    "compare": "jamfor.html",
}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def url(lang: str, path: str) -> str:
    return f"{ORIGIN}/{LANG_ROOTS[lang]}{path}"


def page_type_of(relative: str) -> str:
    """The page type of a built file, by its path below the site root ("en/lan/x.html")."""
    path = relative.removeprefix("en/")
    for kind, known in PAGE_TYPES.items():
        if path == (known or "index.html"):
            return kind
    folder = path.split("/")[0] if "/" in path else ""
    return {"ideslussar": "case", "lan": "county", "teman": "theme"}.get(
        folder, path.removesuffix(".html"))


def lang_of(relative: str) -> str:
    return "en" if relative.startswith("en/") else "sv"


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves whichever built site the server currently points at, quietly."""

    server: SiteServer

    def __init__(self, request: Any, client_address: Any, server: SiteServer) -> None:
        super().__init__(request, client_address, server, directory=str(server.root))

    def translate_path(self, path: str) -> str:
        # The folder as it is when the request arrives, not when the connection was accepted:
        # Chromium opens connections ahead of need, before a test may switch sites.
        self.directory = str(self.server.root)
        return super().translate_path(path)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        """A missing address gets the site's own 404 page, as static hosts serve it."""
        page = Path(self.server.root) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("X-Test-Server", self.server.token)
        super().end_headers()

    def send_head(self) -> Any:
        """Text compressed with gzip when the browser accepts it, as GitHub Pages and any
        ordinary web server serve it: page weights and timings are then those readers get."""
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"  # (a folder without its "/" is redirected, as before)
        body = send_gzipped(self, path)
        return super().send_head() if body is None else body


class SiteServer(http.server.ThreadingHTTPServer):
    """A threaded static server at ORIGIN whose folder a test can switch (real or mini site)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, root: Path, wait: float = 180.0) -> None:
        """Binds ORIGIN, waiting up to `wait` seconds while another test run holds the port."""
        self.root = root
        self.token = uuid.uuid4().hex
        deadline = time.monotonic() + wait
        while True:
            try:
                super().__init__((HOST, PORT), _Handler)
                break
            except OSError as error:
                if error.errno != errno.EADDRINUSE or time.monotonic() > deadline:
                    raise OSError(error.errno, f"cannot serve the site at {ORIGIN}: {error}; "
                                  "is another test run using the port?") from error
                time.sleep(1)
        self._thread = threading.Thread(target=self.serve_forever, name="site-server",
                                        daemon=True)

    def start(self) -> SiteServer:
        self._thread.start()
        return self

    def serve(self, root: Path) -> str:
        """Points the server at a built site; gives the origin, checked to be this server's."""
        self.root = root
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # no proxy
        with direct.open(f"{ORIGIN}/", timeout=10) as response:
            answered_by = response.headers.get("X-Test-Server")
        assert answered_by == self.token, f"another process answers at {ORIGIN}"
        return ORIGIN

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        self._thread.join(timeout=5)


class Report:
    """Figures the checks collect, printed at the end of the run and written as JSON."""

    def __init__(self) -> None:
        # (page type, lang) -> figure name -> value
        self.pages: dict[tuple[str, str], dict[str, Any]] = defaultdict(dict)
        self.notes: dict[str, Any] = {}
        self.external_links: dict[str, set[str]] = defaultdict(set)
        self.folder = Path(".")

    def page(self, kind: str, lang: str, **figures: Any) -> None:
        self.pages[(kind, lang)].update(figures)

    def add(self, kind: str, lang: str, figure: str, amount: int) -> None:
        entry = self.pages[(kind, lang)]
        entry[figure] = entry.get(figure, 0) + amount

    def as_json(self) -> dict[str, Any]:
        return {
            "pages": [{"type": kind, "lang": lang, **figures}
                      for (kind, lang), figures in sorted(self.pages.items())],
            "notes": self.notes,
            "external_links": {link: sorted(pages)
                               for link, pages in sorted(self.external_links.items())},
        }

    def merge(self, other: dict[str, Any]) -> None:
        """Adds the figures of another process (`as_json` of its report): counts are added,
        since a count may grow in both; any other figure was set by one test in one process."""
        for entry in other["pages"]:
            figures = self.pages[(entry["type"], entry["lang"])]
            for name, value in entry.items():
                if name in ("type", "lang"):
                    continue
                counted = isinstance(value, int) and isinstance(figures.get(name), int)
                figures[name] = figures[name] + value if counted else value
        self.notes.update(other["notes"])
        for link, pages in other["external_links"].items():
            self.external_links[link] |= set(pages)

    def write(self, folder: Path) -> Path:
        # pytest keeps the folders of the last three runs: on a machine shared by several
        # people, newer runs may have removed this one's by the time the report is written.
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / "quality-report.json"
        target.write_text(json.dumps(self.as_json(), indent=2, ensure_ascii=False),
                          encoding="utf-8")
        links = folder / "external-links.txt"
        links.write_text("".join(f"{link}\t{', '.join(sorted(pages))}\n"
                                 for link, pages in sorted(self.external_links.items())),
                         encoding="utf-8")
        return target


REPORT = Report()


@functools.cache
def axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")
