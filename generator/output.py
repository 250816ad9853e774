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
import re
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
    existing, folders_there = tree_entries(root)
    folders = {""}
    written = []
    for relative, content in files.items():
        last = known.get(relative) if known is not None else None
        if relative in existing and last is not None and (last is content or last == content):
            continue
        there = existing.get(relative)
        size = there.stat(follow_symlinks=False).st_size if there is not None else None
        if write_file(root, relative, content, size, folders):
            written.append(relative)
        if known is not None:
            known[relative] = content
    for relative in existing.keys() - files.keys() - set(kept):
        os.unlink(os.path.join(root, relative))
        if known is not None:
            known.pop(relative, None)
    holding = folders_of(files.keys() | (existing.keys() & set(kept)))
    for folder in sorted(folders_there - holding, key=len, reverse=True):  # inner ones first
        os.rmdir(os.path.join(root, folder))
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


def existing_files(root: str) -> dict[str, os.DirEntry[str]]:
    """Every file below `root` by its relative path ("a/b.md"), none when there is no such
    folder (yet); its size is read only when asked (`DirEntry.stat`), not for the thousands a
    build keeps."""
    return tree_entries(root)[0] if os.path.isdir(root) else {}


def write_config(path: Path, config: Mapping[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "# Written by ideslussar build; edit mkdocs.yml instead.\n" + yaml.safe_dump(
        dict(config), allow_unicode=True, sort_keys=False)
    data = text.encode("utf-8")
    # Compared as bytes: a damaged file that is not UTF-8 is only another configuration.
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)


#: Files MkDocs and Material leave in a built language that readers are not served:
#: MkDocs' per-language sitemaps (replaced by the bilingual ones), and Material's source
#: maps (developer aids, 1.3 MB a language, which name the sources' hosts and are fetched
#: only by developer tools).
NOT_PUBLISHED = ("sitemap.xml.gz", "*.map")


def publish(parts: Mapping[str, Path], extra_files: Mapping[str, str | bytes], site_dir: Path,
            check: Callable[[Path], None] = lambda folder: None,
            root_files: Path | None = None) -> list[Path]:
    """Put together the built languages (prefix -> built folder), check the result, and swap it
    into place; returns what of an earlier site could not be removed (nothing, or its folder),
    for the editor to remove by hand.

    `parts` maps a prefix below the site root (a language's `root` in the table) to the folder
    MkDocs built it in. Their files are linked, not copied (a hard link costs no space and
    little time): the built folders stay in the work folder for the next, incremental build,
    which replaces a file it changes instead of writing into it (`replaced`), so the
    published site never changes under its readers. `root_files` is a folder of the work
    folder whose files are published from the site's root, linked like the languages' (the
    cases' open data files, kept from build to build): they replace a language's file of the
    same path, and `extra_files` (written) replace both.

    The new site is made in a folder of its own beside the target: the site the last build
    replaced, kept there (`.<site>.spare`), brought up to date (`update_tree`: only what
    differs is linked or written, so an edit costs its changed files, not the site's
    seventeen thousand), or an empty one. `check` sees the complete new site before the swap
    and raises if it is not fit to publish: then, as on any error, the new folder is removed
    and the published site stays. The folders used on the way have names of their own per
    build, so what an earlier build could not remove (a file nobody may delete) never stops
    a later one."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    for kind in ("new", "old"):  # what earlier builds left: removed if it can be
        for leftover in site_dir.parent.glob(f".{site_dir.name}.{kind}-*"):
            shutil.rmtree(leftover, ignore_errors=True)
    spare = site_dir.with_name(f".{site_dir.name}.spare")
    fresh = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    # mkdtemp makes a private folder (0700); the site is for a web server, which may run as
    # another user: the folder gets the mode any folder made here gets.
    os.chmod(fresh, 0o777 & ~current_umask())
    left_behind: list[Path] = []
    try:
        if spare.is_dir() and not spare.is_symlink():
            os.replace(spare, fresh)  # onto the empty folder: the spare, under the new name
        elif spare.is_symlink() or spare.exists():
            os.unlink(spare)  # not a folder a build left: nothing to bring up to date
        sources = published_sources(parts, root_files, fresh)
        try:
            update_tree(fresh, sources, extra_files)
        except OSError:  # something in the spare cannot be replaced: start from nothing
            left_behind += set_aside(fresh, site_dir)
            os.mkdir(fresh)
            update_tree(fresh, sources, extra_files)
        check(fresh)
        stale = swap(fresh, site_dir)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    if stale is not None:
        try:
            os.replace(stale, spare)  # the next build brings it up to date
        except OSError:
            left_behind += set_aside(stale, site_dir)
    return left_behind


def current_umask() -> int:
    """The process's umask (read by setting it, and set back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def set_aside(folder: Path, site_dir: Path) -> list[Path]:
    """Remove a site folder no longer wanted, under a name of its own (a later build removes
    what is left of it); the folder if it could not be removed completely."""
    stale = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}-{time.time_ns()}")
    os.replace(folder, stale)
    shutil.rmtree(stale, ignore_errors=True)
    return [stale] if stale.exists() else []


