"""A new language in every case file: `fi: ~` after the last language of every text, so the
files validate with the new language and its pages show each text as not yet translated.

The file is edited as text (`yaml_edit`): comments, quoting and line wrapping stay as the
editors wrote them. Each insertion re-reads the file, so no offset is ever stale.
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from ..reading.model import CASE_FIELDS, FieldSpec, Kind
from .yaml_edit import compose, entry, insert_entries, mapping_is_block, splice

TEXT_KINDS = frozenset({Kind.TEXT, Kind.MARKDOWN})


def text_mappings(root: yaml.Node, specs: tuple[FieldSpec, ...] = CASE_FIELDS
                  ) -> Iterator[yaml.MappingNode]:
    """Every mapping of languages in a case file: texts, items of text lists, a picture's
    description, and the texts inside groups and inside each item of a list of groups."""
    for spec in specs:
        found = entry(root, spec.key)
        if found is None:
            continue
        value = found[1]
        if spec.kind in TEXT_KINDS and isinstance(value, yaml.MappingNode):
            yield value
        elif spec.kind is Kind.TEXT_LIST and isinstance(value, yaml.SequenceNode):
            yield from (item for item in value.value if isinstance(item, yaml.MappingNode))
        elif spec.kind is Kind.IMAGE:
            alt = entry(value, "alt")
            if alt is not None and isinstance(alt[1], yaml.MappingNode):
                yield alt[1]
        elif spec.kind is Kind.GROUP:
            yield from text_mappings(value, spec.children)
        elif spec.kind is Kind.GROUP_LIST and isinstance(value, yaml.SequenceNode):
            for item in value.value:  # each a mapping of the children: a claim's value...
                yield from text_mappings(item, spec.children)


def without(text: str, lang: str) -> yaml.MappingNode | None:
    """The first text mapping of the file that has no entry for `lang`."""
    return next((mapping for mapping in text_mappings(compose(text))
                 if entry(mapping, lang) is None), None)


def add_language(text: str, lang: str) -> str:
    """The case file's text with `lang: ~` added to every text that lacks it."""
    while (mapping := without(text, lang)) is not None:
        if mapping_is_block(mapping):
            column = mapping.value[0][0].start_mark.column
            text = insert_entries(text, mapping, [f"{' ' * column}{lang}: ~"])
        else:  # {sv: ..., en: ...}: before the closing brace
            closing = mapping.end_mark.index - 1
            text = splice(text, closing, closing, f", {lang}: ~")
    return text
