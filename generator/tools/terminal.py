"""What editors see in their terminal: the language of the messages, the list of problems,
a failure's message and the exit codes.

Shared by `cli`, `translations_cli` and `case_texts_cli`, so the commands show problems one way
and none imports another for it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from ..reading.languages import EDITOR_LANGUAGES, SOURCE_LANGUAGE
from ..reading.problems import InvalidContentError, Problem, terminal_text
from ..site import i18n


def message_language(choice: str | None) -> str:
    """Swedish when asked for, or when the editor's locale is Swedish; English otherwise (the
    languages of `EDITOR_LANGUAGES`; otherwise the interface's own)."""
    if choice:
        return choice
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return next((lang for lang in EDITOR_LANGUAGES if value.lower().startswith(lang)),
                        SOURCE_LANGUAGE)
    return SOURCE_LANGUAGE


def print_problems(problems: Sequence[Problem], lang: str) -> None:
    """Every problem on its own line; in a GitHub Actions job also as an annotation, which
    the pull request shows on the changed line, in Swedish and English."""
    gettext = i18n.cli_translations(lang).gettext
    for problem in sorted(problems, key=lambda p: p.sort_key):
        print(terminal_text(problem.render(gettext, lang)), file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in sorted(problems, key=lambda p: p.sort_key):
            print(github_annotation(problem))
    summary = i18n.cli_translations(lang).ngettext(
        # TRANSLATORS: the last line of 'ideslussar validate' when case files have mistakes.
        "{count} problem found", "{count} problems found", len(problems)).format(
        count=len(problems))
    print(summary, file=sys.stderr)


def annotation_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's runner expects."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def annotation_property(text: str) -> str:
    return annotation_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    """`::error file=…,line=…,col=…,title=…::svenska / English` for one problem."""
    texts = [problem.text(i18n.cli_translations(lang).gettext, lang) for lang in EDITOR_LANGUAGES]
    title = problem.field or problem.file
    return (f"::error file={annotation_property(problem.file)},line={problem.line},"
            f"col={problem.column},title={annotation_property(title)}::"
            + annotation_data(terminal_text(" / ".join(texts))))


EXIT_OK = 0
EXIT_FAILED = 1

Gettext = Callable[[str], str]


def gettext_for(args: argparse.Namespace) -> Gettext:
    return i18n.cli_translations(args.lang).gettext


def fail(args: argparse.Namespace, message: str, **params: object) -> int:
    print(terminal_text(gettext_for(args)(message).format(**params)), file=sys.stderr)
    return EXIT_FAILED


def print_invalid(args: argparse.Namespace, error: InvalidContentError) -> int:
    print_problems(error.problems, args.lang)
    return EXIT_FAILED
