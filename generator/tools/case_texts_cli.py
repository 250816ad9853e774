"""`ideslussar translations status|review|export|import|migrate|records|sync`: the commands
for the case-study texts. `status` shows per case, field and language whether a translation is
missing, outdated or current and who made it; `review` records that translations match the
Swedish as it is now; `export` and `import` carry them to and from a PO file; `migrate`,
`records` and `sync` keep the per-field records and the content catalogs. `translations_cli`
registers them; the work is in `reviewing`, `content_po` and `translation`.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..output import replace_file
from ..reading.corpus import case_files, display_path, file_problems, read_cases, read_page_texts
from ..reading.model import ORIGINAL_LANGUAGE, TRANSLATED_LANGUAGES, CaseStudy, TranslationMethod
from ..reading.page_translation import (
    RECORDS_FILE,
    page_record_problems,
    page_statuses,
    proposed_page_record,
    read_page_records,
    render_page_records,
)
from ..reading.problems import N_, InvalidContentError
from ..reading.registry import Registry, load_registry
from ..reading.translation import FieldStatus, State, case_status
from .content_po import export_catalog, import_catalog, write_catalog
from .reviewing import CaseFile, UnknownFieldError, read_case_file, record, validate_text
from .terminal import EXIT_FAILED, EXIT_OK, Gettext, fail, gettext_for, print_invalid
from .yaml_edit import YamlEditError

#: How many left-out entries an import names before it says how many more there are.
SHOWN_ENTRIES = 10

STATE_LABELS: dict[State, str] = {
    # TRANSLATORS: a column of 'translations status': translated from the Swedish as it is now.
    State.CURRENT: N_("current"),
    # TRANSLATORS: a column of 'translations status': the Swedish changed after translation.
    State.OUTDATED: N_("outdated"),
    # TRANSLATORS: a column of 'translations status': not translated yet.
    State.MISSING: N_("missing"),
}
METHOD_LABELS: dict[TranslationMethod, str] = {
    # TRANSLATORS: how a text was translated (by machine translation), in 'translations status'.
    TranslationMethod.MACHINE: N_("machine"),
    # TRANSLATORS: how a text was translated (by a person), in 'translations status'.
    TranslationMethod.HUMAN: N_("human"),
}


# -- case-study texts ----------------------------------------------------------------------------


def selected_files(args: argparse.Namespace) -> list[Path]:
    root = Path(args.root)
    return [Path(name) for name in args.files] or case_files(root / "municipalities")


def cmd_status(args: argparse.Namespace) -> int:
    """Per case, field and language: missing, outdated or current, by machine or person."""
    root = Path(args.root)
    cases, problems = read_cases(selected_files(args), root, load_registry())
    if problems:
        return print_invalid(args, InvalidContentError(problems))
    statuses = [status for case in cases for lang in TRANSLATED_LANGUAGES
                for status in case_status(case, lang).values()]
    if not args.files:  # the hand-written pages too, unless only some case files were asked
        page_texts, page_problems = read_page_texts(root)
        records, record_problems = read_page_records(root)
        if page_problems or record_problems:
            return print_invalid(args, InvalidContentError(page_problems + record_problems))
        statuses += page_statuses(page_texts, records)
    if args.json:
        print(json.dumps(status_json(statuses), ensure_ascii=False, indent=2))
    else:
        print_status_table(statuses, gettext_for(args), needs_work_only=args.needs_work)
    if args.strict and any(status.needs_work for status in statuses):
        return EXIT_FAILED
    return EXIT_OK


def status_json(statuses: list[FieldStatus]) -> dict[str, Any]:
    """For tools: every field with its state, and the totals."""
    fields = [{"case": s.case, "file": s.file, "field": s.field, "lang": s.lang,
               "state": s.state.value,
               "method": None if s.state is State.MISSING or s.method is None
               else s.method.value,
               "reviewed": s.reviewed, "recorded": not s.needs_record}
              for s in statuses]
    totals = Counter(s.state.value for s in statuses)
    methods = Counter(s.method.value for s in statuses
                      if s.state is State.CURRENT and s.method is not None)
    return {"fields": fields,
            "totals": {state.value: totals.get(state.value, 0) for state in State},
            "current_by_method": {m.value: methods.get(m.value, 0) for m in TranslationMethod}}


def print_status_table(statuses: list[FieldStatus], gettext: Gettext, *,
                       needs_work_only: bool) -> None:
    headers = [gettext("case"), gettext("field"), gettext("lang"), gettext("state"),
               gettext("method")]
    rows = [[s.case, s.field, s.lang, gettext(STATE_LABELS[s.state]), method_label(s, gettext)]
            for s in statuses if s.needs_work or not needs_work_only]
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    for row in [headers, ["-" * width for width in widths], *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
              .rstrip())
    totals = Counter(s.state for s in statuses)
    print()
    print(gettext("{count} texts: {current} current, {outdated} outdated, {missing} missing")
          .format(count=len(statuses), current=totals[State.CURRENT],
                  outdated=totals[State.OUTDATED], missing=totals[State.MISSING]))
    unrecorded = sum(1 for s in statuses if s.needs_record)
    if unrecorded:
        print(gettext("{count} translations have no record of how they were made (or changed "
                      "after it): 'ideslussar translations records' shows the lines to add")
              .format(count=unrecorded))


def method_label(status: FieldStatus, gettext: Gettext) -> str:
    """ "machine, reviewed", "human", "not recorded", or a dash while untranslated."""
    if status.state is State.MISSING:
        return "–"
    if status.method is None:
        return gettext("not recorded")
    label = gettext(METHOD_LABELS[status.method])
    if status.method is TranslationMethod.MACHINE and status.reviewed:
        label = gettext("{method}, reviewed").format(method=label)
    return label


def method_choice(value: str | None) -> TranslationMethod | None:
    return TranslationMethod(value) if value else None


def write_page_records(args: argparse.Namespace, root: Path, *, only_unrecorded: bool,
                       paths: Iterable[str] = (), method: TranslationMethod | None = None
                       ) -> int:
    """Record translated pages as matching their Swedish page as it is now: the `paths`
    given (content/<lang>/<page>.md), or, with `only_unrecorded`, every page changed
    without a record. Rewrites content/translation.yml, a file only these commands write."""
    page_texts, problems = read_page_texts(root)
    records, record_problems = read_page_records(root)
    if problems or record_problems:
        return print_invalid(args, InvalidContentError(problems + record_problems))
    texts = {(lang, path): markdown for lang, path, markdown in page_texts}
    wanted: list[tuple[str, str]] = []
    for name in paths:
        parts = Path(name).as_posix().split("/")
        key = (parts[1], "/".join(parts[2:])) if len(parts) > 2 else ("", "")
        if key not in texts or key[0] not in TRANSLATED_LANGUAGES:
            return fail(args, N_("{file}: not a translated page in content/"), file=name)
        wanted.append(key)
    if only_unrecorded:
        wanted = [(s.lang, s.field) for s in page_statuses(page_texts, records)
                  if s.needs_record]
    gettext = gettext_for(args)
    for lang, path in wanted:
        existing = records.get(lang, {}).get(path)
        record = proposed_page_record(texts[(ORIGINAL_LANGUAGE, path)], texts[(lang, path)])
        chosen = method or (existing.method if existing and not only_unrecorded else None)
        if chosen is not None:  # a machine's page recorded, not reviewed, is not reviewed
            record = replace(record, method=chosen, reviewed=not (
                only_unrecorded and chosen is TranslationMethod.MACHINE))
        records.setdefault(lang, {})[path] = record
        print(gettext("{file}: recorded as reviewed").format(file=f"content/{lang}/{path}"))
    if wanted:
        replace_file(root / RECORDS_FILE, render_page_records(records))
    return EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    """Record that the translations of the given fields match the Swedish as it is now."""
    root = Path(args.root)
    registry = load_registry()
    gettext = gettext_for(args)
    method = method_choice(args.method)
    failed = False
    pages = [name for name in args.files if Path(name).as_posix().startswith("content/")]
    if pages and write_page_records(args, root, only_unrecorded=False, paths=pages,
                                    method=method) != EXIT_OK:
        failed = True
    for name in [name for name in args.files if name not in pages]:
        missing = file_problems(Path(name), root, display_path(Path(name), root))
        if missing:
            print_invalid(args, InvalidContentError(missing))
            failed = True
            continue
        try:
            for lang in TRANSLATED_LANGUAGES:
                change = record(Path(name), root, registry, lang, method, fields=args.field)
                print(gettext("{file}: {lang}: {count} fields recorded as reviewed ({changed} "
                              "records changed): {fields}").format(
                    file=change.file, lang=lang, count=len(change.reviewed),
                    changed=len(change.recorded), fields=", ".join(change.reviewed) or "–"))
                if change.untranslated:
                    print(gettext("{file}: {lang}: not translated, so not reviewed: "
                                  "{fields}").format(file=change.file, lang=lang,
                                                     fields=", ".join(change.untranslated)),
                          file=sys.stderr)
        except InvalidContentError as error:
            print_invalid(args, error)
            failed = True
        except UnknownFieldError as error:
            fail(args, N_("{file}: no such translatable field: {fields}; the fields are "
                          "{known}"), file=error.file, fields=", ".join(error.fields),
                 known=", ".join(error.known))
            failed = True
    return EXIT_FAILED if failed else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Write the case studies' texts to a PO file for translators."""
    root = Path(args.root)
    cases, problems = read_cases(selected_files(args), root, load_registry())
    if problems:
        return print_invalid(args, InvalidContentError(problems))
    exported = export_catalog(cases, root, args.target_lang, needs_work_only=args.needs_work)
    try:
        write_catalog(exported, Path(args.output))
    except OSError as error:  # a folder of that name, a read-only place, a full disk
        return fail(args, N_("{site} could not be written: {error}"), site=args.output,
                    error=error.strerror or str(error))
    print(gettext_for(args)("{count} texts written to {file}").format(
        count=sum(1 for message in exported if message.id), file=args.output))
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """Write the translations of a PO file back into the case files."""
    root = Path(args.root)
    gettext = gettext_for(args)
    try:
        report = import_catalog(Path(args.po_file), root, load_registry(), args.target_lang,
                                TranslationMethod(args.method))
    except InvalidContentError as error:
        return print_invalid(args, error)
    for change in report.changes:
        print(gettext("{file}: {texts} texts written, {recorded} records changed")
              .format(file=change.file, texts=len(change.texts),
                      recorded=len(change.recorded)))
    if not any(change.changed for change in report.changes):
        print(gettext("Nothing to import: no entry is translated and confirmed (not fuzzy) "
                      "with a text that differs from the case files."))
    for label, contexts in ((N_("left out, still marked fuzzy: {entries}"), report.fuzzy),
                            (N_("left out, not translated: {entries}"), report.empty),
                            (N_("written, but translated from an older Swedish text, so marked "
                                "outdated; export again to translate the current one: "
                                "{entries}"), report.outdated)):
        if contexts:
            shown = contexts if len(contexts) <= SHOWN_ENTRIES else [
                *contexts[:SHOWN_ENTRIES],
                gettext("and {count} more").format(count=len(contexts) - SHOWN_ENTRIES)]
            print(gettext(label).format(entries=", ".join(shown)), file=sys.stderr)
    return EXIT_OK


