"""The JSON record of a case study and the JSON Schema of it, derived from the model's
declarations (`CASE_FIELDS`), so a field added to the model is published without an edit here.

Each field becomes what its kind says (a text as the page shows it, a municipality with its
name, a group as an object of its children...), under its own key, in the model's order. The
few fields published otherwise than their kind say are in `PUBLISHED`, each with the reason;
what readers get beside the model's fields (the page's address, the counties, the date of the
last change) is in `EXTRAS`, each after the field it belongs with.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..reading.history import FileDates
from ..reading.model import (
    CASE_FIELDS,
    LANGUAGES,
    ORIGINAL_LANGUAGE,
    CaseStudy,
    FieldSpec,
    Kind,
    Link,
    Text,
)
from ..reading.registry import Registry
from ..reading.translation import State, case_status
from .urls import CASE_DATA, LANGUAGE_ROOTS, case_counties, case_path, html_path, image_path

#: Lines that start a new Markdown block, which joining a paragraph's lines must keep apart.
BLOCK_START = re.compile(r"\s*(?:[-*+]\s|\d+[.)]\s|#|>|\|)")


@dataclass(frozen=True)
class Source:
    """What a record is made from: the case, the names it refers to, the page's language and
    the site's address."""

    case: CaseStudy
    registry: Registry
    lang: str
    root: str
    dates: FileDates


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


def link_record(link: Link) -> dict[str, str | None]:
    """A page elsewhere, with the title and language of the page itself."""
    return {"url": link.url, "title": link.title, "lang": link.lang}


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


def value(spec: FieldSpec, raw: Any, src: Source) -> Any:
    """A field's value in the record, by its kind."""
    kind = spec.kind
    if kind is Kind.TEXT or kind is Kind.MARKDOWN:
        return localized(raw, src.lang, kind is Kind.MARKDOWN)
    if kind is Kind.TEXT_LIST:
        return [localized(item, src.lang) for item in raw]
    if kind is Kind.MUNICIPALITY:
        return None if raw is None else municipality(raw, src.registry)
    if kind is Kind.MUNICIPALITY_LIST:
        return [municipality(code, src.registry) for code in raw]
    if kind is Kind.MONTH:
        return None if raw is None else raw.iso
    if kind is Kind.CHOICE:
        return raw.value if isinstance(raw, enum.Enum) else raw
    if kind is Kind.CHOICE_LIST:
        return list(raw)
    if kind is Kind.LINK_LIST:
        return [link_record(link) for link in raw]
    if kind is Kind.GROUP:
        return {child.key: value(child, getattr(raw, child.key), src) for child in spec.children}
    if kind is Kind.GROUP_LIST:
        return [{child.key: value(child, getattr(item, child.key), src)
                 for child in spec.children} for item in raw]
    if kind is Kind.IMAGE:
        return None if raw is None else {
            "url": src.root + LANGUAGE_ROOTS[src.lang] + image_path(src.case),
            "alt": localized(raw.alt, src.lang)}
    if kind is Kind.TRANSLATION:
        return translation_info(src.case, src.lang)
    if kind in (Kind.INTEGER, Kind.STRING, Kind.URL):
        return raw
    raise ValueError(f"{spec.key}: no JSON value for the kind {kind} (add it here)")


def municipality(code: str, registry: Registry) -> dict[str, str]:
    return {"code": code, "name": registry.municipalities[code].name}


NAMED = {"type": "object", "required": ["code", "name"], "additionalProperties": False,
         "properties": {"code": {"type": "string", "pattern": "^[0-9]+$"},
                        "name": {"type": "string"}}}
LINK = {"type": "object", "required": ["url", "title", "lang"], "additionalProperties": False,
        "properties": {"url": {"type": "string", "format": "uri"},
                       "title": {"type": ["string", "null"]},
                       "lang": {"enum": [*LANGUAGES, None]}}}
