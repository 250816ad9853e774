"""The only module that writes to disk: the generated sources, and the published site.

Sources are written file by file, and only when their text changed, so that a preview server
rebuilds just the pages an editor touched. The site is assembled in a fresh folder beside the
target and swapped in with renames at the very end: a failed build never leaves a half-written
`site/`, and the last good site stays until a new one is complete.
"""

from __future__ import annotations

import contextlib
import fcntl
import fnmatch
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml


def write_tree(directory: Path, files: Mapping[str, str | bytes],
               known: dict[str, str | bytes] | None = None,
               kept: Collection[str] = ()) -> list[str]:
    """Make `directory` hold exactly `files` (relative path -> text or bytes); returns the
    files written (new or changed: what an incremental build renders again).

    The folder is listed once; a file is read back only when one of the same size is there
    (the preview rewrites a thousand-case tree on every save), and each folder is created
    once, not once per file. `known`, kept by a caller that writes the same folder again and
    again, is what this function wrote there last: a file whose content is unchanged from it
    is not even read back. `kept` are files the caller knows to be as they should be: they
    stay, unread (the build's pages whose inputs did not change, `site/page_keys.py`).
    """
    directory.mkdir(parents=True, exist_ok=True)
    root = str(directory)
    existing = existing_files(root)
    folders = {""}
    written = []
    for relative, content in files.items():
        last = known.get(relative) if known is not None else None
        if relative in existing and last is not None and (last is content or last == content):
            continue
        if write_file(root, relative, content, existing.get(relative), folders):
            written.append(relative)
        if known is not None:
            known[relative] = content
    for relative in existing.keys() - files.keys() - set(kept):
        os.unlink(os.path.join(root, relative))
        if known is not None:
            known.pop(relative, None)
    for folder, subfolders, names in os.walk(root, topdown=False):
        if folder != root and not names and not any(
                os.path.exists(os.path.join(folder, sub)) for sub in subfolders):
            os.rmdir(folder)
    return written


