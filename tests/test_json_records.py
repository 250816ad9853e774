"""The open data's JSON records and their JSON Schema are derived from the model's
declarations (`CASE_FIELDS`): every field is published under its key, as its kind says or as
`json_records.PUBLISHED` says with a reason, and a field added to the model appears in the
JSON and its schema without an edit to the open-data code."""

from __future__ import annotations

import dataclasses
from typing import Any

import jsonschema
import pytest

from generator.reading.corpus import read_corpus
from generator.reading.model import CASE_FIELDS, LANGUAGES, CaseStudy, FieldSpec, Kind
from generator.site import json_records
from generator.site.csv_files import COVERED, CSV_COLUMNS, field_columns
from generator.site.json_records import EXTRAS, PUBLISHED, record, record_schema, schema

from .conftest import REPO

ROOT = "https://example.org/"


@pytest.fixture(scope="module")
def corpus() -> Any:
    return read_corpus(REPO)


def test_every_model_field_is_in_the_record_and_nothing_else(corpus: Any) -> None:
    case = corpus.cases[0]
    extras = [extra.key for _after, extra in EXTRAS]
    for lang in LANGUAGES:
        one = record(case, corpus.registry, lang, ROOT, corpus.dates[case.slug])
        assert sorted(one) == sorted([spec.key for spec in CASE_FIELDS] + extras)
        assert list(record_schema()["properties"]) == list(one)


def test_a_field_published_otherwise_than_its_kind_says_gives_the_reason() -> None:
    keys = {spec.key for spec in CASE_FIELDS}
    for key, published in PUBLISHED.items():
        assert key in keys, f"PUBLISHED names {key}, which the model does not declare"
        assert len(published.why) > 20, f"{key}: say why it is published otherwise"
    assert not {extra.key for _after, extra in EXTRAS} & keys
    assert all(after is None or after in keys for after, _extra in EXTRAS)


def test_every_kind_has_a_json_schema() -> None:
    for kind in Kind:
        spec = FieldSpec("x", kind, False, "Help.", "Hjälp.", choices=("a",),
                         children=(FieldSpec("y", Kind.TEXT, True, "Help.", "Hjälp."),))
        assert isinstance(schema(spec), dict), kind


def test_every_record_of_the_content_is_valid_by_the_schema(corpus: Any) -> None:
    validator = jsonschema.Draft202012Validator(record_schema())
    for case in corpus.cases:
        for lang in LANGUAGES:
            one = record(case, corpus.registry, lang, ROOT, corpus.dates[case.slug])
            assert [error.message for error in validator.iter_errors(one)] == [], case.slug


@dataclasses.dataclass(frozen=True)
class WithWebsite:
    """A case study with one field more, as a model with an `example_website` field would give."""

    case: CaseStudy
    example_website: str | None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.case, name)


def test_an_optional_field_added_to_the_model_is_published(corpus: Any,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    website = FieldSpec("example_website", Kind.URL, False, "The idésluss's own website.",
                        "Idéslussens egen webbplats.")
    monkeypatch.setattr(json_records, "CASE_FIELDS", (*CASE_FIELDS, website))
    monkeypatch.setattr(json_records, "ENTRIES", json_records.entries())
    case = corpus.cases[0]
    validator = jsonschema.Draft202012Validator(record_schema())
    for address in ("https://example.org/ideslussen", None):
        one = record(WithWebsite(case, address), corpus.registry,  # type: ignore[arg-type]
                     "en", ROOT, corpus.dates[case.slug])
        assert one["example_website"] == address
        assert list(validator.iter_errors(one)) == []
    assert record_schema()["properties"]["example_website"] == {
        "type": ["string", "null"], "format": "uri", "description": "The idésluss's own website."}
    assert not validator.is_valid({**one, "example_website": 12})


def test_every_model_field_has_a_csv_column(corpus: Any) -> None:
    """A field of one value gets its column from its declaration; any other names its
    columns in csv_files (by its own name, or in COVERED)."""
    names = [column.name for column in CSV_COLUMNS]
    assert len(set(names)) == len(names)
    missing = [spec.key for spec in CASE_FIELDS
               if spec.key not in names and spec.key not in COVERED]
    assert missing == [], f"give these fields CSV columns in generator/site/csv_files.py: {missing}"
    assert all(set(columns) <= set(names) for columns in COVERED.values())


def test_an_optional_field_added_to_the_model_gets_a_csv_column(corpus: Any) -> None:
    website = FieldSpec("example_website", Kind.URL, False, "The idésluss's own website.",
                        "Idéslussens egen webbplats.")
    added = field_columns((*CASE_FIELDS, website), CSV_COLUMNS)
    assert [(c.name, c.type, c.description) for c in added] == [
        ("example_website", "string", "The idésluss's own website.")]
    assert added[0].value({"example_website": "https://example.org/"}) == "https://example.org/"
