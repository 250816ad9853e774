"""The case studies' texts as a PO file, so translators can use the tools they already know.

`translations export` writes one entry per text: msgctxt `slug:field`, msgid the Swedish,
msgstr the translation (empty while missing), the fuzzy flag where a person should look
(see `export_catalog`), the previous Swedish (`#| msgid`) of an outdated entry, the field's help
as a comment, and `#: file:line` pointing at the Swedish in the case file. Poedit, Weblate or
Lokalize then show exactly what needs work. The same export, one file per case, is kept in
`translations/content/<lang>/` for a translation platform to sync (`translations sync`).

`translations import` reads the whole PO file strictly (`po_reader`), checks its language and
every entry, works out every changed case file (`reviewing.plan`), and only then writes. A
fuzzy entry is never imported: the flag means nobody has confirmed that translation against
the Swedish yet. The fingerprint written on import is that of the msgid, the Swedish the
translator saw, so a Swedish edit made meanwhile still shows as outdated afterwards.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from ..output import replace_file
from ..reading import history
from ..reading.corpus import case_files, display_path
from ..reading.languages import ORIGINAL_LANGUAGE
from ..reading.model import (
    CASE_FIELDS,
    TRANSLATED_LANGUAGES,
    CaseStudy,
    Kind,
    Text,
    TranslationMethod,
    field_by_key,
)
from ..reading.problems import N_, InvalidContentError, Problem
from ..reading.registry import Registry
from ..reading.translation import FieldStatus, State, case_status, fingerprint
from .po_reader import PoEntry, PoFile, PoReadError, read_po_file
from .reviewing import Change, is_markdown, plan, read_case_file, validate_text
from .yaml_edit import YamlEditError, compose, field_path, node_at

PROJECT = "ideslussar case studies"
LANGUAGE_TEAM = "Idéslussar translators"
LAST_TRANSLATOR = "Idéslussar translators"
HEADER_COMMENT = ("# The case studies' texts of the idéslussar site: Swedish and translation.\n"
                  "# Written by 'ideslussar translations export'; bring it back with "
                  "'ideslussar translations import'.\n"
                  "# The texts are CC BY 4.0, like the site's open data.")


def context(case: CaseStudy, field_name: str) -> str:
    return f"{case.slug}:{field_name}"


def source_lines(path: Path, repo_root: Path, lang: str = ORIGINAL_LANGUAGE) -> dict[str, int]:
    """The line of each text in `lang` in a case file: the Swedish for the `#:` references,
    a translation for messages about it."""
    text = read_case_file(path, repo_root).text
    root = compose(text)
    lines: dict[str, int] = {}

    def visit(prefix: str, node_path: list[str | int]) -> None:
        found = node_at(root, node_path)
        if found is not None:
            lines[prefix] = found[1].start_mark.line + 1

    for spec in CASE_FIELDS:
        if spec.kind in (Kind.TEXT, Kind.MARKDOWN):
            visit(spec.key, [spec.key, lang])
        elif spec.kind is Kind.TEXT_LIST:
            items = node_at(root, [spec.key])
            count = len(items[1].value) if items and isinstance(items[1].value, list) else 0
            for index in range(count):
                visit(f"{spec.key}.{index}", field_path(f"{spec.key}.{index}", lang))
        elif spec.kind is Kind.IMAGE:
            visit(f"{spec.key}.alt", [spec.key, "alt", lang])
    return lines


def export_catalog(cases: Iterable[CaseStudy], repo_root: Path, lang: str, *,
                   needs_work_only: bool = False) -> Catalog:
    """Every translatable text of the cases in `lang`, in file and page order.

    An entry is fuzzy when the Swedish changed since the translation was made, when nobody
    recorded how the translation was made, and when a machine made it and no person has
    reviewed it: in every translator's tool, fuzzy means "check me". An outdated entry
    carries the Swedish it was translated from (`#| msgid`, found in the repository's
    history) so the tool can show what changed.
    """
    catalog = Catalog(locale=lang, project=PROJECT, version="1", fuzzy=False,
                      header_comment=HEADER_COMMENT, language_team=LANGUAGE_TEAM,
                      last_translator=LAST_TRANSLATOR, copyright_holder=PROJECT,
                      msgid_bugs_address=LANGUAGE_TEAM,
                      revision_date=datetime.datetime.now(datetime.UTC))
    for case in sorted(cases, key=lambda c: c.path):
        lines = source_lines(repo_root / case.path, repo_root)
        statuses = case_status(case, lang)
        previous: dict[str, str] | None = None
        for name, text in case.texts().items():
            status = statuses[name]
            if needs_work_only and not status.needs_work and not needs_review(status):
                continue
            previous_id = None
            if status.state is State.OUTDATED and status.method is not None:
                if previous is None:
                    previous = previous_swedish(case, lang, repo_root)
                previous_id = previous.get(name)
            flags = ["fuzzy"] if status.state is State.OUTDATED or needs_review(status) else []
            catalog.add(text.sv, text.get(lang) or "", [(case.path, lines.get(name, 1))],
                        flags=flags, auto_comments=entry_comments(name, status),
                        context=context(case, name), previous_id=previous_id or ())
    return catalog


def needs_review(status: FieldStatus) -> bool:
    """A machine translation nobody has checked: exported fuzzy, shown to readers as machine."""
    return status.state is State.CURRENT and status.method is TranslationMethod.MACHINE \
        and not status.reviewed


def entry_comments(name: str, status: FieldStatus) -> list[str]:
    """What the translator sees above an entry: the field's help, the state, Markdown."""
    spec = field_by_key(name.split(".")[0])
    comments = [f"{name}: {spec.help_en}" if spec else name]
    if status.state is State.MISSING:
        comments.append("state: missing")
    elif status.method is None:
        comments.append(f"state: {status.state.value}, method: not recorded")
    else:
        comments.append(f"state: {status.state.value}, method: {status.method.value}, "
                        f"reviewed: {'yes' if status.reviewed else 'no'}")
    if is_markdown(name):
        comments.append("Markdown: keep the links and the paragraph breaks.")
    return comments


