"""Reading every input of the site, and checking it as a whole, before anything is written.

Like Pelican, the build is two phases: everything is read and validated here, and only a
complete, valid `Corpus` moves on to rendering. One bad file therefore stops the build before a
single page is written, and every problem in every file is reported together.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .history import FileDates, file_dates
from .loading import load
from .model import LANGUAGES, CaseStudy
from .parallel import fork_map
from .problems import N_, InvalidContentError, Problem
from .registry import Registry, load_registry, normalise
from .validation import Checker

CASE_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class ContentPage:
    """A hand-written page in one language; `path` is the same in every language."""

    path: str  # relative to content/<lang>/, e.g. "om-programmet.md"
    lang: str
    markdown: str


@dataclass(frozen=True)
class Corpus:
    """Everything the site is made of, validated: cases sorted by name, and the pages."""

    cases: tuple[CaseStudy, ...]
    pages: tuple[ContentPage, ...]
    registry: Registry
    dates: dict[str, FileDates]  # by slug: first published, last changed
    images: dict[str, bytes]  # by slug: the picture's file, read with everything else


def case_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix in CASE_SUFFIXES and p.is_file())


#: Below this many files per core, a second process costs more than it saves.
FILES_PER_WORKER = 100


def read_cases(files: Iterable[Path], repo_root: Path, registry: Registry
               ) -> tuple[list[CaseStudy], list[Problem]]:
    """Validate each file on its own, then the rules that span files.

    Each file is parsed and validated once; with many files, the files are shared out over
    the cores (parsing a thousand case files is most of what `ideslussar validate` does).
    """
    cases: list[CaseStudy] = []
    problems: list[Problem] = []
    read = functools.partial(read_each, repo_root=repo_root, registry=registry)
    for found, found_problems in fork_map(read, list(files), FILES_PER_WORKER):
        cases.extend(found)
        problems.extend(found_problems)
    problems.extend(duplicate_problems(cases))
    return sorted(cases, key=lambda case: normalise(case.name.sv)), problems


def read_each(files: list[Path], repo_root: Path, registry: Registry
              ) -> tuple[list[CaseStudy], list[Problem]]:
    """Parse and validate files one by one: the cases, and every problem in them."""
    cases: list[CaseStudy] = []
    problems: list[Problem] = []
    for path in files:
        shown_as = display_path(path, repo_root)
        document, load_problems = load(path, shown_as)
        problems.extend(load_problems)
        if document is None:
            continue
        checker = Checker(shown_as, registry, repo_root)
        case = checker.case(document, path.stem)
        problems.extend(checker.problems)
        if case is not None:
            cases.append(case)
    return cases, problems


def duplicate_problems(cases: list[CaseStudy]) -> list[Problem]:
    """Two files for one slug (a .yml and a .yaml) or for one idésluss (the same name)."""
    problems = []
    by_slug: dict[str, CaseStudy] = {}
    by_name: dict[str, CaseStudy] = {}
    for case in cases:
        if case.slug in by_slug:
            problems.append(Problem(case.path, 1, 1, "", N_('the slug "{slug}" is also used by '
                                                            "{other}"),
                                    N_("rename one of the files"),
                                    {"slug": case.slug, "other": by_slug[case.slug].path}))
        by_slug.setdefault(case.slug, case)
        name = normalise(case.name.sv)
        if name in by_name:
            problems.append(Problem(case.path, 1, 1, "name.sv", N_('"{name}" is already '
                                                                   "described in {other}"),
                                    N_("change that file instead of adding a second one"),
                                    {"name": case.name.sv, "other": by_name[name].path}))
        by_name.setdefault(name, case)
    return problems


def read_pages(content_dir: Path, repo_root: Path) -> tuple[list[ContentPage], list[Problem]]:
    """Hand-written pages: every page must exist in every language, at the same path."""
    pages: list[ContentPage] = []
    problems: list[Problem] = []
    paths = {lang: {p.relative_to(content_dir / lang).as_posix()
                    for p in (content_dir / lang).rglob("*.md")} for lang in LANGUAGES}
    for lang in LANGUAGES:
        for relative in sorted(paths[lang]):
            path = content_dir / lang / relative
            pages.append(ContentPage(relative, lang, path.read_text(encoding="utf-8")))
            for other in LANGUAGES:
                if relative not in paths[other]:
                    problems.append(Problem(display_path(path, repo_root), 1, 1, "",
                                            N_("this page has no {lang} counterpart"),
                                            N_("add content/{lang}/{path}"),
                                            {"lang": other, "path": relative}))
    return pages, problems


def display_path(path: Path, repo_root: Path) -> str:
    """Paths in messages are relative to the repository, as editors see them in a PR.

    Tried without touching the disk first (resolving costs a system call per path component,
    for each of a thousand files); symlinks and ".." fall back to resolving."""
    try:
        relative = path.absolute().relative_to(repo_root.absolute())
        if ".." not in relative.parts:
            return relative.as_posix()
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(repo_root.resolve()).as_posix()
    except ValueError:
        return str(path)


def read_corpus(repo_root: Path, cases_dir: Path | None = None) -> Corpus:
    """Read and validate everything; raise `InvalidContentError` listing every problem found."""
    registry = load_registry()
    files = case_files(cases_dir or repo_root / "municipalities")
    cases, problems = read_cases(files, repo_root, registry)
    pages, page_problems = read_pages(repo_root / "content", repo_root)
    problems.extend(page_problems)
    if problems:
        raise InvalidContentError(problems)
    by_name = file_dates(files)
    dates = {case.slug: by_name[Path(case.path).name] for case in cases}
    images = {case.slug: (repo_root / case.image.path).read_bytes() for case in cases
              if case.image is not None}
    return Corpus(tuple(cases), tuple(pages), registry, dates, images)
