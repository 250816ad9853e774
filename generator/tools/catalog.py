"""The interface strings' gettext catalogs: extract, update and check them with Babel's API.

Two domains (`i18n.DOMAINS`): `site`, what readers see (templates, the theme, the page and feed
code), and `cli`, what editors and translators see in the terminal. Each has a template,
`translations/<domain>.pot`, and a catalog per language, `translations/<lang>/LC_MESSAGES/
<domain>.po`. English is the msgid language: its catalog is optional and holds only wording
fixes (an empty msgstr is the msgid as written), so the English can be reworded without
touching a msgid, which would empty the Swedish translation.

The files carry each string's source files (without line numbers, so that moving a line of
code does not churn the catalogs in every pull request) and the `# TRANSLATORS:` comments from
the code; they are sorted by msgid. Nothing here compiles a `.mo` file: `i18n.py` compiles in
memory when the site is built, so no compiled catalog is committed or can go stale.

`check_catalogs` is the one gate the command (`ideslussar translations check`) and the tests
share: a fuzzy entry is left out of a compiled catalog and an empty msgstr silently falls back
to English, so both would ship English text on a Swedish page without anyone noticing.
"""

from __future__ import annotations

import configparser
import datetime
import io
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from ..output import remove_file, replace_file
from ..reading import catalogs
from ..reading.languages import language
from ..reading.model import LANGUAGES, SECTIONS
from ..reading.problems import N_, InvalidContentError, Problem
from ..site.i18n import CLI_DOMAIN, DOMAINS, SITE_DOMAIN, SOURCE_LANGUAGE

PROJECT = "ideslussar"
#: Marks a message for extraction without translating it on the spot (see `problems.N_`).
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}
#: `# TRANSLATORS: ...` above a string in the code reaches the translator as a comment.
COMMENT_TAGS = ("TRANSLATORS:",)
#: The width the committed catalogs are wrapped at (the project's line length).
WIDTH = 100
#: The languages whose catalogs must translate every string: every published language except
#: the msgid language (whose own catalog holds only optional wording fixes).
CATALOG_LANGUAGES: tuple[str, ...] = tuple(lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE)
#: Every catalog kept, per domain: the translations and the msgid language's wording fixes.
KEPT_LANGUAGES: tuple[str, ...] = (*CATALOG_LANGUAGES, SOURCE_LANGUAGE)
#: The files whose strings readers see (the pipeline's `site` and `engine` steps, with their
#: templates and theme); every other file's strings are the command line's.
SITE_SOURCES = re.compile(r"^generator/(site|engine)/")
#: The one catalog per language before the split into domains: read as a translation memory
#: by `update`, then removed.
LEGACY_DOMAIN = "messages"
HEADER_COMMENT = ("# Interface strings of the idéslussar site and its commands ({domain} domain).\n"
                  "# Written by 'ideslussar translations extract' and 'update'; see "
                  "CONTRIBUTING.md, 'Translating'.")

MessageKey = str | tuple[str, str]


def template_path(root: Path, domain: str) -> Path:
    return root / "translations" / f"{domain}.pot"


def po_path(root: Path, lang: str, domain: str) -> Path:
    return root / "translations" / lang / "LC_MESSAGES" / f"{domain}.po"


def domain_of(filename: str) -> str:
    return SITE_DOMAIN if SITE_SOURCES.match(filename.replace("\\", "/")) else CLI_DOMAIN


#: Which files `extract` reads, and how: Babel's mapping configuration, at the repository's top.
MAPPING_FILE = "babel.cfg"