def previous_swedish(case: CaseStudy, lang: str, repo_root: Path) -> dict[str, str]:
    """For each recorded field, the Swedish text its record was made from, found in the case
    file's committed versions (by the fingerprint the record holds)."""
    wanted = {name: record.source for name, record in case.translation.get(lang, {}).items()}
    found: dict[str, str] = {}
    for version in history.past_versions(repo_root, case.path):
        try:
            root = compose(version)
        except YamlEditError:
            continue
        for name, source in wanted.items():
            if name in found:
                continue
            node = node_at(root, field_path(name, ORIGINAL_LANGUAGE))
            if node is not None and isinstance(node[1].value, str):
                old = node[1].value.strip()
                if fingerprint(old) == source:
                    found[name] = old
        if len(found) == len(wanted):
            break
    return found


def write_catalog(catalog: Catalog, path: Path) -> None:
    replace_file(path, catalog_bytes(catalog))


def catalog_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_previous=True)
    return buffer.getvalue()


# -- the catalogs kept in the repository ------------------------------------------------------


def stored_path(repo_root: Path, lang: str, slug: str) -> Path:
    """translations/content/<lang>/<slug>.po: where a platform such as Weblate syncs."""
    return repo_root / "translations" / "content" / lang / f"{slug}.po"


def without_dates(data: bytes) -> bytes:
    """A PO file's bytes without the header's dates, which change on every export."""
    return re.sub(rb'"(POT-Creation-Date|PO-Revision-Date): [^"]*"\n', b"", data)


def stored_catalogs(cases: Iterable[CaseStudy], repo_root: Path
                    ) -> dict[Path, bytes]:
    """What each stored content catalog should hold now, by path."""
    return {stored_path(repo_root, lang, case.slug):
            catalog_bytes(export_catalog([case], repo_root, lang))
            for case in cases for lang in TRANSLATED_LANGUAGES}


def stale_catalogs(cases: Iterable[CaseStudy], repo_root: Path) -> dict[Path, bytes]:
    """The stored catalogs that differ from the case files (dates aside), with their new
    bytes; and every stored catalog of a case that no longer exists (bytes empty)."""
    cases = list(cases)
    wanted = stored_catalogs(cases, repo_root)
    stale = {path: data for path, data in wanted.items()
             if not path.is_file() or without_dates(path.read_bytes()) != without_dates(data)}
    folder = repo_root / "translations" / "content"
    if folder.is_dir():
        stale.update({path: b"" for path in sorted(folder.glob("*/*.po"))
                      if path not in wanted})
    return stale


# -- import ----------------------------------------------------------------------------------


@dataclass
class ImportReport:
    """What an import did, for the command's summary."""

    changes: list[Change] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)  # contexts left out: still fuzzy
    empty: list[str] = field(default_factory=list)  # contexts left out: no translation
    #: contexts written, but translated from a Swedish text that has changed since the export:
    #: recorded against that older text, so they show as outdated
    outdated: list[str] = field(default_factory=list)


def language_of(value: str) -> str | None:
    """A PO `Language:` value as one of our languages: `en`, `en_GB`, `en-US`, `en_GB.UTF-8`
    and `en@latin` are all English; None when it is none of ours."""
    base = re.split(r"[_\-.@]", value.strip(), maxsplit=1)[0].lower()
    return base if base in TRANSLATED_LANGUAGES else None


