"""The interface catalogs (`.po` files) as inputs: read strictly, and checked entry by entry.

A translator's catalog reaches readers' pages and editors' terminals, so a mistake in it must
stop the build with its file, line and msgid, like a mistake in a case file, and never as a
traceback in the middle of rendering. The build (through `i18n`), `ideslussar validate` and
`ideslussar translations check` all ask this module, so they refuse the same things:

- a file Babel cannot read as a PO file, in its encoding, or with a plural formula gettext
  cannot evaluate;
- a plural entry with another number of forms than the language has;
- a msgstr whose placeholders differ from its msgid's: a name the msgid does not have, another
  conversion (`%(num)d` for `%(num)s`, `{size:d}` for `{size}`), or a `%` or brace that is no
  placeholder at all. The code formats a msgstr exactly as it formats the msgid (`%` for a
  msgid with `%(name)s` and in templates, `str.format` for one with `{name}`), so anything
  else fails there. Babel's `checkers.python_format` is the model for the `%` rules;
- empty and fuzzy entries (the msgid language's catalog may leave an entry empty: it holds
  only wording fixes), and markup characters the msgid does not have (the site escapes every
  msgstr anyway; the check tells the translator at once).
"""

from __future__ import annotations

import gettext
import json
import re
from dataclasses import dataclass
from pathlib import Path

from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileError, read_po

from .placeholders import Found, brace_problems, percent_problems
from .problems import N_, Problem

#: What the messages quote of a msgid: enough to find it in the file.
SHOWN_LENGTH = 80
#: The longest plural formula read: gettext evaluates it by compiling it to Python.
MAX_PLURAL_LENGTH = 200


#: An entry as `Catalog.delete` takes it: its msgid (the first, of a plural) and context.
MessageKey = tuple[str, str | None]


@dataclass(frozen=True)
class CheckedCatalog:
    """A catalog as read, with everything wrong in it; `broken` are the entries (msgid, or
    (msgid, context)) a compiled catalog must leave out, so that the English shows instead of
    a traceback wherever a catalog is used without being refused first (the commands' own
    messages)."""

    catalog: Catalog | None  # None: the file cannot be read as a catalog at all
    problems: tuple[Problem, ...]
    broken: frozenset[MessageKey]


def read_catalog_at(path: Path, lang: str, shown_as: str, *, optional: bool
                    ) -> CheckedCatalog:
    """The catalog the build compiles, checked as the build needs it (`for_build`); an
    `optional` one (the msgid language's) may be missing."""
    if optional and not path.is_file() and not path.is_symlink():
        return CheckedCatalog(None, (), frozenset())  # the msgids are the English
    if path.is_symlink() or path.resolve() != path:  # a link could make any file a catalog
        return CheckedCatalog(None, (Problem(shown_as, 1, 1, "", N_(
            "the catalog is a symbolic link: put the catalog itself there")),), frozenset())
    if not path.is_file():
        return CheckedCatalog(None, (Problem(shown_as, 1, 1, "", N_(
            "the catalog is missing: run 'ideslussar translations update'")),), frozenset())
    return read_catalog_file(path, lang, shown_as, for_build=True)


