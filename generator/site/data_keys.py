"""Which cases' open data files `ideslussar build` need not make again: each case's files in
each language (its JSON, CSV and citations) and its rows in the datasets, kept in the work
folder from one build to the next.

Making them is about two seconds of a thousand-case build, and an edit changes one case. A
case's files depend on the case (its token, `page_keys.case_tokens`), its dates and the
language; everything else they are made of (the reference data, the catalogs, the publisher,
the site's address, the code) is in the fingerprint that decides whether the last build may
stand in for a clean one (`incremental.py`), and the build keeps nothing when it may not. The
files stay in the work folder, where publishing links them into the site as it links the
languages' HTML. So do the datasets, and they hold every case's rows (`opendata.CaseRows`):
one small file (`ROWS_FILE`) says for each case and language its key and where its rows are
in them, so a dataset of a thousand cases is joined from the last one's bytes, read in one
go, instead of encoded again or read from two thousand files. A dataset is taken only while
it is the very file the last build wrote (its size, change time and inode): one changed,
damaged or gone since costs its language's rows made again, never a wrong row.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..reading.history import FileDates
from ..reading.model import CaseStudy
from ..reading.seal import sealed, unsealed
from .citation import WRITERS
from .opendata import DATASETS, CaseRows, Row, Span
from .page_keys import key_text
from .urls import CASE_DATA, DATA_FILES

#: In the work folder: the files of the cases and the datasets, as they are published
#: (`data/...`).
FILES_DIR = "open-data"
#: In the work folder: per case and language, its key and where its rows are in the datasets.
ROWS_FILE = "open-data-rows.marshal"
#: What `ROWS_FILE` starts with: a file of another layout is not taken for one of this.
ROWS_FORMAT = "ideslussar open-data rows 2"
#: In the work folder of builds before `ROWS_FILE`: one JSON file per case and language.
OLD_ROWS_DIR = "open-data-rows"
#: The extensions of a case's files (`opendata.case_files`).
CASE_EXTENSIONS = ("json", "csv", *WRITERS)

#: A file as the last build left it: its size, change time (ns) and inode.
Stamp = tuple[int, int, int]


def case_paths(slug: str, lang: str) -> list[str]:
    """A case's files in `lang`, by their paths in the site."""
    return [CASE_DATA.format(slug=slug, lang=lang, ext=ext) for ext in CASE_EXTENSIONS]


def stamp(path: Path) -> Stamp | None:
    """What tells a file from any other and from itself changed, or None if it is gone."""
    try:
        found = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ino)


def read_rows(stored: bytes) -> tuple[dict[str, Stamp], dict[str, tuple[Any, ...]]]:
    """The datasets' stamps and the cases' rows in `ROWS_FILE` as the last build wrote it; none
    from a file of another layout or a damaged one (its checksum, `StoredData.dumps`, differs)."""
    try:
        found = marshal.loads(unsealed(stored))  # noqa: S302 - the build's own work folder
    except (ValueError, TypeError, EOFError):
        return {}, {}
    if not (isinstance(found, tuple) and len(found) == 3 and found[0] == ROWS_FORMAT
            and isinstance(found[1], dict) and isinstance(found[2], dict)):
        return {}, {}
    return found[1], found[2]


