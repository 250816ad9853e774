"""The content model of a case study: the one place that says what a case file holds.

Everything else derives from the declarations here: the validator walks `CASE_FIELDS`, the JSON
Schema that editors' tools read is generated from it (`schema.py`), and so is the field reference
in the docs. The typed dataclasses at the bottom are what validation produces and what rendering
consumes, so rendering never sees an unchecked value.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .languages import LANGUAGES as LANGUAGES
from .languages import ORIGINAL_LANGUAGE as ORIGINAL_LANGUAGE
from .languages import TABLE, UnknownLanguageError, by_language
from .languages import TRANSLATED_LANGUAGES as TRANSLATED_LANGUAGES
from .problems import N_

#: The languages, from the one table (`languages.py`): the original (Swedish, the language the
#: case studies are written in) first, then its translations.
LANGUAGE_NAMES: dict[str, str] = by_language("name")


class Kind(enum.Enum):
    """What an editor writes in a field, which decides how it is checked and shown."""

    TEXT = "text"  # one line per language, shown as plain text
    MARKDOWN = "markdown"  # paragraphs per language; Markdown, never raw HTML
    TEXT_LIST = "text-list"  # a list of TEXT items
    MUNICIPALITY = "municipality"  # a four-digit SCB municipality code
    MUNICIPALITY_LIST = "municipality-list"
    MONTH = "month"  # YYYY-MM (or YYYY when only the year is known)
    INTEGER = "integer"  # a whole number >= 0
    STRING = "string"  # a short code that is not translated (e.g. a Vinnova reference)
    CHOICE = "choice"  # one of `choices`
    CHOICE_LIST = "choice-list"  # a non-empty list of `choices`, from a vocabulary
    URL_LIST = "url-list"  # http(s) addresses
    IMAGE = "image"  # a path inside the repository plus alt text per language
    GROUP = "group"  # a mapping of the `children`
    TRANSLATION = "translation"  # translation records per translated language


class Status(enum.Enum):
    """Where an idésluss stands today, as far as the sources say."""

    ONGOING = "ongoing"
    PERMANENT = "permanent"
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
class FieldSpec:
    """One field of a case file: its key, kind, whether it is required, and its help text.

    The help text is written once, in both languages, and reaches editors three ways: in the
    JSON Schema (hover text in their editor), in CONTRIBUTING's field reference and in the
    `new` template's comments.
    """

    key: str
    kind: Kind
    required: bool
    help_en: str
    help_sv: str
    choices: tuple[str, ...] = ()
    children: tuple[FieldSpec, ...] = ()
    example: str = ""
    #: The typed class the checked value becomes: a GROUP's children as keyword arguments,
    #: a CHOICE's value as the one argument (an enum). None keeps the checked value as it is;
    #: other kinds make their own typed values while they are checked.
    record: type | None = None
    #: A MARKDOWN section's heading on the case page (an interface msgid): a field with a
    #: heading is a section of the page, in the order of CASE_FIELDS.
    heading: str = ""


STATUS_CHOICES = tuple(status.value for status in Status)
METHOD_CHOICES = tuple(method.value for method in TranslationMethod)

#: The case file, field by field. The order is the order of the template and the docs.
CASE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", Kind.TEXT, True, "Name of the idésluss.", "Idéslussens namn.",
              example="Idésluss Exempelstad"),
    FieldSpec("organisation", Kind.TEXT, True, "Who runs it: the municipality, office or "
              "association.", "Vem som driver den: kommunen, förvaltningen eller förbundet.",
              example="Exempelstads kommun"),
    FieldSpec("based_in", Kind.MUNICIPALITY, False, "The municipality where it is based, as a "
              "four-digit SCB code in quotes.", "Kommunen där den har sin bas, som fyrsiffrig "
              "kommunkod inom citattecken.", example='"0180"'),
    FieldSpec("municipalities", Kind.MUNICIPALITY_LIST, True, "The participating "
              "municipalities the sources name, as SCB codes in quotes; [] if none is named.",
              "De deltagande kommuner som källorna nämner, som kommunkoder inom citattecken; "
              "[] om ingen nämns.", example='["0180"]'),
    FieldSpec("municipality_count", Kind.INTEGER, False, "How many municipalities take part, "
              "when the sources give a number but not every name.", "Hur många kommuner som "
              "deltar, när källorna anger antalet men inte alla namn.", example="12"),
    FieldSpec("period", Kind.GROUP, False, "When it ran.", "När den pågick.", record=Period,
              children=(
        FieldSpec("start", Kind.MONTH, False, "First month, YYYY-MM (or YYYY).",
                  "Första månaden, ÅÅÅÅ-MM (eller ÅÅÅÅ).", example='"2016-11"'),
        FieldSpec("end", Kind.MONTH, False, "Last month, YYYY-MM (or YYYY); leave out while "
                  "ongoing.", "Sista månaden, ÅÅÅÅ-MM (eller ÅÅÅÅ); utelämna om den pågår.",
                  example='"2019-12"'),
    )),
    FieldSpec("status", Kind.CHOICE, True, "Where it stands today.", "Läget i dag.",
              choices=STATUS_CHOICES, example="unknown", record=Status),
    FieldSpec("vinnova_grant_sek", Kind.INTEGER, False, "Vinnova's grant in kronor, digits "
              "only.", "Vinnovas bidrag i kronor, bara siffror.", example="4000000"),
    FieldSpec("vinnova_reference", Kind.STRING, False, "Vinnova's reference number "
              "(diarienummer).", "Vinnovas diarienummer.", example='"2016-04023"'),
    FieldSpec("themes", Kind.CHOICE_LIST, True, "Themes from the list in "
              "generator/data/themes.yml.", "Teman från listan i generator/data/themes.yml.",
              example="[idea-coaching]"),
    FieldSpec("summary", Kind.TEXT, True, "One or two sentences for the overview card.",
              "En eller två meningar till översiktens kort."),
    FieldSpec("what", Kind.MARKDOWN, False, "What it is.", "Vad det är.",
              heading=N_("What it is")),
    FieldSpec("how", Kind.MARKDOWN, False, "How it works.", "Hur det fungerar.",
              heading=N_("How it works")),
    FieldSpec("results", Kind.MARKDOWN, False, "Results the sources report.",
              "Resultat som källorna redovisar.", heading=N_("Results")),
    FieldSpec("lessons", Kind.MARKDOWN, False, "Lessons learned.", "Lärdomar.",
              heading=N_("Lessons learned")),
    FieldSpec("examples", Kind.TEXT_LIST, False, "Concrete innovations or ideas the sources "
              "name.", "Konkreta innovationer eller idéer som källorna nämner."),
    FieldSpec("image", Kind.IMAGE, False, "A picture: file inside the repository and a "
              "description per language.", "En bild: fil i förrådet och en beskrivning per "
              "språk."),
    FieldSpec("sources", Kind.URL_LIST, True, "The web addresses every fact comes from.",
              "Webbadresserna som varje uppgift kommer från.",
              example="[https://www.vinnova.se/]"),
    FieldSpec("translation", Kind.TRANSLATION, False, "How each language other than Swedish "
              "was translated, and from which Swedish text (kept by `ideslussar translations`).",
              "Hur varje språk utom svenska översattes, och från vilken svensk text (sköts av "
              "`ideslussar translations`)."),
)

#: The sections of the case page, in page order: the fields with a heading.
SECTIONS: tuple[FieldSpec, ...] = tuple(spec for spec in CASE_FIELDS if spec.heading)

#: Keys of the translatable fields, in page order: what the translation status speaks of.
TRANSLATABLE_KINDS = frozenset({Kind.TEXT, Kind.MARKDOWN, Kind.TEXT_LIST, Kind.IMAGE})


def field_by_key(key: str) -> FieldSpec | None:
    """Look up a top-level field; the validator uses it for 'did you mean' suggestions too."""
    return next((spec for spec in CASE_FIELDS if spec.key == key), None)


# ---------------------------------------------------------------------------------------------
# The validated, typed model
# ---------------------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class TranslationRecord:
    """What a translated language was made from: method, and the fingerprint per field."""

    method: TranslationMethod
    fingerprints: dict[str, str]


@dataclass(frozen=True)
class CaseStudy:
    """One idésluss, validated: every code known, every text escaped on output, never before."""

    slug: str
    path: str  # the case file, relative to the repository root, for messages and "edit" links
    name: Text
    organisation: Text
    based_in: str | None
    municipalities: tuple[str, ...]
    municipality_count: int | None
    period: Period
    status: Status
    vinnova_grant_sek: int | None
    vinnova_reference: str | None
    themes: tuple[str, ...]
    summary: Text
    what: Text | None
    how: Text | None
    results: Text | None
    lessons: Text | None
    examples: tuple[Text, ...]
    image: Image | None
    sources: tuple[str, ...]
    translation: dict[str, TranslationRecord] = field(default_factory=dict)

    @property
    def participant_count(self) -> int:
        """How many municipalities take part: the stated count, or the named ones."""
        return max(self.municipality_count or 0, len(self.municipalities))

    def texts(self) -> dict[str, Text]:
        """Every translatable text by its field path ("summary", "examples.2", "image.alt").

        Walks `CASE_FIELDS` so that a new translatable field is tracked without touching this.
        """
        found: dict[str, Text] = {}
        for spec in CASE_FIELDS:
            value = getattr(self, spec.key)
            if value is None:
                continue
            if spec.kind in (Kind.TEXT, Kind.MARKDOWN):
                found[spec.key] = value
            elif spec.kind is Kind.TEXT_LIST:
                found.update({f"{spec.key}.{i}": item for i, item in enumerate(value)})
            elif spec.kind is Kind.IMAGE:
                found[f"{spec.key}.alt"] = value.alt
        return found


#: What an optional field the file leaves out becomes, by kind, where None would be no value
#: of the dataclass's type (lists are empty, not None).
EMPTY: dict[Kind, Callable[[], Any]] = {
    Kind.TEXT_LIST: tuple, Kind.MUNICIPALITY_LIST: tuple, Kind.CHOICE_LIST: tuple,
    Kind.URL_LIST: tuple, Kind.TRANSLATION: dict,
}


def typed_value(spec: FieldSpec, value: Any) -> Any:
    """A checked value as the dataclass holds it: its `record` made, or its kind's empty value
    when the file leaves it out. A group the file leaves out is a record of Nones."""
    if spec.kind is Kind.GROUP:
        given = value or {}
        children = {child.key: typed_value(child, given.get(child.key)) for child in spec.children}
        return children if spec.record is None else spec.record(**children)
    if value is None:
        empty = EMPTY.get(spec.kind)
        return None if empty is None else empty()
    if spec.kind is Kind.CHOICE and spec.record is not None:
        return spec.record(value)
    return value  # other kinds are checked into their typed values already


def case_study(slug: str, path: str, values: dict[str, Any]) -> CaseStudy:
    """A `CaseStudy` from the checked values of its file, field by field of `CASE_FIELDS`: a
    field declared there and in the dataclass needs nothing here (tests/test_model.py checks
    that the two agree)."""
    return CaseStudy(slug=slug, path=path,
                     **{spec.key: typed_value(spec, values.get(spec.key)) for spec in CASE_FIELDS})
