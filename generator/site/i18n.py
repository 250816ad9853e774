"""Interface strings and locale-aware formatting, through gettext and Babel.

Catalogs are the `.po` files under `translations/`, one per language and domain (`site`,
`cli`); they are compiled in memory when first used, so no compiled `.mo` file is ever
committed or goes stale. A missing catalog is an error
here, not a silent fallback to English (Babel's `Translations.load` would hide it).
"""

from __future__ import annotations

import copy
import datetime
import functools
import gettext as gettext_module
import io
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from babel import Locale, localedata
from babel.dates import format_date
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.numbers import format_decimal
from babel.support import Translations

from ..reading import languages
from ..reading.catalogs import CheckedCatalog, read_catalog_at
from ..reading.languages import language
from ..reading.model import ORIGINAL_LANGUAGE, CaseStudy, Month
from ..reading.problems import InvalidContentError, Problem

#: Where the catalogs live: `translations/<locale>/LC_MESSAGES/<domain>.po` in the repository,
#: which an installed wheel carries as `generator/translations/` (see pyproject.toml).
TRANSLATIONS_DIR = next(folder for folder in (Path(__file__).resolve().parents[1] / "translations",
                                              Path(__file__).resolve().parents[2] / "translations")
                        if folder.is_dir())
#: The two gettext domains: what readers see on the site, and what editors and translators
#: see in the terminal. Apart, so a translator (or a Weblate component) can do the site alone,
#: and neither set grows into the other.
SITE_DOMAIN = "site"
CLI_DOMAIN = "cli"
DOMAINS: tuple[str, ...] = (SITE_DOMAIN, CLI_DOMAIN)
#: The language of the msgids. Its catalog is optional and holds only wording fixes: an empty
#: msgstr means "the msgid as written", so the English can be reworded there without changing
#: a msgid, which would empty every other language's translation.
SOURCE_LANGUAGE = languages.SOURCE_LANGUAGE


def catalog_path(lang: str, domain: str) -> Path:
    return TRANSLATIONS_DIR / lang / "LC_MESSAGES" / f"{domain}.po"


def checked_catalog(lang: str, domain: str) -> CheckedCatalog:
    """The catalog for `lang` in `domain` as read and checked (`reading.catalogs`): the build
    refuses its problems before it renders anything, and `translations` compiles it. Read
    again only when the file changed."""
    path = catalog_path(lang, domain)
    try:
        stamp = path.lstat()
    except OSError:
        return read_checked(path, lang, (0, 0))
    return read_checked(path, lang, (stamp.st_mtime_ns, stamp.st_size))


@functools.cache
def read_checked(path: Path, lang: str, stamp: tuple[int, int]) -> CheckedCatalog:
    """`checked_catalog` of the file as it was at `stamp` (its modification time and size)."""
    shown_as = f"{TRANSLATIONS_DIR.name}/{path.relative_to(TRANSLATIONS_DIR).as_posix()}"
    return read_catalog_at(path, lang, shown_as, optional=lang == SOURCE_LANGUAGE)


def catalog_problems() -> list[Problem]:
    """What is wrong in the catalogs of the pages (the `site` domain, every language), for
    the build to refuse with the content's problems. Empty and fuzzy entries are not among
    them: they show the English, and `translations check` refuses them."""
    return [problem for lang in languages.LANGUAGES
            for problem in checked_catalog(lang, SITE_DOMAIN).problems]


@functools.cache
def translations(lang: str, domain: str) -> gettext_module.NullTranslations:
    """The compiled catalog for `lang` in `domain`; English without a catalog is the msgids.

    Entries with problems are left out, as fuzzy and empty ones are, so they show the English:
    the build has refused them already, and the commands' messages must print whatever a
    translator did to their catalog. A site catalog that cannot be read at all is an error
    (`InvalidContentError`); a commands' one gives the English messages."""
    checked = checked_catalog(lang, domain)
    if checked.catalog is None:
        if checked.problems and domain == SITE_DOMAIN:
            raise InvalidContentError(list(checked.problems))
        return gettext_module.NullTranslations()
    # A copy: the checked catalog is cached and shared (`read_checked`), and must stay as read.
    compiled = copy.deepcopy(checked.catalog) if checked.broken else checked.catalog
    for msgid, context in checked.broken:
        compiled.delete(msgid, context)
    buffer = io.BytesIO()
    write_mo(buffer, compiled)  # fuzzy and empty entries are left out, as msgfmt does
    buffer.seek(0)
    return Translations(buffer, domain=domain)


