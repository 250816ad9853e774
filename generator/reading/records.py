"""The translation records of a case file: per translated language and field, how the
translation was made, whether a person reviewed it, and the fingerprints of the Swedish it was
made from and of the translation (`model.FieldRecord`), checked as `validation.Checker` reads
the file; a record for a text the case does not have is reported.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

import yaml

from .addresses import AddressChecker
from .languages import editor_text, language
from .model import METHOD_CHOICES, TRANSLATED_LANGUAGES, CaseStudy, FieldRecord, TranslationMethod
from .problems import N_, Localized
from .shapes import node_at

FINGERPRINT_PATTERN = re.compile(r"^[0-9a-f]{16}$")
#: The keys of one field's translation record, in the order they are written.
RECORD_KEYS = ("method", "reviewed", "source", "target")
#: The keys of the old per-file record (`method:` and `fingerprints:` per language).
OLD_RECORD_KEYS = frozenset(("method", "fingerprints"))


def language_name(lang: str) -> Localized:
    """A language's name in the language a message is printed in (the language table's)."""
    return editor_text(language(lang).name, language(lang).name_sv)


class RecordChecker(AddressChecker):
    """The record checks of `validation.Checker`, with the choice among values they use."""

    def choice(self, node: yaml.Node, path: str, choices: Iterable[str]) -> str | None:
        written = self.scalar(node, path)
        choices = list(choices)
        if written is None or written in choices:
            return written
        close = difflib.get_close_matches(written, choices, n=1, cutoff=0.5)
        if close:
            self.report(node, path, N_('"{written}" is not one of the choices'),
                        N_('did you mean "{suggestion}"? The choices are {choices}'),
                        written=written, suggestion=close[0], choices=", ".join(choices))
        else:
            self.report(node, path, N_('"{written}" is not one of the choices'),
                        N_("expected one of {choices}"), written=written,
                        choices=", ".join(choices))
        return None

    def translation(self, node: yaml.Node, path: str) -> dict[str, dict[str, FieldRecord]]:
        """Per language, one record per translated field (see `model.FieldRecord`)."""
        records: dict[str, dict[str, FieldRecord]] = {}
        entries = self.mapping(node, path, TRANSLATED_LANGUAGES) or {}
        for lang, (_key, value) in entries.items():
            where_lang = f"{path}.{lang}" if path else lang
            if isinstance(value, yaml.MappingNode) and any(
                    str(key.value) in OLD_RECORD_KEYS for key, _ in value.value):
                self.report(value, where_lang, N_("the translation record is in the old "
                                                         "format (one method for the whole file)"),
                            N_("run 'ideslussar translations migrate' once; it writes one line "
                               "per field"))
                continue
            if not isinstance(value, yaml.MappingNode):
                self.report(value, where_lang, N_("expected one 'field: {{...}}' line per "
                                                  "translated field"))
                continue
            records[lang] = {}
            for key_node, record_node in value.value:
                where = f"{where_lang}.{key_node.value}"
                record = self.field_record(record_node, where)
                if record is not None:
                    records[lang][str(key_node.value)] = record
        return records

    def field_record(self, node: yaml.Node, path: str) -> FieldRecord | None:
        """`{method: machine, reviewed: false, source: <16 hex>, target: <16 hex>}`."""
        entries = self.mapping(node, path, RECORD_KEYS)
        if entries is None:
            return None
        missing = [key for key in RECORD_KEYS if key not in entries]
        if missing:
            self.report(node, path, N_("the record lacks {keys}"),
                        N_("copy the line 'ideslussar translations records' proposes"),
                        keys=", ".join(missing))
            return None
        method = self.choice(entries["method"][1], f"{path}.method", METHOD_CHOICES)
        reviewed = self.choice(entries["reviewed"][1], f"{path}.reviewed", ("true", "false"))
        prints = {}
        for key in ("source", "target"):
            print_node = entries[key][1]
            value = str(print_node.value)
            if not FINGERPRINT_PATTERN.match(value):
                self.report(print_node, f"{path}.{key}", N_('"{value}" is not a fingerprint'),
                            N_("copy the line 'ideslussar translations records' proposes"),
                            value=value)
            prints[key] = value
        if method is None or reviewed is None or not all(
                FINGERPRINT_PATTERN.match(value) for value in prints.values()):
            return None
        return FieldRecord(TranslationMethod(method), reviewed == "true", prints["source"],
                           prints["target"])

    def stray_records(self, root: yaml.Node, case: CaseStudy) -> None:
        """A record for a text the case does not have (an example deleted, a field renamed)
        would give a later text of that name a provenance it never had."""
        texts = case.texts()
        for lang, records in case.translation.items():
            block = node_at(root, "translation", lang)
            for name in records:
                if name not in texts or texts[name].get(lang) is None:
                    key = next((k for k, _v in block.value if k.value == name), block) \
                        if isinstance(block, yaml.MappingNode) else block
                    self.report(key, f"translation.{lang}.{name}",
                                N_("there is no {language} text for this record"),
                                N_("delete this line"), language=language_name(lang))
