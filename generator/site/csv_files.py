"""The CSV files of the open data: their columns, declared once (the data package describes
the same declarations), and rows that no spreadsheet runs as formulas.

A record is what `json_records.record` builds from the model; each column says how it reads its
cell from one. A model field of one value (a number, a code, an address, a choice) that no
column below names gets its own column, after them, from its declaration; a field of another
kind must be given columns here (`tests/test_json_records.py` fails until it is).
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..reading.model import CASE_FIELDS, FieldSpec, Kind

#: The texts of a case, in page order: every one-line and Markdown field the model declares.
TEXT_FIELDS: tuple[str, ...] = tuple(spec.key for spec in CASE_FIELDS
                                     if spec.kind in (Kind.TEXT, Kind.MARKDOWN))
MARKDOWN_FIELDS = frozenset(spec.key for spec in CASE_FIELDS if spec.kind is Kind.MARKDOWN)
#: What a spreadsheet takes for the start of a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """A column of the CSV files: its name, its Frictionless type, what it holds (for the data
    package), and how it is read from a record."""

    name: str
    type: str
    description: str
    value: Callable[[dict[str, Any]], Any]


def item(key: str) -> Callable[[dict[str, Any]], Any]:
    return lambda r: r[key]


def joined(key: str, part: str = "name") -> Callable[[dict[str, Any]], str]:
    return lambda r: "; ".join(item[part] for item in r[key])


def fields_in(state: str) -> Callable[[dict[str, Any]], str]:
    return lambda r: "; ".join(field for field, found in r["translation"]["fields"].items()
                               if found["state"] == state) if r["translation"] else ""


CSV_COLUMNS: tuple[Column, ...] = (
    Column("id", "string", "The case study's identifier, also its file name.",
           lambda r: r["id"]),
    Column("url", "string", "Its page in the file's language.", lambda r: r["url"]),
    Column("language", "string", "The language of the texts (sv or en); a text not yet "
           "translated is in Swedish (see untranslated_fields).", lambda r: r["language"]),
    *(Column(key, "string", f"The text '{key}' as the page shows it" + (
        " (Markdown, one paragraph a line)." if key in MARKDOWN_FIELDS else "."),
        item(key)) for key in TEXT_FIELDS),
    Column("examples", "string", "Ideas and innovations the sources name, one a line.",
           lambda r: "\n".join(r["examples"])),
    Column("image_url", "string", "The case's picture, if it has one.",
           lambda r: r["image"]["url"] if r["image"] else ""),
    Column("image_alt", "string", "What the picture shows, as the page describes it.",
           lambda r: r["image"]["alt"] if r["image"] else ""),
    Column("based_in", "string", "The municipality where it is based.",
           lambda r: r["based_in"]["name"] if r["based_in"] else ""),
    Column("based_in_code", "string", "Its SCB code.",
           lambda r: r["based_in"]["code"] if r["based_in"] else ""),
    Column("municipalities", "string", "The participating municipalities the sources name, "
           "separated by '; '.", joined("municipalities")),
    Column("municipality_codes", "string", "Their SCB codes, in the same order.",
           joined("municipalities", "code")),
    Column("municipality_count", "integer", "How many municipalities take part.",
           lambda r: r["municipality_count"]),
    Column("counties", "string", "The counties of those municipalities.", joined("counties")),
    Column("county_codes", "string", "Their SCB codes.", joined("counties", "code")),
    Column("period_start", "string", "First month, YYYY-MM (or YYYY).",
           lambda r: r["period"]["start"]),
    Column("period_end", "string", "Last month, YYYY-MM (or YYYY).",
           lambda r: r["period"]["end"]),
    Column("status", "string", "ongoing, permanent, ended or unknown.", lambda r: r["status"]),
    Column("vinnova_grant_sek", "integer", "Vinnova's grant in kronor.",
           lambda r: r["vinnova_grant_sek"]),
    Column("vinnova_reference", "string", "Vinnova's reference number.",
           lambda r: r["vinnova_reference"]),
    Column("themes", "string", "Themes, separated by '; '.", joined("themes")),
    Column("theme_keys", "string", "Their keys.", joined("themes", "key")),
    Column("call", "string", "Vinnova's call: pre-study-2015 or development-2016.",
           lambda r: r["call"]),
    Column("counterpart", "string", "The id of the pre-study this project grew from, or of the "
           "project this pre-study led to.", lambda r: r["counterpart"]),
    Column("outcome", "string", "What became of it after the project.", lambda r: r["outcome"]),
    Column("where_to_turn", "string", "Pages of the idea sluice or its organisation, one a "
           "line: title, then the address.", lambda r: pages_text(r["where_to_turn"])),
    Column("disagreements", "string", "Facts the sources give differently, one value a line: "
           "what it is about, the value, the source.", lambda r: "\n".join(
               f"{item['about']}: {claim['value']} ({claim['source']})"
               for item in r["disagreements"] for claim in item["claims"])),
    Column("sources", "string", "The addresses every fact comes from, separated by '; '.",
           lambda r: "; ".join(r["sources"])),
    Column("source_titles", "string", "The sources' titles where known, one a line, in the "
           "same order.", lambda r: "\n".join(page["title"] or "" for page in r["source_pages"])),
    Column("updated", "date", "When the case study last changed.", lambda r: r["updated"]),
    Column("translation_method", "string", "How the texts were translated from Swedish: "
           "machine, human or mixed; empty in Swedish, the original.",
           lambda r: (r["translation"] or {}).get("method") or ""),
    Column("untranslated_fields", "string", "Texts shown in Swedish because they are not yet "
           "translated.", fields_in("missing")),
    Column("outdated_fields", "string", "Texts whose Swedish original changed after they were "
           "translated.", fields_in("outdated")),
)
#: Model fields that the columns above give under other names.
COVERED = {"period": ("period_start", "period_end"), "image": ("image_url", "image_alt"),
           "translation": ("translation_method", "untranslated_fields", "outdated_fields")}
#: The kinds whose value fits one cell as it is, with their Frictionless type.
SCALAR_TYPES = {Kind.INTEGER: "integer", Kind.STRING: "string", Kind.URL: "string",
                Kind.CHOICE: "string", Kind.MONTH: "string"}


def field_columns(fields: tuple[FieldSpec, ...],
                  declared: tuple[Column, ...]) -> tuple[Column, ...]:
    """A column for each one-value field that no declared column names, from its declaration."""
    named = {column.name for column in declared}
    return tuple(Column(spec.key, SCALAR_TYPES[spec.kind], spec.help_en, item(spec.key))
                 for spec in fields if spec.kind in SCALAR_TYPES
                 and spec.key not in COVERED and spec.key not in named)


CSV_COLUMNS += field_columns(CASE_FIELDS, CSV_COLUMNS)


def pages_text(pages: list[dict[str, Any]]) -> str:
    return "\n".join(f"{page['title']} {page['url']}" if page["title"] else page["url"]
                     for page in pages)


def safe_cell(value: Any) -> str:
    """A cell as text that no spreadsheet runs as a formula: "=1+1" becomes "'=1+1"."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_cells(record: dict[str, Any]) -> list[str]:
    """A record's row: a cell per column, none that a spreadsheet runs as a formula. Made once
    per case and language, for both CSV files."""
    return [safe_cell(column.value(record)) for column in CSV_COLUMNS]


def csv_lines(rows: list[list[str]], separator: str = ",", for_spreadsheets: bool = False
              ) -> str:
    """Rows of cells, without the header. For spreadsheets every field is quoted, as Excel
    splits unquoted ones; both files end lines as Windows does, as RFC 4180 says."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n",
                        quoting=csv.QUOTE_ALL if for_spreadsheets else csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return buffer.getvalue()


@functools.cache
def csv_header(separator: str = ",", for_spreadsheets: bool = False) -> str:
    """The first line, the columns' names; for spreadsheets after a byte-order mark, so Excel
    opens the file by double-click as UTF-8."""
    return (("\ufeff" if for_spreadsheets else "")
            + csv_lines([[column.name for column in CSV_COLUMNS]], separator, for_spreadsheets))


def csv_text(records: list[dict[str, Any]], separator: str = ",",
             for_spreadsheets: bool = False) -> str:
    """A CSV file of one row per case (`csv_lines` says how it is written)."""
    return csv_header(separator, for_spreadsheets) + csv_lines(
        [csv_cells(record) for record in records], separator, for_spreadsheets)
