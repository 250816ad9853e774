"""The whole build, in order: validated corpus -> pages -> Markdown sources -> HTML -> site/.

Each step is a call into the module that owns it; this module only sequences them, times
them and reports. By the time it runs, `corpus.read_corpus` has already read and validated
every input, so nothing here can stop half-way because of an editor's mistake.

The two languages share the corpus and nothing after it, so each language is one forked
process from the rendering of its pages to its built HTML: both cores work from the moment
the corpus is complete, and what both languages need (related cases, MkDocs' imports) is done
once, before the fork. Meanwhile this process writes the feeds and the open data: waiting for
a language to free a core first would add their time to the build's whenever the languages
end together (an incremental build's do), while sharing the cores costs nothing in all.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import incremental, output
from .engine import (
    LanguageBuild,
    ThemeFiles,
    build_one,
    language_config,
    read_base_config,
    remembered_pages,
    warm_up,
)
from .incremental import Previous
from .kept_entries import read_entries, write_entries
from .last_sources import Listing, last_pictures, source_files
from .page_links import link_problems
from .reading.case_cache import CaseCache
from .reading.corpus import Corpus, read_corpus
from .reading.model import LANGUAGES, CaseStudy
from .reading.parallel import Task
from .reading.problems import InvalidContentError
from .reading.publisher import publisher_from_config
from .root_files import make_root_files
from .site import i18n
from .site.bytecode import TEMPLATES_FILE, StoredBytecode
from .site.data_keys import FILES_DIR
from .site.jinja_env import environment
from .site.memo import PageMemo, RenderMemo
from .site.og_images import og_images
from .site.page_keys import KEYS_FILE, VIEWS_FILE, StoredPages, case_tokens, view_tokens
from .site.related import related_cases
from .site.render import render_language
from .site.sitemaps import sitemaps
from .site.urls import (
    LANGUAGE_ROOTS,
    OVERVIEW,
    START,
    case_counties,
    case_path,
    county_path,
    image_path,
    theme_path,
)
from .site_checks import check_site

#: Run by MkDocs after Material's search plugin in every language's build (the preview's
#: too): Material's index cut into the static shards a phone can afford (`search_hook.py`).
SEARCH_HOOK = Path(__file__).resolve().with_name("search_hook.py")


@dataclass
class BuildReport:
    """What a build did, for people and for the benchmark."""

    site_dir: Path
    pages: dict[str, int]
    seconds: dict[str, float] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)
    #: Per language: render, write and mkdocs seconds, measured in its own process.
    languages: dict[str, dict[str, float]] = field(default_factory=dict)
    #: Per language: the pages MkDocs rendered (all of them, unless the build was incremental).
    rendered: dict[str, int] = field(default_factory=dict)
    #: What of the previous site publishing could not remove, for the editor to remove.
    left_behind: list[Path] = field(default_factory=list)
    #: Per language: the generated pages whose Markdown was made again (inputs changed).
    generated: dict[str, int] = field(default_factory=dict)

    @property
    def incremental(self) -> bool:
        """Whether MkDocs rendered fewer pages than the site has (it built on the last)."""
        return any(self.rendered.get(lang, count) < count for lang, count in self.pages.items())

    def summary(self) -> str:
        counts = ", ".join(f"{count} {lang}" for lang, count in self.pages.items())
        timing = ", ".join(f"{step} {secs:.2f} s" for step, secs in self.seconds.items())
        rendered = ("rendered again: " + ", ".join(
            f"{count} {lang} ({self.generated.get(lang, 0)} generated)"
            for lang, count in self.rendered.items()) + "; " if self.incremental else "")
        return f"Built {self.site_dir}: pages {counts} ({rendered}{timing})"


@dataclass(frozen=True)
class Sources:
    """One language's Markdown and configuration, written: where MkDocs reads them, and the
    page paths (the same in every language)."""

    build: LanguageBuild
    paths: list[str]
    seconds: dict[str, float]
    written: list[str]  # the files written anew: changed since the last build


@dataclass(frozen=True)
class LanguageResult:
    """What one language's process sends back: its page paths, MkDocs' warnings, timings."""

    lang: str
    site_dir: Path
    paths: list[str]
    warnings: list[str]
    rendered: int  # pages MkDocs rendered
    generated: int  # generated pages whose Markdown was made again
    seconds: dict[str, float]
    written_at: float  # time.perf_counter() when its sources were written (the clock is shared)


def write_sources(corpus: Corpus, lang: str, related: dict[str, list[CaseStudy]],
                  base: dict[str, Any], config_file: Path, work_dir: Path, url: str,
                  memo: PageMemo | None = None,
                  known: dict[str, str | bytes] | None = None,
                  listed: Listing | None = None) -> Sources:
    """Render one language's pages and write them, its pictures and its configuration.

    `memo` is the preview's or the build's (`StoredPages`: the pages it kept are left as the
    last build wrote them); `known` the preview's: files written before; `listed` the
    build's listing of the sources the last build left (`source_files`)."""
    started = time.perf_counter()
    pages = render_language(corpus, lang, url, related, memo, publisher_from_config(base))
    rendered = time.perf_counter()
    docs_dir = work_dir / lang / "docs"
    site_dir = work_dir / lang / "site"
    kept = memo.kept if isinstance(memo, StoredPages) else set()
    files: dict[str, str | bytes] = {page.path: page.text for page in pages
                                     if page.path not in kept}
    files.update({image_path(case): corpus.images[case.slug] for case in corpus.cases
                  if case.image is not None})
    drawn = last_pictures(docs_dir, known, listed)
    pictures = og_images(corpus.cases, corpus.registry, lang, drawn)
    # A picture the last build drew from the same texts is the file already there (and, in a
    # build, `drawn` holds only its start).
    unchanged = {path for path, png in pictures.items() if drawn.get(path) is png}
    files.update({path: png for path, png in pictures.items() if path not in unchanged})
    written_files = output.write_tree(docs_dir, files, known, kept | unchanged)
    config = language_config(base, lang, docs_dir, site_dir, url, hooks=(SEARCH_HOOK,))
    config_path = work_dir / lang / "mkdocs.yml"
    output.write_config(config_path, config)
    written = time.perf_counter()
    return Sources(LanguageBuild(lang, config_path, docs_dir, site_dir),
                   [page.path for page in pages],
                   {"render": rendered - started, "write": written - rendered}, written_files)


