"""The case studies' texts as a PO file, so translators can use the tools they already know.

`translations export` writes one entry per text: msgctxt `slug:field`, msgid the Swedish,
msgstr the translation (empty while missing), the fuzzy flag where the Swedish changed since
the translation was made, and `#: file:line` pointing at the Swedish in the case file. Poedit,
Weblate or Lokalize then show exactly what needs work. `translations import` brings the
msgstrs back into the case files through `reviewing.record`, which edits the text in place.

A fuzzy entry is never imported: the flag means nobody has confirmed that translation against
the Swedish yet. The fingerprint written on import is that of the msgid, the Swedish the
translator saw, so a Swedish edit made meanwhile still shows as outdated afterwards.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from ..output import replace_file
from ..reading.corpus import case_files
from ..reading.model import CASE_FIELDS, CaseStudy, Kind, TranslationMethod
from ..reading.registry import Registry
from ..reading.translation import State, case_status
from .reviewing import Change, is_markdown, read_case_file, record, validate_text
from .yaml_edit import compose, field_path, node_at

PROJECT = "ideslussar case studies"


def context(case: CaseStudy, field_name: str) -> str:
    return f"{case.slug}:{field_name}"


def source_lines(path: Path, repo_root: Path) -> dict[str, int]:
    """The line of each Swedish text in a case file, for the `#:` references."""
    text = read_case_file(path, repo_root).text
    root = compose(text)
    lines: dict[str, int] = {}

    def visit(prefix: str, node_path: list[str | int]) -> None:
        found = node_at(root, node_path)
        if found is not None:
            lines[prefix] = found[1].start_mark.line + 1

    for spec in CASE_FIELDS:
        if spec.kind in (Kind.TEXT, Kind.MARKDOWN):
            visit(spec.key, [spec.key, "sv"])
        elif spec.kind is Kind.TEXT_LIST:
            items = node_at(root, [spec.key])
            count = len(items[1].value) if items and isinstance(items[1].value, list) else 0
            for index in range(count):
                visit(f"{spec.key}.{index}", field_path(f"{spec.key}.{index}", "sv"))
        elif spec.kind is Kind.IMAGE:
            visit(f"{spec.key}.alt", [spec.key, "alt", "sv"])
    return lines


def export_catalog(cases: Iterable[CaseStudy], repo_root: Path, lang: str, *,
                   needs_work_only: bool = False) -> Catalog:
    """Every translatable text of the cases in `lang`, in file and page order."""
    catalog = Catalog(locale=lang, project=PROJECT, fuzzy=False,
                      revision_date=datetime.datetime.now(datetime.UTC))
    for case in sorted(cases, key=lambda c: c.path):
        lines = source_lines(repo_root / case.path, repo_root)
        statuses = case_status(case, lang)
        for name, text in case.texts().items():
            status = statuses[name]
            if needs_work_only and not status.needs_work:
                continue
            comments = [f"state: {status.state.value}"
                        + ("" if status.state is State.MISSING else
                           f", method: {status.method.value}")]
            if is_markdown(name):
                comments.append("Markdown: keep the links and the paragraph breaks.")
            flags = ["fuzzy"] if status.state is State.OUTDATED else []
            catalog.add(text.sv, text.get(lang) or "", [(case.path, lines.get(name, 1))],
                        flags=flags, auto_comments=comments, context=context(case, name))
    return catalog


def write_catalog(catalog: Catalog, path: Path) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100)
    replace_file(path, buffer.getvalue())


@dataclass
class ImportReport:
    """What an import did, for the command's summary."""

    changes: list[Change] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)  # contexts left out: still fuzzy
    empty: list[str] = field(default_factory=list)  # contexts left out: no translation
    unknown: list[str] = field(default_factory=list)  # contexts that match no case or field


def import_catalog(path: Path, repo_root: Path, registry: Registry, lang: str | None = None,
                   method: TranslationMethod = TranslationMethod.HUMAN) -> ImportReport:
    """Write the translated, non-fuzzy msgstrs of a PO file back into the case files."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    target = lang or (str(catalog.locale) if catalog.locale else "en")
    files = {p.stem: p for p in case_files(repo_root / "municipalities")}
    report = ImportReport()
    by_file: dict[str, dict[str, tuple[str, str]]] = {}
    for message in catalog:
        if not message.id or not message.context:
            continue
        slug, _, name = message.context.partition(":")
        string = text_of(message)
        if slug not in files or not name:
            report.unknown.append(message.context)
        elif message.fuzzy:
            report.fuzzy.append(message.context)
        elif not string.strip():
            report.empty.append(message.context)
        else:
            by_file.setdefault(slug, {})[name] = (text_of(message, msgid=True), string)
    for slug, texts in by_file.items():
        case_file = read_case_file(files[slug], repo_root)
        known = validate_text(case_file.text, case_file, repo_root, registry).texts()
        report.unknown.extend(f"{slug}:{name}" for name in texts if name not in known)
        texts = {name: value for name, value in texts.items() if name in known}
        if not texts:
            continue
        report.changes.append(record(files[slug], repo_root, registry, target, method,
                                     texts=texts))
    return report


def text_of(message: Message, *, msgid: bool = False) -> str:
    value = message.id if msgid else message.string
    if isinstance(value, str):
        return value
    return str(value[0]) if value else ""
