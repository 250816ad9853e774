"""Reading a translator's PO file strictly, completely, before anything is done with it.

A PO file comes back from Poedit, Weblate, translate-toolkit or an e-mail attachment. Babel's
reader is forgiving: a file cut off in the middle of a string, random bytes or a file for
another language are read without complaint, and the damage shows only in the case files.
Here every line must be a comment, a keyword with a complete quoted string, or a complete
continuation string; every entry must have its msgid and msgstr; the file must end with a line
break (a file cut off mid-line does not). Any problem is reported with its line, and the
caller writes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..reading.loading import not_a_file
from ..reading.problems import N_, Problem

MAX_PO_BYTES = 20_000_000
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"\s*$')
KEYWORD = re.compile(r"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(.*)$")
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
           "f": "\f", "v": "\v"}


@dataclass
class PoEntry:
    """One entry as read, with the line it starts on for messages."""

    line: int
    context: str | None = None
    msgid: str | None = None
    msgstr: str | None = None
    plural: bool = False
    flags: set[str] = field(default_factory=set)
    current: str = ""  # the keyword the next continuation string belongs to


@dataclass(frozen=True)
class PoFile:
    """A read PO file: its header fields and its (non-obsolete) entries."""

    header: dict[str, str]
    entries: list[PoEntry]


class PoReadError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the PO file")
        self.problems = problems


def unescape(body: str) -> str | None:
    """The text of a PO string's body; None for an escape PO does not have."""
    out: list[str] = []
    chars = iter(body)
    for char in chars:
        if char != "\\":
            out.append(char)
            continue
        nxt = next(chars, "")
        if nxt not in ESCAPES:
            return None
        out.append(ESCAPES[nxt])
    return "".join(out)


def read_po_file(path: Path, shown_as: str) -> PoFile:
    """The PO file's header and entries, or `PoReadError` listing every problem found."""
    if not path.is_file():  # missing, a folder, a pipe that would wait for ever
        raise PoReadError([Problem(shown_as, 1, 1, "", N_("there is no such file"), N_(
            "name the PO file written by 'ideslussar translations export'"))
            if not path.exists() else not_a_file(shown_as)])
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PoReadError([Problem(shown_as, 1, 1, "", N_("the file cannot be read: {error}"),
                                   N_("check that you may read the file"),
                                   {"error": error.strerror or str(error)})]) from None
    if len(data) > MAX_PO_BYTES:
        raise PoReadError([Problem(shown_as, 1, 1, "", N_("the file is {size} bytes long"),
                                   N_("a PO file of the case studies is at most {limit} bytes"),
                                   {"size": len(data), "limit": MAX_PO_BYTES})])
    try:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as error:
        where = data[: error.start].count(b"\n") + 1
        raise PoReadError([Problem(shown_as, where, 1, "", N_(
            "this is not a PO file: byte {offset} is not UTF-8 text"),
            N_("export the file again with 'ideslussar translations export', or save it as "
               "UTF-8"), {"offset": error.start})]) from None
    problems: list[Problem] = []
    entries: list[PoEntry] = []
    entry: PoEntry | None = None

    def problem(line: int, message: str, expected: str = "", **params: object) -> None:
        problems.append(Problem(shown_as, line, 1, "", message, expected, params))

    def finish(current: PoEntry | None) -> None:
        if current is None:
            return
        if current.msgid is None or current.msgstr is None:
            problem(current.line, N_("the entry has no {keyword}: the file may be cut off"),
                    N_("export the file again, or complete the entry"),
                    keyword="msgstr" if current.msgid is not None else "msgid")
        else:
            entries.append(current)

    lines = text.replace("\r\n", "\n").split("\n")
    if text and not text.endswith("\n"):
        problem(len(lines), N_("the file ends in the middle of a line: it may be cut off"),
                N_("save or send the whole file again"))
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if not stripped:
            finish(entry)
            entry = None
            continue
        if stripped.startswith("#~") or (stripped.startswith("#|")) or stripped == "#":
            continue  # obsolete entries and previous msgids are the translator's notes
        if stripped.startswith("#"):
            if entry is not None and entry.msgstr is not None:
                finish(entry)
                entry = None
            entry = entry or PoEntry(number)
            if stripped.startswith("#,"):
                entry.flags |= {flag.strip() for flag in stripped[2:].split(",") if flag.strip()}
            continue
        keyword_match = KEYWORD.match(stripped)
        string_source = keyword_match.group(2) if keyword_match else stripped
        string_match = STRING.fullmatch(string_source.strip())
        value = unescape(string_match.group(1)) if string_match else None
        if value is None:
            problem(number, N_("this line is not complete PO: a string must be in straight "
                               "double quotes, closed on the same line"),
                    N_("the file may be cut off or damaged: export it again"))
            continue
        if keyword_match is None:
            if entry is None or not entry.current:
                problem(number, N_("a string without msgid or msgstr before it"),
                        N_("the file may be damaged: export it again"))
                continue
            append(entry, entry.current, value)
            continue
        keyword = keyword_match.group(1)
        if keyword in ("msgctxt", "msgid") and entry is not None and entry.msgstr is not None:
            finish(entry)
            entry = None
        entry = entry or PoEntry(number)
        if keyword.startswith("msgstr[") or keyword == "msgid_plural":
            entry.plural = True
            keyword = "msgstr" if keyword.startswith("msgstr") else "msgid_plural"
            if keyword == "msgstr" and entry.msgstr is not None:
                entry.current = "msgid_plural"  # further plural forms: read, then refused
                continue
        entry.current = keyword
        append(entry, keyword, value, start=True)
    finish(entry)
    if problems:
        raise PoReadError(problems)
    header_entries = [e for e in entries if e.msgid == "" and e.context is None]
    if not header_entries:
        raise PoReadError([Problem(shown_as, 1, 1, "", N_("this is not a PO file of the case "
                                                          "studies: it has no header"),
                                   N_("export the file with 'ideslussar translations export'"))])
    header = {}
    for header_line in (header_entries[0].msgstr or "").split("\n"):
        key, colon, value = header_line.partition(":")
        if colon:
            header[key.strip()] = value.strip()
    return PoFile(header, [e for e in entries if e is not header_entries[0]])


def append(entry: PoEntry, keyword: str, value: str, *, start: bool = False) -> None:
    """Add a string to the entry's msgctxt, msgid or msgstr (a plural's forms are kept only
    to be refused later)."""
    if keyword == "msgid_plural":
        return
    attribute = "context" if keyword == "msgctxt" else keyword
    before = "" if start else (getattr(entry, attribute) or "")
    setattr(entry, attribute, before + value)
