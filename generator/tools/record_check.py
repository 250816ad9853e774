"""Translations without a record of who made them, and the exact line that records them.

The rule (CONTRIBUTING, both languages): an English text that has no record in the case
file's `translation:` block, or that differs from the text its record was written for, was
written or changed by a person, against the Swedish as it is in the same change. It is
recorded as `{method: human, reviewed: true, ...}` with the fingerprints of the Swedish and
the English as they are now. Editors in the GitHub web editor cannot run a command, so the
pull-request check (and `ideslussar translations records`) prints the very line to add; people
with the command line can let `records --write` add them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..reading.model import TRANSLATED_LANGUAGES, CaseStudy, FieldRecord, TranslationMethod
from ..reading.problems import N_, Problem
from ..reading.records import language_name
from ..reading.translation import case_status, fingerprint, render_field_record
from .content_po import source_lines


def proposed_records(case: CaseStudy, lang: str,
                     method: TranslationMethod = TranslationMethod.HUMAN
                     ) -> dict[str, FieldRecord]:
    """The record each unrecorded (or hand-changed) translation of a case gets: by the rule,
    written by a person; with `method` machine (for files whose English a machine made and
    nobody recorded), a machine translation nobody has reviewed."""
    texts = case.texts()
    proposals = {}
    for name, status in case_status(case, lang).items():
        translated = texts[name].get(lang)
        if status.needs_record and translated is not None:
            proposals[name] = FieldRecord(method, method is TranslationMethod.HUMAN,
                                          fingerprint(texts[name].sv), fingerprint(translated))
    return proposals


def record_problems(cases: Iterable[CaseStudy], repo_root: Path) -> list[Problem]:
    """One problem per translation without a matching record, naming the line to add."""
    problems = []
    for case in cases:
        for lang in TRANSLATED_LANGUAGES:
            proposals = proposed_records(case, lang)
            if not proposals:
                continue
            lines = source_lines(repo_root / case.path, repo_root, lang)
            for name, record in proposals.items():
                problems.append(Problem(
                    case.path, lines.get(name, 1), 1, f"{name}.{lang}",
                    N_("this {language} text has no record of who wrote it (or was changed "
                       "after it was recorded)"),
                    N_("if a person wrote it to match the Swedish as it is now, add this line "
                       "under 'translation:' and '{lang}:' at the end of the file: "
                       "{line}"),
                    {"language": language_name(lang), "lang": lang,
                     "line": f"{name}: {render_field_record(record)}"}))
    return problems
