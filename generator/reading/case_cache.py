"""Case files validated by an earlier build, kept in the build's work folder (`.build/`).

Parsing and validating a thousand case files is most of the generator's own time, and from one
build to the next nearly all of them are unchanged. A file whose bytes hash to what a previous
build validated gives that build's case again, without being parsed: the hash, not the file's
time, decides, so a fresh CI checkout (where every file's time is new) still finds its cases
in a restored cache.

What a file's checks depend on besides its own bytes is part of the key too: the package (its
version and the hash of its code and data, so a changed validator or vocabulary validates
everything again), the file's path (the slug and the messages come from it) and, for a case
with a picture, the picture's size and time. Only valid cases are kept: a file with problems is
read again next time, so its messages are always current.

The cache is the project's own work folder, as trusted as the checkout it sits in (CI restores
it only for the branch that wrote it). A cache that cannot be read is ignored, never an error.
Its files start with the CRC-32 of the rest (`seal.py`): one whose bytes changed in place would
still unpickle, as cases with texts no file has, in every build after, clean ones too.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from .model import CaseStudy
from .page_checks import outside_problems
from .seal import sealed, unsealed

CACHE_FILE = "case-cache.pickle"
#: The cases validated since `CACHE_FILE` was written, while they are few (`CHANGES_LIMIT`):
#: an edit then writes its case, not the thousand (13 MB at 1,000 cases) again. Loaded over
#: `CACHE_FILE`; an entry left over from before it was written can only miss, since an entry
#: is used only for a file with the same bytes (and picture) as those it was made from.
CHANGES_FILE = "case-cache-changes.pickle"
CHANGES_LIMIT = 64
PACKAGE_DIR = Path(__file__).resolve().parent.parent  # generator/
#: The package's files whose change can change what a case file validates to.
CODE_PATTERNS = ("**/*.py", "data/*.yml")

#: A picture's identity as the checks saw it: its path, size, time and kind, or None if gone.
PictureMark = tuple[str, int, int, int] | None


@functools.cache
def code_version() -> str:
    """The package's version and a hash of its code and data: a build made by other code
    neither reuses these cases nor counts as the previous build of an incremental one."""
    digest = hashlib.sha256()
    try:
        digest.update(metadata.version("ideslussar").encode())
    except metadata.PackageNotFoundError:  # run from a checkout that is not installed
        digest.update(b"not installed")
    for pattern in CODE_PATTERNS:
        for path in sorted(PACKAGE_DIR.glob(pattern)):
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def file_digest(path: Path) -> bytes:
    """The hash of a file's bytes (unreadable: an empty key, which matches nothing)."""
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return b""


def plain_files(paths: list[Path], repo_root: Path, suffixes: tuple[str, ...]) -> set[Path]:
    """Those of `paths` that are plain files with one of the `suffixes`, not hidden, directly
    in one folder that `outside_problems` finds nothing wrong with: the checks of a path
    (`corpus.file_problems`) have nothing to say of them. One `lstat` a file, where checking
    each path on its own resolves the whole path twice (most of a cached read of a thousand
    files); anything else is left to those checks."""
    folders = {path.parent for path in paths}
    if len(folders) != 1:
        return set()
    folder = folders.pop()
    if outside_problems(folder, repo_root, ""):
        return set()
    found = set()
    for path in paths:
        if path.suffix not in suffixes or path.name.startswith("."):
            continue
        try:
            if stat.S_ISREG(os.lstat(path).st_mode):
                found.add(path)
        except OSError:
            continue
    return found


def picture_mark(repo_root: Path, case: CaseStudy) -> PictureMark:
    """What a case's checks saw of its picture, to tell later whether it is still so."""
    if case.image is None:
        return None
    try:
        stat = os.lstat(repo_root / case.image.path)
    except OSError:
        return (case.image.path, -1, -1, -1)
    return (case.image.path, stat.st_size, stat.st_mtime_ns, stat.st_mode)


