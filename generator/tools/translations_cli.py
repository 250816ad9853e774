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
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..reading.corpus import case_files, read_cases
from ..reading.model import TRANSLATED_LANGUAGES, TranslationMethod
from ..reading.problems import N_, InvalidContentError
from ..reading.registry import load_registry
from ..reading.translation import FieldStatus, State, case_status
from ..site import i18n
from . import catalog
from .content_po import export_catalog, import_catalog, write_catalog
from .reviewing import UnknownFieldError, record
from .terminal import message_language, print_problems

EXIT_OK = 0
EXIT_FAILED = 1

STATE_LABELS: dict[State, str] = {
    State.CURRENT: N_("current"),
    State.OUTDATED: N_("outdated"),
    State.MISSING: N_("missing"),
}
METHOD_LABELS: dict[TranslationMethod, str] = {
    TranslationMethod.MACHINE: N_("machine"),
    TranslationMethod.HUMAN: N_("human"),
}

Gettext = Callable[[str], str]


def gettext_for(args: argparse.Namespace) -> Gettext:
    return i18n.translations(args.lang).gettext


def fail(args: argparse.Namespace, message: str, **params: object) -> int:
    print(gettext_for(args)(message).format(**params), file=sys.stderr)
    return EXIT_FAILED


def print_invalid(args: argparse.Namespace, error: InvalidContentError) -> int:
    print_problems(error.problems, args.lang)
    return EXIT_FAILED


# -- interface strings ---------------------------------------------------------------------------


def cmd_extract(args: argparse.Namespace) -> int:
    """Write translations/messages.pot from the code and the templates."""
    root = Path(args.root)
    template = catalog.extract(root)
    catalog.write_catalog(template, catalog.template_path(root))
    print(gettext_for(args)("{count} strings written to {file}").format(
        count=sum(1 for message in template if message.id),
        file=catalog.relative(catalog.template_path(root), root)))
    return EXIT_OK


def cmd_update(args: argparse.Namespace) -> int:
    """Merge the template into every language's catalog (no fuzzy matching)."""
    root = Path(args.root)
    if not catalog.template_path(root).is_file():
        return fail(args, N_("the template is missing: run 'ideslussar translations extract'"))
    gettext = gettext_for(args)
    for lang in catalog.CATALOG_LANGUAGES:
        merged = catalog.update(root, lang)
        untranslated = sum(1 for message in merged
                           if message.id and not all(catalog.strings_of(message)))
        print(gettext("{file}: {count} strings, {untranslated} to translate, {obsolete} "
                      "obsolete").format(file=catalog.relative(catalog.po_path(root, lang), root),
                                         count=sum(1 for message in merged if message.id),
                                         untranslated=untranslated,
                                         obsolete=len(merged.obsolete)))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Fail on any empty, fuzzy or obsolete entry and on a template that is out of step."""
    problems = catalog.check_catalogs(Path(args.root))
    gettext = gettext_for(args)
    for problem in problems:
        print(problem.render(gettext), file=sys.stderr)
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
               "method": None if s.state is State.MISSING else s.method.value}
              for s in statuses]
    totals = Counter(s.state.value for s in statuses)
    methods = Counter(s.method.value for s in statuses if s.state is State.CURRENT)
    return {"fields": fields,
            "totals": {state.value: totals.get(state.value, 0) for state in State},
            "current_by_method": {m.value: methods.get(m.value, 0) for m in TranslationMethod}}


def print_status_table(statuses: list[FieldStatus], gettext: Gettext, *,
                       needs_work_only: bool) -> None:
    headers = [gettext("case"), gettext("field"), gettext("lang"), gettext("state"),
               gettext("method")]
    rows = [[s.case, s.field, s.lang, gettext(STATE_LABELS[s.state]),
             "–" if s.state is State.MISSING else gettext(METHOD_LABELS[s.method])]
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


def method_choice(value: str | None) -> TranslationMethod | None:
    return TranslationMethod(value) if value else None


def cmd_review(args: argparse.Namespace) -> int:
    """Record that the translations of the given fields match the Swedish as it is now."""
    root = Path(args.root)
    registry = load_registry()
    gettext = gettext_for(args)
    method = method_choice(args.method)
    failed = False
    for name in args.files:
        try:
            for lang in TRANSLATED_LANGUAGES:
                change = record(Path(name), root, registry, lang, method, fields=args.field)
                print(gettext("{file}: {lang}: {count} fields recorded as reviewed").format(
                    file=change.file, lang=lang, count=len(change.reviewed)))
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
        print(gettext("{file}: {texts} texts written, {reviewed} fingerprints recorded")
              .format(file=change.file, texts=len(change.texts),
                      reviewed=len(change.reviewed)))
    for label, contexts in ((N_("left out, still marked fuzzy: {entries}"), report.fuzzy),
                            (N_("left out, not translated: {entries}"), report.empty),
                            (N_("left out, no such case or field: {entries}"),
                             report.unknown)):
        if contexts:
            print(gettext(label).format(entries=", ".join(contexts)), file=sys.stderr)
    return EXIT_FAILED if report.unknown else EXIT_OK


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
    _ = i18n.translations(message_language(None)).gettext
    parser = subparsers.add_parser(
        "translations", help=_("interface catalogs and the translation of the case studies"),
        description=_("Interface strings: extract, update, check. Case-study texts: status, "
                      "review, export, import."))
    commands = parser.add_subparsers(dest="translations_command", required=True,
                                     metavar="COMMAND", parser_class=NestedParser)

    extract = commands.add_parser("extract", help=_("write translations/messages.pot from the "
                                                    "code and the templates"))
    extract.set_defaults(run=cmd_extract)
    update = commands.add_parser("update", help=_("merge messages.pot into every language's "
                                                  "catalog, without fuzzy matching"))
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
