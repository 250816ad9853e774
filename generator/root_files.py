"""The files of the site's root that the build's main process makes while the languages build:
the feeds, the open data and its DCAT description, checked as they are made.

The cases' open data files and the datasets are kept in the work folder (`FILES_DIR`) from one
build to the next and linked into the site from there, as the languages' HTML is; a case whose
inputs did not change keeps its files and its rows in the datasets (`site/data_keys.py`). The
rest is small and made every time, and published as texts.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from . import incremental, output
from .reading.corpus import Corpus
from .reading.publisher import Publisher
from .reading.schema import schema_text
from .site.data_keys import FILES_DIR, OLD_ROWS_DIR, ROWS_FILE, StoredData
from .site.dcat import dcat
from .site.feeds import feeds
from .site.opendata import data_files
from .site.urls import DATA_FILES
from .site_checks import format_problems, joined_problems


def make_root_files(corpus: Corpus, url: str, publisher: Publisher,
                    tokens: Mapping[str, str], work: Path, keep: bool
                    ) -> tuple[dict[str, str | bytes], list[str]]:
    """Make the root's files, writing those kept in the work folder there: what is left to
    publish as texts, and the problems of what was made. `keep`: whether the last build's
    files may stand in for a clean build's (`incremental.previous_build`)."""
    kept_files = output.existing_files(str(work / FILES_DIR)) if keep else {}
    data = StoredData(incremental.read_bytes(work / ROWS_FILE), work / FILES_DIR, tokens,
                      corpus.dates, kept_files.__contains__)
    output.remove_tree(work / OLD_ROWS_DIR)  # 47 MB at a thousand cases: now in ROWS_FILE
    texts = {**feeds(corpus, url),
             **data_files(corpus, url, schema_text(corpus.registry), publisher, data),
             DATA_FILES["dcat"]: dcat(corpus, url, publisher)}
    made = {path: texts.pop(path) for path in [*data.files, *data.datasets]}
    output.write_tree(work / FILES_DIR, made, kept=data.kept)
    output.replace_file(work / ROWS_FILE, data.dumps())
    # The kept files of the cases and their rows in the datasets were checked when they were
    # made.
    problems = format_problems({**texts, **{path: made[path] for path in data.files}})
    problems += [problem for path, parts in data.unchecked.items()
                 for problem in joined_problems(path, made[path], parts)]
    return texts, problems