def read_catalog_file(path: Path, lang: str, shown_as: str, *, empty_allowed: bool = False,
                      for_build: bool = False) -> CheckedCatalog:
    """Read the catalog at `path` strictly (any line Babel cannot parse is a problem, where
    Babel itself would only print a warning) and check its header and every entry.

    `for_build`: only what breaks the file or the formatting of a text is a problem. Empty
    and fuzzy entries are left out of the compiled catalog and show the English, and markup
    is escaped on the pages; `translations check` refuses those too, and with
    `empty_allowed` (the msgid language's wording fixes) all but the empty ones."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return unreadable(shown_as, 1, N_("the catalog cannot be read: {error}"),
                          N_("check that the file exists and that you may read it"),
                          error=error.strerror or str(error))
    try:
        catalog = read_po(data.splitlines(keepends=True), locale=lang, abort_invalid=True)
    except PoFileError as error:
        if "num_plurals" in str(error):  # Babel's words for a header with too few forms
            return CheckedCatalog(None, tuple(plural_count_problems(
                lang, shown_as, data, declared_plurals(data))), frozenset())
        return unreadable(shown_as, error.lineno + 1, N_("this line is not valid in a PO "
                                                         "file: {error}"),
                          N_("compare it with the entries around it; each entry is msgid "
                             '"..." and msgstr "..." in straight double quotes'),
                          error=str(error).rsplit(" on ", 1)[0])
    except (UnicodeDecodeError, LookupError):
        return unreadable(shown_as, undecodable_line(data), N_("the catalog is not saved as "
                                                               "UTF-8"),
                          N_('save it as UTF-8, with "charset=UTF-8" in its header'))
    except (ValueError, UnknownLocaleError) as error:  # a header Babel cannot take in
        return unreadable(shown_as, header_line(data, b"Plural-Forms"), N_(
            "the catalog's header cannot be read: {error}"), N_(
            "write the header as Babel has it for the language: Plural-Forms: {expected}"),
            error=str(error), expected=plural_forms(lang))
    header = (line_problems(data, shown_as) or header_problems(catalog, lang, shown_as, data)
              or duplicate_problems(catalog, data, shown_as))
    if header:
        return CheckedCatalog(None, tuple(header), frozenset())
    found = entry_problems(catalog, shown_as, empty_allowed=empty_allowed or for_build,
                           formatting_only=for_build, lines=data.splitlines())
    broken = frozenset(key for key, _ in found)
    return CheckedCatalog(catalog, tuple(problem for _, problem in found), broken)


def unreadable(shown_as: str, line: int, message: str, what_to_do: str,
               **params: object) -> CheckedCatalog:
    """A catalog that cannot be checked entry by entry: its one problem, and nothing compiled
    from it (the build refuses it; the commands then print their English messages)."""
    return CheckedCatalog(None, (Problem(shown_as, line, 1, "", message, what_to_do, params),),
                          frozenset())


def undecodable_line(data: bytes) -> int:
    """The first line that is not UTF-8 (the project's catalogs are UTF-8)."""
    for number, line in enumerate(data.splitlines(), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            return number
    return 1


def header_line(data: bytes, name: bytes) -> int:
    """The line of a header field, for the messages about it (1 if it is not there)."""
    for number, line in enumerate(data.splitlines(), start=1):
        if line.lstrip(b'"').startswith(name + b":"):
            return number
    return 1


def plural_forms(lang: str) -> str:
    """The plural forms Babel knows for `lang` (CLDR's), as a header writes them."""
    count, formula = get_plural(lang)
    return f"nplurals={count}; plural={formula};"


def header_problems(catalog: Catalog, lang: str, shown_as: str, data: bytes) -> list[Problem]:
    """A plural formula gettext cannot evaluate, or a number of forms the language does not
    have: every plural text would then show the wrong form, or none."""
    formula = catalog.plural_expr
    expected = plural_forms(lang)
    try:
        if len(formula) > MAX_PLURAL_LENGTH:
            raise ValueError(formula[:40])
        gettext.c2py(formula)  # what the compiled catalog does with it when it is loaded
    except (ValueError, SyntaxError, RecursionError) as error:
        return [Problem(shown_as, header_line(data, b"Plural-Forms"), 1, "",
                        N_("the plural formula cannot be evaluated: {error}"),
                        N_("write the header as Babel has it for the language: "
                           "Plural-Forms: {expected}"),
                        {"error": str(error), "expected": expected})]
    return plural_count_problems(lang, shown_as, data, catalog.num_plurals)


def plural_count_problems(lang: str, shown_as: str, data: bytes, declared: int
                          ) -> list[Problem]:
    """A header that declares another number of plural forms than the language has."""
    count = get_plural(lang)[0]
    if declared == count:
        return []
    return [Problem(shown_as, header_line(data, b"Plural-Forms"), 1, "",
                    N_("the header says nplurals={declared}, but the language has {count} "
                       "plural forms"),
                    N_("write the header as Babel has it for the language: "
                       "Plural-Forms: {expected}"),
                    {"declared": declared, "count": count, "expected": plural_forms(lang)})]


def duplicate_problems(catalog: Catalog, data: bytes, shown_as: str) -> list[Problem]:
    """An entry written twice: Babel keeps the last silently, gettext's msgfmt refuses it.
    Counted first (one msgid line per entry), then found by its first line."""
    written = sum(1 for line in data.splitlines() if line.startswith(b"msgid "))
    if written <= len(catalog) + 1:  # the header is an entry with msgid ""
        return []
    seen: dict[tuple[bytes, bytes], int] = {}
    context = b""
    for number, line in enumerate(data.splitlines(), start=1):
        if line.startswith(b"msgctxt "):
            context = line
        elif line.startswith(b"msgid ") and line != b'msgid ""':
            first = seen.setdefault((context, line), number)
            context = b""
            if first != number:
                return [Problem(shown_as, number, 1, "", N_(
                    "this entry is also on line {line}"), N_("delete one of the two"),
                    {"line": first})]
    return []


def declared_plurals(data: bytes) -> int:
    """The `nplurals` a header writes, read from the bytes: Babel refuses a catalog whose
    forms are too few before it gives its header, and the message names the number."""
    found = re.search(rb"nplurals\s*=\s*(\d+)", data)
    return int(found.group(1)) if found else 0


#: A line of a PO file as gettext's tools accept it: a comment, a keyword and a string in
#: double quotes, or a string that continues the one above (Babel takes more, silently
#: cutting a character off each end of `msgid Sources`).
PO_LINE = re.compile(rb'\s*(?:#(?!~).*|(?:#~\s*)?(?:(?:msgctxt|msgid|msgid_plural|'
                     rb'msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*|)')


#: Control characters: invisible in most editors, and a NUL ends a text in a compiled catalog.
CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def line_problems(data: bytes, shown_as: str) -> list[Problem]:
    """The first line that is not a comment, a keyword with its string, or a string."""
    for number, line in enumerate(data.splitlines(), start=1):
        control = CONTROL.search(line)
        if control:
            return [Problem(shown_as, number, control.start() + 1, "", N_(
                "this line has an invisible control character ({character})"), N_(
                "delete it; to break a line in a text, write \\n"),
                {"character": f"U+{control.group()[0]:04X}"})]
        if not PO_LINE.fullmatch(line):
            return [Problem(shown_as, number, 1, "", N_("this line is not valid in a PO file: "
                                                        "{error}"),
                            N_("compare it with the entries around it; each entry is msgid "
                               '"..." and msgstr "..." in straight double quotes'),
                            {"error": line.decode("utf-8", "replace").strip()[:60]})]
    return []


def message_key(message: Message) -> MessageKey:
    """The key `Catalog.delete` takes, so that a broken entry can be left out of a compile."""
    return (message.id if isinstance(message.id, str) else message.id[0]), message.context


def shown_msgid(message: Message) -> str:
    """The msgid as messages quote it: in JSON's double quotes, cut if it is long."""
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    cut = msgid if len(msgid) <= SHOWN_LENGTH else msgid[:SHOWN_LENGTH] + "…"
    return json.dumps(cut, ensure_ascii=False)


def strings_of(message: Message) -> tuple[str, ...]:
    """The msgstr, or each plural form of it, as a tuple of texts."""
    value = message.string
    if isinstance(value, str):
        return (value,)
    return tuple(str(item or "") for item in value or ("",))


def ids_of(message: Message) -> tuple[str, ...]:
    """The msgid and, of a plural entry, its msgid_plural: the placeholders a msgstr may use
    are those of either."""
    return (message.id,) if isinstance(message.id, str) else tuple(map(str, message.id))


#: Characters that make text markup in a page: a msgstr may use one only where its msgid does.
MARKUP_CHARACTERS = frozenset('<>&"')


def entry_problems(catalog: Catalog, shown_as: str, *, empty_allowed: bool = False,
                   formatting_only: bool = False, lines: list[bytes] | None = None
                   ) -> list[tuple[MessageKey, Problem]]:
    """Each entry's problems, with the entry's key: empty, fuzzy, the wrong number of plural
    forms, markup characters or placeholders its msgid does not have (`formatting_only`:
    the last two, in the entries a compiled catalog holds). With the file's `lines`, a
    msgstr's problem is placed on the msgstr's line, else on the msgid's."""
    found: list[tuple[MessageKey, Problem]] = []
    for message in catalog:
        if not message.id or (formatting_only and message.fuzzy):
            continue  # a fuzzy entry is left out of the compiled catalog
        strings = strings_of(message)
        line = message.lineno or 1
        texts: list[tuple[int, Found]] = []
        if not empty_allowed and any(not text for text in strings):
            texts.append((line, (N_("the translation is empty"), "", {})))
        if message.fuzzy and not formatting_only:
            texts.append((line, (N_("the entry is fuzzy: check the translation and remove the "
                                    "fuzzy flag"), "", {})))
        if message.pluralizable and len(strings) != catalog.num_plurals:
            texts.append((line, (N_("the entry has {written} plural forms; the language has "
                                    "{count}"), N_("write msgstr[0] to msgstr[{last}]"),
                                 {"written": len(strings), "count": catalog.num_plurals,
                                  "last": catalog.num_plurals - 1})))
        for index, text in enumerate(strings):
            if text and text not in strings[:index]:
                at = msgstr_line(lines, line, index if message.pluralizable else None)
                texts.extend((at, found_text) for found_text in text_problems(
                    message, text, markup_allowed=formatting_only))
        found.extend((message_key(message), Problem(shown_as, at, 1, shown_msgid(message),
                                                    text, expected, params))
                     for at, (text, expected, params) in texts)
    return found


def msgstr_line(lines: list[bytes] | None, msgid_line: int, index: int | None) -> int:
    """The line of an entry's msgstr (`msgstr[index]` of a plural entry), where the translator
    typed what is wrong; the msgid's line if it is not found."""
    keyword = b"msgstr" if index is None else b"msgstr[%d]" % index
    for number in range(msgid_line, len(lines or ()) + 1):
        line = (lines or [])[number - 1].strip()
        if line.startswith(keyword + b" ") or line.startswith(keyword + b'"'):
            return number
        if number > msgid_line and line.startswith(b"msgid "):
            break
    return msgid_line


def text_problems(message: Message, text: str, *, markup_allowed: bool = False
                  ) -> list[Found]:
    """What is wrong with one msgstr against its msgid."""
    ids = ids_of(message)
    found: list[Found] = []
    markup = set() if markup_allowed else (
        MARKUP_CHARACTERS.intersection(text)
        - {character for msgid in ids for character in MARKUP_CHARACTERS & set(msgid)})
    if markup:
        found.append((N_("the translation has characters the msgid does not have: "
                         "{characters}; interface texts are plain text, never HTML: leave "
                         "them out"), "", {"characters": " ".join(sorted(markup))}))
    percent = percent_formatted(message)
    if percent:
        found.extend(percent_problems(ids, text))
    if not percent or message.python_brace_format:
        found.extend(brace_problems(ids, text))
    return found


def percent_formatted(message: Message) -> bool:
    """Whether the code formats this entry with `%`: its msgid has `%(name)s` placeholders
    (Babel's python-format), or a template uses it (the i18n extension's `_()` formats every
    msgstr it returns with `%`)."""
    return message.python_format or any(
        str(location).endswith(".html") for location, _ in message.locations)
