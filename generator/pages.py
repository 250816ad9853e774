"""From the validated corpus to the pages of the site, per language, as Markdown text.

Pure functions: no file is read or written here. Each page is Markdown with YAML front matter
whose body is HTML produced by autoescaping Jinja2 templates, so every value from a case file is
escaped exactly once, here, and the result is ordinary Markdown that MkDocs (or Zensical) builds.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.runtime
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from markupsafe import Markup, escape

from . import i18n, start_page
from .corpus import ContentPage, Corpus
from .history import FileDates
from .markup import markdown_source, plain_html
from .model import LANGUAGES, ORIGINAL_LANGUAGE, CaseStudy, Status, Text, TranslationMethod
from .problems import N_
from .registry import County, Registry, Theme
from .related import related_cases
from .sweden_map import base_map, radius
from .translation import FieldStatus, State, case_status
from .validation import slugify

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
OVERVIEW = "ideslussar/index.md"
#: The start page: the hand-written introduction, with what the generator adds (start_page.py).
START = "index.md"
#: All cases side by side in one sortable table, for readers who compare.
COMPARE = "jamfor.md"
COUNTIES = "lan/index.md"
THEMES = "teman/index.md"
OPEN_DATA = "oppna-data.md"
#: The open data files, below the site root (one per language and format).
DATA_FILES = {"json": "data/ideslussar.{lang}.json", "csv": "data/ideslussar.{lang}.csv"}
FEED = "feed.xml"
SCHEMA_FILE = "data/case-study.schema.json"
#: Where each language's pages live below the site root; paths below it are the same.
LANGUAGE_ROOTS: dict[str, str] = {"sv": "", "en": "en/"}

STATUS_LABELS: dict[Status, str] = {
    Status.ONGOING: N_("Ongoing"),
    Status.PERMANENT: N_("Made permanent"),
    Status.ENDED: N_("Ended"),
    Status.UNKNOWN: N_("Status not known"),
}
#: The overview's filter by the number of participating municipalities: value, label.
SIZES: tuple[tuple[str, str, int, int | None], ...] = (
    ("1-1", N_("One"), 1, 1),
    ("2-5", N_("2 to 5"), 2, 5),
    ("6-", N_("6 or more"), 6, None),
)
SECTION_HEADINGS: dict[str, str] = {
    "what": N_("What it is"),
    "how": N_("How it works"),
    "results": N_("Results"),
    "lessons": N_("Lessons learned"),
}


@dataclass(frozen=True)
class SourcePage:
    """A page of the site in one language, as Markdown for MkDocs."""

    lang: str
    path: str  # relative to the language's docs folder: "ideslussar/orebro.md"
    text: str

    @property
    def url(self) -> str:
        """The page's address below its language root ("ideslussar/orebro.html")."""
        return html_path(self.path)


def html_path(md_path: str) -> str:
    return md_path.removesuffix(".md") + ".html"


def case_path(case: CaseStudy) -> str:
    return f"ideslussar/{case.slug}.md"


def image_path(case: CaseStudy) -> str:
    """Where a case's picture goes, beside its page; the suffix is the editor's file's."""
    suffix = Path(case.image.path).suffix.lower() if case.image else ""
    return f"ideslussar/bilder/{case.slug}{suffix}"


@functools.lru_cache(maxsize=256)
def county_path(county: County) -> str:
    """Memoised: every case page links its county, and slugify runs two regexes."""
    return f"lan/{slugify(county.name)}.md"


def theme_path(theme: Theme) -> str:
    return f"teman/{theme.key}.md"


def case_counties(case: CaseStudy, registry: Registry) -> list[County]:
    """Counties are derived from the municipalities, never typed by an editor."""
    codes = ([case.based_in] if case.based_in else []) + list(case.municipalities)
    found = {registry.municipalities[code].county.code: registry.municipalities[code].county
             for code in codes}
    return list(found.values())


def relative_url(from_md: str, to_md: str) -> str:
    """A link from one page to another that works on any host and from a file:// folder."""
    return relative_link(from_md, html_path(to_md))


