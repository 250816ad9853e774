"""Live preview: MkDocs' own server, fed by the generator whenever an editor saves a file.

A watcher thread polls `municipalities/` and `content/`; on a change it reads and validates
everything again and rewrites only the Markdown sources whose text changed. MkDocs' server
(in dirty mode) sees those files change and rebuilds just those pages, so a saved case file
shows in the browser without a full rebuild. An invalid file prints its problems and leaves
the preview as it was.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from .build import prepare
from .corpus import read_corpus
from .problems import InvalidContentError, Problem

POLL_SECONDS = 0.3


def snapshot(folders: list[Path]) -> dict[Path, float]:
    """Modification times of every file under the watched folders."""
    return {path: path.stat().st_mtime for folder in folders for path in folder.rglob("*")
            if path.is_file()}


def regenerate(repo_root: Path, work_dir: Path, site_url: str,
               report: Callable[[list[Problem]], None]) -> bool:
    """Rewrite the sources from the current files; False (and a report) when invalid."""
    try:
        corpus = read_corpus(repo_root)
    except InvalidContentError as invalid:
        report(invalid.problems)
        return False
    prepare(corpus, repo_root / "mkdocs.yml", work_dir, site_url)
    return True


def watch(repo_root: Path, work_dir: Path, site_url: str,
          report: Callable[[list[Problem]], None], stop: threading.Event) -> None:
    folders = [repo_root / "municipalities", repo_root / "content"]
    seen = snapshot(folders)
    while not stop.wait(POLL_SECONDS):
        current = snapshot(folders)
        if current != seen:
            seen = current
            started = time.perf_counter()
            if regenerate(repo_root, work_dir, site_url, report):
                print(f"Regenerated sources in {time.perf_counter() - started:.2f} s")


def serve(repo_root: Path, lang: str, address: str,
          report: Callable[[list[Problem]], None]) -> None:
    """Serve one language with live reload until interrupted."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    work_dir = (repo_root / ".build" / "preview").resolve()
    site_url = f"http://{address}/"
    if not regenerate(repo_root, work_dir, site_url, report):
        raise SystemExit(1)
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(repo_root, work_dir, site_url, report, stop),
                               daemon=True)
    watcher.start()
    try:
        mkdocs_serve(str(work_dir / lang / "mkdocs.yml"), livereload=True, build_type="dirty",
                     dev_addr=address)
    finally:
        stop.set()
