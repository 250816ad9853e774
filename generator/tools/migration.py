"""The move from one translation method per file to one record per field and language.

Case files used to record `translation: {en: {method: machine, fingerprints: {field: ...}}}`:
one method for the whole file, so reviewing or importing one field changed what the file said
about all of them. Now each field has its own line (`model.FieldRecord`). `ideslussar
translations migrate` rewrites old blocks into the new shape and leaves files already in it
alone, so it can be run again after merging branches that still add files in the old format.

What the old block said is carried over, and nothing is invented: each fingerprinted field
keeps the file's method and its Swedish fingerprint; a human translation counts as reviewed
(a person wrote it), a machine one does not. The translation's own fingerprint is taken of
the text as it is at migration time, the best the old format lets us know. Fields the old block
did not fingerprint get no record: their origin was never written down.
"""

from __future__ import annotations

import yaml

from ..reading.loading import is_null
from ..reading.model import FieldRecord, TranslationMethod
from ..reading.records import OLD_RECORD_KEYS
from ..reading.translation import fingerprint, render_field_record
from .yaml_edit import compose, entry, field_path, node_at, rewrite_block


def old_languages(root: yaml.MappingNode) -> list[str]:
    """The languages whose record is still in the old per-file shape."""
    translation = entry(root, "translation")
    if translation is None or not isinstance(translation[1], yaml.MappingNode):
        return []
    return [str(key.value) for key, value in translation[1].value
            if isinstance(value, yaml.MappingNode)
            and any(str(k.value) in OLD_RECORD_KEYS for k, _ in value.value)]


def migrated_records(root: yaml.MappingNode, lang: str) -> dict[str, FieldRecord]:
    """The per-field records an old `<lang>:` block stands for."""
    found = node_at(root, ["translation", lang])
    block = found[1] if found else None
    method_entry = entry(block, "method") if block is not None else None
    method = TranslationMethod.MACHINE
    if method_entry is not None and str(method_entry[1].value) in {m.value for m in
                                                                   TranslationMethod}:
        method = TranslationMethod(str(method_entry[1].value))
    prints_entry = entry(block, "fingerprints") if block is not None else None
    records: dict[str, FieldRecord] = {}
    if prints_entry is None or not isinstance(prints_entry[1], yaml.MappingNode):
        return records
    for key_node, print_node in prints_entry[1].value:
        name = str(key_node.value)
        translated = node_at(root, field_path(name, lang))
        if translated is None or not isinstance(translated[1], yaml.ScalarNode) \
                or is_null(translated[1]):
            continue  # no translation any more: nothing to record
        records[name] = FieldRecord(method, method is TranslationMethod.HUMAN,
                                    str(print_node.value),
                                    fingerprint(str(translated[1].value).strip()))
    return records


def migrate_text(text: str) -> str:
    """The file's text with every old-format language block rewritten; the same text when
    there is none (so running it twice changes nothing the second time)."""
    root = compose(text)
    languages = old_languages(root)
    if not languages:
        return text
    rendered = {lang: {name: render_field_record(record)
                       for name, record in migrated_records(root, lang).items()}
                for lang in languages}
    # The old blocks are dropped first, so that their `method:`/`fingerprints:` lines are not
    # merged with the new ones.
    return rewrite_block(text, root, rendered, replace=True)