def relative_link(from_md: str, target: str) -> str:
    """A relative link from a page to any file in the same tree.

    Cheaper than `posixpath.relpath`, which matters: a thousand-case site has tens of
    thousands of links. Page paths are normalised and never contain "..".
    """
    here = from_md.rsplit("/", 1)[0] if "/" in from_md else ""
    there, _, name = target.rpartition("/")
    if here == there:
        return name
    common = 0
    here_parts, there_parts = here.split("/") if here else [], there.split("/") if there else []
    while (common < min(len(here_parts), len(there_parts))
           and here_parts[common] == there_parts[common]):
        common += 1
    up = "../" * (len(here_parts) - common)
    return up + "/".join([*there_parts[common:], name])


def relative_file(from_md: str, to_path: str) -> str:
    """A link from a page to a file that is not a page (data, feeds), from the site root."""
    depth = from_md.count("/")
    return "../" * depth + to_path


def counterpart_url(page_path: str, lang: str, other: str) -> str:
    """A link from a page to the same page in another language."""
    here = LANGUAGE_ROOTS[lang] + page_path
    return relative_url(here, LANGUAGE_ROOTS[other] + page_path)


def front_matter_value(text: str) -> Markup:
    """A front-matter string: HTML-escaped (Material prints titles and descriptions raw) and
    then quoted as JSON, which is valid YAML."""
    return Markup(json.dumps(str(escape(" ".join(text.split()))), ensure_ascii=False))  # noqa: S704