TRANSLATION = {
    "anyOf": [{"type": "null"}, {
        "type": "object", "required": ["from", "method", "fields"],
        "additionalProperties": False,
        "properties": {
            "from": {"const": ORIGINAL_LANGUAGE},
            "method": {"enum": ["machine", "human", "mixed", None]},
            "fields": {"type": "object", "description": "Per text: a current or outdated "
                       "translation, or missing (the text is Swedish); how it was made (null: "
                       "not recorded) and whether a person reviewed it.",
                       "additionalProperties": {
                           "type": "object", "additionalProperties": False,
                           "required": ["state", "method", "reviewed"],
                           "properties": {
                               "state": {"enum": ["current", "outdated", "missing"]},
                               "method": {"enum": ["machine", "human", None]},
                               "reviewed": {"type": "boolean"}}}}}}]}


def nullable(type_: str, spec: FieldSpec) -> str | list[str]:
    return type_ if spec.required else [type_, "null"]


def schema(spec: FieldSpec) -> dict[str, Any]:
    """The JSON Schema of a field's value in the record, by its kind."""
    kind = spec.kind
    if kind is Kind.TEXT or kind is Kind.MARKDOWN:
        return {"type": nullable("string", spec)}
    if kind is Kind.TEXT_LIST:
        return {"type": "array", "items": {"type": "string"}}
    if kind is Kind.MUNICIPALITY:
        return NAMED if spec.required else {"anyOf": [NAMED, {"type": "null"}]}
    if kind is Kind.MUNICIPALITY_LIST:
        return {"type": "array", "items": NAMED}
    if kind is Kind.MONTH:
        return {"type": ["string", "null"], "pattern": "^[0-9]{4}(-[0-9]{2})?$"}
    if kind is Kind.INTEGER:
        return {"type": nullable("integer", spec), "minimum": 0}
    if kind is Kind.STRING:
        return {"type": nullable("string", spec)}
    if kind is Kind.URL:
        return {"type": nullable("string", spec), "format": "uri"}
    if kind is Kind.CHOICE:
        return {"enum": list(spec.choices) + ([] if spec.required else [None])}
    if kind is Kind.CHOICE_LIST:
        return {"type": "array", "items": {"type": "string"}}
    if kind is Kind.LINK_LIST:
        return {"type": "array", "items": LINK}
    if kind is Kind.GROUP:
        return group_schema(spec)
    if kind is Kind.GROUP_LIST:
        return {"type": "array", "items": group_schema(spec)}
    if kind is Kind.IMAGE:
        return {"type": ["object", "null"], "required": ["url", "alt"],
                "additionalProperties": False,
                "properties": {"url": {"type": "string", "format": "uri"},
                               "alt": {"type": "string"}}}
    if kind is Kind.TRANSLATION:
        return TRANSLATION
    raise ValueError(f"{spec.key}: no JSON Schema for the kind {kind} (add it here)")


def group_schema(spec: FieldSpec) -> dict[str, Any]:
    return {"type": "object", "required": [child.key for child in spec.children],
            "additionalProperties": False,
            "properties": {child.key: schema(child) for child in spec.children}}


#: How a value of these kinds is published, where the field's help (written for editors:
#: "a four-digit SCB code in quotes", "a file inside the repository") would mislead.
KIND_DESCRIPTIONS = {
    Kind.TEXT: "As the page shows it.",
    Kind.TEXT_LIST: "As the page shows them.",
    Kind.MARKDOWN: "As the page shows it: Markdown, one paragraph a line.",
    Kind.MUNICIPALITY: "A municipality: its SCB code and name.",
    Kind.MUNICIPALITY_LIST: "Municipalities: each its SCB code and name.",
    Kind.IMAGE: "The case's picture and what it shows, as the page describes it.",
    Kind.TRANSLATION: "How the texts were made from the Swedish; null in Swedish.",
}


def described(spec: FieldSpec) -> str:
    """A field's description in the schema: how its kind is published, or else its help."""
    return KIND_DESCRIPTIONS.get(spec.kind, spec.help_en)


@dataclass(frozen=True)
class Published:
    """A record entry that is not a model field as its kind gives it: its key, why, its
    value and its schema."""

    key: str
    why: str
    value: Callable[[Source], Any]
    schema: dict[str, Any]


