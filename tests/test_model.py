"""The content model is declared once: `CASE_FIELDS` says what a case file holds and the
`CaseStudy` dataclass is built from it field by field (`model.case_study`), so a field that is
declared in one and not the other, or typed differently, fails here, not on a reader's page."""

from __future__ import annotations

import dataclasses
import enum
import shutil
import types
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.reading import model
from generator.reading.corpus import case_files, read_cases
from generator.reading.model import (
    CASE_FIELDS,
    EMPTY,
    SECTIONS,
    CaseStudy,
    FieldRecord,
    FieldSpec,
    Image,
    Kind,
    Link,
    Month,
    Text,
)
from generator.reading.registry import load_registry

from .conftest import FIXTURES, REPO

#: What the dataclass holds for each kind of field (a GROUP or CHOICE with a `record` holds it).
KIND_TYPES: dict[Kind, Any] = {
    Kind.TEXT: Text, Kind.MARKDOWN: Text, Kind.TEXT_LIST: tuple[Text, ...],
    Kind.MUNICIPALITY: str, Kind.MUNICIPALITY_LIST: tuple[str, ...], Kind.MONTH: Month,
    Kind.INTEGER: int, Kind.STRING: str, Kind.CHOICE: str, Kind.CHOICE_LIST: tuple[str, ...],
    Kind.URL: str, Kind.LINK_LIST: tuple[Link, ...], Kind.IMAGE: Image,
    Kind.GROUP: dict[str, Any], Kind.TRANSLATION: dict[str, dict[str, FieldRecord]],
}


def expected_type(spec: FieldSpec) -> Any:
    if spec.kind is Kind.GROUP_LIST:  # a tuple of its records
        assert spec.record is not None
        held: Any = tuple[spec.record, ...]
    else:
        assert spec.kind in KIND_TYPES, f"a new kind: add {spec.kind} and its type to KIND_TYPES"
        held = spec.record or KIND_TYPES[spec.kind]
    can_be_absent = not spec.required and spec.kind not in EMPTY and spec.kind is not Kind.GROUP
    return held | None if can_be_absent else held


def same_type(found: Any, wanted: Any) -> bool:
    if typing.get_origin(found) in (typing.Union, types.UnionType):
        return (typing.get_origin(wanted) in (typing.Union, types.UnionType)
                and set(typing.get_args(found)) == set(typing.get_args(wanted)))
    return bool(found == wanted)


def test_the_dataclass_has_exactly_the_declared_fields() -> None:
    names = [field.name for field in dataclasses.fields(CaseStudy)]
    assert sorted(names) == sorted(["slug", "path", *(spec.key for spec in CASE_FIELDS)])


@pytest.mark.parametrize("spec", CASE_FIELDS, ids=lambda spec: spec.key)
def test_each_field_is_typed_as_its_declaration_says(spec: FieldSpec) -> None:
    hints = typing.get_type_hints(CaseStudy, vars(model))
    assert same_type(hints[spec.key], expected_type(spec)), (
        f"CaseStudy.{spec.key} is {hints[spec.key]}, its declaration says "
        f"{expected_type(spec)}")


@pytest.mark.parametrize("spec", [s for s in CASE_FIELDS if s.record is not None],
                         ids=lambda spec: spec.key)
def test_records_agree_with_their_declarations(spec: FieldSpec) -> None:
    record = spec.record
    assert record is not None
    if spec.children:  # a group, or each item of a list of groups
        assert [field.name for field in dataclasses.fields(record)] == [
            child.key for child in spec.children]
        hints = typing.get_type_hints(record, vars(model))
        for child in spec.children:
            assert same_type(hints[child.key], expected_type(child))
    else:  # a choice
        assert issubclass(record, enum.Enum)
        assert tuple(member.value for member in record) == spec.choices


def test_sections_are_the_markdown_fields_with_headings() -> None:
    assert SECTIONS and all(spec.kind is Kind.MARKDOWN and not spec.required
                            for spec in SECTIONS)


def every_case_file(tmp_path: Path) -> list[Path]:
    """The real case files, the fixtures, and a fixture given every field of the model."""
    shutil.copytree(FIXTURES / "mini" / "municipalities", tmp_path / "municipalities")
    full = tmp_path / "municipalities" / "full-test.yml"
    fixture = FIXTURES / "mini" / "municipalities" / "pitea-test.yml"
    given = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    missing = [spec for spec in SECTIONS if spec.key not in given]
    full.write_text(fixture.read_text(encoding="utf-8") + "".join(
        f"{spec.key}:\n  sv: Text om {spec.key}.\n  en: ~\n" for spec in missing),
        encoding="utf-8")
    return [*case_files(REPO / "municipalities"),
            *case_files(FIXTURES / "mini" / "municipalities"), full]


def test_every_field_a_file_gives_reads_back_with_its_value(tmp_path: Path) -> None:
    """What a newcomer's field added to the model and the dataclass but forgotten elsewhere
    would do: read back as None although the file gives it."""
    seen: set[str] = set()
    for path in every_case_file(tmp_path):
        root = REPO if path.is_relative_to(REPO / "municipalities") else path.parent.parent
        cases, problems = read_cases([path], root, load_registry())
        assert problems == [] and len(cases) == 1
        given = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key, value in given.items():
            if value not in (None, [], {}):
                seen.add(key)
                assert getattr(cases[0], key) not in (None, (), {}), f"{path.name}: {key}"
    assert seen == {spec.key for spec in CASE_FIELDS}  # every field is exercised somewhere
