"""The MkDocs side of an incremental build (`generator/incremental.py` decides when one is
possible): render only the pages whose Markdown changed, and keep every page's search entries.

MkDocs' own dirty builds decide by file times and write a search index of the rendered pages
only, which is right for a preview and wrong for a site. Here a page is rendered when the
generator wrote its Markdown anew, and Material's search index is made of the new entries of
the rendered pages and the entries the previous build kept for the others, in the order a clean
build adds them, so the index is the clean build's.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Callable, Iterator
from typing import Any


def navigation_sources(nav: Any) -> set[str]:
    """The Markdown files the configuration's `nav` names: their titles are on every page,
    so an incremental build reads them again."""
    found: set[str] = set()
    pending = list(nav or [])
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            pending.extend(value if isinstance(value, list) else [value]
                           for value in item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return found


def files_below(root: str) -> set[str]:
    """The files below `root` by their paths there ("a/b.html"), from one listing of each
    folder (a language's few thousand files without a `stat` each); links to folders are
    not followed."""
    found: set[str] = set()
    pending = [("", root)]
    while pending:
        prefix, folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:  # no such folder (yet): nothing below it
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append((prefix + entry.name + "/", entry.path))
            elif entry.is_file():
                found.add(prefix + entry.name)
    return found


@contextlib.contextmanager
def only_changed(sources: set[str], navigation: set[str],
                 replacing: Callable[[Callable[..., Any]], Callable[..., Any]],
                 site_dir: str) -> Iterator[None]:
    """For the length of a dirty MkDocs build: a file counts as modified when the generator
    wrote it anew (or its HTML is missing from `site_dir`, as the build found it), not by
    comparing times, which a restored cache or a fresh checkout does not keep; the
    navigation's other pages are read for their titles, which every rendered page shows;
    writes replace files (`replacing`, the output module's), never write into those linked
    into the published site; and MkDocs' warning that dirty builds may be inaccurate, which
    is about builds that do not know what changed, is not given."""
    from mkdocs import utils
    from mkdocs.commands import build
    from mkdocs.structure.files import File

    built = files_below(site_dir)

    def is_modified(file: File) -> bool:
        return (file.src_uri in sources or getattr(file, "_content", None) is not None
                or file.dest_uri not in built)

    def populate(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
        if page.file.src_uri in navigation and not is_modified(page.file):
            page.read_source(config)
            if "title" in page.meta:  # the title the navigation shows, as rendering gives it
                return
            dirty = False  # a title from the first heading: only rendering gives it
        populate_page(page, config, files, dirty)

    def not_dirty_warning(record: logging.LogRecord) -> bool:
        return "A 'dirty' build is being performed" not in record.getMessage()

    build_logger = logging.getLogger("mkdocs.commands.build")
    originals = File.is_modified, utils.write_file, utils.copy_file
    populate_page = build._populate_page
    File.is_modified = is_modified  # type: ignore[method-assign,assignment]
    utils.write_file = replacing(originals[1])
    utils.copy_file = replacing(originals[2])
    build._populate_page = populate
    build_logger.addFilter(not_dirty_warning)
    try:
        yield
    finally:
        File.is_modified, utils.write_file, utils.copy_file = originals  # type: ignore[method-assign]
        build._populate_page = populate_page
        build_logger.removeFilter(not_dirty_warning)


class SearchEntries:
    """Material's search entries, by page: the rendered pages' new ones, and for the pages an
    incremental build did not render, those the previous build stored."""

    def __init__(self, previous: dict[str, Any] | None) -> None:
        self.previous = previous
        self.order: list[str] = []
        self.pages: dict[str, list[dict[str, Any]]] = {}
        self.rendered = 0

    def added(self, source: str, entries: list[dict[str, Any]]) -> None:
        self.order.append(source)
        self.pages[source] = entries
        self.rendered += 1

    def all(self) -> list[dict[str, Any]]:
        """Every page's entries in the order a clean build adds them (the page order, which
        an incremental build shares with the previous one)."""
        if self.previous is None:
            return [entry for source in self.order for entry in self.pages[source]]
        kept = self.previous.get("pages", {})
        self.order = list(self.previous.get("order", []))
        self.pages = {source: self.pages.get(source, kept.get(source, []))
                      for source in self.order}
        return [entry for source in self.order for entry in self.pages[source]]

    def stored(self) -> dict[str, Any]:
        return {"order": self.order, "pages": self.pages}


#: Material's index of the build in progress, for the search hook (`handed_index`).
_HANDED: list[dict[str, Any]] = []


def handed_index() -> dict[str, Any] | None:
    """Material's index (its configuration and every page's entries) as the running build
    handed it to the search hook, once; None outside such a build (a plain `mkdocs build` of
    the configuration: the hook reads Material's file)."""
    return _HANDED.pop() if _HANDED else None


@contextlib.contextmanager
def kept_search_entries(previous: dict[str, Any] | None) -> Iterator[SearchEntries]:
    """Material's search index, recording each page's entries as it adds them and, when the
    index is written, made of every page's (`SearchEntries.all`). The entries go to the
    search hook in memory (`handed_index`): Material writes its file without them, which the
    hook would replace anyway, instead of 10 MB of JSON that the hook would read back."""
    from material.plugins.search.plugin import SearchIndex

    entries = SearchEntries(previous)
    add, generate = SearchIndex.add_entry_from_context, SearchIndex.generate_search_index

    def add_entry_from_context(index: Any, page: Any) -> None:
        before = len(index.entries)
        add(index, page)
        entries.added(page.file.src_uri, index.entries[before:])

    def generate_search_index(index: Any, prev: Any) -> Any:
        docs = entries.all()
        index.entries = []
        without_docs = generate(index, None)
        index.entries = docs
        _HANDED[:] = [{"config": json.loads(without_docs)["config"], "docs": docs}]
        return without_docs

    SearchIndex.add_entry_from_context = add_entry_from_context
    SearchIndex.generate_search_index = generate_search_index
    try:
        yield entries
    finally:
        SearchIndex.add_entry_from_context, SearchIndex.generate_search_index = add, generate
        _HANDED.clear()