def page_dates(corpus: Corpus) -> dict[str, datetime.datetime]:
    """When pages last changed, for the sitemap: a case page when its case file did, a list
    when the newest of its cases did (pages written by hand have no date the build knows)."""
    dates: dict[str, datetime.datetime] = {}
    for case in corpus.cases:
        updated = corpus.dates[case.slug].updated
        lists = [OVERVIEW, "index.md", *(county_path(county) for county in
                                         case_counties(case, corpus.registry)),
                 *(theme_path(corpus.registry.themes[key]) for key in case.themes)]
        dates[case_path(case)] = updated
        for page in lists:
            dates[page] = max(dates.get(page, updated), updated)
    return dates


def public_root(base: dict[str, Any], site_url: str | None) -> str:
    """The public address of the site, ending in "/"."""
    url = site_url or str(base.get("site_url") or "http://localhost:8000/")
    return url.rstrip("/") + "/"


def prepare(corpus: Corpus, config_file: Path, work_dir: Path, site_url: str | None, *,
            langs: tuple[str, ...] = LANGUAGES, memo: RenderMemo | None = None,
            known: dict[str, dict[str, str | bytes]] | None = None
            ) -> tuple[list[LanguageBuild], list[str], str]:
    """Render the pages of `langs` and write the sources and configurations MkDocs will
    read, one language after the other (the preview's path: it serves one language and runs
    threads, so it does not fork). `memo` and `known` carry over from an earlier call."""
    base = read_base_config(config_file)
    url = public_root(base, site_url)
    related = (related_cases(corpus.cases, corpus.registry) if memo is None
               else memo.related_cases(corpus.cases, corpus.registry))
    written = [write_sources(corpus, lang, related, base, config_file, work_dir, url, memo,
                             None if known is None else known.setdefault(lang, {}))
               for lang in langs]
    return [sources.build for sources in written], written[0].paths, url


#: The build's work folder in the repository: what the last build made, to spare the next one
#: work; a build without it is a clean one.
WORK_DIR = ".build"
#: Beside each language's configuration: the editor's start page as the last build read it.
START_SOURCE = "start-page-source.md"


