"""The open data's indented JSON (`generator/site/json_text.py`): what a reader downloads is,
character for character, what Python's JSON encoder writes with `indent=1`, for every kind of
value the records hold and for the real records, and what JSON cannot hold is refused."""

from __future__ import annotations

import enum
import json
from typing import Any

import pytest

from generator.reading.corpus import read_corpus
from generator.reading.model import LANGUAGES
from generator.site.json_records import record
from generator.site.json_text import indented

from .conftest import REPO


class Shade(enum.StrEnum):
    DARK = "dark"


VALUES: list[Any] = [
    "", "plain", 'quotes " and \\ backslash', "line\nbreak\ttab\r\x00\x1f\x7f", "åäö – “ok” 😀",
    "\u2028\u2029", 0, -7, 10**30, True, False, None, 1.5, float("nan"), float("inf"),
    [], {}, [[]], [{}], {"a": []}, {"a": {}}, [1, "two", None, [3, [4]]],
    {"a": 1, "b": [True, {"c": "d", "e": []}], "f": {"g": {"h": None}}},
    (1, 2), {"tuple": ("x", ("y",))}, Shade.DARK, {"enum": [Shade.DARK]},
    {"å": "key with a letter of its own", "": "empty key"},
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_written_as_the_encoder_writes_it(value: Any) -> None:
    expected = json.dumps(value, ensure_ascii=False, indent=1)
    assert indented(value) == expected
    # Nested: every line after the first two spaces further in.
    assert indented(value, 2) == expected.replace("\n", "\n  ")


def test_every_record_of_the_content_is_written_as_the_encoder_writes_it() -> None:
    corpus = read_corpus(REPO)
    for lang in LANGUAGES:
        for case in corpus.cases:
            one = record(case, corpus.registry, lang, "https://example.org/",
                         corpus.dates[case.slug])
            assert indented(one) == json.dumps(one, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("value", [{1: "number key"}, {"set": {1, 2}}, object(), b"bytes"])
def test_what_json_cannot_hold_is_refused(value: Any) -> None:
    with pytest.raises(TypeError):
        indented(value)
