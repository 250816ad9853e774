"""Which cases' open data files `ideslussar build` need not make again: each case's files in
each language (its JSON, CSV and citations) and its rows in the datasets, kept in the work
folder from one build to the next.

Making them is about two seconds of a thousand-case build, and an edit changes one case. A
case's files depend on the case (its token, `page_keys.case_tokens`), its dates and the
language; everything else they are made of (the reference data, the catalogs, the publisher,
the site's address, the code) is in the fingerprint that decides whether the last build may
stand in for a clean one (`incremental.py`), and the build keeps nothing when it may not. The
files stay in the work folder, where publishing links them into the site as it links the
languages' HTML; the rows (`opendata.CaseRows`) are kept beside them, one small JSON file per
case and language, and the datasets are joined from them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from ..reading.history import FileDates
from ..reading.model import CaseStudy
from .citation import WRITERS
from .opendata import CaseRows
from .page_keys import digest, key_text
from .urls import CASE_DATA

#: In the work folder: the files of the cases, as they are published (`data/...`).
FILES_DIR = "open-data"
#: In the work folder: per case and language, its key and its rows in the datasets.
ROWS_DIR = "open-data-rows"
#: The extensions of a case's files (`opendata.case_files`).
CASE_EXTENSIONS = ("json", "csv", *WRITERS)


def rows_name(slug: str, lang: str) -> str:
    """The file of a case's rows in `ROWS_DIR`."""
    return f"{slug}.{lang}.json"


def case_paths(slug: str, lang: str) -> list[str]:
    """A case's files in `lang`, by their paths in the site."""
    return [CASE_DATA.format(slug=slug, lang=lang, ext=ext) for ext in CASE_EXTENSIONS]


class StoredData:
    """The build's open data memo (`opendata.data_files` asks it for each case and language):
    a case's files are made only when the key of its inputs is not the last build's, or one of
    its files is gone. `kept` are the files and row files left as the last build wrote them;
    `files` and `rows` those made again, to be written."""

    def __init__(self, previous: Callable[[str], Mapping[str, Any]], tokens: Mapping[str, str],
                 dates: Mapping[str, FileDates], exists: Callable[[str], bool]) -> None:
        self.previous = previous
        self.tokens = tokens
        self.dates = dates
        self.exists = exists
        self.kept: set[str] = set()
        self.kept_rows: set[str] = set()
        self.files: dict[str, str] = {}
        self.rows: dict[str, str] = {}

    def key(self, case: CaseStudy, lang: str) -> str:
        return digest(key_text(("case:" + self.tokens[case.slug], lang,
                                self.dates[case.slug]), lambda case: "").encode())

    def case(self, case: CaseStudy, lang: str,
             make: Callable[[], tuple[dict[str, str], CaseRows]]
             ) -> tuple[dict[str, str], CaseRows]:
        key = self.key(case, lang)
        name = rows_name(case.slug, lang)
        paths = case_paths(case.slug, lang)
        last = self.previous(name)
        if last.get("key") == key and all(self.exists(path) for path in paths):
            try:
                row = CaseRows(str(last["json"]), str(last["csv"]), str(last["excel"]))
            except KeyError:
                pass
            else:
                self.kept.update(paths)
                self.kept_rows.add(name)
                return {}, row
        files, row = make()
        self.files.update(files)
        self.rows[name] = json.dumps({"key": key, "json": row.json, "csv": row.csv,
                                      "excel": row.excel}, ensure_ascii=False)
        return files, row
