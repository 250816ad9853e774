"""What each page of a language shows: the `Renderer` and the values its templates see.

Pure: no file is read or written here. Each page is Markdown with YAML front matter whose body
is HTML produced by autoescaping Jinja2 templates, so every value from a case file is escaped
exactly once, here, and the result is ordinary Markdown that MkDocs (or Zensical) builds. Which
pages there are is `render.py`'s; where they live is `urls.py`'s.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import jinja2
import jinja2.runtime
from markupsafe import Markup

from ..reading.history import FileDates
from ..reading.model import (
    ORIGINAL_LANGUAGE,
    CaseStudy,
    Link,
    Status,
    Text,
    TranslationMethod,
)
from ..reading.publisher import Publisher
from ..reading.registry import County, Registry, Theme
from ..reading.translation import FieldStatus, State, case_status
from . import i18n
from .citation import FORMATS, citation
from .escaping import front_matter_value, markdown_heading
from .facets import CALL_NAMES, card_data
from .labels import (
    CALL_LABELS,
    COUNTERPART_LABELS,
    FACT_STATUS_LABELS,
    LINK_LANGUAGE_LABEL,
    OUTCOME_LABELS,
    SECTION_HEADINGS,
    STATUS_LABELS,
)
from .markup import markdown_source, plain_html
from .picture_texts import picture_texts, years
from .urls import (
    CASE_DATA,
    CASE_SCHEMA_FILE,
    COUNTIES,
    DATA_FILES,
    DATA_SCHEMA_FILE,
    FEED,
    LANGUAGE_ROOTS,
    OPEN_DATA,
    THEMES,
    SourcePage,
    case_counties,
    case_path,
    counterpart_url,
    county_path,
    html_path,
    image_path,
    og_image_path,
    relative_file,
    relative_link,
    relative_url,
    theme_path,
)

#: Vinnova's project pages: texts written by the project groups, not reviewed by Vinnova.
PROJECT_PAGE_MARKERS = ("vinnova.se/p/", "vinnova.se/en/p/")


def uses_project_pages(case: CaseStudy) -> bool:
    """Whether a case draws on Vinnova's project pages, so the page says whose texts they are."""
    return any(marker in link.url for link in case.sources for marker in PROJECT_PAGE_MARKERS)


def source_link(case: CaseStudy, url: str) -> Link:
    """The case's source with this address (for its title), or a bare link to it."""
    return next((link for link in case.sources if link.url == url), Link(url))


@dataclass(frozen=True)
class Renderer:
    """Renders the pages of one language; the templates see only what it offers them."""

    lang: str
    registry: Registry
    env: jinja2.Environment

    def gettext(self, message: str) -> str:
        return str(self.translations.gettext(message))

    def text(self, value: Text, *, fallback_notice: bool = True) -> Markup:
        """A one-line text in the page's language, or the Swedish marked as Swedish while it
        is untranslated, so no Swedish is ever passed off as English."""
        own = value.get(self.lang)
        if own is not None:
            return plain_html(own)
        notice = self.missing_notice if fallback_notice else ""
        original = f'<span lang="{ORIGINAL_LANGUAGE}">{plain_html(value.sv)}</span>'
        return Markup(original + notice)  # noqa: S704

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
    def page_notice(self) -> str:
        """The notice on a hand-written page whose Swedish page changed since it was
        translated (content/translation.yml)."""
        return str(self._macros.notice("outdated", field="page"))

    def page_machine_notice(self, page_path: str) -> str:
        """The notice on a hand-written page a machine translated (content/translation.yml),
        with a link to the Swedish original."""
        return str(self._macros.notice("machine", counterpart_url(page_path, self.lang,
                                                                  ORIGINAL_LANGUAGE)))

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
        return any(status.is_machine for case in cases
                   for status in self.statuses(case).values())

    def machine_case(self, case: CaseStudy) -> bool:
        """Whether any current text of the case in the page's language is a machine's."""
        return any(status.is_machine for status in self.statuses(case).values())

    def machine_field(self, case: CaseStudy, field: str) -> bool:
        status = self.statuses(case).get(field)
        return status is not None and status.is_machine

    def municipality_names(self, codes: Iterable[str]) -> list[str]:
        return [self.registry.municipalities[code].name for code in codes]

    def counties(self, case: CaseStudy) -> list[str]:
        return [county.name_in(self.lang) for county in case_counties(case, self.registry)]

    def county_name(self, county: County) -> str:
        """ "Örebro län" on Swedish pages, "Örebro County" on English ones."""
        return county.name_in(self.lang)

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
        return i18n.site_translations(self.lang)

    def filter_data(self, case: CaseStudy) -> list[tuple[str, str]]:
        """The card's `data-f-<key>` attributes, one per declared filter (`facets.FILTERS`)."""
        return card_data(case, self.registry)

    def years(self, case: CaseStudy) -> str:
        return years(case, self.gettext)

    def period(self, case: CaseStudy) -> str:
        start, end = case.period.start, case.period.end
        if start and end:
            return f"{i18n.format_month(start, self.lang)}\u2013{i18n.format_month(end, self.lang)}"
        if start and case.status is not Status.ONGOING:  # ended or unknown: no open range
            return self.gettext("from {start}; the end is not stated in the sources").format(
                start=i18n.format_month(start, self.lang))
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
            "fact_status": lambda status: self.gettext(FACT_STATUS_LABELS[status]),
            "call_name": lambda call: self.gettext(CALL_NAMES[call]),
            "section_headings": SECTION_HEADINGS,
            "link_language": lambda code: self.gettext(LINK_LANGUAGE_LABEL) % {
                "language": i18n.language_name(code, self.lang)},
            "original": ORIGINAL_LANGUAGE,
            "source_link": source_link,
            "meta": front_matter_value,
            "md_heading": markdown_heading,
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
            "data_schema_file": DATA_SCHEMA_FILE,
            "case_schema_file": CASE_SCHEMA_FILE,
            "case_file": lambda case, ext: relative_file(
                LANGUAGE_ROOTS[self.lang] + page_path,
                CASE_DATA.format(slug=case.slug, lang=self.lang, ext=ext)),
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
                  site_url: str, counterpart: CaseStudy | None = None,
                  publisher: Publisher | None = None) -> SourcePage:
        statuses = self.statuses(case)
        public_url = site_url + LANGUAGE_ROOTS[self.lang] + html_path(case_path(case))
        return self.render("case.html", case_path(case), case=case, statuses=statuses,
                           translated=self.lang != ORIGINAL_LANGUAGE, related=related,
                           cite=citation(case, self.lang, public_url, dates, publisher),
                           citation_formats=FORMATS, public_url=public_url,
                           og_image=og_image_path(case),
                           picture=picture_texts(case, self.registry, self.lang),
                           dates=dates,
                           counterpart_case=counterpart,
                           call_label=self.gettext(CALL_LABELS[case.call]),
                           counterpart_label=self.gettext(COUNTERPART_LABELS[case.call]),
                           outcome_label=(None if case.outcome is None else
                                          self.gettext(OUTCOME_LABELS[case.outcome])),
                           project_pages=uses_project_pages(case))

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


def used_themes(cases: Iterable[CaseStudy], registry: Registry) -> list[Theme]:
    """The vocabulary's themes that some case uses, in the vocabulary's order."""
    used = {theme for case in cases for theme in case.themes}
    return [theme for key, theme in registry.themes.items() if key in used]
