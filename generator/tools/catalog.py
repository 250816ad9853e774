"""The interface strings' gettext catalogs: extract, update and check them with Babel's API.

English is the msgid language, so only the other languages have a catalog
(`translations/<lang>/LC_MESSAGES/messages.po`); the template `translations/messages.pot` is
what the code and templates ask for. The files are written without source locations and
sorted by msgid, so that moving a line of code does not churn the catalogs in every pull
request. Nothing here compiles a `.mo` file: `i18n.py` compiles in memory when the site is
built, so no compiled catalog is committed or can go stale.

`check_catalogs` is the one gate the command (`ideslussar translations check`) and the tests
share: a fuzzy entry is left out of a compiled catalog and an empty msgstr silently falls back
to English, so both would ship English text on a Swedish page without anyone noticing.
"""

from __future__ import annotations

import datetime
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from ..output import replace_file
from ..reading.model import LANGUAGES
from ..reading.problems import N_
from ..site.i18n import DOMAIN, SOURCE_LANGUAGE

PROJECT = "ideslussar"
#: Marks a message for extraction without translating it on the spot (see `problems.N_`).
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}
#: `# TRANSLATORS: ...` above a string in the code reaches the translator as a comment.
COMMENT_TAGS = ("TRANSLATORS:",)
#: The width the committed catalogs are wrapped at (the project's line length).
WIDTH = 100
#: The languages with a catalog: every published language except the msgid language.
CATALOG_LANGUAGES: tuple[str, ...] = tuple(lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE)
BRACE_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)[^{}]*\}")

MessageKey = str | tuple[str, str]


def template_path(root: Path) -> Path:
    return root / "translations" / f"{DOMAIN}.pot"


def po_path(root: Path, lang: str) -> Path:
    return root / "translations" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract(root: Path) -> Catalog:
    """Every string the code and templates mark for translation, as listed in babel.cfg."""
    with (root / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config, "babel.cfg")  # type: ignore[no-untyped-call]
    catalog = Catalog(project=PROJECT, fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            root, method_map, options_map, keywords=KEYWORDS, comment_tags=COMMENT_TAGS,
            strip_comment_tags=True):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments,
                    context=context)
    return catalog


