"""What each page of a language shows: the `Renderer` and the values its templates see.

Pure: no file is read or written here. Each page is Markdown with YAML front matter whose body
is HTML produced by autoescaping Jinja2 templates, so every value from a case file is escaped
exactly once, here, and the result is ordinary Markdown that MkDocs (or Zensical) builds. Which
pages there are is `render.py`'s; where they live is `urls.py`'s.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import jinja2
import jinja2.runtime
from markupsafe import Markup, escape

from ..reading.corpus import ContentPage
from ..reading.history import FileDates
from ..reading.model import ORIGINAL_LANGUAGE, CaseStudy, Status, Text, TranslationMethod
from ..reading.problems import N_
from ..reading.registry import County, Registry, Theme
from ..reading.translation import FieldStatus, State, case_status
from . import i18n, start_page
from .markup import markdown_source, plain_html
from .sweden_map import base_map, radius
from .urls import (
    COMPARE,
    COUNTIES,
    DATA_FILES,
    FEED,
    LANGUAGE_ROOTS,
    OPEN_DATA,
    OVERVIEW,
    SCHEMA_FILE,
    START,
    THEMES,
    SourcePage,
    case_counties,
    case_path,
    counterpart_url,
    county_path,
    html_path,
    image_path,
    relative_file,
    relative_link,
    relative_url,
    theme_path,
)

STATUS_LABELS: dict[Status, str] = {
    Status.ONGOING: N_("Ongoing"),
    Status.PERMANENT: N_("Made permanent"),
    Status.ENDED: N_("Ended"),
    Status.UNKNOWN: N_("Status not known"),
}
#: The overview's filter by the number of participating municipalities: value, label, range.
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
            # A file of the language's own build (a theme asset), relative to the page.
            "asset": lambda path: relative_link(page_path, path),
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


#: What `Renderer.marks` adds after a text that needs no notice.
NOTHING = Markup("")


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
