"""Problems found in the editors' files, and how they are told.

Every check reports a `Problem` instead of raising, so one run lists every mistake in every file
(an editor fixing one error per build would give up). The message is a gettext msgid with
`{placeholders}`, translated only when printed, so the same problem reads in English or Swedish.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field


def N_(message: str) -> str:  # noqa: N802 - the gettext convention extractors look for
    """Mark a message for extraction; it is translated later, when printed."""
    return message


@dataclass(frozen=True)
class Localized:
    """A parameter value written in each language (a field's help, a language's name).

    The message's translation uses the same `{placeholder}` as the msgid, as gettext's tools
    require (`msgfmt -c` refuses a msgstr with placeholders the msgid lacks); the value is
    picked in the language the message is printed in, else in the first language given: the
    interface's own (`languages.editor_text` makes them so), the language of the msgids.
    """

    by_lang: Mapping[str, str]

    def pick(self, lang: str | None) -> str:
        return (self.by_lang.get(lang) if lang else None) or next(iter(self.by_lang.values()))


@dataclass(frozen=True)
class Problem:
    """One mistake: where it is, which field, what is wrong and what is expected."""

    file: str
    line: int  # 1-based
    column: int  # 1-based
    field: str  # dotted path of the field ("period.start"), "" for the file as a whole
    message: str  # msgid, may hold {placeholders}
    expected: str = ""  # msgid: what would be right
    params: Mapping[str, object] = dataclass_field(default_factory=dict)

    def render(self, gettext: Callable[[str], str], lang: str | None = None) -> str:
        """`path:line:column: field: what is wrong; what is expected`, in `lang` (the language
        of `gettext`; None: the msgids' own)."""
        text = self.text(gettext, lang)
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {text}" if self.field else f"{where}: {text}"

    def text(self, gettext: Callable[[str], str], lang: str | None = None) -> str:
        """What is wrong and what is expected, without the place."""
        params = {key: value.pick(lang) if isinstance(value, Localized) else value
                  for key, value in self.params.items()}
        text = gettext(self.message).format(**params)
        if self.expected:
            text += "; " + gettext(self.expected).format(**params)
        return text

    @property
    def sort_key(self) -> tuple[str, int, int]:
        return (self.file, self.line, self.column)


#: What must not reach a terminal or a CI log as itself: control characters (an escape
#: sequence can clear the screen or move the cursor, a line break can print a fake line or
#: start one with `::error`), DEL and C1, and the characters that reverse text direction.
TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                             "\u202a-\u202e\u2066-\u2069]")
ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def terminal_text(text: str) -> str:
    """A message made safe to print: every unsafe character shown as an escape ("\\x1b",
    "\\n", "\\u202e"), so the editor sees what is in the file and nothing happens."""
    return TERMINAL_UNSAFE.sub(lambda match: ESCAPES.get(match.group())
                               or match.group().encode("unicode_escape").decode("ascii"), text)


class InvalidContentError(Exception):
    """Raised once, after every file was read, when any problem was found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the content")
        self.problems = sorted(problems, key=lambda problem: problem.sort_key)


class DataFileError(ValueError):
    """The generator's own data (generator/data/*.yml) is wrong: a developer's mistake, shown
    as the file and what to fix, not as a traceback."""
