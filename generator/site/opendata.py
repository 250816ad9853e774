"""The case studies as open data: JSON and CSV per language and per case, the JSON Schema of
the JSON, and a Frictionless data package that describes the files.

The records are built from the same validated model and the same helpers as the pages
(names from the registry, counties derived, texts falling back to Swedish exactly as the page
does), so the data holds what readers see, with how each text was translated. Texts are the
editors' own Markdown, never HTML, with their paragraphs joined back into lines (the case
files wrap them to fit an editor's window; that is not part of the text).

Two CSV files per language: a plain one for programs (RFC 4180: commas, UTF-8), and one that a
spreadsheet opens by double-click (a byte-order mark, so Excel reads UTF-8 instead of the
Windows code page, and the list separator of the language's own Excel settings: a semicolon
in Swedish, a comma in English). In both, a text that a spreadsheet would take for a formula
starts with an apostrophe.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..reading.corpus import Corpus
from ..reading.history import FileDates
from ..reading.languages import by_language, language
from ..reading.model import (
    CALL_CHOICES,
    LANGUAGES,
    ORIGINAL_LANGUAGE,
    OUTCOME_CHOICES,
    CaseStudy,
    Link,
    Text,
)
from ..reading.publisher import Publisher
from ..reading.registry import Registry
from ..reading.translation import State, case_status
from .citation import WRITERS, citation
from .csv_files import CSV_COLUMNS, MARKDOWN_FIELDS, TEXT_FIELDS, csv_text
from .i18n import reading_order
from .urls import (
    CASE_DATA,
    CASE_SCHEMA_FILE,
    DATA_FILES,
    DATA_SCHEMA_FILE,
    LANGUAGE_ROOTS,
    OPEN_DATA,
    case_counties,
    case_path,
    html_path,
    image_path,
)

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
#: Vinnova's page on the programme, which the case studies' own sources start from.
VINNOVA_PROGRAMME = ("https://www.vinnova.se/m/hur-kan-offentlig-sektor-mota-morgondagens-"
                     "samhallsutmaningar/ideslussar/")
#: The list separator of Excel set to each language, for the spreadsheet file.
EXCEL_SEPARATORS = by_language("csv_separator")
#: Lines that start a new Markdown block, which joining a paragraph's lines must keep apart.
BLOCK_START = re.compile(r"\s*(?:[-*+]\s|\d+[.)]\s|#|>|\|)")


def paragraphs(text: str) -> str:
    """Markdown with each paragraph on one line: the line breaks an editor's window put into
    a YAML block are gone, blank lines between paragraphs and list items stay."""
    blocks = []
    for block in re.split(r"\n[ \t]*\n", text.strip()):
        lines: list[str] = []
        for line in block.split("\n"):
            if lines and not BLOCK_START.match(line) and not line.startswith("    "):
                lines[-1] = lines[-1].rstrip() + " " + line.strip()
            else:
                lines.append(line.rstrip())
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def localized(text: Text | None, lang: str, markdown: bool = False) -> str | None:
    """What the page shows: the text in `lang`, or the Swedish while it is untranslated."""
    if text is None:
        return None
    shown = text.get(lang) or text.sv
    return paragraphs(shown) if markdown else " ".join(shown.split())


def translation_info(case: CaseStudy, lang: str) -> dict[str, Any] | None:
    """How the texts of a record in a translated language came to be: per text whether it is
    a current or outdated translation or still the Swedish original, how it was made and
    whether a person reviewed it; and the method of them all ("mixed" when both). None in
    Swedish, where every text is the original."""
    if lang == ORIGINAL_LANGUAGE:
        return None
    statuses = case_status(case, lang)
    methods = {status.method.value for status in statuses.values()
               if status.method is not None and status.state is not State.MISSING}
    return {"from": ORIGINAL_LANGUAGE,
            "method": methods.pop() if len(methods) == 1 else ("mixed" if methods else None),
            "fields": {field: {"state": status.state.value,
                               "method": status.method.value if status.method else None,
                               "reviewed": status.reviewed}
                       for field, status in statuses.items()}}


def record(case: CaseStudy, registry: Registry, lang: str, site_url: str,
           dates: FileDates) -> dict[str, Any]:
    """One case study as the page in `lang` presents it."""
    page_url = site_url + LANGUAGE_ROOTS[lang] + html_path(case_path(case))
    texts = {key: localized(getattr(case, key), lang, key in MARKDOWN_FIELDS)
             for key in TEXT_FIELDS}
    return {
        "id": case.slug,
        "url": page_url,
        "data_url": site_url + CASE_DATA.format(slug=case.slug, lang=lang, ext="json"),
        "language": lang,
        **texts,
        "examples": [localized(example, lang) for example in case.examples],
        "image": ({"url": site_url + LANGUAGE_ROOTS[lang] + image_path(case),
                   "alt": localized(case.image.alt, lang)} if case.image else None),
        "based_in": ({"code": case.based_in,
                      "name": registry.municipalities[case.based_in].name}
                     if case.based_in else None),
        "municipalities": [{"code": code, "name": registry.municipalities[code].name}
                           for code in case.municipalities],
        "municipality_count": case.participant_count,
        "counties": [{"code": c.code, "name": c.name_in(lang)}
                     for c in case_counties(case, registry)],
        "period": {"start": case.period.start.iso if case.period.start else None,
                   "end": case.period.end.iso if case.period.end else None},
        "status": case.status.value,
        "vinnova_grant_sek": case.vinnova_grant_sek,
        "vinnova_reference": case.vinnova_reference,
        "themes": [{"key": key, "name": registry.themes[key].name(lang)}
                   for key in case.themes],
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
        "updated": dates.updated.date().isoformat(),
        "translation": translation_info(case, lang),
    }


def link_record(link: Link) -> dict[str, str | None]:
    """A page elsewhere, with the title and language of the page itself."""
    return {"url": link.url, "title": link.title, "lang": link.lang}


def document(records: list[dict[str, Any]], lang: str, site_url: str,
             indent: int | None = 1) -> str:
    """A JSON file of records: the whole dataset in a language, indented for people who open
    it; or one case study, compact (Python's JSON encoder is five times slower indenting, and
    there is a file per case and language)."""
    content = {"schema": site_url + DATA_SCHEMA_FILE, "licence": LICENCE,
               "licence_url": LICENCE_URL, "language": lang, "case_studies": records}
    return json.dumps(content, ensure_ascii=False, indent=indent) + "\n"


def data_files(corpus: Corpus, site_url: str, schema: str,
               publisher: Publisher | None = None) -> dict[str, str]:
    """Every open data file by its path in the site: per language the dataset (JSON, CSV,
    CSV for spreadsheets), per case and language its JSON, CSV and citations, the schemas
    and the data package."""
    root = site_url.rstrip("/") + "/"
    files = {CASE_SCHEMA_FILE: schema,
             DATA_SCHEMA_FILE: json.dumps(json_schema(root), ensure_ascii=False, indent=1)
             + "\n"}
    for lang in LANGUAGES:
        records = []
        for case in reading_order(corpus.cases, lang):
            one = record(case, corpus.registry, lang, root, corpus.dates[case.slug])
            records.append(one)
            name = {"slug": case.slug, "lang": lang}
            files[CASE_DATA.format(**name, ext="json")] = document([one], lang, root, None)
            files[CASE_DATA.format(**name, ext="csv")] = csv_text([one])
            entry = citation(case, lang, one["url"], corpus.dates[case.slug], publisher)
            for ext, write in WRITERS.items():
                files[CASE_DATA.format(**name, ext=ext)] = write(entry)
        files[DATA_FILES["json"].format(lang=lang)] = document(records, lang, root)
        files[DATA_FILES["csv"].format(lang=lang)] = csv_text(records)
        files[DATA_FILES["excel"].format(lang=lang)] = csv_text(
            records, EXCEL_SEPARATORS[lang], for_spreadsheets=True)
    files[DATA_FILES["package"]] = json.dumps(data_package(corpus, root), ensure_ascii=False,
                                              indent=1) + "\n"
    return files


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
    text = {"type": ["string", "null"]}
    named = {"type": "object", "required": ["code", "name"], "additionalProperties": False,
             "properties": {"code": {"type": "string", "pattern": "^[0-9]+$"},
                            "name": {"type": "string"}}}
    month = {"type": ["string", "null"], "pattern": "^[0-9]{4}(-[0-9]{2})?$"}
    link = {"type": "object", "required": ["url", "title", "lang"], "additionalProperties": False,
            "properties": {"url": {"type": "string", "format": "uri"},
                           "title": {"type": ["string", "null"]},
                           "lang": {"enum": [*LANGUAGES, None]}}}
    properties: dict[str, Any] = {
        "id": {"type": "string", "description": "Identifier, also the case file's name."},
        "url": {"type": "string", "format": "uri", "description": "The case's page."},
        "data_url": {"type": "string", "format": "uri",
                     "description": "This case study alone, as JSON."},
        "language": {"enum": list(LANGUAGES), "description": "The language of the texts."},
        **{key: {**text, "description": "As the page shows it" + (
            ": Markdown, one paragraph a line." if key in MARKDOWN_FIELDS else ".")}
           for key in TEXT_FIELDS},
        "examples": {"type": "array", "items": {"type": "string"}},
        "image": {"type": ["object", "null"], "required": ["url", "alt"],
                  "additionalProperties": False,
                  "properties": {"url": {"type": "string", "format": "uri"},
                                 "alt": {"type": "string"}}},
        "based_in": {"anyOf": [named, {"type": "null"}]},
        "municipalities": {"type": "array", "items": named},
        "municipality_count": {"type": "integer", "minimum": 0},
        "counties": {"type": "array", "items": named},
        "period": {"type": "object", "required": ["start", "end"],
                   "additionalProperties": False,
                   "properties": {"start": month, "end": month}},
        "status": {"enum": ["ongoing", "permanent", "ended", "unknown"]},
        "vinnova_grant_sek": {"type": ["integer", "null"], "minimum": 0},
        "vinnova_reference": text,
        "themes": {"type": "array", "items": {
            "type": "object", "required": ["key", "name"], "additionalProperties": False,
            "properties": {"key": {"type": "string"}, "name": {"type": "string"}}}},
        "call": {"enum": list(CALL_CHOICES),
                 "description": "Vinnova's call: the 2015 pre-studies or the 2016 projects."},
        "counterpart": {"type": ["string", "null"], "description": "The id of the pre-study "
                        "this project grew from, or of the project this pre-study led to."},
        "outcome": {"enum": [*OUTCOME_CHOICES, None],
                    "description": "What became of it after the project."},
        "where_to_turn": {"type": "array", "items": link},
        "disagreements": {"type": "array", "items": {
            "type": "object", "required": ["about", "claims"], "additionalProperties": False,
            "properties": {"about": {"type": "string"}, "claims": {"type": "array", "items": {
                "type": "object", "required": ["value", "source"],
                "additionalProperties": False,
                "properties": {"value": {"type": "string"},
                               "source": {"type": "string", "format": "uri"}}}}}}},
        "sources": {"type": "array", "items": {"type": "string", "format": "uri"}},
        "source_pages": {"type": "array", "items": link,
                         "description": "The sources, with each page's title and language."},
        "updated": {"type": "string", "format": "date",
                    "description": "When the case study last changed."},
        "translation": {
            "description": "How the texts were made from the Swedish; null in Swedish.",
            "anyOf": [{"type": "null"}, {
                "type": "object", "required": ["from", "method", "fields"],
                "additionalProperties": False,
                "properties": {
                    "from": {"const": ORIGINAL_LANGUAGE},
                    "method": {"enum": ["machine", "human", "mixed", None]},
                    "fields": {"type": "object", "description": "Per text: a current or "
                               "outdated translation, or missing (the text is Swedish); how "
                               "it was made (null: not recorded) and whether a person "
                               "reviewed it.",
                               "additionalProperties": {
                                   "type": "object", "additionalProperties": False,
                                   "required": ["state", "method", "reviewed"],
                                   "properties": {
                                       "state": {"enum": ["current", "outdated", "missing"]},
                                       "method": {"enum": ["machine", "human", None]},
                                       "reviewed": {"type": "boolean"}}}}}}]},
    }
    case = {"type": "object", "required": list(properties), "additionalProperties": False,
            "properties": properties}
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