@dataclass
class CaseCache:
    """Valid cases by the file they came from: (hash of its bytes, case, picture mark)."""

    version: str = field(default_factory=code_version)
    entries: dict[str, tuple[bytes, CaseStudy, PictureMark]] = field(default_factory=dict)
    hits: int = 0
    changed: bool = False  # since it was loaded: whether saving it is worth a write
    #: The entries `CACHE_FILE` lacks (`CHANGES_FILE`'s), and whether it must be written
    #: whole (it was not there, entries were forgotten, or too many changed).
    fresh: dict[str, tuple[bytes, CaseStudy, PictureMark]] = field(default_factory=dict)
    whole: bool = True

    @classmethod
    def load(cls, work_dir: Path) -> CaseCache:
        """The cache an earlier build left, or an empty one (none, unreadable or made by
        other code)."""
        try:
            stored = pickle.loads(  # noqa: S301 - the build's own work folder
                unsealed((work_dir / CACHE_FILE).read_bytes()))
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                TypeError, ValueError):
            return cls()
        if not isinstance(stored, cls) or stored.version != code_version():
            return cls()
        stored.hits, stored.changed, stored.whole = 0, False, False
        stored.fresh = stored.changes(work_dir)
        stored.entries.update(stored.fresh)
        return stored

    def changes(self, work_dir: Path) -> dict[str, tuple[bytes, CaseStudy, PictureMark]]:
        """The entries `CHANGES_FILE` holds for this code, or none."""
        try:
            version, fresh = pickle.loads(  # noqa: S301 - the build's own work folder
                unsealed((work_dir / CHANGES_FILE).read_bytes()))
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                TypeError, ValueError):
            return {}
        return fresh if version == self.version and isinstance(fresh, dict) else {}

    def find(self, shown_as: str, digest: bytes, repo_root: Path) -> CaseStudy | None:
        """The case a file with these bytes was validated to, if its picture is unchanged."""
        entry = self.entries.get(shown_as)
        if entry is None or entry[0] != digest or not digest:
            return None
        case = entry[1]
        if entry[2] != picture_mark(repo_root, case):
            return None
        self.hits += 1
        return case

    def remember(self, shown_as: str, digest: bytes, case: CaseStudy, repo_root: Path) -> None:
        if digest:
            self.entries[shown_as] = self.fresh[shown_as] = (
                digest, case, picture_mark(repo_root, case))
            self.changed = True

    def keep_only(self, shown_as: set[str]) -> None:
        """Forget files that are gone, so the cache does not grow with renamed files."""
        kept = {key: value for key, value in self.entries.items() if key in shown_as}
        if len(kept) != len(self.entries):
            self.changed = self.whole = True
        self.entries = kept

    def tokens(self, cases: Iterable[CaseStudy]) -> dict[str, str]:
        """By slug, a digest standing for each case this cache holds (every valid one, once
        read): the same file bytes, path, picture and code give the same case, which is what
        the cache itself relies on. Rendering keys pages by it (`site/page_keys.py`), so a
        case need not be hashed whole to tell that it did not change."""
        found = {}
        for case in cases:
            entry = self.entries.get(case.path)
            if entry is not None and entry[1] is case:
                found[case.slug] = hashlib.sha256(
                    f"{self.version}\0{case.path}\0{entry[2]!r}\0".encode() + entry[0]
                ).hexdigest()
        return found

    def dumps(self) -> bytes:
        """The whole cache, as the next build loads it from `CACHE_FILE`."""
        fresh, self.fresh = self.fresh, {}
        try:
            return sealed(pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL))
        finally:
            self.fresh = fresh

    def files(self) -> dict[str, bytes | None]:
        """What to write in the work folder, by file name (None: remove it), for the next
        build to load this cache (`build.read_corpus_cached` writes them: only the output
        module writes): the cases validated since the whole was written, or, when they are
        many or entries were forgotten, the whole (first, so that a build stopped half-way
        leaves changes that can only miss)."""
        if not self.changed:
            return {}
        if self.whole or len(self.fresh) > CHANGES_LIMIT:
            return {CACHE_FILE: self.dumps(), CHANGES_FILE: None}
        return {CHANGES_FILE: sealed(pickle.dumps((self.version, self.fresh),
                                                  protocol=pickle.HIGHEST_PROTOCOL))}

