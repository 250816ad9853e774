"""Live preview: MkDocs' own server, fed by the generator whenever an editor saves a file.

A watcher thread polls `municipalities/` and `content/`; on a change it validates everything
again and rewrites only the Markdown sources whose text changed. MkDocs' server (in dirty
mode) sees those files change and rebuilds just those pages, so a saved case file shows in
the browser without a full rebuild. An invalid file prints its problems and leaves the
preview as it was.

A save costs what it changed, not what the site holds: a `Preview` keeps the files it read
(only changed files are read again), the pages it rendered (a page is rendered again only when
its inputs changed) and what it wrote, and it renders only the language being served.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..build import prepare
from ..engine.mkdocs_build import serve_live
from ..reading.corpus import CASE_SUFFIXES, ReadCache, read_corpus
from ..reading.model import LANGUAGES
from ..reading.problems import InvalidContentError, Problem
from ..site.memo import RenderMemo

POLL_SECONDS = 0.3


@dataclass
class Preview:
    """The generator's side of the preview, kept from one save to the next."""

    repo_root: Path
    work_dir: Path
    site_url: str
    langs: tuple[str, ...] = LANGUAGES  # the languages to write: the one being served
    reads: ReadCache = field(default_factory=ReadCache)
    memo: RenderMemo = field(default_factory=RenderMemo)
    known: dict[str, dict[str, str | bytes]] = field(default_factory=dict)

    def changed(self, paths: Iterable[Path]) -> None:
        """Note changed files. A case file is noticed by its own size and time, and pages are
        read every time; anything else (a picture, say) can change what a case file's checks
        find, so then every case file is checked again."""
        cases_dir = self.repo_root / "municipalities"
        content_dir = self.repo_root / "content"
        for path in paths:
            if path.is_relative_to(content_dir) or (path.parent == cases_dir
                                                    and path.suffix in CASE_SUFFIXES):
                continue
            self.reads.files.clear()
            return

    def regenerate(self, report: Callable[[list[Problem]], None]) -> bool:
        """Rewrite the sources from the current files; False (and a report) when invalid."""
        try:
            corpus = read_corpus(self.repo_root, cache=self.reads)
        except InvalidContentError as invalid:
            report(invalid.problems)
            return False
        prepare(corpus, self.repo_root / "mkdocs.yml", self.work_dir, self.site_url,
                langs=self.langs, memo=self.memo, known=self.known)
        return True


def snapshot(folders: list[Path]) -> dict[Path, float]:
    """Modification times of every file under the watched folders."""
    return {path: path.stat().st_mtime for folder in folders for path in folder.rglob("*")
            if path.is_file()}


def regenerate(repo_root: Path, work_dir: Path, site_url: str,
               report: Callable[[list[Problem]], None]) -> bool:
    """Rewrite every language's sources from the current files, once, keeping nothing."""
    return Preview(repo_root, work_dir, site_url).regenerate(report)


def watch(preview: Preview, report: Callable[[list[Problem]], None],
          stop: threading.Event) -> None:
    folders = [preview.repo_root / "municipalities", preview.repo_root / "content"]
    seen = snapshot(folders)
    while not stop.wait(POLL_SECONDS):
        current = snapshot(folders)
        if current != seen:
            preview.changed(path for path in current.keys() | seen.keys()
                            if current.get(path) != seen.get(path))
            seen = current
            started = time.perf_counter()
            if preview.regenerate(report):
                print(f"Regenerated sources in {time.perf_counter() - started:.2f} s")


def serve(repo_root: Path, lang: str, address: str,
          report: Callable[[list[Problem]], None]) -> None:
    """Serve one language with live reload until interrupted."""
    work_dir = (repo_root / ".build" / "preview").resolve()
    preview = Preview(repo_root, work_dir, f"http://{address}/", langs=(lang,))
    if not preview.regenerate(report):
        raise SystemExit(1)
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(preview, report, stop), daemon=True)
    watcher.start()
    try:
        serve_live(work_dir / lang / "mkdocs.yml", address)
    finally:
        stop.set()