@dataclass(frozen=True)
class Renderer:
    """Renders the pages of one language; the templates see only what it offers them."""

    lang: str
    registry: Registry
    env: jinja2.Environment

    def gettext(self, message: str) -> str:
        return str(self.translations.gettext(message))

    def text(self, value: Text, *, fallback_notice: bool = True) -> Markup:
        """A one-line text in the page's language, or the Swedish marked `lang="sv"` while it
        is untranslated, so no Swedish is ever passed off as English."""
        own = value.get(self.lang)
        if own is not None:
            return plain_html(own)
        notice = self.missing_notice if fallback_notice else ""
        return Markup(f'<span lang="sv">{plain_html(value.sv)}</span>{notice}')  # noqa: S704

    @functools.cached_property
    def missing_notice(self) -> Markup:
        """The short notice after an untranslated text, rendered once per language."""
        return self.inline_notice("missing", "")

    def inline_notice(self, kind: str, field: str) -> Markup:
        """The `notice` macro's short notice of a kind about a field, rendered once per
        language: the same few notices follow texts on every page."""
        key = (kind, field)
        found = self._notices.get(key)
        if found is None:
            notice = self._macros.notice
            found = self._notices[key] = Markup(notice(kind, inline=True, field=field))  # noqa: S704
        return found

    @functools.cached_property
    def _macros(self) -> Any:
        return self.env.get_template("macros.html").make_module(self.context(""))

    @functools.cached_property
    def _notices(self) -> dict[tuple[str, str], Markup]:
        return {}

    def marks(self, case: CaseStudy, field: str) -> Markup:
        """The short notice after a text of a case that is outdated or untranslated, or
        nothing (on Swedish pages, always nothing)."""
        state = self.state(case, field)
        if state is State.OUTDATED:
            return self.inline_notice("outdated", field)
        if state is State.MISSING:
            return self.inline_notice("missing", field)
        return NOTHING

    def state(self, case: CaseStudy, field: str) -> State | None:
        """Whether a field of a case is current, outdated or missing in the page's language;
        None on Swedish pages, where every text is the original."""
        if self.lang == ORIGINAL_LANGUAGE:
            return None
        status = self.statuses(case).get(field)
        return None if status is None else status.state

    def statuses(self, case: CaseStudy) -> dict[str, FieldStatus]:
        """The translation status of every field of a case, computed once per case and
        language (it hashes every Swedish text; a case is listed on several pages)."""
        if self.lang == ORIGINAL_LANGUAGE:
            return {}
        statuses = self._statuses.get(case.slug)
        if statuses is None:
            statuses = self._statuses[case.slug] = case_status(case, self.lang)
        return statuses

    @functools.cached_property
    def _statuses(self) -> dict[str, dict[str, FieldStatus]]:
        return {}

    def machine_translated(self, cases: Iterable[CaseStudy]) -> bool:
        """Whether any of the cases' texts in the page's language were machine-translated,
        so a list page can say so once."""
        if self.lang == ORIGINAL_LANGUAGE:
            return False
        return any(record.method is TranslationMethod.MACHINE for case in cases
                   if (record := case.translation.get(self.lang)) is not None)

    def municipality_names(self, codes: Iterable[str]) -> list[str]:
        return [self.registry.municipalities[code].name for code in codes]

    def counties(self, case: CaseStudy) -> list[str]:
        return [county.name for county in case_counties(case, self.registry)]

    def facts(self, case: CaseStudy) -> str:
        """One line of facts: municipalities · county · status · years.

        Kept short, as the overview lists every case; computed once per case and language
        (a case's line also appears on county, theme and related lists).
        """
        cached = self._facts.get(case.slug)
        if cached is not None:
            return cached
        names = self.municipality_names(case.municipalities)
        parts = []
        if names and len(names) <= 2 and case.participant_count == len(names):
            parts.append(i18n.format_names(names, self.lang))
        elif case.participant_count:
            parts.append(self.translations.ngettext(
                "%(num)d municipality", "%(num)d municipalities",
                case.participant_count) % {"num": case.participant_count})
        parts += self.counties(case)
        parts.append(self.gettext(STATUS_LABELS[case.status]))
        if years := self.years(case):
            parts.append(years)
        line = " · ".join(parts)
        self._facts[case.slug] = line
        return line

    @functools.cached_property
    def _facts(self) -> dict[str, str]:
        return {}

    @functools.cached_property
    def translations(self) -> Any:
        return i18n.translations(self.lang)

    def filter_data(self, case: CaseStudy) -> dict[str, str]:
        """The overview's data attributes, as short as they can be: the list grows with cases.

        Themes go by their position in the vocabulary (the filter's options say which is which).
        """
        start, end = case.period.start, case.period.end
        return {
            "c": " ".join(county.code for county in case_counties(case, self.registry)),
            "t": " ".join(str(self.theme_codes[key]) for key in case.themes),
            "s": case.status.value,
            "y": f"{start.year if start else ''} {end.year if end else ''}",
            "n": str(case.participant_count),
        }

    @functools.cached_property
    def theme_codes(self) -> dict[str, int]:
        return {key: position for position, key in enumerate(self.registry.themes)}

    def years(self, case: CaseStudy) -> str:
        """ "2016–2020" for the overview list; "" when the sources give no period."""
        start, end = case.period.start, case.period.end
        if start and end:
            return f"{start.year}\u2013{end.year}" if start.year != end.year else str(start.year)
        return f"{start.year}\u2013" if start else (f"\u2013{end.year}" if end else "")

    def period(self, case: CaseStudy) -> str:
        start, end = case.period.start, case.period.end
        if start and end:
            return f"{i18n.format_month(start, self.lang)}\u2013{i18n.format_month(end, self.lang)}"
        if start:
            return self.gettext("from {start}").format(start=i18n.format_month(start, self.lang))
        if end:
            return self.gettext("until {end}").format(end=i18n.format_month(end, self.lang))
        return ""

    def context(self, page_path: str) -> dict[str, Any]:
        """What every template may use; helpers are bound to the page for relative links."""
        folder = page_path.rpartition("/")[0]
        return {
            "lang": self.lang,
            "r": self,
            "i18n": i18n,
            "url": lambda target: relative_url(page_path, target),
            "counterpart": lambda other: counterpart_url(page_path, self.lang, other),
            "case_path": case_path,
            "image_url": lambda case: relative_link(page_path, image_path(case)),
            "status_label": lambda status: self.gettext(STATUS_LABELS[status]),
            "section_headings": SECTION_HEADINGS,
            "meta": front_matter_value,
            "markdown_source": markdown_source,
            "State": State,
            "MACHINE": TranslationMethod.MACHINE,
            "county_path": county_path,
            "theme_path": theme_path,
            "case_counties": lambda case: case_counties(case, self.registry),
            "registry": self.registry,
            "site_file": lambda path: relative_file(LANGUAGE_ROOTS[self.lang] + page_path, path),
            "data_file": lambda kind: DATA_FILES[kind].format(lang=self.lang),
            "feed_file": LANGUAGE_ROOTS[self.lang] + FEED,
            "schema_file": SCHEMA_FILE,
            "once": lambda macro, case: self.once(folder, macro, case),
        }

    def once(self, folder: str, macro: jinja2.runtime.Macro, case: CaseStudy) -> Markup:
        """A macro's HTML for a case, rendered once per language and folder of the page.

        A case's card or list item is the same on every page of one folder (its links are
        relative to the folder), and a case appears on its county's page, on a page per theme
        and in the related lists of several cases: rendered each time, the same fragments
        would be most of the cost of those pages at a thousand cases.
        """
        key = (macro.name, folder, case.slug)
        found = self._fragments.get(key)
        if found is None:
            found = self._fragments[key] = Markup(macro(case))  # noqa: S704 - a macro's HTML
        return found

    @functools.cached_property
    def _fragments(self) -> dict[tuple[str, str, str], Markup]:
        return {}

    def render(self, template: str, page_path: str, **values: Any) -> SourcePage:
        text = self.env.get_template(template).render(**self.context(page_path), **values)
        return SourcePage(self.lang, page_path, text)

    def case_page(self, case: CaseStudy, related: list[CaseStudy], dates: FileDates,
                  site_url: str) -> SourcePage:
        statuses = self.statuses(case)
        public_url = site_url + LANGUAGE_ROOTS[self.lang] + html_path(case_path(case))
        return self.render("case.html", case_path(case), case=case, statuses=statuses,
                           translated=self.lang != "sv", related=related,
                           updated=i18n.format_day(dates.updated.date(), self.lang),
                           public_url=public_url)

    def overview(self, cases: tuple[CaseStudy, ...]) -> SourcePage:
        """The overview offers only filter options that match some case, and every year of
        the programme's span (a year in the middle can be the one a reader asks for)."""
        counts = county_counts(cases, self.registry)
        statuses = Counter(case.status.value for case in cases)
        sizes = Counter(value for case in cases for value, _label, low, high in SIZES
                        if low <= case.participant_count and (high is None
                                                              or case.participant_count <= high))
        option_counts = {"theme": Counter(t for case in cases for t in case.themes),
                         "status": statuses, "count": sizes}
        return self.render("overview.html", OVERVIEW, cases=cases, counts=counts,
                           map=base_map(), radius=radius,
                           counties=[self.registry.counties[code] for code in sorted(counts)],
                           themes=used_themes(cases, self.registry),
                           statuses=[status for status in Status if statuses[status.value]],
                           sizes=[(value, self.gettext(label)) for value, label, _low, _high
                                  in SIZES if sizes[value]],
                           option_counts=option_counts, year_range=year_span(cases),
                           compare_path=COMPARE)

    def compare(self, cases: tuple[CaseStudy, ...]) -> SourcePage:
        return self.render("compare.html", COMPARE, cases=cases)

    def start(self, page: ContentPage, cases: tuple[CaseStudy, ...],
              dates: dict[str, FileDates]) -> SourcePage:
        """The start page: the editor's introduction, then what invites a reader in."""
        front, intro, rest = start_page.split_start_text(page.markdown)
        counts = county_counts(cases, self.registry)
        return self.render("start.html", START, front=front, intro=intro, rest=rest,
                           figures=start_page.figures(cases),
                           featured=start_page.featured(cases, self.registry),
                           latest=[(case, dates[case.slug]) for case
                                   in start_page.latest(cases, dates)],
                           themes=used_themes(cases, self.registry),
                           theme_counts=Counter(t for case in cases for t in case.themes),
                           map=base_map(), radius=radius, counts=counts,
                           counties=[self.registry.counties[code] for code in sorted(counts)],
                           compare_path=COMPARE)

    def county_index(self, cases: tuple[CaseStudy, ...]) -> SourcePage:
        counts = county_counts(cases, self.registry)
        return self.render("counties.html", COUNTIES, counts=counts,
                           counties=[self.registry.counties[code] for code in sorted(counts)])

    def county_page(self, county: County, cases: list[CaseStudy]) -> SourcePage:
        return self.render("county.html", county_path(county), county=county, cases=cases)

    def theme_index(self, cases: tuple[CaseStudy, ...]) -> SourcePage:
        return self.render("themes.html", THEMES, themes=used_themes(cases, self.registry),
                           counts=Counter(t for case in cases for t in case.themes))

    def theme_page(self, theme: Theme, cases: list[CaseStudy]) -> SourcePage:
        return self.render("theme.html", theme_path(theme), theme=theme, cases=cases)

    def open_data(self, count: int) -> SourcePage:
        return self.render("opendata.html", OPEN_DATA, count=count)