#: Model fields published otherwise than their kind says.
PUBLISHED: dict[str, Published] = {p.key: p for p in (
    Published("themes", "each theme with its name in the file's language, as the page shows",
              lambda s: [{"key": key, "name": s.registry.themes[key].name(s.lang)}
                         for key in s.case.themes],
              {"type": "array", "items": {
                  "type": "object", "required": ["key", "name"], "additionalProperties": False,
                  "properties": {"key": {"type": "string"}, "name": {"type": "string"}}},
               "description": "Themes from the vocabulary, with their names."}),
    Published("municipality_count", "the count the page shows: the number given, or else the "
              "municipalities named", lambda s: s.case.participant_count,
              {"type": "integer", "minimum": 0,
               "description": "How many municipalities take part."}),
    Published("sources", "addresses alone, for the programs that read the first version; "
              "with titles in source_pages", lambda s: [link.url for link in s.case.sources],
              {"type": "array", "items": {"type": "string", "format": "uri"},
               "description": "The addresses of the pages every fact comes from."}),
)}

#: What a record holds beside the model's fields: after which field (None: first), and how.
EXTRAS: tuple[tuple[str | None, Published], ...] = (
    (None, Published("id", "", lambda s: s.case.slug,
                     {"type": "string", "description": "Identifier, also the case file's name."})),
    (None, Published("url", "", lambda s: page_url(s),
                     {"type": "string", "format": "uri", "description": "The case's page."})),
    (None, Published("data_url", "", lambda s: s.root + CASE_DATA.format(
        slug=s.case.slug, lang=s.lang, ext="json"),
        {"type": "string", "format": "uri",
         "description": "This case study alone, as JSON."})),
    (None, Published("language", "", lambda s: s.lang,
                     {"enum": list(LANGUAGES), "description": "The language of the texts."})),
    ("municipality_count", Published(
        "counties", "", lambda s: [{"code": c.code, "name": c.name_in(s.lang)}
                                   for c in case_counties(s.case, s.registry)],
        {"type": "array", "items": NAMED,
         "description": "The counties of the participating municipalities."})),
    ("sources", Published("source_pages", "", lambda s: value(
        spec_of("sources"), s.case.sources, s), {
            "type": "array", "items": LINK,
            "description": "The sources, with each page's title and language."})),
    ("sources", Published("updated", "", lambda s: s.dates.updated.date().isoformat(),
                          {"type": "string", "format": "date",
                           "description": "When the case study last changed."})),
)


def spec_of(key: str) -> FieldSpec:
    return next(spec for spec in CASE_FIELDS if spec.key == key)


def page_url(src: Source) -> str:
    return src.root + LANGUAGE_ROOTS[src.lang] + html_path(case_path(src.case))


def by_kind(spec: FieldSpec) -> Published:
    """A model field published as its kind says."""
    return Published(spec.key, "", lambda s: value(spec, getattr(s.case, spec.key), s),
                     {**schema(spec), "description": described(spec)})


def entries() -> tuple[Published, ...]:
    """The record's entries in order: each model field (as its kind says, or as PUBLISHED
    says) followed by the extras that belong after it."""
    out = [extra for after, extra in EXTRAS if after is None]
    for spec in CASE_FIELDS:
        out.append(PUBLISHED.get(spec.key) or by_kind(spec))
        out += [extra for after, extra in EXTRAS if after == spec.key]
    return tuple(out)


ENTRIES = entries()


def record(case: CaseStudy, registry: Registry, lang: str, root: str,
           dates: FileDates) -> dict[str, Any]:
    """One case study as the page in `lang` presents it."""
    src = Source(case, registry, lang, root, dates)
    return {entry.key: entry.value(src) for entry in ENTRIES}


def record_schema() -> dict[str, Any]:
    """The JSON Schema of one record: every entry required, nothing else allowed."""
    properties = {entry.key: entry.schema for entry in ENTRIES}
    return {"type": "object", "required": list(properties), "additionalProperties": False,
            "properties": properties}
