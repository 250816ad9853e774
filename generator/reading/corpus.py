"""Reading every input of the site, and checking it as a whole, before anything is written.

Like Pelican, the build is two phases: everything is read and validated here, and only a
complete, valid `Corpus` moves on to rendering. One bad file therefore stops the build before a
single page is written, and every problem in every file is reported together.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .case_cache import CaseCache, file_digest, plain_files
from .characters import skeleton
from .history import FileDates, file_dates
from .loading import field_place, load, not_a_file, read_text
from .model import LANGUAGES, CaseStudy
from .page_checks import outside_problems, page_problems, path_problems
from .page_translation import page_statuses, read_page_records, stray_page_records
from .parallel import fork_map
from .problems import N_, InvalidContentError, Problem
from .registry import Registry, load_registry, normalise
from .translation import State
from .validation import Checker

#: The one suffix of a case file: `nacka.YML` or `solna.yaml` would be skipped while
#: `validate` said every file is valid, so every other file is reported instead.
CASE_SUFFIXES = (".yml",)


@dataclass(frozen=True)
class ContentPage:
    """A hand-written page in one language; `path` is the same in every language."""

    path: str  # relative to content/<lang>/, e.g. "om-programmet.md"
    lang: str
    markdown: str
    shown_as: str  # its file as messages name it, e.g. "content/sv/om-programmet.md"


@dataclass(frozen=True)
class Corpus:
    """Everything the site is made of, validated: cases sorted by name, and the pages."""

    cases: tuple[CaseStudy, ...]
    pages: tuple[ContentPage, ...]
    registry: Registry
    dates: dict[str, FileDates]  # by slug: first published, last changed
    images: dict[str, bytes]  # by slug: the picture's file, read with everything else
    #: (lang, path) of translated pages whose Swedish page changed since (content/translation.yml)
    outdated_pages: frozenset[tuple[str, str]] = frozenset()
    #: (lang, path) of translated pages a machine made from the Swedish page as it is now
    machine_pages: frozenset[tuple[str, str]] = frozenset()
    #: By slug: a digest standing for the case, where the build's case cache has one
    #: (`CaseCache.tokens`); rendering tells unchanged pages by it
    tokens: dict[str, str] = field(default_factory=dict)


def case_files(directory: Path) -> list[Path]:
    """The case files of a folder; symbolic links are listed too, so they are reported."""
    if not directory.is_dir():
        return []  # `stray_files` says so
    return sorted(p for p in directory.iterdir() if p.suffix in CASE_SUFFIXES
                  and (p.is_file() or p.is_symlink()))


def stray_files(directory: Path, repo_root: Path) -> list[Problem]:
    """Files in the case folder that are not read: a case file saved with another suffix;
    or no case folder at all."""
    if not directory.is_dir():
        return [Problem(display_path(directory, repo_root), 1, 1, "",
                        N_("there is no such folder"),
                        N_("run the command in the repository, or name it with --root"))]
    problems = []
    for path in sorted(directory.iterdir()):
        if path.suffix in CASE_SUFFIXES and not (path.is_file() or path.is_symlink()):
            problems.append(not_a_file(display_path(path, repo_root)))  # never read
            continue
        if (path.suffix in CASE_SUFFIXES or path.name.startswith(".")
                or (path.is_dir() and not path.is_symlink())):
            continue
        problems.append(Problem(display_path(path, repo_root), 1, 1, "",
                                N_("this file is not read: case files end in .yml"),
                                N_("rename it to {name}.yml, or move it out of the folder"),
                                {"name": path.name.split(".")[0] or "name"}))
    return problems


#: Below this many files per core, a second process costs more than it saves.
FILES_PER_WORKER = 100


@dataclass
class ReadCache:
    """Case files already read, by path, with the size and modification time they had.

    Kept by the preview between saves, so that saving one file re-reads one file: the
    CaseStudy objects of unchanged files are the very same objects as before, which lets
    rendering recognise them at once. Each file's own checks are cached with it; the checks
    that span files run every time. Whoever keeps it clears it when something a file's
    checks look at outside the file (a picture) changes.
    """

    files: dict[Path, tuple[tuple[int, int], list[CaseStudy], list[Problem]]] = field(
        default_factory=dict)


def read_cases(files: Iterable[Path], repo_root: Path, registry: Registry,
               cache: ReadCache | None = None, stored: CaseCache | None = None
               ) -> tuple[list[CaseStudy], list[Problem]]:
    """Validate each file on its own, then the rules that span files.

    Each file is parsed and validated once; with many files, the files are shared out over
    the cores (parsing a thousand case files is most of what `ideslussar validate` does).
    With `stored` (the build's), a file an earlier build validated is not read again.
    """
    cases: list[CaseStudy] = []
    problems: list[Problem] = []
    paths = list(files)
    if cache is not None:
        paths = reuse_cached(paths, cache, cases, problems)
    digests: dict[Path, bytes] = {}
    if stored is not None:
        paths = reuse_stored(paths, repo_root, stored, cases, digests)
    # A file hashed for the cache has passed `file_problems` already (`reuse_stored`).
    read = functools.partial(read_each, repo_root=repo_root, registry=registry,
                             checked=digests.keys())
    for batch in fork_map(read, paths, FILES_PER_WORKER):
        for path, before, found, found_problems in batch:
            cases.extend(found)
            problems.extend(found_problems)
            if cache is not None:
                cache.files[path] = (before, found, found_problems)
            if stored is not None and found and not found_problems:
                stored.remember(found[0].path, digests[path], found[0], repo_root)
    problems.extend(duplicate_problems(cases, repo_root))
    problems.extend(counterpart_problems(cases, repo_root))
    return sorted(cases, key=lambda case: normalise(case.name.sv)), problems


def signature(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:  # gone, or never there: `read_one` says so
        return 0, -1
    return stat.st_mtime_ns, stat.st_size


def reuse_cached(paths: list[Path], cache: ReadCache, cases: list[CaseStudy],
                 problems: list[Problem]) -> list[Path]:
    """Take what the cache holds for unchanged files; the paths still to be read."""
    unread = []
    wanted = set(paths)
    for gone in [path for path in cache.files if path not in wanted]:
        del cache.files[gone]
    for path in paths:
        cached = cache.files.get(path)
        if cached is not None and cached[0] == signature(path):
            cases.extend(cached[1])
            problems.extend(cached[2])
        else:
            unread.append(path)
    return unread


def reuse_stored(paths: list[Path], repo_root: Path, stored: CaseCache,
                 cases: list[CaseStudy], digests: dict[Path, bytes]) -> list[Path]:
    """Take the cases an earlier build validated from files with the same bytes; the paths
    still to be read. `digests` receives every file's hash, taken before it is read (a save
    while reading is seen next time)."""
    unread = []
    shown = {}
    plain = plain_files(paths, repo_root, CASE_SUFFIXES)
    for path in paths:
        shown_as = shown[path] = display_path(path, repo_root)
        # A link is not even read to be hashed.
        if path not in plain and file_problems(path, repo_root, shown_as):
            unread.append(path)
            continue
        digest = digests[path] = file_digest(path)
        case = stored.find(shown_as, digest, repo_root)
        if case is None:
            unread.append(path)
        else:
            cases.append(case)
    stored.keep_only(set(shown.values()))
    return unread


def read_each(files: list[Path], repo_root: Path, registry: Registry,
              checked: Collection[Path] = ()
              ) -> list[tuple[Path, tuple[int, int], list[CaseStudy], list[Problem]]]:
    """Parse and validate files one by one: per file, its size and time as read, its case
    and its problems. The `checked` paths were found to be plain files inside the
    repository a moment ago, and are not looked at again."""
    results = []
    for path in files:
        before = signature(path)  # taken first: a save while reading is seen next time
        found, found_problems = read_one(path, repo_root, registry, path in checked)
        results.append((path, before, found, found_problems))
    return results


def read_one(path: Path, repo_root: Path, registry: Registry, checked: bool = False
             ) -> tuple[list[CaseStudy], list[Problem]]:
    """One file: its case (none if anything is wrong with it), and its problems; `checked`:
    its `file_problems` were found to be none just before."""
    shown_as = display_path(path, repo_root)
    problems = [] if checked else file_problems(path, repo_root, shown_as)
    if problems:
        return [], problems
    document, problems = load(path, shown_as)
    if document is None:
        return [], problems
    checker = Checker(shown_as, registry, repo_root, source=document.text)
    case = checker.case(document, path.stem)
    return ([] if case is None else [case]), [*problems, *checker.problems]


def file_problems(path: Path, repo_root: Path, shown_as: str) -> list[Problem]:
    """A path that cannot be a case file: missing, a folder, another suffix, or a link."""
    if not path.exists() and not path.is_symlink():
        return [Problem(shown_as, 1, 1, "", N_("there is no such file"),
                        N_("check the file name; case files are in municipalities/"))]
    if path.is_dir():
        return [Problem(shown_as, 1, 1, "", N_("this is a folder, not a case file"),
                        N_("name the .yml files in it, or leave the names out to check them "
                           "all"))]
    if not path.is_file() and not path.is_symlink():
        return [not_a_file(display_path(path, repo_root))]
    if path.suffix not in CASE_SUFFIXES:
        return [Problem(shown_as, 1, 1, "", N_("this file is not read: case files end in .yml"),
                        N_("rename it to {name}.yml, or move it out of the folder"),
                        {"name": path.name.split(".")[0] or "name"})]
    return outside_problems(path, repo_root, shown_as)


def duplicate_problems(cases: list[CaseStudy], repo_root: Path) -> list[Problem]:
    """Two files for one slug (a .yml and a .yaml) or for one idésluss (the same name).

    The problem is the newer file's (by modification time): it is the one an editor has just
    added, and the message tells them to change the older one instead."""
    problems = []
    by_slug: dict[str, CaseStudy] = {}
    by_name: dict[str, CaseStudy] = {}
    for case in sorted(cases, key=lambda case: (modified(repo_root / case.path), case.path)):
        if case.slug in by_slug:
            problems.append(Problem(case.path, 1, 1, "", N_('the slug "{slug}" is also used by '
                                                            "{other}"),
                                    N_("rename one of the files"),
                                    {"slug": case.slug, "other": by_slug[case.slug].path}))
        by_slug.setdefault(case.slug, case)
        name = normalise(skeleton(case.name.sv))
        if name in by_name:
            problems.append(Problem(case.path, *field_place(repo_root / case.path, "name.sv"),
                                    "name.sv", N_('"{name}" is already described in {other}'),
                                    N_("change that file instead of adding a second one"),
                                    {"name": case.name.sv, "other": by_name[name].path}))
        by_name.setdefault(name, case)
    return problems


def counterpart_problems(cases: list[CaseStudy], repo_root: Path) -> list[Problem]:
    """A pre-study and its development project name each other, so each page links to the
    other: a counterpart must exist, be of the other call, and name this case back. (When only
    some files are validated, a counterpart that was not read is looked for beside the file.)"""
    problems = []
    by_slug = {case.slug: case for case in cases}
    for case in cases:
        if case.counterpart is None:
            continue
        other = by_slug.get(case.counterpart)
        folder = (repo_root / case.path).parent
        if other is None and any((folder / f"{case.counterpart}{suffix}").is_file()
                                 for suffix in CASE_SUFFIXES):
            continue
        found = counterpart_problem(case, other)
        if found is not None:
            line, column = field_place(repo_root / case.path, "counterpart")
            problems.append(Problem(case.path, line, column, "counterpart", *found))
    return problems


def counterpart_problem(case: CaseStudy, other: CaseStudy | None
                        ) -> tuple[str, str, dict[str, object]] | None:
    """What is wrong with a case's counterpart `other` (None: no such case), if anything."""
    if other is None:
        return (N_('there is no case file "{slug}"'),
                N_("write the file name of the other project, without .yml"),
                {"slug": case.counterpart})
    if other.call is case.call:
        return (N_('"{slug}" is from the same call as this project'),
                N_("a pre-study's counterpart is a development project, and the other way "
                   "round"), {"slug": case.counterpart})
    if other.counterpart != case.slug:
        return (N_('"{slug}" does not name this project back'),
                N_("add counterpart: {this} to {other}"),
                {"slug": case.counterpart, "this": case.slug, "other": other.path})
    return None


