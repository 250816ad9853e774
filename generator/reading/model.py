"""The content model of a case study: the one place that says what a case file holds.

Everything else derives from the declarations here: the validator walks `CASE_FIELDS`, the JSON
Schema that editors' tools read is generated from it (`schema.py`), and so is the field reference
in the docs. The typed dataclasses at the bottom are what validation produces and what rendering
consumes, so rendering never sees an unchecked value.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .languages import LANGUAGES as LANGUAGES
from .languages import ORIGINAL_LANGUAGE as ORIGINAL_LANGUAGE
from .languages import TRANSLATED_LANGUAGES as TRANSLATED_LANGUAGES
from .values import Call as Call
from .values import Claim as Claim
from .values import Disagreement as Disagreement
from .values import Image as Image
from .values import Link as Link
from .values import Month as Month
from .values import Outcome as Outcome
from .values import Period as Period
from .values import Status as Status
from .values import Text as Text
from .values import TranslationMethod as TranslationMethod


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
    URL = "url"  # one http(s) address
    LINK_LIST = "link-list"  # links: an http(s) address, or url + title + language of the page
    GROUP_LIST = "group-list"  # a list of mappings of the `children`, each made a `record`
    IMAGE = "image"  # a path inside the repository plus alt text per language
    GROUP = "group"  # a mapping of the `children`
    TRANSLATION = "translation"  # translation records per translated language


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
    #: a CHOICE's value as the one argument (an enum), each item of a GROUP_LIST (its fields
    #: are the children's keys). None keeps the checked value as it is.
    record: type | None = None
    #: A MARKDOWN section's heading on the case page: a field with a heading is a section of
    #: the page, in the order of CASE_FIELDS. The heading is a msgid of the site's catalog
    #: (`catalog.extract` takes it from here; readers see it, so it is not the command's).
    heading: str = ""


STATUS_CHOICES = tuple(status.value for status in Status)
METHOD_CHOICES = tuple(method.value for method in TranslationMethod)
CALL_CHOICES = tuple(call.value for call in Call)
OUTCOME_CHOICES = tuple(outcome.value for outcome in Outcome)


def link_fields(described: bool) -> tuple[FieldSpec, ...]:
    """The fields of a link written as a mapping. Where the title and language are required
    (`described`), a plain address is not enough; elsewhere it is a link too."""
    return (
        FieldSpec("url", Kind.URL, True, "The address.", "Adressen.",
                  example="https://www.vinnova.se/"),
        FieldSpec("title", Kind.STRING, described, "The page's title, in the page's language.",
                  "Sidans titel, på sidans språk.", example="Idéslussar i kommuner"),
        FieldSpec("lang", Kind.CHOICE, described, "The page's language.", "Sidans språk.",
                  choices=LANGUAGES, example=ORIGINAL_LANGUAGE),
    )

#: The case file, field by field. The order is the order of the template and the docs.
CASE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", Kind.TEXT, True, "Name of the idésluss.", "Idéslussens namn.",
              example="Idésluss Exempelstad"),
    FieldSpec("organisation", Kind.TEXT, True, "Who runs it: the municipality, office or "
              "association.", "Vem som driver den: kommunen, förvaltningen eller förbundet.",
              example="Exempelstads kommun"),
    FieldSpec("call", Kind.CHOICE, True, "Vinnova's call that financed it: the pre-study call "
              "of 2015 or the development call of 2016.", "Vinnovas utlysning som finansierade "
              "den: förstudierna 2015 eller utvecklingsprojekten 2016.", choices=CALL_CHOICES,
              example="development-2016", record=Call),
    FieldSpec("counterpart", Kind.STRING, False, "The file name (without .yml) of the pre-study "
              "this project grew from, or of the development project this pre-study led to.",
              "Filnamnet (utan .yml) på förstudien som projektet växte ur, eller på "
              "utvecklingsprojektet som förstudien ledde till.", example="orebro-forstudie"),
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
              heading="What it is"),
    FieldSpec("how", Kind.MARKDOWN, False, "How it works.", "Hur det fungerar.",
              heading="How it works"),
    FieldSpec("results", Kind.MARKDOWN, False, "Results the sources report.",
              "Resultat som källorna redovisar.", heading="Results"),
    FieldSpec("lessons", Kind.MARKDOWN, False, "Lessons learned.", "Lärdomar.",
              heading="Lessons learned"),
    FieldSpec("examples", Kind.TEXT_LIST, False, "Concrete innovations or ideas the sources "
              "name, each with a sentence on what it was.", "Konkreta innovationer eller idéer "
              "som källorna nämner, var och en med en mening om vad det var."),
    FieldSpec("outcome", Kind.CHOICE, False, "What became of it after the project, as far as "
              "the sources say.", "Vad som blev av den efter projektet, så långt källorna "
              "säger.", choices=OUTCOME_CHOICES, example="unknown", record=Outcome),
    FieldSpec("afterwards", Kind.MARKDOWN, False, "What happened afterwards, with its source.",
              "Vad som hände efteråt, med källa."),
    FieldSpec("where_to_turn", Kind.LINK_LIST, False, "Pages of the idésluss or of the "
              "organisation that runs it (public pages of organisations only, never a person's "
              "name, phone number or e-mail address).", "Sidor om idéslussen eller "
              "organisationen som driver den (bara organisationers offentliga sidor, aldrig "
              "personers namn, telefonnummer eller e-postadresser).",
              children=link_fields(described=True)),
    FieldSpec("disagreements", Kind.GROUP_LIST, False, "Facts the sources give differently: "
              "each source's value with the source.", "Uppgifter som källorna anger olika: "
              "varje källas uppgift med källan.", record=Disagreement, children=(
                  FieldSpec("about", Kind.TEXT, True, "What the sources disagree on.",
                            "Vad källorna anger olika."),
                  FieldSpec("claims", Kind.GROUP_LIST, True, "Each source's value.",
                            "Varje källas uppgift.", record=Claim, children=(
                                FieldSpec("value", Kind.TEXT, True, "What this source says.",
                                          "Vad den här källan säger."),
                                FieldSpec("source", Kind.URL, True, "The source's address.",
                                          "Källans adress.",
                                          example="https://www.vinnova.se/"),
                            )),
              )),
    FieldSpec("image", Kind.IMAGE, False, "A picture: file inside the repository and a "
              "description per language.", "En bild: fil i förrådet och en beskrivning per "
              "språk."),
    FieldSpec("sources", Kind.LINK_LIST, True, "The pages every fact comes from: each an "
              "address, or url, title and lang of the page.", "Sidorna som varje uppgift kommer "
              "från: var och en en adress, eller url, title och lang för sidan.",
              example="[https://www.vinnova.se/]", children=link_fields(described=False)),
    FieldSpec("translation", Kind.TRANSLATION, False, "Per language and field: how the "
              "translation was made (human or machine), whether a person reviewed it, and "
              "fingerprints of the Swedish it was made from and of the translation "
              "(`ideslussar translations` writes them; the pull-request check proposes the line).",
              "Per språk och fält: hur översättningen gjordes (human eller machine), om en "
              "person har granskat den, och fingeravtryck av den svenska texten den gjordes från "
              "och av översättningen (`ideslussar translations` skriver dem; kontrollen i pull "
              "requesten föreslår raden)."),
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


@dataclass(frozen=True)
class FieldRecord:
    """The provenance of one translated text: how it was made, whether a person has checked it
    against the Swedish, and the fingerprints of the Swedish it was made from and of the
    translation as it was recorded.

    Kept per field and language, so that recording one field (a review, an import) never
    changes what is known about another. The translation's own fingerprint tells a hand edit
    apart from the recorded text: an English text that no longer matches `target` was changed
    by a person after the record was written.
    """

    method: TranslationMethod
    reviewed: bool
    source: str  # fingerprint of the Swedish the translation was made from
    target: str  # fingerprint of the translation when this was recorded


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
    sources: tuple[Link, ...]
    call: Call
    counterpart: str | None
    outcome: Outcome | None
    afterwards: Text | None
    where_to_turn: tuple[Link, ...]
    disagreements: tuple[Disagreement, ...]
    #: language -> field path -> provenance of that field's translation
    translation: dict[str, dict[str, FieldRecord]] = field(default_factory=dict)

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
            elif spec.kind is Kind.GROUP_LIST:
                found.update(record_texts(spec, value, spec.key))
        return found


def record_texts(spec: FieldSpec, items: tuple[object, ...], prefix: str) -> dict[str, Text]:
    """The texts inside a GROUP_LIST's items ("disagreements.0.claims.1.value"), in order."""
    found: dict[str, Text] = {}
    for index, item in enumerate(items):
        for child in spec.children:
            value = getattr(item, child.key)
            where = f"{prefix}.{index}.{child.key}"
            if child.kind in (Kind.TEXT, Kind.MARKDOWN):
                found[where] = value
            elif child.kind is Kind.GROUP_LIST:
                found.update(record_texts(child, value, where))
    return found


#: What an optional field the file leaves out becomes, by kind, where None would be no value
#: of the dataclass's type (lists are empty, not None).
EMPTY: dict[Kind, Callable[[], Any]] = {
    Kind.TEXT_LIST: tuple, Kind.MUNICIPALITY_LIST: tuple, Kind.CHOICE_LIST: tuple,
    Kind.LINK_LIST: tuple, Kind.GROUP_LIST: tuple, Kind.TRANSLATION: dict,
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
