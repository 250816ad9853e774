"""Whether each translated text is there, current, and made by a person or a machine.

A translation is *current* when the fingerprint stored with it equals the fingerprint of the
Swedish text as it is now: a hash of the text with its white space folded, so re-wrapping a
paragraph changes nothing and changing a word is always noticed. Dates are not used: they say
when a file changed, not which text.
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass

from .model import TRANSLATED_LANGUAGES, CaseStudy, Text, TranslationMethod


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
    method: TranslationMethod

    @property
    def needs_work(self) -> bool:
        return self.state is not State.CURRENT


def fingerprint(text: str) -> str:
    """Sixteen hex digits of SHA-256 over the text with its white space folded."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def field_status(case: CaseStudy, field: str, text: Text, lang: str) -> FieldStatus:
    record = case.translation.get(lang)
    method = record.method if record else TranslationMethod.MACHINE
    if text.get(lang) is None:
        state = State.MISSING
    elif record is not None and record.fingerprints.get(field) == fingerprint(text.sv):
        state = State.CURRENT
    else:
        state = State.OUTDATED
    return FieldStatus(case.slug, case.path, field, lang, state, method)


def case_status(case: CaseStudy, lang: str) -> dict[str, FieldStatus]:
    """The status of every translatable field of a case in one language."""
    return {field: field_status(case, field, text, lang) for field, text in case.texts().items()}


def corpus_status(cases: tuple[CaseStudy, ...]) -> list[FieldStatus]:
    return [status for case in cases for lang in TRANSLATED_LANGUAGES
            for status in case_status(case, lang).values()]