class PreTranslate(Extension):
    """Translates `_("literal")` when a template is compiled, not each time it renders.

    Each environment serves one language, so a call without arguments always gives the same
    text; folding it into the template turns it into static output, which Jinja's optimiser
    then escapes once. Calls with arguments, and `ngettext`, stay calls. The result is what the
    i18n extension's newstyle `_()` would return (`msgstr % {}`).
    """

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        environment.extend(pretranslate_catalog=None)

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        tokens = list(stream)
        gettext = self.environment.pretranslate_catalog.gettext  # type: ignore[attr-defined]
        index = 0
        while index < len(tokens):
            window = tokens[index:index + 4]
            if (len(window) == 4 and window[0].test("name:_") and window[1].test("lparen")
                    and window[2].type == "string" and window[3].test("rparen")
                    and not (index and tokens[index - 1].test("dot"))):
                text = str(gettext(window[2].value)) % {}
                yield Token(window[0].lineno, "string", text)
                index += 4
                continue
            yield tokens[index]
            index += 1


class DirectCallContext(jinja2.runtime.Context):
    """Jinja's template context, calling the Renderer's plain Python helpers directly.

    Every `{{ helper(value) }}` goes through `Context.call`, which asks the callable four times
    whether it wants the context, the evaluation context or the environment passed in. The
    helpers here never do, and a case page makes about eighty such calls, two thousand pages a
    build: functions and methods without Jinja's `pass_*` mark are called straight away, and
    everything else (macros, gettext) takes Jinja's own path.
    """

    def call(self, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        if not plain_callable(obj):
            return super().call(obj, *args, **kwargs)
        if kwargs:  # the loop and block variables Jinja passes for pass_context callables
            kwargs.pop("_loop_vars", None)
            kwargs.pop("_block_vars", None)
        try:
            return obj(*args, **kwargs)
        except StopIteration:  # as Jinja does: a StopIteration must not end a template loop
            return self.environment.undefined("value was undefined because a callable raised "
                                              "a StopIteration exception")


def plain_callable(obj: Any) -> bool:
    """A Python function, bound method or builtin without Jinja's `pass_*` mark.

    Looks the mark up in the function's own attributes: `hasattr` on a bound method falls
    through to its function by raising and catching an AttributeError, a microsecond each."""
    kind = type(obj)
    if kind is types.MethodType:
        obj = obj.__func__
        kind = type(obj)
    if kind is types.FunctionType:
        return "jinja_pass_arg" not in obj.__dict__
    return kind is types.BuiltinFunctionType


@functools.cache
def environment(lang: str) -> jinja2.Environment:
    """One environment per language, with that language's catalog installed."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True,
                             extensions=["jinja2.ext.i18n", PreTranslate], trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.context_class = DirectCallContext
    # Templates are part of the program: a build reads each once, and Jinja's default would
    # check the file's modification time again for every page that imports the macros.
    env.auto_reload = False
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.pretranslate_catalog = i18n.translations(lang)  # type: ignore[attr-defined]
    env.globals.update(direct_gettext(i18n.translations(lang)))
    env.filters["attr"] = direct_attr(env)
    return env


def direct_gettext(catalog: Any) -> dict[str, Any]:
    """`_`, `gettext` and `ngettext` as the i18n extension's newstyle functions behave in an
    autoescaping environment (the translation as Markup, formatted with the escaped
    variables), without their detour through the template context: the environment has one
    catalog, so the context has nothing to add, and section headings call `_` on every page."""

    def gettext(message: str, /, **variables: Any) -> Markup:
        text = Markup(catalog.gettext(message))  # noqa: S704 - a msgstr; variables are escaped
        return text % variables if variables or "%" in text else text

    def ngettext(singular: str, plural: str, num: int, /, **variables: Any) -> Markup:
        variables.setdefault("num", num)
        return Markup(catalog.ngettext(singular, plural, num)) % variables  # noqa: S704

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}


def direct_attr(env: jinja2.Environment) -> Any:
    """Jinja's `attr` filter for plain objects: the attribute, or undefined when there is none
    (never the item of the same name). Jinja's own looks the attribute up three ways to suit
    sandboxes and dynamic attributes; these templates read dataclass fields, once per section
    of every case page."""

    def attr(obj: Any, name: str) -> Any:
        value = getattr(obj, name, MISSING)
        return env.undefined(obj=obj, name=name) if value is MISSING else value

    return attr


#: What `Renderer.marks` adds after a text that needs no notice.
NOTHING = Markup("")
#: Marks an attribute `direct_attr` did not find.
MISSING = object()


def county_counts(cases: Iterable[CaseStudy], registry: Registry) -> Counter[str]:
    return Counter(county.code for case in cases for county in case_counties(case, registry))


def year_span(cases: Iterable[CaseStudy]) -> list[int]:
    """Every year from the first start to the last end any case gives."""
    years = [month.year for case in cases for month in (case.period.start, case.period.end)
             if month is not None]
    return list(range(min(years), max(years) + 1)) if years else []


def used_themes(cases: Iterable[CaseStudy], registry: Registry) -> list[Theme]:
    """The vocabulary's themes that some case uses, in the vocabulary's order."""
    used = {theme for case in cases for theme in case.themes}
    return [theme for key, theme in registry.themes.items() if key in used]




class RenderMemo:
    """Pages rendered before, with what they were rendered from; kept by the preview.

    A page is rendered again only when its inputs differ: for a case page its case, its
    related cases, its dates and the site's address; for a list page what the list shows of
    each of its cases. Cases from files that did not change are the very objects they were
    (`corpus.ReadCache`), so most comparisons end at an identity check.
    """

    def __init__(self) -> None:
        self.pages: dict[tuple[str, str], tuple[Any, SourcePage]] = {}
        self.views: dict[int, tuple[CaseStudy, CaseStudy]] = {}
        self.related: tuple[Any, dict[str, list[str]]] | None = None

    def page(self, lang: str, path: str, key: Any, render: Callable[[], SourcePage]
             ) -> SourcePage:
        known = self.pages.get((lang, path))
        if known is not None and known[0] == key:
            return known[1]
        page = render()
        self.pages[(lang, path)] = (key, page)
        return page

    def keep(self, lang: str, paths: set[str], cases: Iterable[CaseStudy]) -> None:
        """Forget pages that are gone and cases that were replaced."""
        self.pages = {key: value for key, value in self.pages.items()
                      if key[0] != lang or key[1] in paths}
        current = {id(case) for case in cases}
        self.views = {key: value for key, value in self.views.items() if key in current}

    def listed(self, cases: Iterable[CaseStudy]) -> tuple[CaseStudy, ...]:
        """What lists show of the cases: each case without its long sections."""
        views = []
        for case in cases:
            known = self.views.get(id(case))
            if known is None or known[0] is not case:
                # The long sections, which no list page shows: a list page is rendered again
                # only when something else of one of its cases changed. A list template that
                # starts showing a section must keep it here.
                view = dataclasses.replace(case, what=None, how=None, results=None,
                                           lessons=None)
                known = self.views[id(case)] = (case, view)
            views.append(known[1])
        return tuple(views)

    def related_cases(self, cases: tuple[CaseStudy, ...], registry: Registry
                      ) -> dict[str, list[CaseStudy]]:
        """`related.related_cases`, computed again only when a case's place, themes or name
        order changed."""
        key = tuple((case.slug, case.based_in, case.municipalities, case.themes)
                    for case in cases)
        if self.related is None or self.related[0] != key:
            found = related_cases(cases, registry)
            self.related = (key, {slug: [other.slug for other in others]
                                  for slug, others in found.items()})
        by_slug = {case.slug: case for case in cases}
        return {slug: [by_slug[other] for other in others]
                for slug, others in self.related[1].items()}


def render_language(corpus: Corpus, lang: str, site_url: str,
                    related: dict[str, list[CaseStudy]] | None = None,
                    memo: RenderMemo | None = None) -> list[SourcePage]:
    """Every page of one language; `related` (from `related.related_cases`) is the same for
    every language, so a build computes it once and passes it in. With a `memo` (the
    preview's), pages whose inputs did not change are not rendered again."""
    renderer = Renderer(lang, corpus.registry, environment(lang))
    cases = corpus.cases

    def make(path: str, key: Callable[[], Any], render: Callable[[], SourcePage]
             ) -> SourcePage:
        return render() if memo is None else memo.page(lang, path, key(), render)

    def listed(members: Iterable[CaseStudy]) -> Any:
        return None if memo is None else memo.listed(members)

    # The start page's featured cases prefer those that report results, which the lists'
    # views of the cases leave out: the key says which do.
    pages = [make(START, lambda page=page: (page.markdown, listed(cases), corpus.dates,  # type: ignore[misc]
                                            [case.results is None for case in cases]),
                  functools.partial(renderer.start, page, cases, corpus.dates))
             if page.path == START else SourcePage(lang, page.path, page.markdown)
             for page in corpus.pages if page.lang == lang]
    pages += [make(OVERVIEW, lambda: listed(cases), lambda: renderer.overview(cases)),
              make(COUNTIES, lambda: listed(cases), lambda: renderer.county_index(cases)),
              make(THEMES, lambda: listed(cases), lambda: renderer.theme_index(cases)),
              make(COMPARE, lambda: listed(cases), lambda: renderer.compare(cases)),
              make(OPEN_DATA, lambda: len(cases), lambda: renderer.open_data(len(cases)))]
    by_county: dict[str, list[CaseStudy]] = {}
    by_theme: dict[str, list[CaseStudy]] = {}
    for case in cases:
        for county in case_counties(case, corpus.registry):
            by_county.setdefault(county.code, []).append(case)
        for theme in case.themes:
            by_theme.setdefault(theme, []).append(case)
    for code, members in sorted(by_county.items()):
        county = corpus.registry.counties[code]
        pages.append(make(county_path(county), functools.partial(listed, members),
                          functools.partial(renderer.county_page, county, members)))
    for key, members in sorted(by_theme.items()):
        subject = corpus.registry.themes[key]
        pages.append(make(theme_path(subject), functools.partial(listed, members),
                          functools.partial(renderer.theme_page, subject, members)))
    if related is None:
        related = (related_cases(cases, corpus.registry) if memo is None
                   else memo.related_cases(cases, corpus.registry))
    for case in cases:
        inputs = (case, related[case.slug], corpus.dates[case.slug], site_url)
        pages.append(make(case_path(case), lambda inputs=inputs: inputs,  # type: ignore[misc]
                          functools.partial(renderer.case_page, *inputs)))
    if memo is not None:
        memo.keep(lang, {page.path for page in pages}, cases)
    return pages


def render_site(corpus: Corpus, site_url: str) -> dict[str, list[SourcePage]]:
    """Every page of the site, by language; `site_url` is the public root, for citations."""
    root = site_url.rstrip("/") + "/"
    related = related_cases(corpus.cases, corpus.registry)
    return {lang: render_language(corpus, lang, root, related) for lang in LANGUAGES}
