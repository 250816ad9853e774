"""Turning composed YAML nodes into validated `CaseStudy` objects, or into problems.

The checks are driven by `model.CASE_FIELDS`: one function per `Kind`, so adding a field to the
model adds its validation, its schema and its docs at once. Every problem is collected; nothing
stops at the first one, so an editor sees every mistake in one run.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from .loading import Document, at, is_null
from .model import (
    CASE_FIELDS,
    LANGUAGE_NAMES,
    LANGUAGES,
    ORIGINAL_LANGUAGE,
    TRANSLATED_LANGUAGES,
    Call,
    CaseStudy,
    FieldSpec,
    Image,
    Kind,
    Link,
    Month,
    Outcome,
    Period,
    Status,
    Text,
    TranslationMethod,
    TranslationRecord,
)
from .problems import N_, Problem
from .registry import Registry

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MONTH_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
FINGERPRINT_PATTERN = re.compile(r"^[0-9a-f]{16}$")
#: Link targets in Markdown: inline `](target)`, autolinks `<scheme:...>`, references `[x]: t`.
MARKDOWN_LINK_PATTERNS = (
    re.compile(r"\]\(\s*<?([^)\s>]*)"),
    re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>"),
    re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE),
)
LINK_SCHEMES = ("http", "https", "mailto")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".svg")
#: Language names for the Swedish messages (a msgstr may use {language_sv}).
LANGUAGE_NAMES_SV = {"sv": "svenska", "en": "engelska"}


@dataclass
class Checker:
    """Validates one case file; `problems` collects everything found in it."""

    file: str
    registry: Registry
    repo_root: Path
    problems: list[Problem] = field(default_factory=list)

    # -- reporting -----------------------------------------------------------------------------

    def report(self, node: yaml.Node, path: str, message: str, expected: str = "",
               **params: object) -> None:
        self.problems.append(at(node, self.file, path, message, expected, params))

    def mapping(self, node: yaml.Node, path: str, allowed: Iterable[str]
                ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """A mapping's entries by key, reporting unknown keys with a 'did you mean'."""
        if not isinstance(node, yaml.MappingNode):
            self.report(node, path, N_("this should be a set of 'key: value' lines"),
                        N_("expected the keys {keys}"), keys=", ".join(allowed))
            return None
        allowed = list(allowed)
        entries = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key not in allowed:
                self.unknown_key(key_node, path, key, allowed)
                continue
            entries[key] = (key_node, value_node)
        return entries

    def unknown_key(self, node: yaml.Node, path: str, key: str, allowed: list[str]) -> None:
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        where = f"{path}.{key}" if path else key
        if close:
            self.report(node, where, N_("unknown field"), N_('did you mean "{suggestion}"?'),
                        suggestion=close[0])
        else:
            self.report(node, where, N_("unknown field"), N_("expected one of {keys}"),
                        keys=", ".join(allowed))

    def scalar(self, node: yaml.Node, path: str) -> str | None:
        """The text of a scalar, exactly as typed; a list or mapping here is a problem."""
        if isinstance(node, yaml.ScalarNode) and not is_null(node):
            return str(node.value)
        if is_null(node):
            self.report(node, path, N_("the value is empty"), N_("write a value after the "
                                                                 "colon"))
        else:
            self.report(node, path, N_("expected a single value here, not a list or a "
                                       "set of keys"))
        return None

    def sequence(self, node: yaml.Node, path: str) -> list[yaml.Node] | None:
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        self.report(node, path, N_("expected a list"),
                    N_("write it as [a, b] or as lines starting with '- '"))
        return None

    # -- the kinds -----------------------------------------------------------------------------

    def text(self, node: yaml.Node, path: str, markdown: bool = False) -> Text | None:
        """Both languages of a text: Swedish required, English text or `~` (not yet)."""
        if isinstance(node, yaml.ScalarNode) and not is_null(node):
            self.report(node, path, N_("the text has no language keys"),
                        N_("write it as sv: <Swedish text> and en: <English text, or ~ if not "
                           "yet translated>"))
            return None
        entries = self.mapping(node, path, LANGUAGES)
        if entries is None:
            return None
        values: dict[str, str | None] = {}
        for lang in LANGUAGES:
            if lang not in entries:
                self.missing_language(node, path, lang)
                continue
            value_node = entries[lang][1]
            if lang != ORIGINAL_LANGUAGE and is_null(value_node):
                values[lang] = None
                continue
            value = self.scalar(value_node, f"{path}.{lang}")
            if value is not None and not value.strip():
                self.report(value_node, f"{path}.{lang}", N_("the text is empty"),
                            N_("write the text, or ~ for a translation still to come")
                            if lang != ORIGINAL_LANGUAGE else N_("write the Swedish text"))
                value = None
            if value is not None and markdown:
                self.check_links(value_node, f"{path}.{lang}", value)
            values[lang] = None if value is None else value.strip()
        if values.get(ORIGINAL_LANGUAGE) is None or len(values) != len(LANGUAGES):
            return None
        return Text(sv=values["sv"] or "", en=values["en"])

    def missing_language(self, node: yaml.Node, path: str, lang: str) -> None:
        if lang == ORIGINAL_LANGUAGE:
            self.report(node, f"{path}.{lang}", N_("the {language} text is missing"),
                        N_("add {lang}: with the Swedish original"),
                        language=LANGUAGE_NAMES[lang], lang=lang,
                        language_sv=LANGUAGE_NAMES_SV[lang])
        else:
            self.report(node, f"{path}.{lang}", N_("the {language} text is missing"),
                        N_("add {lang}: with the translation, or {lang}: ~ while it is not "
                           "yet translated"), language=LANGUAGE_NAMES[lang], lang=lang,
                        language_sv=LANGUAGE_NAMES_SV[lang])

    def check_links(self, node: yaml.Node, path: str, value: str) -> None:
        if "](" not in value and "<" not in value and "]:" not in value:
            return  # no link of any of the three forms: most sections
        for pattern in MARKDOWN_LINK_PATTERNS:
            for match in pattern.finditer(value):
                target = match.group(1)
                if not is_allowed_link(target):
                    self.report(node, path, N_('the link "{link}" is not a web or e-mail '
                                               "address"),
                                N_("links start with https://, http:// or mailto:"),
                                link=target)

    def municipality(self, node: yaml.Node, path: str) -> str | None:
        written = self.scalar(node, path)
        if written is None:
            return None
        if written in self.registry.municipalities:
            return written
        suggestion = self.registry.suggest_code(written)
        if suggestion is not None:
            name = self.registry.municipalities[suggestion].name
            self.report(node, path, N_('"{written}" is not a municipality code'),
                        N_('did you mean "{code}" ({name})? Write the code in quotes'),
                        written=written, code=suggestion, name=name)
        else:
            self.report(node, path, N_('"{written}" is not a municipality code'),
                        N_('expected a four-digit SCB code in quotes, such as "0180" for '
                           "Stockholm"), written=written)
        return None

    def municipality_list(self, node: yaml.Node, path: str) -> tuple[str, ...] | None:
        items = self.sequence(node, path)
        if items is None:
            return None
        codes: list[str] = []
        for index, item in enumerate(items):
            code = self.municipality(item, f"{path}.{index}")
            if code is not None and code in codes:
                self.report(item, f"{path}.{index}", N_('"{code}" is listed twice'),
                            N_("list each municipality once"), code=code)
            elif code is not None:
                codes.append(code)
        return tuple(codes)

    def month(self, node: yaml.Node, path: str) -> Month | None:
        written = self.scalar(node, path)
        if written is None:
            return None
        match = MONTH_PATTERN.match(written.strip())
        month = int(match.group(2)) if match and match.group(2) else None
        if match is None or (month is not None and not 1 <= month <= 12):
            self.report(node, path, N_('"{written}" is not a month'),
                        N_('expected YYYY-MM in quotes, such as "2016-11", or a year alone'),
                        written=written)
            return None
        return Month(int(match.group(1)), month)

    def integer(self, node: yaml.Node, path: str) -> int | None:
        written = self.scalar(node, path)
        if written is None:
            return None
        if not written.isdigit():
            digits = re.sub(r"[\s_.,\u00a0]|kr|sek", "", written.casefold())
            if digits.isdigit():
                self.report(node, path, N_('"{written}" is not a plain number'),
                            N_('write the digits only: {digits}'), written=written,
                            digits=digits)
            else:
                self.report(node, path, N_('"{written}" is not a whole number'),
                            N_("expected digits only, such as 4000000"), written=written)
            return None
        return int(written)

    def string(self, node: yaml.Node, path: str) -> str | None:
        written = self.scalar(node, path)
        return written.strip() if written is not None and written.strip() else None

    def choice(self, node: yaml.Node, path: str, choices: Iterable[str]) -> str | None:
        written = self.scalar(node, path)
        choices = list(choices)
        if written is None or written in choices:
            return written
        close = difflib.get_close_matches(written, choices, n=1, cutoff=0.5)
        if close:
            self.report(node, path, N_('"{written}" is not one of the choices'),
                        N_('did you mean "{suggestion}"? The choices are {choices}'),
                        written=written, suggestion=close[0], choices=", ".join(choices))
        else:
            self.report(node, path, N_('"{written}" is not one of the choices'),
                        N_("expected one of {choices}"), written=written,
                        choices=", ".join(choices))
        return None

    def choice_list(self, node: yaml.Node, path: str, choices: Iterable[str]
                    ) -> tuple[str, ...] | None:
        items = self.sequence(node, path)
        if items is None:
            return None
        if not items:
            self.report(node, path, N_("the list is empty"), N_("give at least one"))
            return None
        values = [self.choice(item, f"{path}.{i}", choices) for i, item in enumerate(items)]
        return tuple(value for value in values if value is not None)

    def url(self, node: yaml.Node, path: str) -> str | None:
        url = self.scalar(node, path)
        if url is None:
            return None
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            self.report(node, path, N_('"{url}" is not a web address'),
                        N_("expected an address starting with https:// or http://"), url=url)
            return None
        return url.strip()

    def link_list(self, spec: FieldSpec, node: yaml.Node, path: str
                  ) -> tuple[Link, ...] | None:
        """Links: each a plain address, or a mapping with the page's url, title and language
        (so a reader sees what a page is and in which language before following it)."""
        items = self.sequence(node, path)
        if items is None:
            return None
        if not items and spec.required:
            self.report(node, path, N_("the list is empty"),
                        N_("give the address of at least one source"))
            return None
        described = all(child.required for child in spec.children)
        links = []
        for index, item in enumerate(items):
            where = f"{path}.{index}"
            before = len(self.problems)
            if isinstance(item, yaml.MappingNode):
                values = self.group(spec.children, item, where)
                if values is not None and len(self.problems) == before:
                    links.append(Link(values["url"], values["title"], values["lang"]))
            elif described:
                self.report(item, where, N_("the page's title and language are missing"),
                            N_("write it as url: <address>, title: <the page's title>, "
                               "lang: sv or en"))
            else:
                url = self.url(item, where)
                if url is not None:
                    links.append(Link(url))
        return tuple(links)

    def group_list(self, spec: FieldSpec, node: yaml.Node, path: str
                   ) -> tuple[object, ...] | None:
        """A list of mappings of the spec's children, each made into the spec's record."""
        items = self.sequence(node, path)
        if items is None or spec.record is None:
            return None
        if not items:
            self.report(node, path, N_("the list is empty"),
                        N_("give at least one, or leave the field out"))
            return None
        records = []
        for index, item in enumerate(items):
            values = self.group(spec.children, item, f"{path}.{index}")
            if values is not None and None not in values.values():
                records.append(spec.record(**values))
        return tuple(records)

    def image(self, node: yaml.Node, path: str) -> Image | None:
        entries = self.mapping(node, path, ("file", "alt"))
        if entries is None:
            return None
        for key in ("file", "alt"):
            if key not in entries:
                self.report(node, f"{path}.{key}", N_("this field is required"),
                            N_("add {key}:"), key=key)
        if len(entries) != 2:
            return None
        file_node = entries["file"][1]
        written = self.scalar(file_node, f"{path}.file")
        alt = self.text(entries["alt"][1], f"{path}.alt")
        if written is None:
            return None
        resolved = (self.repo_root / written).resolve()
        inside = resolved.is_relative_to(self.repo_root.resolve())
        if written.startswith(("/", "\\")) or "://" in written or not inside:
            self.report(file_node, f"{path}.file", N_('"{written}" is outside the repository'),
                        N_("put the picture in municipalities/images/ and write that path"),
                        written=written)
            return None
        if resolved.suffix.lower() not in IMAGE_SUFFIXES or not resolved.is_file():
            self.report(file_node, f"{path}.file", N_('there is no picture at "{written}"'),
                        N_("expected an existing .jpg, .png, .webp or .svg file"),
                        written=written)
            return None
        return None if alt is None else Image(written, alt)

    def translation(self, node: yaml.Node, path: str) -> dict[str, TranslationRecord]:
        records: dict[str, TranslationRecord] = {}
        entries = self.mapping(node, path, TRANSLATED_LANGUAGES) or {}
        for lang, (_key, value) in entries.items():
            record = self.mapping(value, f"{path}.{lang}", ("method", "fingerprints"))
            if record is None:
                continue
            method = (self.choice(record["method"][1], f"{path}.{lang}.method",
                                  (m.value for m in TranslationMethod))
                      if "method" in record else TranslationMethod.MACHINE.value)
            prints = {}
            if "fingerprints" in record:
                for key_node, print_node in self.fingerprint_nodes(record["fingerprints"][1],
                                                                   f"{path}.{lang}"):
                    prints[str(key_node.value)] = str(print_node.value)
            if method is not None:
                records[lang] = TranslationRecord(TranslationMethod(method), prints)
        return records

    def fingerprint_nodes(self, node: yaml.Node, path: str
                          ) -> list[tuple[yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            self.report(node, f"{path}.fingerprints", N_("expected 'field: fingerprint' lines"))
            return []
        good = []
        for key_node, print_node in node.value:
            value = str(print_node.value)
            if not FINGERPRINT_PATTERN.match(value):
                self.report(print_node, f"{path}.fingerprints.{key_node.value}",
                            N_('"{value}" is not a fingerprint'),
                            N_("let 'ideslussar translations review' write it"), value=value)
            else:
                good.append((key_node, print_node))
        return good

    # -- the case as a whole -------------------------------------------------------------------

    def value(self, spec: FieldSpec, node: yaml.Node, path: str) -> Any:
        """Dispatch on the field's kind; returns None when the value is invalid."""
        return HANDLERS[spec.kind](self, spec, node, path)

    def text_list(self, node: yaml.Node, path: str) -> tuple[Text, ...] | None:
        items = self.sequence(node, path)
        if items is None:
            return None
        texts = [self.text(item, f"{path}.{index}") for index, item in enumerate(items)]
        return tuple(text for text in texts if text is not None)

    def group(self, specs: tuple[FieldSpec, ...], node: yaml.Node, path: str
              ) -> dict[str, Any] | None:
        """Check a mapping against field specs: unknown keys, missing required ones, values."""
        entries = self.mapping(node, path, [spec.key for spec in specs])
        if entries is None:
            return None
        values: dict[str, Any] = {}
        for spec in specs:
            where = f"{path}.{spec.key}" if path else spec.key
            if spec.key not in entries:
                if spec.required:
                    self.report(node, where, N_("this required field is missing"),
                                N_("add {key}: ({help})"), key=spec.key, help=spec.help_en,
                                help_sv=spec.help_sv)
                values[spec.key] = None
                continue
            value_node = entries[spec.key][1]
            if is_null(value_node) and not spec.required:
                values[spec.key] = None
                continue
            values[spec.key] = self.value(spec, value_node, where)
        return values

    def case(self, document: Document, slug: str) -> CaseStudy | None:
        """The whole file: None as soon as any problem was found in it."""
        before = len(self.problems)
        if not SLUG_PATTERN.match(slug):
            self.problems.append(Problem(self.file, 1, 1, "", N_('the file name "{slug}" is not '
                                                                 "a valid slug"),
                                         N_("use lower-case letters a-z, digits and hyphens, "
                                            "such as {suggestion}.yml"),
                                         {"slug": slug, "suggestion": slugify(slug)}))
        values = self.group(CASE_FIELDS, document.root, "")
        if values is not None:
            self.cross_checks(document.root, values)
        if values is None or len(self.problems) > before:
            return None
        period = values["period"] or {}
        return CaseStudy(
            slug=slug, path=self.file, name=values["name"], organisation=values["organisation"],
            based_in=values["based_in"], municipalities=values["municipalities"],
            municipality_count=values["municipality_count"],
            period=Period(period.get("start"), period.get("end")),
            status=Status(values["status"]), vinnova_grant_sek=values["vinnova_grant_sek"],
            vinnova_reference=values["vinnova_reference"], themes=values["themes"],
            summary=values["summary"], what=values["what"], how=values["how"],
            results=values["results"], lessons=values["lessons"],
            examples=values["examples"] or (), image=values["image"],
            sources=values["sources"], call=Call(values["call"]),
            counterpart=values["counterpart"],
            outcome=None if values["outcome"] is None else Outcome(values["outcome"]),
            afterwards=values["afterwards"], where_to_turn=values["where_to_turn"] or (),
            disagreements=values["disagreements"] or (),
            translation=values["translation"] or {},
        )

    def cross_checks(self, root: yaml.Node, values: dict[str, Any]) -> None:
        """Rules that span fields: where the case is, and a period that runs forwards."""
        named = values.get("municipalities")
        listed = node_at(root, "municipalities")
        if (values.get("based_in") is None and isinstance(listed, yaml.SequenceNode)
                and not listed.value):
            self.report(listed, "municipalities",
                        N_("no municipality is given"),
                        N_("name at least one participating municipality or based_in"))
        count = values.get("municipality_count")
        if count is not None and named and count < len(named):
            self.report(node_at(root, "municipality_count"), "municipality_count",
                        N_("{count} is fewer than the {named} municipalities listed"),
                        N_("give the total number, or leave it out"), count=count,
                        named=len(named))
        period = values.get("period") or {}
        start, end = period.get("start"), period.get("end")
        if start is not None and end is not None and end.iso < start.iso:
            self.report(node_at(root, "period", "end"), "period.end",
                        N_("the period ends ({end}) before it starts ({start})"),
                        N_("check the two dates"), end=end.iso, start=start.iso)


#: `Checker.value`'s dispatch, built once (not a dict of closures per field of every file).
HANDLERS: dict[Kind, Callable[[Checker, FieldSpec, yaml.Node, str], Any]] = {
    Kind.TEXT: lambda c, spec, node, path: c.text(node, path),
    Kind.MARKDOWN: lambda c, spec, node, path: c.text(node, path, markdown=True),
    Kind.TEXT_LIST: lambda c, spec, node, path: c.text_list(node, path),
    Kind.MUNICIPALITY: lambda c, spec, node, path: c.municipality(node, path),
    Kind.MUNICIPALITY_LIST: lambda c, spec, node, path: c.municipality_list(node, path),
    Kind.MONTH: lambda c, spec, node, path: c.month(node, path),
    Kind.INTEGER: lambda c, spec, node, path: c.integer(node, path),
    Kind.STRING: lambda c, spec, node, path: c.string(node, path),
    Kind.CHOICE: lambda c, spec, node, path: c.choice(node, path, spec.choices),
    Kind.CHOICE_LIST: lambda c, spec, node, path: c.choice_list(node, path, c.registry.themes),
    Kind.URL: lambda c, spec, node, path: c.url(node, path),
    Kind.LINK_LIST: lambda c, spec, node, path: c.link_list(spec, node, path),
    Kind.GROUP_LIST: lambda c, spec, node, path: c.group_list(spec, node, path),
    Kind.IMAGE: lambda c, spec, node, path: c.image(node, path),
    Kind.GROUP: lambda c, spec, node, path: c.group(spec.children, node, path),
    Kind.TRANSLATION: lambda c, spec, node, path: c.translation(node, path),
}


def node_at(root: yaml.Node, *keys: str) -> yaml.Node:
    """The value node at a path of keys, or the deepest one found, for a message's position."""
    node = root
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            break
        node = next((value for k, value in node.value if k.value == key), node)
    return node


def is_allowed_link(target: str) -> bool:
    scheme = urlsplit(target.strip()).scheme.lower()
    return scheme in LINK_SCHEMES and (scheme == "mailto" or "//" in target)


def slugify(name: str) -> str:
    """A slug suggestion from a file name or a title: 'Idérum Lerum' -> 'iderum-lerum'."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "case"