class StoredData:
    """The build's open data memo (`opendata.data_files` asks it for each case and language):
    a case's files are made only when the key of its inputs is not the last build's, or one of
    its files is gone, or its language's datasets are not those the last build wrote. `kept`
    are the files left as the last build wrote them; `files` those made again, to be written;
    `unchecked` by JSON dataset, its parts not checked yet: what it has around its rows, and
    the rows made again (the kept ones were checked when they were made: a JSON dataset is
    well-formed when all its parts are, `site_checks.joined_problems`)."""

    def __init__(self, stored: bytes, files_dir: Path, tokens: Mapping[str, str],
                 dates: Mapping[str, FileDates], exists: Callable[[str], bool]) -> None:
        self.stamps, self.previous = read_rows(stored)
        self.files_dir = files_dir
        self.tokens = tokens
        self.dates = dates
        self.exists = exists
        self.kept: set[str] = set()
        self.files: dict[str, str] = {}
        self.unchecked: dict[str, list[bytes]] = {}
        self.datasets: list[str] = []  # the paths of those joined
        self.rows: dict[str, list[Any]] = {}  # for the next build
        self.keys: dict[str, str] = {}  # by slug
        self.last: dict[str, list[memoryview] | None] = {}  # the last datasets, by language

    def key(self, case: CaseStudy) -> str:
        """What a case's files and rows are made of besides the language (the same in both)."""
        key = self.keys.get(case.slug)
        if key is None:
            key = self.keys[case.slug] = key_text(
                ("case:" + self.tokens[case.slug], self.dates[case.slug]), lambda case: "")
        return key

    def last_datasets(self, lang: str) -> list[memoryview] | None:
        """The datasets of `lang` (in `DATASETS`' order) as the last build wrote them, if they
        are still exactly that."""
        if lang not in self.last:
            self.last[lang] = None
            found = []
            for kind in DATASETS:
                relative = DATA_FILES[kind].format(lang=lang)
                path = self.files_dir / relative
                known = self.stamps.get(relative)
                if not isinstance(known, tuple) or stamp(path) != known:
                    return None
                try:
                    data = path.read_bytes()
                except OSError:
                    return None
                if len(data) != known[0]:
                    return None
                found.append(memoryview(data))
            self.last[lang] = found
        return self.last[lang]

    def stored_rows(self, name: str, key: str, lang: str) -> CaseRows | None:
        """A case's rows as the last build's datasets hold them, if its key is the same."""
        last = self.previous.get(name)
        if not (isinstance(last, tuple) and len(last) == 1 + 2 * len(DATASETS)
                and last[0] == key and all(isinstance(at, int) for at in last[1:])):
            return None
        datasets = self.last_datasets(lang)
        if datasets is None:
            return None
        rows: list[Row] = []
        for index, data in enumerate(datasets):
            start, end = last[1 + 2 * index], last[2 + 2 * index]
            if not 0 <= start <= end <= len(data):
                return None
            rows.append(data[start:end])
        return CaseRows(*rows)

    def case(self, case: CaseStudy, lang: str,
             make: Callable[[], tuple[dict[str, str], CaseRows]]
             ) -> tuple[dict[str, str], CaseRows]:
        key = self.key(case)
        name = f"{case.slug}.{lang}"
        self.rows[name] = [key]
        paths = case_paths(case.slug, lang)
        if all(self.exists(path) for path in paths):
            row = self.stored_rows(name, key, lang)
            if row is not None:
                self.kept.update(paths)
                return {}, row
        files, row = make()
        self.files.update(files)
        self.unchecked.setdefault(DATA_FILES["json"].format(lang=lang), []).append(
            bytes(row.json))
        return files, row

    def placed(self, path: str, kind: str, lang: str, cases: Sequence[CaseStudy],
               text: bytes, spans: list[Span]) -> None:
        """Where each case's row of `kind` went in the dataset at `path`, `text`."""
        self.datasets.append(path)
        if kind == "json":  # what it has around its rows: never checked before
            around = text[:spans[0][0]] + text[spans[-1][1]:] if spans else text
            self.unchecked.setdefault(path, []).insert(0, around)
        for case, (start, end) in zip(cases, spans, strict=True):
            self.rows[f"{case.slug}.{lang}"] += [start, end]

    def dumps(self) -> bytes:
        """`ROWS_FILE` for the next build, once the datasets are written in `files_dir`: its
        checksum (CRC-32: a file damaged by accident is not taken), then its content."""
        stamps = {path: stamp(self.files_dir / path) for path in self.datasets}
        rows = {name: tuple(row) for name, row in self.rows.items()
                if len(row) == 1 + 2 * len(DATASETS)}
        return sealed(marshal.dumps((ROWS_FORMAT, stamps, rows)))
