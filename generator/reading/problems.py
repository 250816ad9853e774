"""Problems found in the editors' files, and how they are told.

Every check reports a `Problem` instead of raising, so one run lists every mistake in every file
(an editor fixing one error per build would give up). The message is a gettext msgid with
`{placeholders}`, translated only when printed, so the same problem reads in English or Swedish.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field


def N_(message: str) -> str:  # noqa: N802 - the gettext convention extractors look for
    """Mark a message for extraction; it is translated later, when printed."""
    return message


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

    def render(self, gettext: Callable[[str], str]) -> str:
        """`path:line:column: field: what is wrong; what is expected`, in gettext's language."""
        text = gettext(self.message).format(**self.params)
        if self.expected:
            text += "; " + gettext(self.expected).format(**self.params)
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {text}" if self.field else f"{where}: {text}"

    @property
    def sort_key(self) -> tuple[str, int, int]:
        return (self.file, self.line, self.column)


class InvalidContentError(Exception):
    """Raised once, after every file was read, when any problem was found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the content")
        self.problems = sorted(problems, key=lambda problem: problem.sort_key)
