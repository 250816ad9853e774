"""Whether each translated text is there, current, and made by a person or a machine.

A translation is *current* when the fingerprint stored with it equals the fingerprint of the
Swedish text as it is now: a hash of the text with its white space folded, so re-wrapping a
paragraph changes nothing and changing a word is always noticed. Dates are not used: they say
when a file changed, not which text.
"""

from __future__ import annotations

import enum
import functools
import hashlib
from dataclasses import dataclass

from .model import TRANSLATED_LANGUAGES, CaseStudy, FieldRecord, Text, TranslationMethod


class State(enum.Enum):
    CURRENT = "current"  # translated from the Swedish text as it is now
    OUTDATED = "outdated"  # the Swedish changed after translation, or was never recorded
    MISSING = "missing"  # not translated yet: readers see the Swedish


@dataclass(frozen=True)
class FieldStatus:
    case: str  # slug
    file: str
    field: str  # "summary", "examples.1", "image.alt"
    lang: str
    state: State
    method: TranslationMethod | None  # None: no record (the text's origin is not known)
    reviewed: bool = False  # a person checked the translation against its Swedish
    edited: bool = False  # the translation is not the text its record was written for

    @property
    def needs_work(self) -> bool:
        return self.state is not State.CURRENT

    @property
    def needs_record(self) -> bool:
        """A translation whose provenance is not recorded: written or changed by hand after
        the last record (or never recorded). `translations records` proposes the line."""
        return self.state is not State.MISSING and self.edited

    @property
    def is_machine(self) -> bool:
        """Current and made by a machine as recorded: what readers are told."""
        return self.state is State.CURRENT and self.method is TranslationMethod.MACHINE


@functools.lru_cache(maxsize=1 << 16)
def fingerprint(text: str) -> str:
    """Sixteen hex digits of SHA-256 over the text with its white space folded. Remembered:
    a build asks for each text's several times (its page, its citation, its open data)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def field_status(case: CaseStudy, field: str, text: Text, lang: str) -> FieldStatus:
    record: FieldRecord | None = case.translation.get(lang, {}).get(field)
    translated = text.get(lang)
    if translated is None:
        return FieldStatus(case.slug, case.path, field, lang, State.MISSING,
                           record.method if record else None)
    if record is None:
        return FieldStatus(case.slug, case.path, field, lang, State.OUTDATED, None,
                           edited=True)
    state = State.CURRENT if record.source == fingerprint(text.sv) else State.OUTDATED
    return FieldStatus(case.slug, case.path, field, lang, state, record.method,
                       record.reviewed, record.target != fingerprint(translated))


def case_status(case: CaseStudy, lang: str) -> dict[str, FieldStatus]:
    """The status of every translatable field of a case in one language."""
    return {field: field_status(case, field, text, lang) for field, text in case.texts().items()}


def corpus_status(cases: tuple[CaseStudy, ...]) -> list[FieldStatus]:
    return [status for case in cases for lang in TRANSLATED_LANGUAGES
            for status in case_status(case, lang).values()]


def render_field_record(record: FieldRecord) -> str:
    """One field's record as the one-line flow mapping case files hold, the keys in the order
    `validation.RECORD_KEYS` reads them."""
    reviewed = "true" if record.reviewed else "false"
    return (f"{{method: {record.method.value}, reviewed: {reviewed}, source: {record.source}, "
            f"target: {record.target}}}")
