"""The case studies as open data: JSON and CSV per language and per case, the JSON Schema of
the JSON, and a Frictionless data package that describes the files.

The records (`json_records`, derived from the model's declarations) are built from the same
validated model and the same helpers as the pages (names from the registry, counties derived,
texts falling back to Swedish exactly as the page does), so the data holds what readers see,
with how each text was translated. Texts are the editors' own Markdown, never HTML, with
their paragraphs joined back into lines (the case files wrap them to fit an editor's window;
that is not part of the text).

Two CSV files per language: a plain one for programs (RFC 4180: commas, UTF-8), and one that a
spreadsheet opens by double-click (a byte-order mark, so Excel reads UTF-8 instead of the
Windows code page, and the list separator of the language's own Excel settings: a semicolon
in Swedish, a comma in English). In both, a text that a spreadsheet would take for a formula
starts with an apostrophe.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ..reading.corpus import Corpus
from ..reading.languages import by_language, language
from ..reading.model import LANGUAGES, CaseStudy
from ..reading.publisher import Publisher
from .citation import WRITERS, citation
from .csv_files import CSV_COLUMNS, csv_cells, csv_header, csv_lines
from .i18n import reading_order
from .json_records import record, record_schema
from .json_text import indented
from .urls import (
    CASE_DATA,
    CASE_SCHEMA_FILE,
    DATA_FILES,
    DATA_SCHEMA_FILE,
    OPEN_DATA,
)

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
#: Vinnova's page on the programme, which the case studies' own sources start from.
VINNOVA_PROGRAMME = ("https://www.vinnova.se/m/hur-kan-offentlig-sektor-mota-morgondagens-"
                     "samhallsutmaningar/ideslussar/")
#: The list separator of Excel set to each language, for the spreadsheet file.
EXCEL_SEPARATORS = by_language("csv_separator")


def document(records: list[dict[str, Any]], lang: str, site_url: str,
             indent: int | None = 1) -> str:
    """A JSON file of records: the whole dataset in a language, indented for people who open
    it; or one case study, compact (Python's JSON encoder is five times slower indenting, and
    there is a file per case and language)."""
    content = {"schema": site_url + DATA_SCHEMA_FILE, "licence": LICENCE,
               "licence_url": LICENCE_URL, "language": lang, "case_studies": records}
    return json.dumps(content, ensure_ascii=False, indent=indent) + "\n"


#: A case's row in a dataset, in UTF-8: made anew, or a view of the dataset the last build
#: wrote, where it is (`data_keys.py`), not copied out of it.
Row = bytes | memoryview
#: Where a row is in a dataset: its first byte and the one after its last.
Span = tuple[int, int]
#: The datasets of a language, each joined from one row per case (`CaseRows` has a field of
#: the same name for each).
DATASETS = ("json", "csv", "excel")


@dataclass(frozen=True)
class CaseRows:
    """What the datasets of a language hold of one case: its record as the indented JSON has
    it, and its rows in the two CSV files. Kept between builds (`data_keys.py`), so a dataset
    of a thousand cases is joined from them instead of encoded again."""

    json: Row
    csv: Row
    excel: Row


class DataMemo(Protocol):
    """Where `data_files` asks for a case's files and rows (`make` makes them), and tells
    where each case's rows went in the datasets it joined (`placed`)."""

    def case(self, case: CaseStudy, lang: str,
             make: Callable[[], tuple[dict[str, str], CaseRows]]
             ) -> tuple[dict[str, str], CaseRows]: ...

    def placed(self, path: str, kind: str, lang: str, cases: Sequence[CaseStudy],
               text: bytes, spans: list[Span]) -> None: ...


class NoMemo:
    """Every case's files made: a clean build's."""

    def case(self, case: CaseStudy, lang: str,
             make: Callable[[], tuple[dict[str, str], CaseRows]]
             ) -> tuple[dict[str, str], CaseRows]:
        return make()

    def placed(self, path: str, kind: str, lang: str, cases: Sequence[CaseStudy],
               text: bytes, spans: list[Span]) -> None:
        """Nothing to keep."""


