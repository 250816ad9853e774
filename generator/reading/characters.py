"""Characters that break formats or deceive readers, found in any text an editor writes.

A control character makes `feed.xml` malformed and can make MkDocs drop a page's front matter;
a right-to-left override turns "exe.txt" into "txt.exe" on the page, in the feed and in a
spreadsheet; a name made of invisible characters is a blank link; a Cyrillic "а" in a Latin
word makes a second page for an idésluss that is already described. Word adds soft hyphens,
zero-width spaces and "•" bullets that look like nothing or like a list and are neither.

Every such character is refused where it was typed, with what to do instead: nothing here
changes an editor's text silently. The same checks run on case files and on content pages.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from .languages import editor_text
from .problems import N_

#: Bidirectional embeddings, overrides and isolates, and the invisible direction marks.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                          "\u200e\u200f\u061c")
#: Invisible characters Word and web pages leave in copied text (the soft hyphen and the
#: byte-order mark have messages of their own).
INVISIBLE = frozenset("\u200b\u2060\u2061\u2062\u2063\u2064\u180e")
SOFT_HYPHEN = "\u00ad"
BYTE_ORDER_MARK = "\ufeff"
LINE_SEPARATORS = frozenset("\u2028\u2029")
#: Bullets Word turns list items into when text is copied out of it.
BULLETS = "•◦▪●‣·"
WORD_BULLET = re.compile(f"^[ \\t]*([{BULLETS}])", re.MULTILINE)
#: Characters with no visible shape that are letters or symbols by category.
BLANK_LETTERS = frozenset("\u3164\u2800\u115f\u1160\uffa0\u17b4\u17b5")
#: Scripts whose letters look like Latin ones, and the Latin letters they pass for.
LOOK_ALIKES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "ԁ": "d", "ԛ": "q",
    "ԝ": "w", "г": "r", "п": "n", "ı": "i",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "Ү": "Y",
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "τ": "t", "ι": "i", "κ": "k", "υ": "u",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
})
WORD = re.compile(r"\w+")
#: The look-alike scripts' names in the Swedish messages.
SCRIPT_NAMES_SV = {"Cyrillic": "kyrilliska", "Greek": "grekiska"}
#: The first bytes of Greek and Cyrillic letters (U+0370-U+052F) in UTF-8: a bytes search
#: for them is some fifty times faster than a regex over the text, and they are rare.
LOOK_ALIKE_LEADS = tuple(bytes([lead]) for lead in range(0xCD, 0xD5))
#: Every character `character_finding` may object to, found by one regex search per text
#: (a thousand case files hold millions of characters; a Python loop over each is seconds).
_SUSPECT_SET = ("\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(sorted(BIDI_CONTROLS | INVISIBLE
                                                                 | LINE_SEPARATORS))
                + SOFT_HYPHEN + BYTE_ORDER_MARK)
SUSPECTS = re.compile(f"[{_SUSPECT_SET}]")
SUSPECTS_IN_A_LINE = re.compile(f"[\t\n{_SUSPECT_SET}]")


@dataclass(frozen=True)
class Finding:
    """One character problem in a text: where (an index into the text), what and the fix."""

    index: int
    text: str  # what is wrong: the character, or the word
    message: str  # msgid with {placeholders}
    expected: str  # msgid
    params: dict[str, object]


def describe(character: str) -> str:
    """A character as a message shows it: its code point and Unicode name."""
    name = unicodedata.name(character, "")
    if not name and ord(character) < 0x20:
        name = "CONTROL"
    return f"U+{ord(character):04X} {name}".rstrip()


def is_control(character: str, allow_layout: bool) -> bool:
    """C0 and C1 control characters and DEL; tab and newline only where text may have lines."""
    code = ord(character)
    if character in "\t\n":
        return not allow_layout
    return code < 0x20 or 0x7F <= code <= 0x9F


def is_invisible(character: str) -> bool:
    """Whether a character shows nothing by itself (spaces, format characters, marks)."""
    return (character.isspace() or character in BLANK_LETTERS
            or unicodedata.category(character) in ("Cc", "Cf", "Mn", "Me", "Zs", "Zl", "Zp"))


def character_findings(text: str, *, allow_layout: bool = True) -> Iterator[Finding]:
    """Every character problem in a text, in order. `allow_layout`: tabs and line breaks are
    allowed (a Markdown section, a content page), or are problems too (a one-line value)."""
    suspects = SUSPECTS if allow_layout else SUSPECTS_IN_A_LINE
    for match in suspects.finditer(text):
        finding = character_finding(match.group(), allow_layout)
        if finding is not None:
            yield Finding(match.start(), match.group(), *finding)
    # A substring search first: far cheaper than the line regex, and nearly every text has
    # no bullet at all.
    bulleted = any(bullet in text for bullet in BULLETS)
    for match in WORD_BULLET.finditer(text) if bulleted else ():
        yield Finding(match.start(1), match.group(1),
                      N_('a line starts with the bullet "{bullet}" copied from a word processor'),
                      N_('start the line with "- " (a hyphen and a space) to make a list item'),
                      {"bullet": match.group(1)})
    if not has_look_alike_script(text):
        return
    for match in WORD.finditer(text):
        script = mixed_script(match.group())
        if script:
            yield Finding(match.start(), match.group(),
                          N_('the word "{word}" mixes Latin letters with {script} letters that '
                             "look the same"), N_("type the word again on your keyboard"),
                          {"word": match.group(),
                           "script": editor_text(script, SCRIPT_NAMES_SV[script])})


def character_finding(character: str, allow_layout: bool
                      ) -> tuple[str, str, dict[str, object]] | None:
    """The problem with one character, if it has one: message, expected, parameters."""
    params: dict[str, object] = {"character": describe(character)}
    if is_control(character, allow_layout):
        return (N_("the text holds the control character {character}"),
                N_("delete it: it is invisible and breaks the feed and the data files"), params)
    if character in BIDI_CONTROLS:
        return (N_("the text holds {character}, which changes the direction of the text "
                   "around it"), N_("delete it"), params)
    if character == SOFT_HYPHEN:
        return (N_("the text holds a soft hyphen ({character}), invisible, usually copied "
                   "from Word"), N_("delete it: browsers hyphenate by themselves"), params)
    if character == BYTE_ORDER_MARK:
        return (N_("the text holds a byte-order mark ({character}), invisible, usually "
                   "copied from another file"), N_("delete it"), params)
    if character in INVISIBLE:
        return (N_("the text holds the invisible character {character}"),
                N_("delete it; use an ordinary space where a space is meant"), params)
    if character in LINE_SEPARATORS:
        return (N_("the text holds {character}"), N_("use an ordinary line break"), params)
    return None


def has_look_alike_script(text: str) -> bool:
    """Whether a text has a Greek or Cyrillic letter at all (or a rare neighbour)."""
    if text.isascii():
        return False
    data = text.encode("utf-8")
    return any(lead in data for lead in LOOK_ALIKE_LEADS)


def mixed_script(word: str) -> str:
    """The look-alike script ("Cyrillic", "Greek") of a word that mixes it with Latin
    letters, or ""."""
    if word.isascii():
        return ""
    scripts = {unicodedata.name(character, "").split(" ", 1)[0] for character in word
               if character.isalpha()}
    if "LATIN" not in scripts:
        return ""
    for script in ("CYRILLIC", "GREEK"):
        if script in scripts:
            return script.capitalize()
    return ""


def is_blank(text: str) -> bool:
    """A text with characters, none of which shows: a blank link, a name no one can read."""
    return bool(text) and all(is_invisible(character) for character in text)


def skeleton(text: str) -> str:
    """A name as it looks: look-alike Cyrillic and Greek letters as the Latin ones, so two
    names that read the same compare equal."""
    return text.translate(LOOK_ALIKES)


def position(text: str, index: int, line: int = 1, column: int = 1) -> tuple[int, int]:
    """The line and column (1-based) of `text[index]`, for a text that starts at
    `line`:`column` of its file."""
    before = text.count("\n", 0, index)
    if before == 0:
        return line, column + index
    return line + before, index - text.rfind("\n", 0, index)