def read_mapping(root: Path) -> tuple[list[tuple[str, str]], dict[str, dict[str, str]]]:
    """babel.cfg as Babel's extractor takes it; a file that cannot be read or parsed is the
    developer's problem to fix, told with its line (Babel would raise configparser's error)."""
    try:
        with (root / MAPPING_FILE).open(encoding="utf-8") as config:
            text = config.read()
        unclosed(text)
        mapping = parse_mapping_cfg(io.StringIO(text), MAPPING_FILE)  # type: ignore[no-untyped-call]
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidContentError([Problem(MAPPING_FILE, 1, 1, "", N_(
            "the file cannot be read: {error}"), N_(
            "restore it from the repository (git checkout babel.cfg)"),
            {"error": (error.strerror if isinstance(error, OSError) else None) or str(error)})]
        ) from None
    except (configparser.Error, ValueError) as error:  # ValueError: an unknown extractor
        raise InvalidContentError([Problem(MAPPING_FILE, mapping_line(error), 1, "", N_(
            "this is not a valid mapping of files to extractors: {error}"), N_(
            "each section is [python: PATTERN] or [jinja2: PATTERN], followed by option = "
            "value lines; restore it from the repository (git checkout babel.cfg)"),
            {"error": str(error).splitlines()[0]})]) from None
    if not mapping[0]:
        raise InvalidContentError([Problem(MAPPING_FILE, 1, 1, "", N_(
            "the file maps no files to extractors"), N_(
            "restore it from the repository (git checkout babel.cfg)"))])
    unknown = [method for _pattern, method in mapping[0]
               if method not in extractors() and ":" not in method]
    if unknown:
        raise InvalidContentError([Problem(MAPPING_FILE, 1, 1, "", N_(
            "Babel has no extractor called {method}"), N_("use one of: {known}"),
            {"method": unknown[0], "known": ", ".join(sorted(extractors()))})])
    return mapping[0], mapping[1]


