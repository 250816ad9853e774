"""The content model of a case study: the one place that says what a case file holds.

Everything else derives from the declarations here: the validator walks `CASE_FIELDS`, the JSON
Schema that editors' tools read is generated from it (`schema.py`), and so is the field reference
in the docs. The typed dataclasses at the bottom are what validation produces and what rendering
consumes, so rendering never sees an unchecked value.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

#: The languages the site publishes, the original first. Swedish is the language the case studies
#: are written in; English is a translation of it.
LANGUAGES: tuple[str, ...] = ("sv", "en")
ORIGINAL_LANGUAGE = "sv"
TRANSLATED_LANGUAGES: tuple[str, ...] = tuple(
    lang for lang in LANGUAGES if lang != ORIGINAL_LANGUAGE
)
LANGUAGE_NAMES: dict[str, str] = {"sv": "Swedish", "en": "English"}


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
    #: For a GROUP_LIST: the typed class each item becomes (its fields are the children's keys).
    record: type | None = None


STATUS_CHOICES = tuple(status.value for status in Status)
METHOD_CHOICES = tuple(method.value for method in TranslationMethod)
CALL_CHOICES = tuple(call.value for call in Call)
OUTCOME_CHOICES = tuple(outcome.value for outcome in Outcome)


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




def link_fields(described: bool) -> tuple[FieldSpec, ...]:
    """The fields of a link written as a mapping. Where the title and language are required
    (`described`), a plain address is not enough; elsewhere it is a link too."""
    return (
        FieldSpec("url", Kind.URL, True, "The address.", "Adressen.",
                  example="https://www.vinnova.se/"),
        FieldSpec("title", Kind.STRING, described, "The page's title, in the page's language.",
                  "Sidans titel, på sidans språk.", example="Idéslussar i kommuner"),
        FieldSpec("lang", Kind.CHOICE, described, "The page's language.", "Sidans språk.",
                  choices=LANGUAGES, example="sv"),
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
              example="development-2016"),
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
    FieldSpec("period", Kind.GROUP, False, "When it ran.", "När den pågick.", children=(
        FieldSpec("start", Kind.MONTH, False, "First month, YYYY-MM (or YYYY).",
                  "Första månaden, ÅÅÅÅ-MM (eller ÅÅÅÅ).", example='"2016-11"'),
        FieldSpec("end", Kind.MONTH, False, "Last month, YYYY-MM (or YYYY); leave out while "
                  "ongoing.", "Sista månaden, ÅÅÅÅ-MM (eller ÅÅÅÅ); utelämna om den pågår.",
                  example='"2019-12"'),
    )),
    FieldSpec("status", Kind.CHOICE, True, "Where it stands today.", "Läget i dag.",
              choices=STATUS_CHOICES, example="unknown"),
    FieldSpec("vinnova_grant_sek", Kind.INTEGER, False, "Vinnova's grant in kronor, digits "
              "only.", "Vinnovas bidrag i kronor, bara siffror.", example="4000000"),
    FieldSpec("vinnova_reference", Kind.STRING, False, "Vinnova's reference number "
              "(diarienummer).", "Vinnovas diarienummer.", example='"2016-04023"'),
    FieldSpec("themes", Kind.CHOICE_LIST, True, "Themes from the list in "
              "generator/data/themes.yml.", "Teman från listan i generator/data/themes.yml.",
              example="[idea-coaching]"),
    FieldSpec("summary", Kind.TEXT, True, "One or two sentences for the overview card.",
              "En eller två meningar till översiktens kort."),
    FieldSpec("what", Kind.MARKDOWN, False, "What it is.", "Vad det är."),
    FieldSpec("how", Kind.MARKDOWN, False, "How it works.", "Hur det fungerar."),
    FieldSpec("results", Kind.MARKDOWN, False, "Results the sources report.",
              "Resultat som källorna redovisar."),
    FieldSpec("lessons", Kind.MARKDOWN, False, "Lessons learned.", "Lärdomar."),
    FieldSpec("examples", Kind.TEXT_LIST, False, "Concrete innovations or ideas the sources "
              "name, each with a sentence on what it was.", "Konkreta innovationer eller idéer "
              "som källorna nämner, var och en med en mening om vad det var."),
    FieldSpec("outcome", Kind.CHOICE, False, "What became of it after the project, as far as "
              "the sources say.", "Vad som blev av den efter projektet, så långt källorna "
              "säger.", choices=OUTCOME_CHOICES, example="unknown"),
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

#: Keys of the translatable fields, in page order: what the translation status speaks of.
TRANSLATABLE_KINDS = frozenset({Kind.TEXT, Kind.MARKDOWN, Kind.TEXT_LIST, Kind.IMAGE})


def field_by_key(key: str) -> FieldSpec | None:
    """Look up a top-level field; the validator uses it for 'did you mean' suggestions too."""
    return next((spec for spec in CASE_FIELDS if spec.key == key), None)


# ---------------------------------------------------------------------------------------------
# The validated, typed model
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A text in every language; `None` for a language means 'not yet translated'."""

    sv: str
    en: str | None

    def get(self, lang: str) -> str | None:
        """The text in `lang`, or None while it is untranslated."""
        return self.sv if lang == "sv" else self.en


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
class Image:
    path: str  # relative to the repository root, checked to exist inside it
    alt: Text


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