def write_catalog(catalog: Catalog, path: Path) -> None:
    """Write a .pot or .po the way the committed ones are written: sorted, no locations."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, no_location=True, sort_output=True)
    replace_file(path, buffer.getvalue())


def read_catalog(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def update(root: Path, lang: str, template: Catalog | None = None) -> Catalog:
    """Merge the template into a language's catalog, with no fuzzy matching.

    Babel's fuzzy matching guesses a translation for a new msgid from a similar old one; the
    guess is left out of the compiled catalog anyway, so it only hides that a string is new.
    Entries whose msgid is gone become obsolete (`#~`) so the translator can reuse their text;
    `check` fails until they are removed.
    """
    template = template or read_catalog(template_path(root))
    path = po_path(root, lang)
    if path.is_file():
        catalog = read_catalog(path, lang)
    else:
        catalog = Catalog(locale=lang, project=PROJECT, fuzzy=False)
    catalog.update(template, no_fuzzy_matching=True, update_creation_date=True)
    catalog.revision_date = datetime.datetime.now(datetime.UTC)
    write_catalog(catalog, path)
    return catalog


@dataclass(frozen=True)
class CatalogProblem:
    """One thing wrong with a catalog: the file, the entry it concerns, and what is wrong."""

    file: str
    entry: str  # the msgid ("context|msgid" with a context), "" for the file as a whole
    message: str  # a gettext msgid, translated when printed
    params: dict[str, str] = field(default_factory=dict)

    def render(self, gettext: Callable[[str], str]) -> str:
        """`file: "msgid": problem`, in the language of `gettext`."""
        text = gettext(self.message).format(**self.params)
        return f"{self.file}: {json.dumps(self.entry, ensure_ascii=False)}: {text}" \
            if self.entry else f"{self.file}: {text}"


def message_key(message: Message) -> MessageKey:
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return (msgid, message.context) if message.context else msgid


def shown(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def strings_of(message: Message) -> tuple[str, ...]:
    """The msgstr, or each plural form of it, as a tuple of texts."""
    value = message.string
    if isinstance(value, str):
        return (value,)
    return tuple(str(item or "") for item in value or ("",))


def placeholders(text: str) -> set[str]:
    return set(BRACE_PLACEHOLDER.findall(text))


def entry_problems(catalog: Catalog, file: str) -> list[CatalogProblem]:
    """Empty, fuzzy and obsolete entries, and brace placeholders the msgid does not have.

    A translation may use `{name_sv}` where the msgid has `{name}`: the code passes a Swedish
    form of some values (language and field names) under that key.
    """
    found: list[CatalogProblem] = []
    for message in catalog:
        if not message.id:
            continue
        strings = strings_of(message)
        if any(not string for string in strings):
            found.append(CatalogProblem(file, shown(message), N_("the translation is empty")))
        if message.fuzzy:
            found.append(CatalogProblem(file, shown(message), N_(
                "the entry is fuzzy: check the translation and remove the fuzzy flag")))
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        allowed = {name for msgid in ids for name in placeholders(str(msgid))}
        allowed |= {f"{name}_sv" for name in allowed}
        for string in strings:
            extra = placeholders(string or "") - allowed
            if extra:
                found.append(CatalogProblem(
                    file, shown(message), N_("the translation uses placeholders the msgid "
                                             "does not have: {names}"),
                    {"names": ", ".join(sorted(extra))}))
    for message in catalog.obsolete.values():
        found.append(CatalogProblem(file, shown(message), N_(
            "the entry is obsolete: reuse its text if it helps, then delete it")))
    return found


def check_catalogs(root: Path) -> list[CatalogProblem]:
    """Everything that would make an interface string show in the wrong language.

    Compares a fresh extraction with the committed template (a string in the code that nobody
    extracted) and the template with each catalog (a string nobody translated), and checks
    each entry. Returns every problem found; empty means all is well.
    """
    found: list[CatalogProblem] = []
    pot = template_path(root)
    fresh = extract(root)
    fresh_keys = {message_key(m) for m in fresh if m.id}
    if not pot.is_file():
        return [CatalogProblem(relative(pot, root), "", N_(
            "the template is missing: run 'ideslussar translations extract'"))]
    template = read_catalog(pot)
    template_keys = {message_key(m) for m in template if m.id}
    for key in sorted(fresh_keys - template_keys, key=str):
        found.append(CatalogProblem(relative(pot, root), key_text(key), N_(
            "in the code but not in the template: run 'ideslussar translations extract' and "
            "'update'")))
    for key in sorted(template_keys - fresh_keys, key=str):
        found.append(CatalogProblem(relative(pot, root), key_text(key), N_(
            "in the template but no longer in the code: run 'ideslussar translations "
            "extract' and 'update'")))
    for lang in CATALOG_LANGUAGES:
        path = po_path(root, lang)
        if not path.is_file():
            found.append(CatalogProblem(relative(path, root), "", N_(
                "the catalog is missing: run 'ideslussar translations update'")))
            continue
        catalog = read_catalog(path, lang)
        keys = {message_key(m) for m in catalog if m.id}
        for key in sorted(template_keys - keys, key=str):
            found.append(CatalogProblem(relative(path, root), key_text(key), N_(
                "in the template but not in the catalog: run 'ideslussar translations "
                "update'")))
        for key in sorted(keys - template_keys, key=str):
            found.append(CatalogProblem(relative(path, root), key_text(key), N_(
                "in the catalog but not in the template: run 'ideslussar translations "
                "update'")))
        found.extend(entry_problems(catalog, relative(path, root)))
    return found


def key_text(key: MessageKey) -> str:
    return key if isinstance(key, str) else f"{key[1]}|{key[0]}"


def relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