def cmd_migrate(args: argparse.Namespace) -> int:
    """Rewrite old per-file translation records into one record per field (idempotent)."""
    from .migration import migrate_text

    root = Path(args.root)
    gettext = gettext_for(args)
    changed = 0
    for path in selected_files(args):
        case_file = read_case_file(path, root)
        try:
            new = migrate_text(case_file.text)
        except YamlEditError as error:
            fail(args, N_("{file}: cannot be migrated: {detail}"), file=case_file.shown_as,
                 detail=str(error))
            return EXIT_FAILED
        if new != case_file.text:
            case_file.write(new)
            changed += 1
            print(gettext("{file}: translation records written per field").format(
                file=case_file.shown_as))
    print(gettext("{count} files migrated; the others were already per field").format(
        count=changed))
    return EXIT_OK


def planned_records(cases: list[CaseStudy], root: Path, registry: Registry,
                    method: TranslationMethod) -> list[tuple[CaseFile, str]]:
    """Each case file with unrecorded translations, and its text with their records added."""
    from .record_check import proposed_records
    from .yaml_edit import set_field_records

    planned = []
    for case in cases:
        case_file = read_case_file(root / case.path, root)
        text = case_file.text
        for lang in TRANSLATED_LANGUAGES:
            text = set_field_records(text, lang, proposed_records(case, lang, method))
        if text != case_file.text:
            validate_text(text, case_file, root, registry)
            planned.append((case_file, text))
    return planned