def data_files(corpus: Corpus, site_url: str, schema: str,
               publisher: Publisher | None = None, memo: DataMemo | None = None
               ) -> dict[str, str | bytes]:
    """Every open data file by its path in the site: per language the dataset (JSON, CSV,
    CSV for spreadsheets), per case and language its JSON, CSV and citations, the schemas
    and the data package. A case the `memo` kept has no files here (they stay where the last
    build left them), only its rows in the datasets."""
    root = site_url.rstrip("/") + "/"
    memo = memo or NoMemo()
    files: dict[str, str | bytes] = {
        CASE_SCHEMA_FILE: schema,
        DATA_SCHEMA_FILE: json.dumps(json_schema(root), ensure_ascii=False, indent=1) + "\n"}
    for lang in LANGUAGES:
        order = reading_order(corpus.cases, lang)
        rows = []
        for case in order:
            made, row = memo.case(case, lang, functools.partial(
                case_files, case, corpus, lang, root, publisher))
            files.update(made)
            rows.append(row)
        for kind in DATASETS:
            path = DATA_FILES[kind].format(lang=lang)
            text, spans = dataset(kind, [getattr(row, kind) for row in rows], lang, root)
            files[path] = text
            memo.placed(path, kind, lang, order, text, spans)
    files[DATA_FILES["package"]] = json.dumps(data_package(corpus, root), ensure_ascii=False,
                                              indent=1) + "\n"
    return files


def case_files(case: CaseStudy, corpus: Corpus, lang: str, root: str,
               publisher: Publisher | None) -> tuple[dict[str, str], CaseRows]:
    """One case's files in `lang` (its JSON, CSV and citations) and its rows in the
    datasets."""
    one = record(case, corpus.registry, lang, root, corpus.dates[case.slug])
    name = {"slug": case.slug, "lang": lang}
    cells = [csv_cells(one)]
    plain = csv_lines(cells)
    files = {CASE_DATA.format(**name, ext="json"): document([one], lang, root, None),
             CASE_DATA.format(**name, ext="csv"): csv_header() + plain}
    entry = citation(case, lang, one["url"], corpus.dates[case.slug], publisher)
    for ext, write in WRITERS.items():
        files[CASE_DATA.format(**name, ext=ext)] = write(entry)
    # The record as the indented dataset holds it, two levels down.
    rows = CaseRows(json=("  " + indented(one, 2)).encode(), csv=plain.encode(),
                    excel=csv_lines(cells, EXCEL_SEPARATORS[lang], for_spreadsheets=True
                                    ).encode())
    return files, rows


def dataset(kind: str, rows: Sequence[Row], lang: str, root: str
            ) -> tuple[bytes, list[Span]]:
    """A dataset of a language (`DATASETS`) joined from the cases' rows, and where each row
    is in it. The JSON is `document(records)` with the records already encoded
    (`CaseRows.json`): the list of case studies is the document's last entry, and JSON's
    indentation of a record two levels down is the record's own with two spaces after every
    line break (no text holds a raw one)."""
    if kind == "json":
        empty = document([], lang, root)
        if not rows:
            return empty.encode(), []
        return joined(empty.removesuffix("[]\n}\n") + "[\n", rows, ",\n", "\n ]\n}\n")
    return joined(csv_header(EXCEL_SEPARATORS[lang], for_spreadsheets=True)
                  if kind == "excel" else csv_header(), rows, "", "")


def joined(head: str, rows: Sequence[Row], separator: str, tail: str
           ) -> tuple[bytes, list[Span]]:
    """The rows between `head` and `tail`, `separator` between two, in UTF-8; and where each
    row is in the result, so that the next build can take it from there. Joined in one go:
    the datasets of a thousand cases are 43 MB, copied once."""
    between = separator.encode()
    parts: list[Row] = [head.encode()]
    spans = []
    at = len(parts[0])
    for row in rows:
        spans.append((at, at + len(row)))
        at += len(row) + len(between)
        parts += (row, between)
    if rows:
        parts.pop()  # no separator after the last row
    parts.append(tail.encode())
    return b"".join(parts), spans


