"""`ideslussar translations ...`: the translators' commands.

Two kinds of text are translated, and each has its own commands:

- interface strings (buttons, headings, messages): gettext catalogs made with Babel's API.
  `extract` writes the template from the code and templates (babel.cfg, with the N_ marker
  besides Babel's default keywords), `update` merges it into each language's catalog without
  fuzzy matching, and `check` fails on anything that would show English on a Swedish page.
  English is the msgid language, so there is no English catalog, and compiled `.mo` files
  are never written (`i18n.py` compiles in memory).
- case-study texts: `status`, `review`, `export`, `import`, `migrate`, `records` and `sync`,
  whose commands are in `case_texts_cli`; `add-language` adds a language of the table to
  every case file (`add_language`).

This module registers the commands and runs the interface-string ones; the work is in
`catalog`, `reviewing`, `content_po` and `add_language`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..output import replace_file
from ..reading import catalogs
from ..reading.corpus import case_files, display_path
from ..reading.languages import EDITOR_LANGUAGES
from ..reading.loading import read_text
from ..reading.model import TRANSLATED_LANGUAGES, TranslationMethod
from ..reading.problems import N_, InvalidContentError, terminal_text
from ..site import i18n
from . import catalog
from .add_language import add_language
from .case_texts_cli import (
    cmd_export,
    cmd_import,
    cmd_migrate,
    cmd_records,
    cmd_review,
    cmd_status,
    cmd_sync,
)
from .terminal import EXIT_FAILED, EXIT_OK, fail, gettext_for, message_language, print_invalid
from .yaml_edit import YamlEditError

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
    unreadable = [problem for domain in i18n.DOMAINS for lang in catalog.KEPT_LANGUAGES
                  for problem in catalog.file_problems(root, lang, domain)]
    if unreadable:  # merged, such a file would be rewritten with what Babel guessed of it
        return print_invalid(args, InvalidContentError(unreadable))
    gettext = gettext_for(args)
    for domain in i18n.DOMAINS:
        for lang in catalog.KEPT_LANGUAGES:
            merged = catalog.update(root, lang, domain)
            untranslated = sum(1 for message in merged
                               if message.id and not all(catalogs.strings_of(message)))
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
        summary = i18n.cli_translations(args.lang).ngettext(
            "{count} problem in the catalogs", "{count} problems in the catalogs", len(problems))
        print(terminal_text(summary.format(count=len(problems))), file=sys.stderr)
        return EXIT_FAILED
    print(gettext("The catalogs are complete and current."))
    return EXIT_OK


# -- a new language ------------------------------------------------------------------------------


def cmd_add_language(args: argparse.Namespace) -> int:
    """Add `LANG: ~` to every text of the case files, once the language is in the table.

    Every file is read and edited in memory before any is written."""
    if args.new_lang not in TRANSLATED_LANGUAGES:
        return fail(args, N_('"{lang}" is not a translated language of the site: add it to '
                             "generator/data/languages.yml first"), lang=args.new_lang)
    root = Path(args.root)
    changed: dict[Path, str] = {}
    problems = []
    for path in [Path(f) for f in args.files] or case_files(root / "municipalities"):
        text, found = read_text(path, display_path(path, root))
        problems.extend(found)
        if text is None:
            continue
        try:
            edited = add_language(text, args.new_lang)
        except YamlEditError as error:
            return fail(args, N_("{file} cannot be edited: {problem}"), file=path,
                        problem=str(error))
        if edited != text:
            changed[path] = edited
    if problems:
        return print_invalid(args, InvalidContentError(problems))
    for path, edited in changed.items():
        replace_file(path, edited)
    gettext = gettext_for(args)
    print(gettext("{lang}: ~ added to {count} case files").format(lang=args.new_lang,
                                                                  count=len(changed)))
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
            self.add_argument("--lang", choices=EDITOR_LANGUAGES, default=argparse.SUPPRESS,
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

    add = commands.add_parser(
        "add-language", help=_("add a language of the table to every case file, as not yet "
                               "translated"),
        description=_("Write LANG: ~ after the last language of every text of the case files, "
                      "keeping comments and layout, once LANG is in "
                      "generator/data/languages.yml."))
    add.add_argument("new_lang", metavar="LANG", help=_("the language code, such as fi"))
    add.add_argument("files", nargs="*", help=_("case files (default: all)"))
    add.set_defaults(run=cmd_add_language)