def build_language(corpus: Corpus, lang: str, related: dict[str, list[CaseStudy]],
                   base: dict[str, Any], config_file: Path, work_dir: Path, url: str,
                   strict: bool, previous: Previous | None,
                   tokens: tuple[dict[str, str], dict[str, str]]) -> LanguageResult:
    """One language from the corpus to HTML: its sources, rendering only the pages whose
    inputs changed since the `previous` build, then its MkDocs build, over that build's HTML
    where that is the same as a clean build (`incremental.py`). `tokens` are the cases' and
    their list views' (`page_keys.py`)."""
    keys_file = work_dir / lang / KEYS_FILE
    docs_dir = work_dir / lang / "docs"
    listed = source_files(docs_dir)
    memo = StoredPages(incremental.read_json(keys_file) if previous is not None else {},
                       *tokens, lambda path: path in listed and listed[path].is_file())
    bytecode_file = work_dir / lang / TEMPLATES_FILE
    # Templates are compiled with the catalog's msgstrs in them (`jinja_env.PreTranslate`):
    # the compiled ones are reused only when the catalogs, like all else, are the last build's.
    bytecode = StoredBytecode.loads(incremental.read_bytes(bytecode_file)
                                    if previous is not None else b"")
    environment(lang).bytecode_cache = bytecode
    sources = write_sources(corpus, lang, related, base, config_file, work_dir, url, memo,
                            listed=listed)
    output.replace_file(keys_file, json.dumps(memo.keys))
    written_at = time.perf_counter()
    # The start page changes with the cases (its figures, cards and latest changes), but its
    # title, the part every page's navigation shows, only with the editor's text: it counts as
    # hand-written when that text changed since the last build.
    editors_start = work_dir / lang / START_SOURCE
    start_text = next((page.markdown for page in corpus.pages
                       if page.lang == lang and page.path == START), "")
    # Compared as bytes: a damaged file that is not UTF-8 is only not the same text.
    start_kept = (editors_start.is_file()
                  and editors_start.read_bytes() == start_text.encode("utf-8"))
    hand_written = {page.path for page in corpus.pages} - ({START} if start_kept else set())
    changed = (set(sources.written) if previous is not None and previous.reusable(
        lang, sources.paths, sources.written, hand_written) else None)
    kept_entries = read_entries(work_dir / lang) if changed is not None else None
    if kept_entries is None:  # the pages not rendered again would have no entries in the index
        changed = None
    # The search index's analysis of each page's text, by its text: kept whenever the code
    # that analyses is the same, since a text analyses the same under any template.
    search_file = work_dir / lang / incremental.SEARCH_PAGES
    search_pages = remembered_pages(lang, incremental.analysis_version(),
                                    incremental.read_bytes(search_file))
    theme_file = work_dir / lang / incremental.THEME_FILES
    theme_files = ThemeFiles(incremental.read_bytes(theme_file), incremental.library_versions())
    built = build_one(lang, str(sources.build.config_file), strict, changed,
                      kept_entries.entries() if kept_entries is not None else None,
                      output.replaced, bytecode=bytecode, theme_files=theme_files)
    if theme_files.found is not None:
        output.replace_file(theme_file, theme_files.found)
    if search_pages.changed:
        output.replace_file(search_file, search_pages.dumps())
    if bytecode.worth_writing:
        output.replace_file(bytecode_file, bytecode.dumps())
    write_entries(work_dir / lang, kept_entries, built.search_entries)
    output.replace_file(editors_start, start_text)
    return LanguageResult(lang, sources.build.site_dir, sources.paths, built.warnings,
                          built.rendered, len(memo.keys) - len(memo.kept),
                          {**sources.seconds, "mkdocs": time.perf_counter() - written_at},
                          written_at)


def read_corpus_cached(repo_root: Path, work_dir: Path | None = None) -> Corpus:
    """`corpus.read_corpus`, taking the files an earlier build validated from the work
    folder's cache and leaving the cache for the next build (also when a file is invalid:
    the valid ones need not be read again after the fix).

    The garbage collector waits meanwhile: what is read is kept (the corpus outlives the
    build), and a thousand cases' objects made it run again and again over all of them,
    about a quarter of the read's time."""
    work = work_dir or repo_root / WORK_DIR
    collecting = gc.isenabled()
    gc.disable()
    try:
        stored = CaseCache.load(work)
        try:
            return with_site_checks(lambda: read_corpus(repo_root, stored=stored))
        finally:
            with contextlib.suppress(OSError):  # a read-only work folder costs only speed
                incremental.write_files(work, stored.files())
    finally:
        if collecting:
            gc.enable()