#: A file to be published from the work folder: its path there, and its inode when it is on
#: the site's file system (a file in the site with that inode is a link to it already).
Source = tuple[str, int | None]


def published_sources(parts: Mapping[str, Path], root_files: Path | None,
                      site: Path) -> dict[str, Source]:
    """Every file the site links from the work folder, by its path in the site: the languages'
    (by prefix, in order), then `root_files`, a later one replacing an earlier one's file;
    without what is not published."""
    device = os.stat(site).st_dev
    hidden = re.compile("|".join(fnmatch.translate(pattern) for pattern in NOT_PUBLISHED)).match
    found: dict[str, Source] = {}
    folders = [*sorted(parts.items()), *([("", root_files)] if root_files else [])]
    for prefix, built in folders:
        if not built.is_dir():
            continue
        same_device = os.stat(built).st_dev == device
        files, _ = tree_entries(str(built))
        lead = prefix + "/" if prefix else ""
        for relative, entry in files.items():
            if hidden(relative.rpartition("/")[2]):
                continue
            inode = (entry.inode() if not entry.is_symlink() else None) if same_device else None
            found[lead + relative] = (entry.path, inode)
    return found


def tree_entries(root: str) -> tuple[dict[str, os.DirEntry[str]], set[str]]:
    """Everything below `root`: its files (and links, which are not followed) by their
    relative paths ("a/b.html"), and its folders."""
    files: dict[str, os.DirEntry[str]] = {}
    folders: set[str] = set()
    pending = [("", root)]
    while pending:
        prefix, folder = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                relative = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    folders.add(relative)
                    pending.append((relative + "/", entry.path))
                else:
                    files[relative] = entry
    return files, folders


def update_tree(root: Path, sources: Mapping[str, Source],
                texts: Mapping[str, str | bytes]) -> None:
    """Make the folder `root`, which no reader sees, hold exactly the `sources` (hard links to
    the work folder's files, or copies across file systems) and the `texts`: what is there
    already stays (a link to the same file, a text with the same bytes), everything else is
    removed or replaced. A file is never written into: it may be a link to a file of the work
    folder or of the published site."""
    files, folders = tree_entries(str(root))
    wanted = {*sources, *texts}
    needed = folders_of(wanted)
    for relative in files.keys() - wanted:
        os.unlink(os.path.join(root, relative))
    for folder in sorted(folders - needed, key=len, reverse=True):  # emptied: inner ones first
        os.rmdir(os.path.join(root, folder))
    for folder in sorted(needed - folders, key=len):
        os.makedirs(os.path.join(root, folder), exist_ok=True)
    for relative, (source, inode) in sources.items():
        there = files.get(relative)
        if relative in texts or (inode is not None and there is not None
                                 and there.is_file(follow_symlinks=False)
                                 and there.inode() == inode):
            continue
        target = os.path.join(root, relative)
        if there is not None:
            os.unlink(target)
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)
    for relative, text in texts.items():
        data = text.encode("utf-8") if isinstance(text, str) else text
        there = files.get(relative)
        if there is not None and there.is_file(follow_symlinks=False) and same_bytes(
                there, data):
            continue
        replace_file(root / relative, data)


def folders_of(paths: Iterable[str]) -> set[str]:
    """The folders relative paths are in: "a/b/c.html" -> "a/b" and "a". A site's seventeen
    thousand files are in a few hundred folders: each folder's own are found once."""
    found: set[str] = set()
    for folder in {path.rpartition("/")[0] for path in paths} - {""}:
        while folder and folder not in found:
            found.add(folder)
            folder = folder.rpartition("/")[0]
    return found


def same_bytes(entry: os.DirEntry[str], data: bytes) -> bool:
    """Whether a file holds exactly `data` (read only when the size is the same)."""
    if entry.stat(follow_symlinks=False).st_size != len(data):
        return False
    with open(entry.path, "rb") as handle:
        return handle.read() == data


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
