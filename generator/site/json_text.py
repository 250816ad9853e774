"""Indented JSON, character for character what `json.dumps(value, ensure_ascii=False,
indent=1)` writes, at a third of its cost.

Python's JSON encoder is in C only without indentation; with it, it runs a generator per
nesting level and value, which at a thousand cases was most of the open data's encoding (each
record is indented into the dataset, each citation into its CSL-JSON file). The open data
holds only what JSON has (texts, whole numbers, true/false/null, lists and mappings with text
keys), so one recursive function with the encoder's own C string escaping does the same;
anything else is refused, as the encoder refuses it (`tests/test_json_text.py` compares the
two on every kind of value and on a real dataset).
"""

from __future__ import annotations

import json.encoder
from typing import Any

#: The encoder's own escaping of a text, with `ensure_ascii=False`: quotes included.
quoted = json.encoder.encode_basestring


def indented(value: Any, level: int = 0) -> str:
    """`value` as `json.dumps(value, ensure_ascii=False, indent=1)` writes it, as if it were
    nested `level` deep (the lines after the first start `level` spaces further in)."""
    if isinstance(value, str):
        return quoted(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return json.encoder.JSONEncoder().encode(value)  # as the encoder writes nan and inf
    inner = "\n" + " " * (level + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = []
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"keys must be texts here, not {type(key).__name__}")
            items.append(quoted(key) + ": " + indented(item, level + 1))
        return "{" + inner + ("," + inner).join(items) + "\n" + " " * level + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        return ("[" + inner + ("," + inner).join([indented(item, level + 1) for item in value])
                + "\n" + " " * level + "]")
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