def records_diff(planned: list[tuple[CaseFile, str]]) -> str:
    """The change that records them, as a unified diff: exactly what to commit."""
    return "".join("".join(difflib.unified_diff(
        case_file.text.splitlines(keepends=True), text.splitlines(keepends=True),
        f"a/{case_file.shown_as}", f"b/{case_file.shown_as}")) for case_file, text in planned)


def cmd_records(args: argparse.Namespace) -> int:
    """Translations nobody recorded: print the line that records each, the diff that records
    them all (--diff), or write them (--write)."""
    from .record_check import record_problems

    root = Path(args.root)
    registry = load_registry()
    method = TranslationMethod(args.method)
    cases, problems = read_cases(selected_files(args), root, registry)
    if problems:
        return print_invalid(args, InvalidContentError(problems))
    if args.write:
        gettext = gettext_for(args)
        for case_file, text in planned_records(cases, root, registry, method):
            case_file.write(text)
            print(gettext("{file}: unrecorded translations recorded as {method}").format(
                file=case_file.shown_as, method=gettext(METHOD_LABELS[method])))
        if not args.files:
            return write_page_records(args, root, only_unrecorded=True, method=method)
        return EXIT_OK
    if args.diff:
        print(records_diff(planned_records(cases, root, registry, method)), end="")
        return EXIT_OK
    missing = record_problems(cases, root)
    if not args.files:
        page_texts, page_problems = read_page_texts(root)
        records, problems = read_page_records(root)
        if page_problems or problems:
            return print_invalid(args, InvalidContentError(page_problems + problems))
        missing += page_record_problems(page_statuses(page_texts, records), page_texts)
    if missing:
        return print_invalid(args, InvalidContentError(missing))
    print(gettext_for(args)(N_("Every translation has a record of how it was made.")))
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    """Write (or with --check, compare) the content catalogs kept for translation platforms."""
    from ..output import remove_file
    from .content_po import stale_catalogs

    root = Path(args.root)
    cases, problems = read_cases(case_files(root / "municipalities"), root, load_registry())
    if problems:
        return print_invalid(args, InvalidContentError(problems))
    stale = stale_catalogs(cases, root)
    gettext = gettext_for(args)
    if args.check:
        for path in stale:
            print(gettext("{file} is out of date: run 'ideslussar translations sync' and "
                          "commit it").format(file=path.relative_to(root).as_posix()),
                  file=sys.stderr)
        return EXIT_FAILED if stale else EXIT_OK
    for path, data in stale.items():
        if data:
            replace_file(path, data)
        else:
            remove_file(path)
        print(gettext("updated {file}").format(file=path.relative_to(root).as_posix()))
    return EXIT_OK
