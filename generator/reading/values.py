"""The typed values a validated case study is made of: texts in every language, months and
periods, links, pictures, and the choices a field offers. `model.py` declares which field holds
which; validation makes them; nothing after it sees an unchecked value.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from .languages import LANGUAGES, ORIGINAL_LANGUAGE, TABLE, UnknownLanguageError


class Status(enum.Enum):
    """Where an idésluss stands today, as far as the sources say."""

    ONGOING = "ongoing"
    PERMANENT = "permanent"
    ENDED = "ended"
    UNKNOWN = "unknown"


class Call(enum.Enum):
    """Which of Vinnova's two calls financed the project: a pre-study, or building the sluice."""

    PRE_STUDY_2015 = "pre-study-2015"
    DEVELOPMENT_2016 = "development-2016"


class Outcome(enum.Enum):
    """What became of the idésluss after Vinnova's money ended, as far as the sources say."""

    PERMANENT = "permanent"  # made part of the organisation's ordinary work
    UNIT_OR_ACCELERATOR = "unit-or-accelerator"  # folded into an innovation unit or accelerator
    CONTINUED_WITH_OTHER_FUNDING = "continued-with-other-funding"
    LED_TO_DEVELOPMENT_PROJECT = "led-to-development-project"  # a pre-study that was followed up
    NOT_FINANCED_FURTHER = "not-financed-further"
    ENDED = "ended"
    UNKNOWN = "unknown"


class TranslationMethod(enum.Enum):
    """How the text of a translated language was made; readers are told which."""

    HUMAN = "human"
    MACHINE = "machine"


@dataclass(frozen=True)
class Month:
    """A month (or a year alone, when the sources give no month)."""

    year: int
    month: int | None

    @property
    def iso(self) -> str:
        return f"{self.year:04d}" if self.month is None else f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class Period:
    start: Month | None
    end: Month | None


@dataclass(frozen=True)
class Link:
    """A web page: a source, or somewhere to turn. The title and language are the page's own
    (a Swedish page keeps its Swedish title on the English site, marked as Swedish)."""

    url: str
    title: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class Claim:
    """One source's value in a disagreement."""

    value: Text
    source: str


@dataclass(frozen=True)
class Disagreement:
    """A fact the sources give differently: what it is about and each source's value."""

    about: Text
    claims: tuple[Claim, ...]


class Text(Mapping[str, "str | None"]):
    """A text in every language of the table, keyed by language code: the original always,
    each translation or None while it is not yet translated.

    A code the table does not know is an error (`UnknownLanguageError`), also from `get`:
    never another language's text under that code's name.
    """

    __slots__ = ("_by_language",)

    def __init__(self, values: Mapping[str, str | None] | None = None, /,
                 **by_language: str | None) -> None:
        given = {**(values or {}), **by_language}
        unknown = [code for code in given if code not in TABLE]
        if unknown:
            raise UnknownLanguageError(unknown[0])
        if given.get(ORIGINAL_LANGUAGE) is None:
            raise ValueError(f"a text needs its original, in {ORIGINAL_LANGUAGE!r}")
        self._by_language: dict[str, str | None] = {code: given.get(code) for code in LANGUAGES}

    def __getitem__(self, lang: str) -> str | None:
        try:
            return self._by_language[lang]
        except KeyError:
            raise UnknownLanguageError(lang) from None

    def get(self, lang: str, default: object = None) -> str | None:
        """The text in `lang`, or None while it is untranslated; unknown `lang` is an error
        (Mapping's `get` would turn it into None)."""
        return self[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_language)

    def __len__(self) -> int:
        return len(self._by_language)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Text):
            return self._by_language == other._by_language
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self._by_language.items()))

    def __repr__(self) -> str:
        return f"Text({self._by_language!r})"

    @property
    def sv(self) -> str:
        """The original: the Swedish text every translation is made from."""
        return self._by_language[ORIGINAL_LANGUAGE] or ""


@dataclass(frozen=True)
class Image:
    path: str  # relative to the repository root, checked to exist inside it
    alt: Text
