"""Incremental builds: when the previous build's work folder may stand in for a clean build.

A build leaves in its work folder (`.build/`) each language's Markdown, its HTML and its
search entries per page. When the next build is made by the same code, templates, theme,
catalogs and configuration for the same address, and writes the same pages, a page whose
Markdown did not change would come out of MkDocs exactly as it is already: only the pages
whose Markdown the generator wrote anew (the edited case, the lists that show it, the cases
whose related lists changed) and the navigation's pages are rendered again, and the search
index is put together from the new entries and the kept ones. Anything else (a page added or
removed, a hand-written page changed, any of the inputs above) means a clean build.

`state.json` records the previous build. It is removed when a build starts and written only
when the site was published, so a failed or interrupted build is never built upon.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from . import output
from .reading.case_cache import PACKAGE_DIR, code_version
from .reading.corpus import Corpus
from .reading.model import CaseStudy
from .site import i18n
from .site.related import kept_related

STATE_FILE = "state.json"
#: Beside each language's configuration: every page's search entries, for the next build
#: (`marshal`'s format: plain values, written and read several times faster than JSON), with
#: the pages changed since beside them (`kept_entries.py`).
SEARCH_ENTRIES = "search-entries.marshal"
#: Beside each language's configuration: the search index's analysis of every page's text.
SEARCH_PAGES = "search-pages.marshal"
#: Beside each language's configuration: the theme's static files (`engine.ThemeFiles`).
THEME_FILES = "theme-files.marshal"
#: In the work folder: which cases each case's page shows as related (`kept_related`).
RELATED_FILE = "related-cases.marshal"
#: The libraries whose release can change a page's HTML.
LIBRARIES = ("mkdocs", "mkdocs-material", "Markdown", "Jinja2", "Babel", "PyYAML",
             "MarkupSafe", "pymdown-extensions", "snowballstemmer")
#: The package's files besides its code that go into every page (templates, the theme).
PAGE_PATTERNS = ("**/*.html", "**/*.css", "**/*.js", "**/*.svg", "**/*.json", "**/*.yml")


@functools.cache
def library_versions() -> str:
    found = []
    for name in LIBRARIES:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} absent")
    return ";".join(found)


def analysis_version() -> str:
    """What the search index's analysis of a page's text depends on besides the text: the
    code and the stemmer's release (not the templates or the configuration)."""
    return f"{code_version()};{library_versions()}"


def files_digest(digest: hashlib._Hash, root: Path, patterns: tuple[str, ...]) -> None:
    for pattern in patterns:
        for path in sorted(root.glob(pattern)):
            if path.is_file():
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())


def fingerprint(config_file: Path, site_url: str, strict: bool) -> str:
    """Everything besides the pages' Markdown that a built page depends on."""
    digest = hashlib.sha256()
    digest.update(f"{code_version()}\0{library_versions()}\0{site_url}\0{strict}\0".encode())
    digest.update(config_file.read_bytes())
    files_digest(digest, PACKAGE_DIR, PAGE_PATTERNS)
    files_digest(digest, i18n.TRANSLATIONS_DIR, ("**/*.po",))
    return digest.hexdigest()


@dataclass(frozen=True)
class Previous:
    """The previous build, as its state file recorded it: its Markdown pages per language."""

    pages: dict[str, list[str]]

    def reusable(self, lang: str, paths: list[str], written: list[str],
                 hand_written: set[str]) -> bool:
        """Whether a language may be built incrementally: the same pages as before, and no
        hand-written page changed (its title is in every page's navigation)."""
        return (sorted(self.pages.get(lang, ())) == sorted(paths)
                and not hand_written.intersection(written))


def read_json(path: Path) -> dict[str, Any]:
    """A JSON object the previous build left in the work folder, or an empty one."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def read_bytes(path: Path) -> bytes:
    """A file the previous build left in the work folder, or nothing."""
    try:
        return path.read_bytes()
    except OSError:
        return b""


def previous_build(work_dir: Path, current: str) -> Previous | None:
    """The previous build in the work folder, if it was made from the same inputs."""
    state = read_json(work_dir / STATE_FILE)
    if state.get("fingerprint") != current:
        return None
    pages = state.get("pages")
    if not isinstance(pages, dict) or not all(
            isinstance(paths, list) and (work_dir / lang / "site").is_dir()
            for lang, paths in pages.items()):
        return None
    return Previous({str(lang): [str(path) for path in paths] for lang, paths in pages.items()})


def forget(work_dir: Path) -> None:
    """A build has started: until it is published, the work folder is no previous build."""
    output.remove_file(work_dir / STATE_FILE)


def record(work_dir: Path, current: str, pages: dict[str, list[str]]) -> None:
    """The build was published: the next one may build on it."""
    output.replace_file(work_dir / STATE_FILE,
                        json.dumps({"fingerprint": current, "pages": pages}))


def related_cases(work_dir: Path, corpus: Corpus) -> dict[str, list[CaseStudy]]:
    """`related.related_cases`, kept in the work folder while no case's place, themes or
    name order changed (`related.kept_related`)."""
    related, relations = kept_related(corpus.cases, corpus.registry, code_version(),
                                      read_bytes(work_dir / RELATED_FILE))
    if relations is not None:
        output.replace_file(work_dir / RELATED_FILE, relations)
    return related


def write_files(work_dir: Path, files: dict[str, bytes | None]) -> None:
    """Files for the work folder by name (None: remove it), as the case cache gives them."""
    for name, data in files.items():
        if data is None:
            output.remove_file(work_dir / name)
        else:
            output.replace_file(work_dir / name, data)
