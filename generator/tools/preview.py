"""Live preview: MkDocs' own server, fed by the generator whenever an editor saves a file.

A watcher thread polls `municipalities/` and `content/`; on a change it validates everything
again and rewrites only the Markdown sources whose text changed. MkDocs' server (in dirty
mode) sees those files change and rebuilds just those pages, so a saved case file shows in
the browser without a full rebuild. An invalid file prints its problems and leaves the
preview as it was.

A save costs what it changed, not what the site holds: a `Preview` keeps the files it read
(only changed files are read again), the pages it rendered (a page is rendered again only when
its inputs changed) and what it wrote, and it renders only the language being served.

No save stops the preview: a file with mistakes shows them at the top of every page in the
browser (and in the terminal) over the last good version, until a good save replaces them;
anything unexpected while updating is reported and the watcher goes on watching.
"""

from __future__ import annotations

import contextlib
import errno
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape

from .. import output
from ..build import WORK_DIR, prepare, with_site_checks
from ..engine import serve_live
from ..reading.corpus import CASE_SUFFIXES, ReadCache, read_corpus
from ..reading.languages import SOURCE_LANGUAGE
from ..reading.model import LANGUAGES
from ..reading.problems import N_, InvalidContentError, Problem, terminal_text
from ..site import i18n
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
    lang: str = SOURCE_LANGUAGE  # the language of the problems shown in the browser

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
        """Rewrite the sources from the current files; False (and a report, in the terminal
        and on every page) when invalid."""
        try:
            corpus = with_site_checks(lambda: read_corpus(self.repo_root, cache=self.reads))
            prepare(corpus, self.repo_root / "mkdocs.yml", self.work_dir, self.site_url,
                    langs=self.langs, memo=self.memo, known=self.known)
        except InvalidContentError as invalid:
            report(invalid.problems)
            gettext = i18n.cli_translations(self.lang).gettext
            self.show_problems([problem.render(gettext, self.lang)
                                for problem in invalid.problems])
            return False
        return True

    def show_problems(self, messages: list[str]) -> None:
        """Put the problems at the top of every page written last time (the last good
        version stays below them); the next good save writes the pages without them."""
        notice = problems_notice(messages, self.lang)
        for lang, known in self.known.items():
            pages = {path: with_notice(text, notice) if path.endswith(".md")
                     and isinstance(text, str) else text for path, text in known.items()}
            output.write_tree(self.work_dir / lang / "docs", pages, known)


def problems_notice(messages: list[str], lang: str) -> str:
    """The problems as an HTML block for the top of a page."""
    gettext = i18n.cli_translations(lang).gettext
    items = "".join(f"<li><code>{escape(message)}</code></li>" for message in messages)
    heading = escape(gettext(N_("The last save has problems. This page shows the last "
                                "version without them; fix these and save again:")))
    return (f'<div class="ides-notice ides-problems" role="alert"><p><strong>{heading}'
            f"</strong></p><ul>{items}</ul></div>")


def with_notice(markdown: str, notice: str) -> str:
    """A page's Markdown with an HTML block first, after its front matter if it has one."""
    front, body = "", markdown
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end >= 0:
            front, body = markdown[:end + 5], markdown[end + 5:]
    return f"{front}\n{notice}\n\n{body}"


def snapshot(folders: list[Path]) -> dict[Path, float]:
    """Modification times of every file under the watched folders. An editor's save may
    remove a file between the listing and the look at it (a temporary file renamed over
    the real one): such a file is simply not there this time."""
    times = {}
    for folder in folders:
        for path in folder.rglob("*"):
            try:
                times[path] = path.stat().st_mtime
            except OSError:
                continue
    return times


def regenerate(repo_root: Path, work_dir: Path, site_url: str,
               report: Callable[[list[Problem]], None]) -> bool:
    """Rewrite every language's sources from the current files, once, keeping nothing."""
    return Preview(repo_root, work_dir, site_url).regenerate(report)


def watch(preview: Preview, report: Callable[[list[Problem]], None],
          stop: threading.Event) -> None:
    """Regenerate on every change until `stop` is set. Nothing ends the loop but `stop`:
    whatever goes wrong while updating is told, and the next save is tried afresh."""
    folders = [preview.repo_root / "municipalities", preview.repo_root / "content"]
    seen = snapshot(folders)
    while not stop.wait(POLL_SECONDS):
        try:
            current = snapshot(folders)
            if current == seen:
                continue
            preview.changed(path for path in current.keys() | seen.keys()
                            if current.get(path) != seen.get(path))
            seen = current
            started = time.perf_counter()
            if preview.regenerate(report):
                print(f"Regenerated sources in {time.perf_counter() - started:.2f} s")
        except Exception as error:  # the preview must outlive any save
            preview.reads.files.clear()  # the next save reads every file afresh
            message = i18n.cli_translations(preview.lang).gettext(N_(
                "The preview could not be updated: {error}; it tries again on the next "
                "save")).format(error=f"{type(error).__name__}: {error}")
            print(terminal_text(message), file=sys.stderr)
            with contextlib.suppress(OSError):  # the disk itself: the terminal has said it
                preview.show_problems([message])


class PortInUseError(Exception):
    """The address to serve on is taken (another preview, most likely)."""


def check_address(address: str) -> None:
    """Fail early, before the first build, when the port is taken: MkDocs would end with a
    traceback after it."""
    host, _, port = address.rpartition(":")
    with socket.socket(socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET) as probe:
        try:
            probe.bind((host.strip("[]") or "127.0.0.1", int(port)))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise PortInUseError(address) from None
            raise


def serve(repo_root: Path, lang: str, address: str,
          report: Callable[[list[Problem]], None], messages_lang: str = SOURCE_LANGUAGE) -> None:
    """Serve one language with live reload until interrupted."""
    check_address(address)
    work_dir = (repo_root / WORK_DIR / "preview").resolve()
    preview = Preview(repo_root, work_dir, f"http://{address}/", langs=(lang,),
                      lang=messages_lang)
    if not preview.regenerate(report):
        raise SystemExit(1)
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(preview, report, stop), daemon=True)
    watcher.start()
    try:
        serve_live(work_dir / lang / "mkdocs.yml", address)
    finally:
        stop.set()
