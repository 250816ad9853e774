"""The languages the site publishes: one table (generator/data/languages.yml) says, per
language, where its pages live, how it formats dates and money, what it is called, and how the
engine should index it. Everything that differs between languages is read from here.

An unknown language code is an error, never a quiet fallback to another language: a page in a
language the table does not know would otherwise show English text marked as that language.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields
from pathlib import Path

import yaml

from .problems import DataFileError, Localized

TABLE_FILE = Path(__file__).resolve().parents[1] / "data" / "languages.yml"


class UnknownLanguageError(KeyError):
    """A language code the table does not have."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code

    def __str__(self) -> str:
        return (f"unknown language {self.code!r}: the site's languages are "
                f"{', '.join(LANGUAGES)} (generator/data/languages.yml)")


@dataclass(frozen=True)
class Language:
    """One row of the table."""

    code: str
    root: str  # "" or "en/": below the site root
    locale: str  # Babel's, for dates, numbers and lists
    og_locale: str
    search: str
    stemmer: str  # snowballstemmer's algorithm name, for the search index
    name: str  # in English
    name_sv: str  # in Swedish
    label: str  # in itself
    money: str  # with {number}
    csv_separator: str  # the list separator of Excel set to this locale
    eu_language: str  # the EU Publications Office authority code (DCAT-AP)
    month: str  # a Babel date pattern
    day: str  # a Babel date format or pattern
    msgids: bool  # the interface's texts (gettext msgids) are written in it: exactly one
    sort_letters: dict[str, str]  # letter -> what it sorts as, for letters sorted apart


def shown(path: Path) -> str:
    """The table's path as a developer finds it: generator/data/languages.yml."""
    return "/".join(path.parts[-3:])


@functools.cache
def read_table(path: Path = TABLE_FILE) -> dict[str, Language]:
    """The table, checked: every language has every column, and nothing else."""
    try:
        text = path.read_text(encoding="utf-8")
        # An alias is expanded when the values are made: a few lines can be gigabytes.
        if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, yaml.SafeLoader)):
            raise DataFileError(f"{shown(path)}: anchors and aliases (&, *) are not supported; "
                                "write each value out")
        rows = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise DataFileError(f"{shown(path)} cannot be read: {error}") from None
    columns = [column.name for column in fields(Language) if column.name != "code"]
    if not isinstance(rows, dict) or not rows:
        raise DataFileError(f"{shown(path)}: expected one entry per language code")
    table = {}
    for code, row in rows.items():
        if not isinstance(row, dict) or sorted(row) != sorted(columns):
            raise DataFileError(f"{shown(path)}: {code} must give exactly "
                                f"{', '.join(columns)}")
        if not isinstance(row["msgids"], bool):
            raise DataFileError(f"{shown(path)}: {code}: msgids must be true or false")
        letters = row["sort_letters"]
        if not isinstance(letters, dict) or not all(
                isinstance(letter, str) and len(letter) == 1 and isinstance(sorted_as, str)
                for letter, sorted_as in letters.items()):
            raise DataFileError(f"{shown(path)}: {code}: sort_letters must map single letters "
                                "to what they sort as, e.g. å: \"{\"")
        texts = {key: str(row[key]) for key in columns if key not in ("msgids", "sort_letters")}
        table[str(code)] = Language(str(code), msgids=row["msgids"], sort_letters=letters,
                                    **texts)
    if [row.msgids for row in table.values()].count(True) != 1:
        raise DataFileError(f"{shown(path)}: exactly one language must have msgids: true "
                            "(the one the interface's texts are written in)")
    return table


TABLE = read_table()
#: The languages the site publishes, the original first.
LANGUAGES: tuple[str, ...] = tuple(TABLE)
ORIGINAL_LANGUAGE = LANGUAGES[0]
TRANSLATED_LANGUAGES: tuple[str, ...] = LANGUAGES[1:]
#: The language of the interface's texts (gettext msgids) and of the model's `help_en`.
SOURCE_LANGUAGE = next(code for code, row in TABLE.items() if row.msgids)
#: The languages editors' messages, the model's help and the field reference are written in:
#: the original and the interface's own (a language added to the table needs neither).
EDITOR_LANGUAGES: tuple[str, ...] = tuple(dict.fromkeys((ORIGINAL_LANGUAGE, SOURCE_LANGUAGE)))


def language(code: str) -> Language:
    """The table's row for a code; an unknown code is an error."""
    try:
        return TABLE[code]
    except KeyError:
        raise UnknownLanguageError(code) from None


def editor_text(source: str, original: str) -> Localized:
    """A value written for editors in the interface's language and in the original (a field's
    help, a language's name), the interface's first."""
    return Localized({SOURCE_LANGUAGE: source, ORIGINAL_LANGUAGE: original})


def by_language(column: str) -> dict[str, str]:
    """One column of the table by language code (for "root": the Swedish pages at the root,
    the English below en/)."""
    return {code: getattr(row, column) for code, row in TABLE.items()}
