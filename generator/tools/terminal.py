"""What editors see in their terminal: the language of the messages and the list of problems.

Shared by `cli` and `translations_cli`, so the two commands show problems one way and neither
imports the other.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from ..reading.problems import Problem
from ..site import i18n


def message_language(choice: str | None) -> str:
    """Swedish when asked for, or when the editor's locale is Swedish; English otherwise."""
    if choice:
        return choice
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    return "en"


def print_problems(problems: Sequence[Problem], lang: str) -> None:
    gettext = i18n.translations(lang).gettext
    for problem in sorted(problems, key=lambda p: p.sort_key):
        print(problem.render(gettext), file=sys.stderr)
    summary = (i18n.translations(lang).ngettext("{count} problem found", "{count} problems found",
                                                len(problems)).format(count=len(problems)))
    print(summary, file=sys.stderr)
