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
from ..reading.model import CaseStudy, FieldRecord, Kind, TranslationMethod, field_by_key
from ..reading.problems import InvalidContentError
from ..reading.registry import Registry
from ..reading.translation import fingerprint
from ..reading.validation import Checker
from .yaml_edit import set_field_records, set_text


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
    reviewed: list[str] = field(default_factory=list)  # fields recorded as reviewed
    recorded: list[str] = field(default_factory=list)  # of those, records that changed
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
    text, problems = read_text(path, shown_as)
    if text is None:
        raise InvalidContentError(problems)
    raw = path.read_bytes()
    return CaseFile(path, shown_as, text, b"\r\n" in raw, raw.startswith(b"\xef\xbb\xbf"))


def validate_text(text: str, case_file: CaseFile, repo_root: Path, registry: Registry
                  ) -> CaseStudy:
    """The case in `text`, or `InvalidContentError` with every problem in it."""
    document, problems = parse(text, case_file.shown_as)
    if document is None:
        raise InvalidContentError(problems)
    checker = Checker(case_file.shown_as, registry, repo_root)
    case = checker.case(document, case_file.path.stem)
    if case is None or problems:  # no case exactly when the checker found a problem
        raise InvalidContentError([*problems, *checker.problems])
    return case


def is_markdown(field_name: str) -> bool:
    spec = field_by_key(field_name.split(".")[0])
    return spec is not None and spec.kind is Kind.MARKDOWN


@dataclass(frozen=True)
class Planned:
    """A file's new text, validated, and what changed in it: written only once every file of
    a command has been planned without error."""

    case_file: CaseFile
    text: str
    change: Change

    def write(self) -> None:
        if self.change.changed:
            self.case_file.write(self.text)


def plan(path: Path, repo_root: Path, registry: Registry, lang: str,
         method: TranslationMethod | None, *, fields: Iterable[str] | None = None,
         texts: Mapping[str, tuple[str, str]] | None = None) -> Planned:
    """Work out the new text of a case file, validated, without writing it.

    `texts` (field -> (Swedish it was made from, translation)) come from an import: each is
    written and recorded as reviewed by a person, with the fingerprint of the Swedish the
    translator saw (the PO file's msgid), so a Swedish edit made meanwhile still shows as
    outdated. A text that comes back unchanged keeps its recorded method (a machine
    translation a translator confirmed stays a machine translation, now reviewed); a changed
    one gets `method` (default human). `fields` (default: every translated field, when no
    texts are given) are recorded as reviewed against the Swedish as it is now, with `method`
    or the recorded method. Every other field's record is left exactly as it was.
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
    recorded = case.translation.get(lang, {})
    records: dict[str, FieldRecord] = {}
    for name, (source, translated) in texts.items():
        translated = translated.strip()
        existing = recorded.get(name)
        if translated != (available[name].get(lang) or ""):
            text = set_text(text, name, lang, translated, markdown=is_markdown(name))
            change.texts.append(name)
            field_method = method or TranslationMethod.HUMAN
        else:
            field_method = existing.method if existing else (method or TranslationMethod.HUMAN)
        records[name] = FieldRecord(field_method, True, fingerprint(source),
                                    fingerprint(translated))
    for name in wanted:
        translated_now = available[name].get(lang)
        if translated_now is None:
            change.untranslated.append(name)
            continue
        if name in records:
            continue
        existing = recorded.get(name)
        field_method = method or (existing.method if existing else TranslationMethod.HUMAN)
        records[name] = FieldRecord(field_method, True, fingerprint(available[name].sv),
                                    fingerprint(translated_now))
    change.reviewed = list(records)
    changed_records = {name: rec for name, rec in records.items() if recorded.get(name) != rec}
    text = set_field_records(text, lang, changed_records)
    change.recorded = list(changed_records)
    if text != case_file.text:
        validate_text(text, case_file, repo_root, registry)
        change.changed = True
    return Planned(case_file, text, change)


def record(path: Path, repo_root: Path, registry: Registry, lang: str,
           method: TranslationMethod | None, *, fields: Iterable[str] | None = None,
           texts: Mapping[str, tuple[str, str]] | None = None) -> Change:
    """`plan`, then write the file if anything changed."""
    planned = plan(path, repo_root, registry, lang, method, fields=fields, texts=texts)
    planned.write()
    return planned.change