def modified(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:  # gone since it was read: it sorts first, as if it were the oldest
        return 0


def read_pages(content_dir: Path, repo_root: Path) -> tuple[list[ContentPage], list[Problem]]:
    """Hand-written pages: every page must exist in every language, at the same path."""
    pages: list[ContentPage] = []
    problems: list[Problem] = []
    paths = {lang: {p.relative_to(content_dir / lang).as_posix()
                    for p in (content_dir / lang).rglob("*.md")} for lang in LANGUAGES}
    for lang in LANGUAGES:
        for relative in sorted(paths[lang]):
            path = content_dir / lang / relative
            shown_as = display_path(path, repo_root)
            refused = (outside_problems(path, repo_root, shown_as)
                       or path_problems(relative, shown_as)
                       or ([] if path.is_file() else [not_a_file(display_path(path, repo_root))]))
            if refused:
                problems.extend(refused)
                continue
            markdown, unreadable = read_text(path, shown_as)
            if markdown is None:
                problems.extend(unreadable)
                continue
            problems.extend(page_problems(markdown, shown_as))
            pages.append(ContentPage(relative, lang, markdown, shown_as))
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


def read_page_texts(repo_root: Path) -> tuple[list[tuple[str, str, str]], list[Problem]]:
    """(lang, path, markdown) of every hand-written page, for the translation commands."""
    pages, problems = read_pages(repo_root / "content", repo_root)
    return [(page.lang, page.path, page.markdown) for page in pages], problems


def read_corpus(repo_root: Path, cases_dir: Path | None = None,
                cache: ReadCache | None = None, stored: CaseCache | None = None) -> Corpus:
    """Read and validate everything; raise `InvalidContentError` listing every problem found.

    With a `cache` (the preview's), files unchanged since the last call are not read again;
    with `stored` (the build's), files validated by an earlier build are not either.
    """
    registry = load_registry()
    folder = cases_dir or repo_root / "municipalities"
    files = case_files(folder)
    cases, problems = read_cases(files, repo_root, registry, cache, stored)
    problems.extend(stray_files(folder, repo_root))
    pages, page_problems = read_pages(repo_root / "content", repo_root)
    problems.extend(page_problems)
    page_texts = [(page.lang, page.path, page.markdown) for page in pages]
    records, record_problems = read_page_records(repo_root)
    problems.extend(record_problems + stray_page_records(records, page_texts))
    if problems:
        raise InvalidContentError(problems)
    statuses = page_statuses(page_texts, records)
    outdated = frozenset((status.lang, status.field) for status in statuses
                         if status.state is State.OUTDATED)
    machine = frozenset((status.lang, status.field) for status in statuses
                        if status.is_machine)
    by_name = file_dates(files)
    dates = {case.slug: by_name[Path(case.path).name] for case in cases}
    images = {case.slug: (repo_root / case.image.path).read_bytes() for case in cases
              if case.image is not None}
    tokens = stored.tokens(cases) if stored is not None else {}
    return Corpus(tuple(cases), tuple(pages), registry, dates, images, outdated, machine, tokens)
