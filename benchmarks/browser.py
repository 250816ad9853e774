"""What the search benchmark (`benchmarks/search.py`) and the browser tests share: Debian's
Chromium and its flags, a static host's gzip (each text file compressed once per version),
and the script that times a query pasted into Material's search box.

It is here and not in `tests/browser/support.py` because the tests import the benchmarks
(their synthetic corpus), never the other way round.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Debian's Chromium, headless, with nothing of its own going out to the network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]

#: What the servers compress (as web servers do): text, not pictures.
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv"}


@functools.lru_cache(maxsize=4096)
def compressed(path: str, mtime_ns: int, size: int) -> bytes:
    """A file gzipped once per version (by time and size), as static hosts keep it: the
    server's own compressing would otherwise count in every browser timing (and take the
    GIL from Playwright's thread)."""
    return gzip.compress(Path(path).read_bytes(), 6)


def send_gzipped(handler: http.server.SimpleHTTPRequestHandler, path: Path
                 ) -> io.BytesIO | None:
    """For a handler's `send_head`: a text file gzipped, its headers sent, when the browser
    accepts gzip, as GitHub Pages and any ordinary web server serve it; else None (the
    handler serves the request as it would)."""
    if (path.suffix not in COMPRESSED or not path.is_file()
            or "gzip" not in handler.headers.get("Accept-Encoding", "")):
        return None
    state = path.stat()
    body = compressed(str(path), state.st_mtime_ns, state.st_size)
    handler.send_response(200)
    handler.send_header("Content-Type", handler.guess_type(str(path)))
    handler.send_header("Content-Encoding", "gzip")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    return io.BytesIO(body)


#: The reader's query, pasted into Material's search box at once; resolves with the
#: milliseconds from the key event to the first result in the list.
PASTE = """query => new Promise(resolve => {
  const box = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result__list");
  let started = 0;
  const watch = new MutationObserver(() => {
    if (list.querySelector(".md-search-result__item")) {
      watch.disconnect();
      resolve(performance.now() - started);
    }
  });
  watch.observe(list, {childList: true});
  box.value = query;
  started = performance.now();
  box.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: query.slice(-1)}));
})"""