def write_file(root: str, relative: str, content: str | bytes, size: int | None,
               folders: set[str]) -> bool:
    """Write one file of a tree, unless it already holds `content`; `size` is the existing
    file's (None: there is none), `folders` those known to exist. Whether it was written.

    A file that exists is replaced atomically (the preview's MkDocs may be reading it); a
    new one is written in place, a third fewer system calls on a first build's thousands."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    target = os.path.join(root, relative)
    if size == len(data):
        with open(target, "rb") as handle:
            if handle.read() == data:
                return False
    folder = os.path.dirname(relative)
    if folder not in folders:
        os.makedirs(os.path.join(root, folder), exist_ok=True)
        folders.add(folder)
    if size is None:  # a new file: there is no earlier version a reader could be reading
        with open(target, "wb") as handle:
            handle.write(data)
        return True
    temporary = os.path.join(root, folder, f".{os.path.basename(relative)}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, target)
    return True


def existing_files(root: str) -> dict[str, int]:
    """Every file below `root` by its relative path ("a/b.md"), with its size."""
    found: dict[str, int] = {}
    pending = [("", root)]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                relative = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    pending.append((relative + "/", entry.path))
                else:
                    found[relative] = entry.stat(follow_symlinks=False).st_size
    return found


def write_config(path: Path, config: Mapping[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "# Written by ideslussar build; edit mkdocs.yml instead.\n" + yaml.safe_dump(
        dict(config), allow_unicode=True, sort_keys=False)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


#: Files MkDocs and Material leave in a built language that readers are not served:
#: MkDocs' per-language sitemaps (replaced by the bilingual ones), and Material's source
#: maps (developer aids, 1.3 MB a language, which name the sources' hosts and are fetched
#: only by developer tools).
NOT_PUBLISHED = ("sitemap.xml.gz", "*.map")


def publish(parts: Mapping[str, Path], extra_files: Mapping[str, str], site_dir: Path,
            check: Callable[[Path], None] = lambda folder: None,
            root_files: Path | None = None) -> list[Path]:
    """Assemble the built languages (prefix -> built folder), check the result, and swap it
    into place; returns what of the previous site could not be removed (nothing, or its
    folder), for the editor to remove by hand.

    `parts` maps a prefix below the site root (a language's `root` in the table) to the folder
    MkDocs built it in. Their files are linked, not copied (a hard link costs no space and
    little time): the built folders stay in the work folder for the next, incremental build,
    which replaces a file it changes instead of writing into it (`replacing_writes`), so the
    published site never changes under its readers. `check` sees the complete new
    site before the swap and raises if it is not fit to publish: then, as on any error, the
    new site is removed and the previous one stays. The folders used on the way have names of
    their own per build, so what an earlier build could not remove (a file nobody may delete)
    never stops a later one. `root_files` is a folder of the work folder whose files are
    published from the site's root, linked like the languages' (the cases' open data files,
    kept from build to build): they replace a language's file of the same path.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    for kind in ("new", "old"):  # what earlier builds left: removed if it can be
        for leftover in site_dir.parent.glob(f".{site_dir.name}.{kind}-*"):
            shutil.rmtree(leftover, ignore_errors=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    try:
        assemble(parts, extra_files, fresh, root_files)
        check(fresh)
        stale = swap(fresh, site_dir)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    if stale is None:
        return []
    shutil.rmtree(stale, ignore_errors=True)
    return [stale] if stale.exists() else []


def assemble(parts: Mapping[str, Path], extra_files: Mapping[str, str], fresh: Path,
             root_files: Path | None = None) -> None:
    """Link the built languages and `root_files` into `fresh` and write the extra files
    beside them."""
    linked: set[str] = set()
    for prefix, built in sorted(parts.items()):
        linked |= link_tree(built, fresh / prefix if prefix else fresh, fresh)
    if root_files is not None and root_files.is_dir():
        linked |= link_tree(root_files, fresh)
    # Each folder is made once, and only a file that was linked from the work folder is
    # removed first (replaced, never written into).
    folders = {os.path.dirname(path) for path in linked}
    for relative, text in extra_files.items():
        target = os.path.join(fresh, relative)
        folder = os.path.dirname(relative)
        if folder not in folders:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            folders.add(folder)
        if relative in linked:
            os.unlink(target)
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(text)


def swap(fresh: Path, site_dir: Path) -> Path | None:
    """Put `fresh` where `site_dir` is, with two renames; the previous site's new place, to be
    removed, or None. If the second rename fails, the previous site is put back."""
    stale = None
    if site_dir.exists() or site_dir.is_symlink():
        stale = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}-{time.time_ns()}")
        os.replace(site_dir, stale)
    try:
        os.replace(fresh, site_dir)
    except BaseException:
        if stale is not None:
            os.replace(stale, site_dir)
        raise
    return stale


class BuildLockedError(Exception):
    """Another build held the lock for longer than a build may wait."""


@contextlib.contextmanager
def build_lock(paths: Iterable[Path], on_wait: Callable[[], None],
               timeout: float = 1800.0) -> Iterator[None]:
    """Hold the lock files at `paths` for the length of a build: a second build of the same
    site or from the same work folder waits for the first (saying so once through `on_wait`)
    instead of writing into the same folders, and gives up with `BuildLockedError` after
    `timeout` seconds. The operating system releases the locks of a build that dies."""
    deadline = time.monotonic() + timeout
    waited = False
    with contextlib.ExitStack() as stack:
        for path in sorted({path.resolve() for path in paths}):  # one order: no deadlock
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = stack.enter_context(path.open("a"))
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise BuildLockedError(str(path)) from None
                    if not waited:
                        on_wait()
                        waited = True
                    time.sleep(0.2)
        yield


def link_tree(source: Path, target: Path, root: Path | None = None) -> set[str]:
    """Hard-link every file below `source` into `target` (copy where links are impossible,
    as across file systems), leaving out what is not published; returns the paths linked,
    relative to `root` (`target` if not given)."""
    linked = set()
    base = root or target
    for folder, subfolders, names in os.walk(source):
        relative = os.path.relpath(folder, source)
        into = target / relative if relative != "." else target
        into.mkdir(parents=True, exist_ok=True)
        published = os.path.relpath(into, base)
        for name in names:
            if any(fnmatch.fnmatchcase(name, pattern) for pattern in NOT_PUBLISHED):
                continue
            try:
                os.link(os.path.join(folder, name), into / name)
            except FileExistsError:  # linked from an earlier part: replaced, not written into
                os.unlink(into / name)
                os.link(os.path.join(folder, name), into / name)
            except OSError:
                shutil.copy2(os.path.join(folder, name), into / name)
            linked.add(name if published == "." else f"{published}/{name}")
        subfolders.sort()
    return linked


def replaced(write: Callable[..., Any]) -> Callable[..., Any]:
    """A function that writes `target` (MkDocs' `write_file` or `copy_file`), removing it
    first, so that a file linked into the published site is replaced by a new one instead of
    being written into (`mkdocs_build.replacing_writes`)."""

    def replacing(source: Any, target: str, *args: Any, **kwargs: Any) -> Any:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(target)
        return write(source, target, *args, **kwargs)

    return replacing


def create_file(path: Path, text: str) -> None:
    """Write a new file; never overwrites one (an editor's work is not to be lost)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)


def replace_file(path: Path, content: str | bytes) -> None:
    """Replace a file atomically: a crash leaves the old file or the new, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    os.replace(temporary, path)


def remove_file(path: Path) -> None:
    """Remove a generated file that no longer has a source (a deleted case's catalog), or a
    record that is no longer true (the previous build's state, while a build runs)."""
    path.unlink(missing_ok=True)


def copy_tree(source: Path, target: Path) -> None:
    """Copy a folder into another (the benchmark's temporary repository, and keeping it)."""
    shutil.copytree(source, target, dirs_exist_ok=True)


def remove_tree(path: Path) -> None:
    """Remove a folder if it is there (a benchmark's previous build, or its temporary site)."""
    shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def temporary_folder(prefix: str) -> Iterator[Path]:
    """A new folder outside the repository, removed with everything in it afterwards."""
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        yield Path(folder)
