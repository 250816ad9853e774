"""`ideslussar translations ...`: the translators' commands.

Two kinds of text are translated, and each has its own commands:

- interface strings (buttons, headings, messages): gettext catalogs made with Babel's API.
  `extract` writes the template from the code and templates (babel.cfg, with the N_ marker
  besides Babel's default keywords), `update` merges it into each language's catalog without
  fuzzy matching, and `check` fails on anything that would show English on a Swedish page.
  English is the msgid language, so there is no English catalog, and compiled `.mo` files
  are never written (`i18n.py` compiles in memory).
- case-study texts: `status` shows per case, field and language whether a translation is
  missing, outdated or current and who made it; `review` records that translations match the
  Swedish as it is now; `export` and `import` carry them to and from a PO file.

This module only parses arguments and prints; the work is in `catalog`, `reviewing` and
`content_po`, and the states come from `translation`.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable
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
from ..reading.problems import N_, InvalidContentError, terminal_text
from ..reading.registry import Registry, load_registry
from ..reading.translation import FieldStatus, State, case_status
from ..site import i18n
from . import catalog
from .content_po import export_catalog, import_catalog, write_catalog
from .reviewing import CaseFile, UnknownFieldError, read_case_file, record, validate_text
from .terminal import message_language, print_problems
from .yaml_edit import YamlEditError

EXIT_OK = 0
EXIT_FAILED = 1
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

Gettext = Callable[[str], str]


def gettext_for(args: argparse.Namespace) -> Gettext:
    return i18n.cli_translations(args.lang).gettext


def fail(args: argparse.Namespace, message: str, **params: object) -> int:
    print(terminal_text(gettext_for(args)(message).format(**params)), file=sys.stderr)
    return EXIT_FAILED


def print_invalid(args: argparse.Namespace, error: InvalidContentError) -> int:
    print_problems(error.problems, args.lang)
    return EXIT_FAILED


# -- interface strings ---------------------------------------------------------------------------


def cmd_extract(args: argparse.Namespace) -> int:
    """Write translations/<domain>.pot from the code and the templates."""
    root = Path(args.root)
    gettext = gettext_for(args)
    for domain, template in catalog.extract(root).items():
        catalog.write_catalog(template, catalog.template_path(root, domain))
        print(gettext("{count} strings written to {file}").format(
            count=sum(1 for message in template if message.id),
            file=catalog.relative(catalog.template_path(root, domain), root)))
    return EXIT_OK


def cmd_update(args: argparse.Namespace) -> int:
    """Merge each template into every language's catalog (no fuzzy matching)."""
    root = Path(args.root)
    if not all(catalog.template_path(root, domain).is_file() for domain in i18n.DOMAINS):
        return fail(args, N_("the template is missing: run 'ideslussar translations extract'"))
    gettext = gettext_for(args)
    for domain in i18n.DOMAINS:
        for lang in catalog.KEPT_LANGUAGES:
            merged = catalog.update(root, lang, domain)
            untranslated = sum(1 for message in merged
                               if message.id and not all(catalog.strings_of(message)))
            print(gettext("{file}: {count} strings, {untranslated} to translate, {obsolete} "
                          "obsolete").format(
                file=catalog.relative(catalog.po_path(root, lang, domain), root),
                count=sum(1 for message in merged if message.id),
                untranslated=untranslated if lang != i18n.SOURCE_LANGUAGE else 0,
                obsolete=len(merged.obsolete)))
    for path in catalog.remove_legacy(root):
        print(gettext("{file}: its translations are in the new catalogs; removed").format(
            file=catalog.relative(path, root)))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Fail on any empty, fuzzy or obsolete entry and on a template that is out of step."""
    problems = catalog.check_catalogs(Path(args.root))
    gettext = gettext_for(args)
    for problem in problems:
        print(terminal_text(problem.render(gettext)), file=sys.stderr)
    if problems:
        return fail(args, N_("{count} problems in the catalogs"), count=len(problems))
    print(gettext("The catalogs are complete and current."))
    return EXIT_OK


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
    write_catalog(exported, Path(args.output))
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
                            (N_("left out, not translated: {entries}"), report.empty)):
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


# -- the parser ----------------------------------------------------------------------------------


class NestedParser(argparse.ArgumentParser):
    """A `translations` subcommand: takes --root (and --lang, the language of messages) after
    its name too, like every `ideslussar` command. Their defaults are suppressed so that an
    option given before the subcommand's name is not overwritten.

    `export` and `import` use --lang for the translated language instead, as translators'
    tools do; their messages follow `translations --lang` or LANG.
    """

    def __init__(self, *, messages_lang: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_argument("--root", default=argparse.SUPPRESS,
                          help=argparse.SUPPRESS)
        if messages_lang:
            self.add_argument("--lang", choices=("en", "sv"), default=argparse.SUPPRESS,
                              help=argparse.SUPPRESS)


def register(subparsers: Any) -> None:
    """Add `translations` and its subcommands to the `ideslussar` parser.

    Help texts follow the editor's locale (LANG), like the messages: `--lang` is read only
    after the parser is built.
    """
    _ = i18n.cli_translations(message_language(None)).gettext
    parser = subparsers.add_parser(
        "translations", help=_("interface catalogs and the translation of the case studies"),
        description=_("Interface strings: extract, update, check. Case-study texts: status, "
                      "review, export, import."))
    commands = parser.add_subparsers(dest="translations_command", required=True,
                                     metavar="COMMAND", parser_class=NestedParser)

    extract = commands.add_parser("extract", help=_("write translations/site.pot and cli.pot "
                                                    "from the code and the templates"))
    extract.set_defaults(run=cmd_extract)
    update = commands.add_parser("update", help=_("merge the templates into every language's "
                                                  "catalogs, without fuzzy matching"))
    update.set_defaults(run=cmd_update)
    check = commands.add_parser("check", help=_("fail on any empty, fuzzy or obsolete entry "
                                                "and on a template out of step with the code"))
    check.set_defaults(run=cmd_check)

    status = commands.add_parser(
        "status", help=_("show which case-study texts are missing, outdated or current"),
        description=_("For each case, field and language: missing, outdated or current, and "
                      "whether a machine or a person translated it."))
    status.add_argument("files", nargs="*", help=_("case files (default: all)"))
    status.add_argument("--json", action="store_true", help=_("print JSON for tools"))
    status.add_argument("--strict", action="store_true",
                        help=_("exit 1 if any text is missing or outdated"))
    status.add_argument("--needs-work", action="store_true",
                        help=_("list only texts that are missing or outdated"))
    status.set_defaults(run=cmd_status)

    review = commands.add_parser(
        "review", help=_("record that translations match the Swedish as it is now"),
        description=_("Write the fingerprints of the Swedish texts (and the method) into the "
                      "file's translation block, keeping everything else in the file."))
    review.add_argument("files", nargs="+", metavar="FILE", help=_("case files"))
    review.add_argument("--field", action="append", default=None,
                        help=_("only this field (repeatable; default: every translated one)"))
    review.add_argument("--method", choices=[m.value for m in TranslationMethod],
                        default=None, help=_("how the translation was made (default: as "
                                             "recorded, or human)"))
    review.set_defaults(run=cmd_review)

    export = commands.add_parser("export", messages_lang=False,
                                 help=_("write the case-study texts to a PO file"))
    export.add_argument("files", nargs="*", help=_("case files (default: all)"))
    export.add_argument("--lang", dest="target_lang", choices=TRANSLATED_LANGUAGES,
                        default=TRANSLATED_LANGUAGES[0], help=_("the translated language"))
    export.add_argument("-o", "--output", required=True, help=_("the PO file to write"))
    export.add_argument("--needs-work", action="store_true",
                        help=_("only texts that are missing or outdated"))
    export.set_defaults(run=cmd_export)

    imports = commands.add_parser("import", messages_lang=False,
                                  help=_("write the translations of a PO file back into the "
                                         "case files"))
    imports.add_argument("po_file", metavar="FILE.po", help=_("the PO file to read"))
    imports.add_argument("--lang", dest="target_lang", choices=TRANSLATED_LANGUAGES,
                         default=None, help=_("the translated language (default: the PO "
                                              "file's Language)"))
    imports.add_argument("--method", choices=[m.value for m in TranslationMethod],
                         default=TranslationMethod.HUMAN.value,
                         help=_("how the translation was made (default: human)"))
    imports.set_defaults(run=cmd_import)

    migrate = commands.add_parser(
        "migrate", help=_("rewrite old translation blocks as one record per field"),
        description=_("Rewrite translation blocks of the old format (one method per file) as "
                      "one record per field and language. Files already in the new format are "
                      "left alone, so it can be run again at any time."))
    migrate.add_argument("files", nargs="*", help=_("case files (default: all)"))
    migrate.set_defaults(run=cmd_migrate)

    records = commands.add_parser(
        "records", help=_("list translations without a record, with the line to add"),
        description=_("A translation with no record, or changed after it was recorded, was "
                      "written by a person: print the record line to add, or write them."))
    records.add_argument("files", nargs="*", help=_("case files (default: all)"))
    records.add_argument("--write", action="store_true",
                         help=_("add the proposed records to the files"))
    records.add_argument("--diff", action="store_true",
                         help=_("print the change that adds them, as a diff to commit"))
    records.add_argument("--method", choices=[m.value for m in TranslationMethod],
                         default=TranslationMethod.HUMAN.value,
                         help=_("how the unrecorded translations were made (default: human, "
                                "written by hand; machine ones are recorded as not reviewed)"))
    records.set_defaults(run=cmd_records)

    sync = commands.add_parser(
        "sync", help=_("write the content catalogs in translations/content/"),
        description=_("Write one PO file per case and language in translations/content/, "
                      "for a translation platform such as Weblate; --check fails if any is out "
                      "of date."))
    sync.add_argument("--check", action="store_true",
                      help=_("only check that the stored catalogs are current"))
    sync.set_defaults(run=cmd_sync)