def site_translations(lang: str) -> gettext_module.NullTranslations:
    """What readers see: the pages, the feeds, the theme's words."""
    return translations(lang, SITE_DOMAIN)


def cli_translations(lang: str) -> gettext_module.NullTranslations:
    """What editors and translators see: the commands' messages and help."""
    return translations(lang, CLI_DOMAIN)


@functools.lru_cache(maxsize=4096)
def format_month(month: Month, lang: str) -> str:
    """ "november 2016" / "November 2016"; a year alone stays a year."""
    if month.month is None:
        return str(month.year)
    first = datetime.date(month.year, month.month, 1)
    return format_date(first, language(lang).month, locale=language(lang).locale)


@functools.lru_cache(maxsize=4096)
def format_day(day: datetime.date, lang: str) -> str:
    """ "7 november 2016" / "7 November 2016"."""
    return format_date(day, language(lang).day, locale=language(lang).locale)


@functools.lru_cache(maxsize=4096)
def format_number(value: int, lang: str) -> str:
    """Swedish groups thousands with a no-break space: "4 000 000"."""
    return format_decimal(value, locale=language(lang).locale)


def format_sek(value: int, lang: str) -> str:
    """ "4 000 000 kr" / "SEK 4,000,000": the form each language's readers expect."""
    return language(lang).money.format(number=format_number(value, lang))


def format_names(names: Sequence[str], lang: str) -> str:
    """ "Piteå och Skellefteå" / "Piteå and Skellefteå"."""
    return _format_names(tuple(names), lang) if names else ""


@functools.lru_cache(maxsize=4096)
def _format_names(names: tuple[str, ...], lang: str) -> str:
    """Babel parses the locale on every call; lists of names repeat across pages."""
    return format_list(list(names), locale=language(lang).locale)


def language_name(code: str, in_lang: str) -> str:
    """The name of a language in another one ("engelska", "Swedish"), for notices."""
    return Locale.parse(code).get_display_name(in_lang) or code


def load_locales() -> None:
    """Read Babel's data of every language's locale now, not when first used (a locale Babel
    does not know is left to fail where it is used, as it would have)."""
    for code in languages.LANGUAGES:
        name = language(code).locale
        if localedata.exists(name):
            localedata.load(name)


def is_original(lang: str) -> bool:
    return lang == ORIGINAL_LANGUAGE


#: Letters a language sorts apart from their base letter (the table's `sort_letters`): Swedish
#: puts å, ä and ö after z, English files them all under their base letter.
SORT_LETTERS: dict[str, dict[int, str]] = {
    code: str.maketrans(row.sort_letters) for code, row in languages.TABLE.items()}


@functools.lru_cache(maxsize=4096)
def sort_key(text: str, lang: str) -> tuple[str, str]:
    """A key that sorts names as a reader of `lang` expects: "Örebro" last in Swedish, among
    the O's in English; "Idésluss" with "Idesluss" in both. Python's own order is neither (it
    puts "ä" before "å" and "é" after "z")."""
    folded = text.casefold().translate(SORT_LETTERS.get(lang, {}))
    plain = "".join(char for char in unicodedata.normalize("NFD", folded)
                    if not unicodedata.combining(char))
    return plain, folded


def reading_order(cases: Iterable[CaseStudy], lang: str) -> tuple[CaseStudy, ...]:
    """The cases in the order a reader of `lang` looks for them: by their name in that
    language, alphabetised as that language does (English pages list "Örebro" among the O's)."""
    return tuple(sorted(cases, key=lambda case: (
        sort_key(case.name.get(lang) or case.name.sv, lang), case.slug)))
