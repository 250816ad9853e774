"""Whether each translated hand-written page (`content/<lang>/*.md`) matches its Swedish page.

The pages are tracked like the case texts: `content/translation.yml` holds one record per
translated page, in the same shape as a case file's `translation:` block
(`{method, reviewed, source, target}`, see `model.FieldRecord`), with the fingerprints of the
whole Swedish page and of the translated page. A Swedish page changed after its translation
makes the translation outdated (`translations status --strict` fails, readers see a notice);
a translated page changed without a new record gets the record line proposed, like a case text.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .loading import load, not_a_file
from .model import (
    ORIGINAL_LANGUAGE,
    TRANSLATED_LANGUAGES,
    FieldRecord,
    TranslationMethod,
)
from .problems import N_, Problem
from .records import language_name
from .registry import load_registry
from .translation import FieldStatus, State, fingerprint, render_field_record
from .validation import Checker

RECORDS_FILE = "content/translation.yml"
#: The `case` of a page's status, so tables and JSON list pages beside the case studies.
PAGES = "content"

PageRecords = dict[str, dict[str, FieldRecord]]  # lang -> page path -> record


def read_page_records(repo_root: Path) -> tuple[PageRecords, list[Problem]]:
    """The records of content/translation.yml (none if the file is absent), or its problems."""
    path = repo_root / RECORDS_FILE
    if not path.is_file():
        return {}, ([not_a_file(RECORDS_FILE)] if path.exists() else [])
    document, problems = load(path, RECORDS_FILE)
    if document is None:
        return {}, problems
    checker = Checker(RECORDS_FILE, load_registry(), repo_root)
    records = checker.translation(document.root, "")
    return records, [*problems, *checker.problems]


def page_statuses(pages: Iterable[tuple[str, str, str]], records: PageRecords
                  ) -> list[FieldStatus]:
    """The state of every translated page; `pages` are (lang, path, markdown)."""
    by_key = {(lang, path): markdown for lang, path, markdown in pages}
    statuses = []
    for (lang, path), markdown in sorted(by_key.items()):
        if lang == ORIGINAL_LANGUAGE or (ORIGINAL_LANGUAGE, path) not in by_key:
            continue
        record = records.get(lang, {}).get(path)
        shown = f"content/{lang}/{path}"
        if record is None:
            statuses.append(FieldStatus(PAGES, shown, path, lang, State.OUTDATED, None,
                                        edited=True))
            continue
        current = record.source == fingerprint(by_key[(ORIGINAL_LANGUAGE, path)])
        statuses.append(FieldStatus(PAGES, shown, path, lang,
                                    State.CURRENT if current else State.OUTDATED,
                                    record.method, record.reviewed,
                                    record.target != fingerprint(markdown)))
    return statuses


def stray_page_records(records: PageRecords, pages: Iterable[tuple[str, str, str]]
                       ) -> list[Problem]:
    """A record for a page that does not exist (renamed or deleted)."""
    known = {(lang, path) for lang, path, _ in pages}
    return [Problem(RECORDS_FILE, 1, 1, f"{lang}.{path}",
                    N_("there is no {language} text for this record"), N_("delete this line"),
                    {"language": language_name(lang)})
            for lang, by_path in records.items() for path in by_path
            if (lang, path) not in known]


def proposed_page_record(swedish: str, translated: str) -> FieldRecord:
    """The record of a page a person translated against the Swedish page as it is now."""
    return FieldRecord(TranslationMethod.HUMAN, True, fingerprint(swedish),
                       fingerprint(translated))


def page_record_problems(statuses: Iterable[FieldStatus], pages: Iterable[tuple[str, str, str]]
                         ) -> list[Problem]:
    """One problem per translated page without a matching record, with the line to add."""
    texts = {(lang, path): markdown for lang, path, markdown in pages}
    problems = []
    for status in statuses:
        if not status.needs_record:
            continue
        record = proposed_page_record(texts[(ORIGINAL_LANGUAGE, status.field)],
                                      texts[(status.lang, status.field)])
        problems.append(Problem(
            status.file, 1, 1, "",
            N_("this {language} text has no record of who wrote it (or was changed after it "
               "was recorded)"),
            N_("if a person wrote it to match the Swedish page as it is now, add this line "
               "under '{lang}:' in {records}: {line}"),
            {"language": language_name(status.lang), "lang": status.lang,
             "records": RECORDS_FILE,
             "line": f"{status.field}: {render_field_record(record)}"}))
    return problems


def render_page_records(records: PageRecords) -> str:
    """The whole content/translation.yml, for `translations review` of pages."""
    lines = ["# Which Swedish page each translated page in content/ was made from, and how.",
             "# Written by 'ideslussar translations review content/<lang>/<page>.md'; the",
             "# pull-request check proposes the line when a page changed without one.",
             "# Vilken svensk sida varje översatt sida i content/ gjordes från, och hur."]
    for lang in TRANSLATED_LANGUAGES:
        by_path = records.get(lang, {})
        if not by_path:
            continue
        lines.append(f"{lang}:")
        lines.extend(f"  {path}: {render_field_record(record)}"
                     for path, record in sorted(by_path.items()))
    return "\n".join(lines) + "\n"
