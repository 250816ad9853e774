"""The case studies as open data: JSON and CSV per language, with the schema beside them.

The records are built from the same validated model and the same helpers as the pages
(names from the registry, counties derived, texts falling back to Swedish exactly as the page
does), so the data matches what readers see. Texts are the editors' own (Markdown where the
field is Markdown), never HTML.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..reading.corpus import Corpus
from ..reading.model import CASE_FIELDS, LANGUAGES, ORIGINAL_LANGUAGE, CaseStudy, Kind, Link, Text
from ..reading.registry import Registry
from ..reading.translation import case_status
from .urls import DATA_FILES, LANGUAGE_ROOTS, SCHEMA_FILE, case_counties, case_path, html_path

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
#: The texts each record carries: the summary and every Markdown field, as the model declares.
TEXT_FIELDS = ("summary", *(spec.key for spec in CASE_FIELDS if spec.kind is Kind.MARKDOWN))


def localized(text: Text | None, lang: str) -> str | None:
    """What the page shows: the text in `lang`, or the Swedish while it is untranslated."""
    if text is None:
        return None
    return text.get(lang) or text.sv


def record(case: CaseStudy, registry: Registry, lang: str, site_url: str) -> dict[str, Any]:
    """One case study as the page in `lang` presents it."""
    statuses = case_status(case, lang) if lang != ORIGINAL_LANGUAGE else {}
    return {
        "id": case.slug,
        "url": site_url + LANGUAGE_ROOTS[lang] + html_path(case_path(case)),
        "name": localized(case.name, lang),
        "organisation": localized(case.organisation, lang),
        "based_in": ({"code": case.based_in,
                      "name": registry.municipalities[case.based_in].name}
                     if case.based_in else None),
        "municipalities": [{"code": code, "name": registry.municipalities[code].name}
                           for code in case.municipalities],
        "municipality_count": case.participant_count,
        "counties": [{"code": c.code, "name": c.name} for c in case_counties(case, registry)],
        "period": {"start": case.period.start.iso if case.period.start else None,
                   "end": case.period.end.iso if case.period.end else None},
        "status": case.status.value,
        "vinnova_grant_sek": case.vinnova_grant_sek,
        "vinnova_reference": case.vinnova_reference,
        "themes": [{"key": key, "name": registry.themes[key].name(lang)}
                   for key in case.themes],
        **{key: localized(getattr(case, key), lang) for key in TEXT_FIELDS},
        "examples": [localized(example, lang) for example in case.examples],
        "call": case.call.value,
        "counterpart": case.counterpart,
        "outcome": None if case.outcome is None else case.outcome.value,
        "where_to_turn": [link_record(link) for link in case.where_to_turn],
        "disagreements": [{"about": localized(item.about, lang),
                           "claims": [{"value": localized(claim.value, lang),
                                       "source": claim.source} for claim in item.claims]}
                          for item in case.disagreements],
        "sources": [link.url for link in case.sources],
        "source_pages": [link_record(link) for link in case.sources],
        "translation": {field: status.state.value + "/"
                        + (status.method.value if status.method else "unrecorded")
                        for field, status in statuses.items()} or None,
    }


def link_record(link: Link) -> dict[str, str | None]:
    """A page elsewhere, with the title and language of the page itself."""
    return {"url": link.url, "title": link.title, "lang": link.lang}


def json_text(records: list[dict[str, Any]], lang: str) -> str:
    document = {"licence": LICENCE, "licence_url": LICENCE_URL, "language": lang,
                "schema": SCHEMA_FILE, "case_studies": records}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


CSV_COLUMNS = ("id", "url", "name", "organisation", "municipalities", "municipality_codes",
               "municipality_count", "counties", "period_start", "period_end", "status",
               "vinnova_grant_sek", "vinnova_reference", "themes", "summary", "sources")


#: How a spreadsheet recognises a formula (or, for tab and carriage return, a cell that
#: starts one after them) when it opens a CSV file.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text: a text that would start a formula
    (`=HYPERLINK(...)` from a case file) gets a leading apostrophe, as OWASP recommends and
    as the open data page tells readers. Numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(records: list[dict[str, Any]]) -> str:
    """One row per case; lists joined with "; " so a spreadsheet shows them in one cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in records:
        writer.writerow(spreadsheet_safe(cell) for cell in [
            r["id"], r["url"], r["name"], r["organisation"],
            "; ".join(m["name"] for m in r["municipalities"]),
            "; ".join(m["code"] for m in r["municipalities"]),
            r["municipality_count"], "; ".join(c["name"] for c in r["counties"]),
            r["period"]["start"] or "", r["period"]["end"] or "", r["status"],
            "" if r["vinnova_grant_sek"] is None else r["vinnova_grant_sek"],
            r["vinnova_reference"] or "", "; ".join(t["name"] for t in r["themes"]),
            r["summary"], "; ".join(r["sources"]),
        ])
    return buffer.getvalue()


def data_files(corpus: Corpus, site_url: str, schema: str) -> dict[str, str]:
    """Every open data file by its path in the site."""
    root = site_url.rstrip("/") + "/"
    files = {SCHEMA_FILE: schema}
    for lang in LANGUAGES:
        records = [record(case, corpus.registry, lang, root) for case in corpus.cases]
        files[DATA_FILES["json"].format(lang=lang)] = json_text(records, lang)
        files[DATA_FILES["csv"].format(lang=lang)] = csv_text(records)
    return files