def data_package(corpus: Corpus, root: str) -> dict[str, Any]:
    """A Frictionless Data Package (v1) describing the files, so tools can load them typed."""
    table_schema = {"fields": [{"name": c.name, "type": c.type, "description": c.description}
                               for c in CSV_COLUMNS], "primaryKey": ["id"]}
    updated = max((dates.updated for dates in corpus.dates.values()), default=None)
    resources: list[dict[str, Any]] = []
    for lang in LANGUAGES:
        name = language(lang).name
        resources += [
            {"name": f"ideslussar-{lang}-csv", "path": file_name("csv", lang),
             "title": f"Case studies, {name} (CSV)", "profile": "tabular-data-resource",
             "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
             "dialect": {"delimiter": ",", "lineTerminator": "\r\n"}, "schema": table_schema},
            {"name": f"ideslussar-{lang}-excel", "path": file_name("excel", lang),
             "title": f"Case studies, {name} (CSV for Excel: byte-order mark, "
                      f"'{EXCEL_SEPARATORS[lang]}' between fields)",
             "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
             "encoding": "utf-8",
             "dialect": {"delimiter": EXCEL_SEPARATORS[lang], "lineTerminator": "\r\n",
                         "doubleQuote": True}, "schema": table_schema},
            {"name": f"ideslussar-{lang}-json", "path": file_name("json", lang),
             "title": f"Case studies, {name} (JSON)", "format": "json",
             "mediatype": "application/json", "encoding": "utf-8",
             "schema": root + DATA_SCHEMA_FILE},
        ]
    return {
        "profile": "data-package",
        "name": "ideslussar",
        "id": root + DATA_FILES["package"],
        "title": "Idéslussar i kommuner / Idea sluices in municipalities",
        "description": "Case studies of the idea sluices (idéslussar) through which Swedish "
                       "municipalities let employees develop ideas, co-financed by Vinnova "
                       "2016–2019: Swedish originals and English translations, with how each "
                       "text was translated. In the CSV files a text that would start with "
                       "=, +, -, @, a tab or a carriage return starts with an apostrophe, so "
                       "no spreadsheet runs it as a formula; the JSON has the texts as written.",
        "homepage": root + OPEN_DATA.removesuffix(".md") + ".html",
        "version": updated.date().isoformat() if updated else None,
        "licenses": [{"name": "CC-BY-4.0", "path": LICENCE_URL,
                      "title": "Creative Commons Attribution 4.0"}],
        "sources": [{"title": "Vinnova: Idéslussar", "path": VINNOVA_PROGRAMME}],
        "keywords": ["idésluss", "idea sluice", "innovation", "kommun", "municipality",
                     "Vinnova"],
        "resources": resources,
    }


def file_name(kind: str, lang: str) -> str:
    """A data file's name beside the data package (both are in data/)."""
    return DATA_FILES[kind].format(lang=lang).removeprefix("data/")


def json_schema(root: str) -> dict[str, Any]:
    """The JSON Schema (2020-12) of the published JSON files, at the address they name."""
    case = record_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": root + DATA_SCHEMA_FILE,
        "title": "Idea sluices in municipalities: case studies as open data",
        "type": "object",
        "required": ["schema", "licence", "licence_url", "language", "case_studies"],
        "additionalProperties": False,
        "properties": {
            "schema": {"const": root + DATA_SCHEMA_FILE},
            "licence": {"const": LICENCE},
            "licence_url": {"const": LICENCE_URL},
            "language": {"enum": list(LANGUAGES)},
            "case_studies": {"type": "array", "items": case},
        },
    }
