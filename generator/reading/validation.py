"""Turning composed YAML nodes into validated `CaseStudy` objects, or into problems.

The checks are driven by `model.CASE_FIELDS`: one function per `Kind`, so adding a field to the
model adds its validation, its schema and its docs at once. Every problem is collected; nothing
stops at the first one, so an editor sees every mistake in one run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .languages import editor_text
from .loading import Document, is_null
from .model import (
    CASE_FIELDS,
    LANGUAGES,
    ORIGINAL_LANGUAGE,
    CaseStudy,
    FieldSpec,
    Image,
    Kind,
    Link,
    Month,
    Text,
    case_study,
)
from .pictures import picture_problem
from .problems import N_, Problem
from .records import RecordChecker, language_name
from .registry import Registry
from .shapes import node_at
from .slugs import SLUG_PATTERN, slug_problems, slugify

MONTH_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
#: The years a period may name: the programme ran 2016-2019, and idéslussar before and after.
YEARS = (1990, 2100)
#: A grant of a trillion kronor is already a mistake; longer numbers are refused before
#: Python is asked to read them (it refuses numbers over 4,300 digits with a traceback).
MAX_DIGITS = 12


@dataclass
class Checker(RecordChecker):
    """Validates one case file; `problems` collects everything found in it."""

    file: str
    registry: Registry
    repo_root: Path
    problems: list[Problem] = field(default_factory=list)
    source: str = ""  # the file's text, to place a problem at the very character

    # -- the kinds -----------------------------------------------------------------------------

    def text(self, node: yaml.Node, path: str, markdown: bool = False) -> Text | None:
        """Both languages of a text: Swedish required, English text or `~` (not yet)."""
        if isinstance(node, yaml.ScalarNode) and not is_null(node):
            self.report(node, path, N_("the text has no language keys"),
                        N_("write it as sv: followed by the Swedish text, and en: followed by the "
                           "English text (or ~ if not yet translated)"))
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
        return Text(values)

    def missing_language(self, node: yaml.Node, path: str, lang: str) -> None:
        if lang == ORIGINAL_LANGUAGE:
            self.report(node, f"{path}.{lang}", N_("the {language} text is missing"),
                        N_("add {lang}: with the Swedish original"),
                        language=language_name(lang), lang=lang)
        else:
            self.report(node, f"{path}.{lang}", N_("the {language} text is missing"),
                        N_("add {lang}: with the translation, or {lang}: ~ while it is not "
                           "yet translated"), language=language_name(lang), lang=lang)


    def municipality(self, node: yaml.Node, path: str) -> str | None:
        written = self.scalar(node, path)
        if written is None:
            return None
        if written in self.registry.municipalities:
            return written
        straight = written.strip(TYPOGRAPHIC_QUOTES)
        if straight != written and straight in self.registry.municipalities:
            self.report(node, path, N_("the quotes around {code} are typographic quotes "
                                       "(” or “), which YAML keeps as part of the code"),
                        N_('type straight quotes instead: "{code}" (on a Swedish keyboard: '
                           "Shift+2)"), code=straight)
            return None
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
        if match is None or not written.isascii() or (month is not None
                                                      and not 1 <= month <= 12):
            self.report(node, path, N_('"{written}" is not a month'),
                        N_('expected YYYY-MM in quotes, such as "2016-11", or a year alone'),
                        written=written)
            return None
        year = int(match.group(1))
        if not YEARS[0] <= year <= YEARS[1]:
            self.report(node, path, N_('"{written}" is outside the years a period may have'),
                        N_("expected a year from {first} to {last}"), written=written,
                        first=YEARS[0], last=YEARS[1])
            return None
        return Month(year, month)

    def integer(self, node: yaml.Node, path: str) -> int | None:
        written = self.scalar(node, path)
        if written is None:
            return None
        if not (written.isascii() and written.isdigit()):
            # No hint is computed from a number too long to be an amount: Python refuses to
            # read one of over 4,300 digits.
            hint = number_hint(written) if len(written) <= 2 * MAX_DIGITS else None
            if hint is not None:
                self.report(node, path, N_('"{written}" is not a plain number'), hint[0],
                            written=written, digits=hint[1])
            else:
                self.report(node, path, N_('"{written}" is not a whole number'),
                            N_("expected digits only, such as 4000000"), written=written)
            return None
        if len(written) > MAX_DIGITS:
            self.report(node, path, N_("the number has {count} digits"),
                        N_("expected at most {limit} digits"), count=len(written),
                        limit=MAX_DIGITS)
            return None
        return int(written)

    def string(self, node: yaml.Node, path: str) -> str | None:
        written = self.scalar(node, path)
        return written.strip() if written is not None and written.strip() else None


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
                            N_("write it as url: followed by the address, title: followed "
                               "by the page's title, and lang: sv or en"))
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
        refused = picture_problem(self.repo_root, written)
        if refused is not None:
            self.report(file_node, f"{path}.file", refused[0], refused[1], **refused[2])
            return None
        return None if alt is None else Image(written, alt)


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
                                N_("add {key}: ({help})"), key=spec.key,
                                help=editor_text(spec.help_en, spec.help_sv))
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
        else:
            self.problems.extend(slug_problems(self.file, slug))
        values = self.group(CASE_FIELDS, document.root, "")
        if values is not None:
            self.cross_checks(document.root, values)
        if values is None or len(self.problems) > before:
            return None
        case = case_study(slug, self.file, values)
        self.stray_records(document.root, case)
        return None if len(self.problems) > before else case


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


TYPOGRAPHIC_QUOTES = "”“„‘’‚«»"
GROUPED_NUMBER = re.compile(r"^\d{1,3}(?:([\s\u00a0.,_])\d{3})?(?:\1\d{3})*$")
DECIMAL_NUMBER = re.compile(r"^(\d+)[.,](\d{1,2})$")


def number_hint(written: str) -> tuple[str, str] | None:
    """What to write instead of a number typed with separators, a unit or decimals; None when
    it is not a number at all. `4 000 000 kr` is 4000000; `4000000.50` is 4000000 kronor and
    50 öre (kronor only); `3,8` is most likely 3,8 million."""
    bare = re.sub(r"\s*(kr|sek|kronor)\.?$|^(kr|sek)\s*", "", written.strip().casefold())
    if GROUPED_NUMBER.match(bare):
        return N_("write the digits only: {digits}"), re.sub(r"\D", "", bare)
    decimal = DECIMAL_NUMBER.match(bare)
    if decimal is None:
        return None
    whole, fraction = decimal.groups()
    if int(whole) >= 1000:
        return N_("write whole kronor, without öre: {digits}"), whole
    millions = int(whole) * 1_000_000 + int(fraction.ljust(6, "0"))
    return N_("write the whole amount in kronor, digits only: {digits} if you mean "
              "{written} million"), str(millions)