def unclosed(text: str) -> None:
    """Refuse a section header without its "]": configparser would read it as an option of
    the section before, and the files it was to map would be extracted from by none."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("[") and "]" not in line:
            raise InvalidContentError([Problem(MAPPING_FILE, number, 1, "", N_(
                "this section header has no closing ]"), N_(
                "end it with ], as in [jinja2: generator/site/templates/**.html]"))])


def extractors() -> set[str]:
    """The extraction methods babel.cfg may name: Babel's own and those installed packages
    register (Jinja2's `jinja2`); a module:function path is left to Babel."""
    return {"python", "javascript", "ignore",
            *(point.name for point in entry_points(group="babel.extractors"))}


def mapping_line(error: Exception) -> int:
    """The line of babel.cfg configparser names in its error (the first, when it lists
    several); the first line when it names none."""
    listed = getattr(error, "errors", None)  # a ParsingError's (line, text) pairs
    if listed:
        return int(listed[0][0])
    return int(getattr(error, "lineno", None) or 1)


def extract(root: Path) -> dict[str, Catalog]:
    """Every string the code and templates mark for translation (as listed in babel.cfg), as
    one template per domain. A string used in both places is in both."""
    method_map, options_map = read_mapping(root)
    templates = {domain: Catalog(project=PROJECT, fuzzy=False,
                                 header_comment=HEADER_COMMENT.format(domain=domain))
                 for domain in DOMAINS}
    found = extract_from_dir(root, method_map, options_map, keywords=KEYWORDS,
                             comment_tags=COMMENT_TAGS, strip_comment_tags=True)
    try:
        for filename, lineno, message, comments, context in found:
            templates[domain_of(filename)].add(message, None, [(filename, lineno)],
                                               auto_comments=comments, context=context)
    except (ImportError, LookupError) as error:  # an extension or encoding babel.cfg names
        raise InvalidContentError([Problem(MAPPING_FILE, 1, 1, "", N_(
            "extracting with these options failed: {error}"), N_(
            "name only installed Jinja extensions and encodings Python knows; restore it "
            "from the repository (git checkout babel.cfg)"), {"error": str(error)})]) from None
    for spec in SECTIONS:  # headings readers see, declared with their fields in the model
        templates[SITE_DOMAIN].add(spec.heading, None, [("generator/reading/model.py", 0)],
                                   auto_comments=[f"The heading of the {spec.key} section"])
    return templates


def write_catalog(catalog: Catalog, path: Path) -> None:
    """Write a .pot or .po the way the committed ones are written: sorted, source files
    without line numbers."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, sort_output=True, include_lineno=False)
    written = buffer.getvalue()
    if path.is_file() and undated(path.read_bytes()) == undated(written):
        return  # only the header's dates would change: a pull request shows no noise
    replace_file(path, written)


#: The header lines `extract` and `update` date anew each time.
DATE_LINES = re.compile(rb'^"(?:POT-Creation-Date|PO-Revision-Date): [^"\n]*\\n"\n', re.M)


def undated(text: bytes) -> bytes:
    """A catalog's text without the dates of its header, or the blank lines that end it
    (Babel writes one; an editor may remove it)."""
    return DATE_LINES.sub(b"", text).rstrip(b"\n")


def read_catalog(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def new_catalog(lang: str) -> Catalog:
    return Catalog(locale=lang, project=PROJECT, fuzzy=False,
                   last_translator="Idéslussar translators",
                   language_team=language(lang).name)


def update(root: Path, lang: str, domain: str, template: Catalog | None = None) -> Catalog:
    """Merge a domain's template into a language's catalog, with no fuzzy matching.

    Babel's fuzzy matching guesses a translation for a new msgid from a similar old one; the
    guess is left out of the compiled catalog anyway, so it only hides that a string is new.
    Entries whose msgid is gone become obsolete (`#~`) so the translator can reuse their text;
    `check` fails until they are removed. An empty entry takes the translation of the same
    msgid from the language's catalog of before the split into domains, if one is left.
    """
    template = template or read_catalog(template_path(root, domain))
    path = po_path(root, lang, domain)
    catalog = read_catalog(path, lang) if path.is_file() else new_catalog(lang)
    catalog.update(template, no_fuzzy_matching=True, update_creation_date=True)
    catalog.header_comment = HEADER_COMMENT.format(domain=domain)
    legacy = po_path(root, lang, LEGACY_DOMAIN)
    if legacy.is_file():
        memory = read_catalog(legacy, lang)
        for message in catalog:
            old = memory.get(message.id, context=message.context) if message.id else None
            if (old is not None and not any(catalogs.strings_of(message))
                    and any(catalogs.strings_of(old))):
                message.string = old.string
    catalog.revision_date = datetime.datetime.now(datetime.UTC)
    write_catalog(catalog, path)
    return catalog


def file_problems(root: Path, lang: str, domain: str) -> list[Problem]:
    """What makes a language's catalog unreadable as a whole (not UTF-8, a line Babel would
    mangle, a broken header); none for a missing one, which `update` starts afresh."""
    path = po_path(root.resolve(), lang, domain)  # absolute: a link is told by resolving
    if not path.exists() and not path.is_symlink():
        return []
    checked = catalogs.read_catalog_at(path, lang, relative(path, root.resolve()),
                                       optional=False)
    return list(checked.problems) if checked.catalog is None else []


def remove_legacy(root: Path) -> list[Path]:
    """Remove the catalogs of before the split into domains, once `update` has read them."""
    found = [po_path(root, lang, LEGACY_DOMAIN) for lang in KEPT_LANGUAGES] \
        + [template_path(root, LEGACY_DOMAIN)]
    found = [path for path in found if path.is_file()]
    for path in found:
        remove_file(path)
    return found


@dataclass(frozen=True)
class CatalogProblem:
    """One thing wrong with a catalog: the file and line, the entry it concerns, what is wrong
    and what to do."""

    file: str
    entry: str  # the msgid ("context|msgid" with a context), "" for the file as a whole
    message: str  # a gettext msgid, translated when printed
    params: Mapping[str, object] = field(default_factory=dict)
    line: int = 0  # 1-based; 0: the file as a whole
    expected: str = ""  # a gettext msgid: what to do

    def render(self, gettext: Callable[[str], str]) -> str:
        """`file:line:1: "msgid": problem; what to do`, in the language of `gettext`: the
        place as the build gives it, so an editor or CI that reads one reads both."""
        text = gettext(self.message).format(**self.params)
        if self.expected:
            text += "; " + gettext(self.expected).format(**self.params)
        where = f"{self.file}:{self.line}:1" if self.line else self.file
        return f"{where}: {json.dumps(self.entry, ensure_ascii=False)}: {text}" \
            if self.entry else f"{where}: {text}"


def message_key(message: Message) -> MessageKey:
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    return (msgid, message.context) if message.context else msgid


def shown(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def from_problem(problem: Problem) -> CatalogProblem:
    """A problem `reading.catalogs` found, as the check lists it."""
    entry = json.loads(problem.field) if problem.field else ""
    return CatalogProblem(problem.file, entry, problem.message, problem.params, problem.line,
                          problem.expected)


def obsolete_problems(catalog: Catalog, file: str) -> list[CatalogProblem]:
    """Entries `update` kept as `#~` comments: told so that the translator reuses or deletes
    them (the build ignores them)."""
    return [CatalogProblem(file, shown(message), N_(
        "the entry is obsolete: reuse its text if it helps, then delete it"),
        line=message.lineno or 0) for message in catalog.obsolete.values()]


def check_catalogs(root: Path) -> list[CatalogProblem]:
    """Everything that would make an interface string show in the wrong language.

    Compares a fresh extraction with the committed templates (a string in the code that nobody
    extracted) and each template with each catalog (a string nobody translated), and checks
    each entry. Returns every problem found; empty means all is well.
    """
    found: list[CatalogProblem] = []
    fresh = extract(root)
    for lang in KEPT_LANGUAGES:
        legacy = po_path(root, lang, LEGACY_DOMAIN)
        if legacy.is_file():
            found.append(CatalogProblem(relative(legacy, root), "", N_(
                "a catalog from before the split into domains: run 'ideslussar translations "
                "extract' and 'update', which take its translations and remove it")))
    for domain in DOMAINS:
        found.extend(domain_problems(root, domain, fresh[domain]))
    return found


def domain_problems(root: Path, domain: str, fresh: Catalog) -> list[CatalogProblem]:
    """The problems of one domain's template and catalogs."""
    found: list[CatalogProblem] = []
    pot = template_path(root, domain)
    fresh_keys = {message_key(m) for m in fresh if m.id}
    if not pot.is_file():
        return [CatalogProblem(relative(pot, root), "", N_(
            "the template is missing: run 'ideslussar translations extract'"))]
    template = read_catalog(pot)
    template_keys = {message_key(m) for m in template if m.id}
    found += differences(relative(pot, root), fresh_keys, template_keys, N_(
        "in the code but not in the template: run 'ideslussar translations extract' and "
        "'update'"), N_(
        "in the template but no longer in the code: run 'ideslussar translations "
        "extract' and 'update'"))
    for lang in KEPT_LANGUAGES:
        path = po_path(root, lang, domain)
        if not path.is_file():
            found.append(CatalogProblem(relative(path, root), "", N_(
                "the catalog is missing: run 'ideslussar translations update'")))
            continue
        if path.resolve() != root.resolve() / path.relative_to(root):
            found.append(CatalogProblem(relative(path, root), "", N_(
                "the catalog is a symbolic link: put the catalog itself there")))
            continue
        checked = catalogs.read_catalog_file(path, lang, relative(path, root),
                                             empty_allowed=lang == SOURCE_LANGUAGE)
        if checked.catalog is None:  # not a catalog Babel can read: that problem alone
            found.extend(from_problem(problem) for problem in checked.problems)
            continue
        catalog = checked.catalog
        keys = {message_key(m) for m in catalog if m.id}
        found += differences(relative(path, root), template_keys, keys, N_(
            "in the template but not in the catalog: run 'ideslussar translations "
            "update'"), N_(
            "in the catalog but not in the template: run 'ideslussar translations "
            "update'"))
        found.extend(from_problem(problem) for problem in checked.problems)
        found.extend(obsolete_problems(catalog, relative(path, root)))
    return found


def key_text(key: MessageKey) -> str:
    return key if isinstance(key, str) else f"{key[1]}|{key[0]}"


def differences(where: str, expected: set[MessageKey], present: set[MessageKey],
                only_expected: str, only_present: str) -> list[CatalogProblem]:
    """The messages one side has and the other lacks, both ways: a template against the code,
    or a catalog against its template."""
    return ([CatalogProblem(where, key_text(key), only_expected)
             for key in sorted(expected - present, key=str)]
            + [CatalogProblem(where, key_text(key), only_present)
               for key in sorted(present - expected, key=str)])


def relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