def with_site_checks(read: Callable[[], Corpus]) -> Corpus:
    """The corpus `read` gives, refused with the problems of the pages' interface catalogs
    too (a msgstr whose placeholders differ from its msgid's would stop rendering half-way),
    and with the content pages' links that lead to no page (MkDocs would refuse them only
    after rendering every page): the catalogs are inputs like the case files, and every
    problem is told at once, before anything is written."""
    catalogs = i18n.catalog_problems()
    try:
        corpus = read()
    except InvalidContentError as invalid:
        raise InvalidContentError([*invalid.problems, *catalogs]) from None
    problems = [*link_problems(corpus.cases, corpus.pages, corpus.registry), *catalogs]
    if problems:
        raise InvalidContentError(problems)
    return corpus


def build_site(corpus: Corpus, repo_root: Path, site_dir: Path, *, site_url: str | None = None,
               strict: bool = True, config_file: Path | None = None,
               work_dir: Path | None = None,
               on_wait: Callable[[], None] = lambda: None) -> BuildReport:
    """Build the bilingual site into `site_dir`, replacing it only when everything succeeded.

    One build at a time per site and per work folder: a second one waits for the first
    (`on_wait` is told once), instead of both writing the same folders."""
    work = (work_dir or repo_root / WORK_DIR).resolve()
    site = site_dir.resolve()
    with output.build_lock([work.with_name(work.name + ".lock"),
                            site.with_name(f".{site.name}.lock")], on_wait):
        gc.freeze()  # the corpus and modules outlive the build: not collected again and again
        try:
            return build_locked(corpus, repo_root, site_dir, site_url, strict, config_file, work)
        finally:
            gc.unfreeze()


def build_locked(corpus: Corpus, repo_root: Path, site_dir: Path, site_url: str | None,
                 strict: bool, config_file: Path | None, work: Path) -> BuildReport:
    """`build_site`'s work, once it holds the locks."""
    started = time.perf_counter()
    config_file = config_file or repo_root / "mkdocs.yml"
    base = read_base_config(config_file)
    publisher = publisher_from_config(base)  # a wrongly stated one stops the build before writing
    url = public_root(base, site_url)
    inputs = incremental.fingerprint(config_file, url, strict)
    previous = incremental.previous_build(work, inputs)
    incremental.forget(work)
    related = incremental.related_cases(work, corpus)
    tokens = case_tokens(corpus.cases, corpus.tokens)
    views = view_tokens(corpus.cases, tokens, incremental.read_json(work / VIEWS_FILE))
    output.replace_file(work / VIEWS_FILE, json.dumps(views))
    warm_up()
    shared = time.perf_counter()
    tasks = [Task(build_language, corpus, lang, related, base, config_file, work, url, strict,
                  previous, (tokens, views))
             for lang in LANGUAGES]
    try:
        # Made while the languages build, not after them.
        extra, problems = make_root_files(corpus, url, publisher, tokens, work,
                                          previous is not None)
        results = [task.result() for task in tasks]
    except BaseException:  # one language failed (or the build was interrupted): stop the other
        for task in tasks:
            task.cancel()
        raise
    built = time.perf_counter()
    maps = sitemaps(url, results[0].paths, page_dates(corpus))
    published = output.publish({LANGUAGE_ROOTS[r.lang].rstrip("/"): r.site_dir for r in results},
                               {**maps, **extra}, site_dir,
                               lambda folder: check_site(folder, maps, problems),
                               work / FILES_DIR)
    incremental.record(work, inputs, {r.lang: r.paths for r in results})
    done = time.perf_counter()
    if all(task.forked for task in tasks):  # the sources of both were written side by side
        generated = max(result.written_at for result in results)
    else:  # one after the other, each language's MkDocs build in between: count the writing
        generated = shared + sum(r.seconds["render"] + r.seconds["write"] for r in results)
    return BuildReport(site_dir, {r.lang: len(r.paths) for r in results},
                       {"shared": shared - started, "generate": generated - started,
                        "mkdocs": built - generated, "publish": done - built},
                       {r.lang: r.warnings for r in results},
                       {r.lang: r.seconds for r in results},
                       {r.lang: r.rendered for r in results}, published,
                       {r.lang: r.generated for r in results})
