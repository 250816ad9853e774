"""Recording translations in case files: which Swedish text each translation was made from.

`translations review` (a person has checked the translation against the Swedish) and
`translations import` (translated text comes back from a PO file) both end here. A change is
made to the file's text with `yaml_edit`, so the editor's comments and layout survive; the
result is validated in memory with the same checker as `ideslussar validate`, and the file is
written only if it is still valid. A case file is therefore never left half-edited or broken.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..output import replace_file
from ..reading.corpus import display_path
from ..reading.loading import parse, read_text
from ..reading.model import CaseStudy, Kind, TranslationMethod, field_by_key
from ..reading.problems import InvalidContentError
from ..reading.registry import Registry
from ..reading.translation import fingerprint
from ..reading.validation import Checker
from .yaml_edit import set_text, set_translation_record


class UnknownFieldError(ValueError):
    """A field named on the command line is not a translatable text of the case."""

    def __init__(self, file: str, fields: list[str], known: list[str]) -> None:
        super().__init__(f"{file}: no such translatable field: {', '.join(fields)}")
        self.file = file
        self.fields = fields
        self.known = known


@dataclass
class Change:
    """What was recorded in one file."""

    file: str
    texts: list[str] = field(default_factory=list)  # fields whose translated text was written
    reviewed: list[str] = field(default_factory=list)  # fields whose fingerprint was recorded
    untranslated: list[str] = field(default_factory=list)  # asked for, but nothing to review
    changed: bool = False


@dataclass(frozen=True)
class CaseFile:
    """A case file as read: its text (LF line ends) and how to write it back the same way."""

    path: Path
    shown_as: str
    text: str
    crlf: bool
    bom: bool

    def write(self, text: str) -> None:
        """Write with the file's own line ends and byte-order mark, as the editor saved it."""
        data = text.replace("\n", "\r\n") if self.crlf else text
        replace_file(self.path, (b"\xef\xbb\xbf" if self.bom else b"") + data.encode("utf-8"))


def read_case_file(path: Path, repo_root: Path) -> CaseFile:
    shown_as = display_path(path, repo_root)
    raw = path.read_bytes()
    text, problems = read_text(path, shown_as)
    if text is None:
        raise InvalidContentError(problems)
    return CaseFile(path, shown_as, text, b"\r\n" in raw, raw.startswith(b"\xef\xbb\xbf"))


def validate_text(text: str, case_file: CaseFile, repo_root: Path, registry: Registry
                  ) -> CaseStudy:
    """The case in `text`, or `InvalidContentError` with every problem in it."""
    document, problems = parse(text, case_file.shown_as)
    if document is None:
        raise InvalidContentError(problems)
    checker = Checker(case_file.shown_as, registry, repo_root)
    case = checker.case(document, case_file.path.stem)
    if case is None:  # the checker returns no case exactly when it found a problem
        raise InvalidContentError(checker.problems)
    return case


def is_markdown(field_name: str) -> bool:
    spec = field_by_key(field_name.split(".")[0])
    return spec is not None and spec.kind is Kind.MARKDOWN


def record(path: Path, repo_root: Path, registry: Registry, lang: str,
           method: TranslationMethod | None, *, fields: Iterable[str] | None = None,
           texts: Mapping[str, tuple[str, str]] | None = None) -> Change:
    """Write translated `texts` (field -> (Swedish it was made from, translation)) and record
    fingerprints for them and for `fields` (default: every translated field), then `method`
    (None keeps the recorded one; a file without a record gets `human`, since a person did
    this).

    The fingerprint is of the Swedish the translation was made from, which for an import is
    the PO file's msgid: if the Swedish changed in between, the field stays outdated, as it
    should.
    """
    case_file = read_case_file(path, repo_root)
    case = validate_text(case_file.text, case_file, repo_root, registry)
    available = case.texts()
    texts = dict(texts or {})
    wanted = list(fields) if fields is not None else ([] if texts else list(available))
    unknown = [name for name in [*wanted, *texts] if name not in available]
    if unknown:
        raise UnknownFieldError(case_file.shown_as, unknown, list(available))
    change = Change(case_file.shown_as)
    text = case_file.text
    prints: dict[str, str] = {}
    for name, (source, translated) in texts.items():
        if translated.strip() != (available[name].get(lang) or ""):
            text = set_text(text, name, lang, translated.strip(), markdown=is_markdown(name))
            change.texts.append(name)
        prints[name] = fingerprint(source)
    for name in wanted:
        if available[name].get(lang) is None:
            change.untranslated.append(name)
        elif name not in prints:
            prints[name] = fingerprint(available[name].sv)
    change.reviewed = list(prints)
    current = case.translation.get(lang)
    method_value = method.value if method else (None if current else
                                                TranslationMethod.HUMAN.value)
    if prints or method_value:
        text = set_translation_record(text, lang, method_value, prints)
    if text != case_file.text:
        validate_text(text, case_file, repo_root, registry)
        case_file.write(text)
        change.changed = True
    return change