def import_catalog(path: Path, repo_root: Path, registry: Registry, lang: str | None = None,
                   method: TranslationMethod = TranslationMethod.HUMAN) -> ImportReport:
    """Write the translated, non-fuzzy msgstrs of a PO file back into the case files.

    The whole file is read and checked first (every line, the header, the language, every
    entry's case and field), then every changed case file is worked out and validated, and
    only then is anything written. On any problem nothing is written.
    """
    shown_as = display_path(path, repo_root)
    try:
        po = read_po_file(path, shown_as)
    except PoReadError as error:
        raise InvalidContentError(error.problems) from None
    files = {p.stem: p for p in case_files(repo_root / "municipalities")}
    report = ImportReport()
    by_file: dict[str, dict[str, tuple[str, str]]] = {}
    problems: list[Problem] = []
    try:
        target = check_language(po, shown_as, lang)
    except InvalidContentError as error:
        problems.extend(error.problems)
    known: dict[str, dict[str, Text]] = {}
    if po.entries and not any(entry.context for entry in po.entries):
        problems.append(Problem(shown_as, po.entries[0].line, 1, "", N_(
            "none of the {count} entries has a msgctxt, so none can be matched to a case and "
            "field"), N_("keep the msgctxt lines of the exported file; after po2csv, convert "
                         "back with the export as template: csv2po -t EXPORTED.po FILE.csv "
                         "FILE.po"), {"count": len(po.entries)}))
        raise InvalidContentError(problems)
    for entry in po.entries:
        entry_problem = check_entry(entry, shown_as, files, known, repo_root, registry)
        if entry_problem is not None:
            problems.append(entry_problem)
            continue
        where = entry.context or ""
        slug, _, name = where.partition(":")
        if "fuzzy" in entry.flags:
            report.fuzzy.append(where)
        elif not (entry.msgstr or "").strip():
            report.empty.append(where)
        else:
            by_file.setdefault(slug, {})[name] = (entry.msgid or "", entry.msgstr or "")
            if fingerprint(entry.msgid or "") != fingerprint(known[slug][name].sv):
                report.outdated.append(where)
    if problems:
        raise InvalidContentError(problems)
    planned = [plan(files[slug], repo_root, registry, target, method, texts=texts)
               for slug, texts in by_file.items()]
    for item in planned:
        item.write()
    report.changes = [item.change for item in planned]
    return report


def check_language(po: PoFile, shown_as: str, lang: str | None) -> str:
    """The language the file's translations are in, from `--lang` or its `Language:`."""
    written = po.header.get("Language", "")
    found = language_of(written) if written else None
    if written and found is None:
        raise InvalidContentError([Problem(shown_as, 1, 1, "", N_(
            'the file is for the language "{language}", which the site does not publish'),
            N_("the site's translated languages are {languages}"),
            {"language": written, "languages": ", ".join(TRANSLATED_LANGUAGES)})])
    if lang and found and found != lang:
        raise InvalidContentError([Problem(shown_as, 1, 1, "", N_(
            'the file is for the language "{language}", not {lang}'),
            N_("check that this is the right file, or leave out --lang"),
            {"language": written, "lang": lang})])
    chosen = lang or found
    if chosen is None:
        raise InvalidContentError([Problem(shown_as, 1, 1, "", N_(
            "the file does not say its language"),
            N_("add --lang en, or the header line Language: en"))])
    return chosen


def check_entry(entry: PoEntry, shown_as: str, files: dict[str, Path],
                known: dict[str, dict[str, Text]], repo_root: Path, registry: Registry
                ) -> Problem | None:
    """Whether one entry belongs to a case and field that exist; the problem if not."""
    if entry.plural:
        return Problem(shown_as, entry.line, 1, "", N_("plural forms are not used in the case "
                                                       "studies"), N_("remove this entry"))
    if not entry.context:
        return Problem(shown_as, entry.line, 1, "", N_(
            "the entry has no msgctxt, so it cannot be matched to a case and field"),
            N_("keep the msgctxt lines of the exported file; after po2csv, convert back with "
               "the export as template: csv2po -t EXPORTED.po FILE.csv FILE.po"))
    slug, _, name = entry.context.partition(":")
    if slug not in files or not name:
        return Problem(shown_as, entry.line, 1, "", N_('no case study "{context}"'),
                       N_("the case files are {slugs}; export the file again"),
                       {"context": entry.context, "slugs": ", ".join(sorted(files))})
    if slug not in known:
        case_file = read_case_file(files[slug], repo_root)
        known[slug] = validate_text(case_file.text, case_file, repo_root, registry).texts()
    if name not in known[slug]:
        return Problem(shown_as, entry.line, 1, "", N_('"{context}": the case has no text '
                                                       '"{field}"'),
                       N_("its texts are {fields}; export the file again"),
                       {"context": entry.context, "field": name,
                        "fields": ", ".join(known[slug])})
    return None
