"""The JSON Schema of a case file and the field reference of the docs, both from the model.

Editors' tools read the schema (VS Code's YAML extension through the first-line
`# yaml-language-server: $schema=...` comment) to complete and check fields as they type; the
docs show the same help texts. Both are generated from `model.CASE_FIELDS`, and a test fails
when the committed copies differ from what the model says, so they cannot drift apart.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .languages import EDITOR_LANGUAGES, SOURCE_LANGUAGE
from .model import CASE_FIELDS, LANGUAGES, ORIGINAL_LANGUAGE, TRANSLATED_LANGUAGES, FieldSpec, Kind
from .registry import Registry

SCHEMA_PATH = "schema/case-study.schema.json"
SCHEMA_COMMENT = "# yaml-language-server: $schema=../schema/case-study.schema.json"


def text_schema(description: str) -> dict[str, Any]:
    """Both languages: Swedish required, a translation may be null while it is missing."""
    properties: dict[str, Any] = {ORIGINAL_LANGUAGE: {"type": "string", "minLength": 1}}
    for lang in TRANSLATED_LANGUAGES:
        properties[lang] = {"type": ["string", "null"], "minLength": 1}
    return {"type": "object", "description": description, "properties": properties,
            "required": list(LANGUAGES), "additionalProperties": False}


FINGERPRINT = {"type": "string", "pattern": "^[0-9a-f]{16}$"}
#: One field's translation record (`model.FieldRecord`).
FIELD_RECORD_SCHEMA: dict[str, Any] = {
    "type": "object", "additionalProperties": False,
    "required": ["method", "reviewed", "source", "target"],
    "properties": {"method": {"type": "string", "enum": ["human", "machine"]},
                   "reviewed": {"type": "boolean"},
                   "source": FINGERPRINT, "target": FINGERPRINT},
}


def municipality_schema(registry: Registry) -> dict[str, Any]:
    """A municipality code, each choice with its name, so editors' tools show
    "0180 Stockholm" (VS Code's YAML extension shows a `oneOf` branch's title)."""
    return {"type": "string", "oneOf": [
        {"const": code, "title": f"{code} {registry.municipalities[code].name}"}
        for code in sorted(registry.municipalities)]}


def kind_schema(spec: FieldSpec, registry: Registry) -> dict[str, Any]:
    """The JSON Schema of one field, by its kind."""
    description = f"{spec.help_en} / {spec.help_sv}"
    code = municipality_schema(registry)
    url = {"type": "string", "pattern": "^https?://"}
    schemas: dict[Kind, dict[str, Any]] = {
        Kind.TEXT: text_schema(description),
        Kind.MARKDOWN: text_schema(description),
        Kind.TEXT_LIST: {"type": "array", "items": text_schema(description)},
        Kind.MUNICIPALITY: code,
        Kind.MUNICIPALITY_LIST: {"type": "array", "items": code, "uniqueItems": True},
        Kind.MONTH: {"type": ["string", "integer"], "pattern": r"^\d{4}(-(0[1-9]|1[0-2]))?$"},
        Kind.INTEGER: {"type": "integer", "minimum": 0},
        Kind.STRING: {"type": "string", "minLength": 1},
        Kind.CHOICE: {"type": "string", "enum": list(spec.choices)},
        Kind.CHOICE_LIST: {"type": "array", "minItems": 1,
                           "items": {"type": "string", "enum": sorted(registry.themes)}},
        Kind.URL: url,
        Kind.LINK_LIST: {"type": "array", "minItems": 1 if spec.required else 0,
                         "items": {"oneOf": [url, object_schema(spec.children, registry)]}},
        Kind.GROUP_LIST: {"type": "array", "minItems": 1,
                          "items": object_schema(spec.children, registry)},
        Kind.IMAGE: {"type": "object", "required": ["file", "alt"],
                     "additionalProperties": False,
                     "properties": {"file": {"type": "string"},
                                    "alt": text_schema(description)}},
        Kind.GROUP: object_schema(spec.children, registry),
        Kind.TRANSLATION: {"type": "object", "additionalProperties": False, "properties": {
            lang: {"type": "object", "additionalProperties": FIELD_RECORD_SCHEMA}
            for lang in TRANSLATED_LANGUAGES}},
    }
    schema = dict(schemas[spec.kind])
    schema["description"] = description
    return schema


def object_schema(specs: tuple[FieldSpec, ...], registry: Registry) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {spec.key: kind_schema(spec, registry) for spec in specs},
        "required": [spec.key for spec in specs if spec.required],
        "additionalProperties": False,
    }


def case_schema(registry: Registry) -> dict[str, Any]:
    """The whole case file."""
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": "case-study.schema.json",
              "title": "Idésluss case study",
              "description": "One idésluss: Swedish original and English translation of every "
                             "text, every fact with its source. Generated from "
                             "generator/reading/model.py by `ideslussar schema`; do not edit."}
    schema.update(object_schema(CASE_FIELDS, registry))
    return schema


def schema_text(registry: Registry) -> str:
    return json.dumps(case_schema(registry), ensure_ascii=False, indent=2) + "\n"


#: The field reference's words, in the original (the help's `help_sv`) and the interface's
#: language (`help_en`): header, yes, no.
REFERENCE_WORDS = {
    ORIGINAL_LANGUAGE: ("| fält | obligatoriskt | vad det är | exempel |", "ja", "nej"),
    SOURCE_LANGUAGE: ("| field | required | what it is | example |", "yes", "no"),
}


def field_reference(lang: str) -> str:
    """A Markdown table of every field, for CONTRIBUTING.md, in one of `EDITOR_LANGUAGES`."""
    header, yes, no = REFERENCE_WORDS[lang]
    header += "\n|---|---|---|---|"
    rows = []
    for key, child in field_rows(CASE_FIELDS, ""):
        text = child.help_sv if lang == ORIGINAL_LANGUAGE else child.help_en
        example = f"`{child.example}`" if child.example else ""
        if child.kind in (Kind.TEXT, Kind.MARKDOWN, Kind.TEXT_LIST):
            example = " + ".join(f"`{code}: …`" for code in LANGUAGES)
        rows.append(f"| `{key}` | {yes if child.required else no} | {text} | {example} |")
    return header + "\n" + "\n".join(rows) + "\n"


def field_rows(specs: tuple[FieldSpec, ...], prefix: str) -> list[tuple[str, FieldSpec]]:
    """Every field and the fields inside it, by dotted key ("disagreements.claims.value")."""
    rows: list[tuple[str, FieldSpec]] = []
    for spec in specs:
        key = f"{prefix}{spec.key}"
        rows.append((key, spec))
        rows.extend(field_rows(spec.children, f"{key}."))
    return rows


def with_field_tables(document: str) -> str:
    """CONTRIBUTING.md with the tables between `<!-- fields:LANG -->` markers regenerated."""
    for lang in EDITOR_LANGUAGES:
        pattern = re.compile(rf"(<!-- fields:{lang} -->\n).*?(<!-- /fields:{lang} -->)", re.S)
        replacement = r"\g<1>" + field_reference(lang).replace("\\", "\\\\") + r"\g<2>"
        document = pattern.sub(replacement, document)
    return document
