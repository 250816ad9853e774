"""Every page of a language, from the validated corpus: which pages there are (the editors'
content pages, the lists, a page per county, theme and case) and which renderer call makes
each. Pure: no file is read or written here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

from ..reading.corpus import ContentPage, Corpus
from ..reading.history import FileDates
from ..reading.model import LANGUAGES, CaseStudy
from ..reading.publisher import Publisher, fill
from .browse import render_compare, render_overview
from .i18n import reading_order
from .jinja_env import environment
from .memo import PageMemo
from .pages import Renderer
from .related import related_cases
from .start_page import render_start
from .urls import (
    COMPARE,
    COUNTIES,
    OPEN_DATA,
    OVERVIEW,
    START,
    THEMES,
    SourcePage,
    case_counties,
    case_path,
    county_path,
    theme_path,
)


def with_notice(markdown: str, notice: str) -> str:
    """A page's Markdown with a notice after its first heading (or its front matter)."""
    lines = markdown.split("\n")
    start = 0
    if lines and lines[0] == "---" and "---" in lines[1:]:
        start = lines.index("---", 1) + 1
    heading = next((i for i in range(start, len(lines)) if lines[i].startswith("# ")), None)
    at = start if heading is None else heading + 1
    return "\n".join([*lines[:at], "", notice, "", *lines[at:]])


def render_language(corpus: Corpus, lang: str, site_url: str,
                    related: dict[str, list[CaseStudy]] | None = None,
                    memo: PageMemo | None = None,
                    publisher: Publisher | None = None) -> list[SourcePage]:
    """Every page of one language; `related` (from `related.related_cases`) is the same for
    every language, so a build computes it once and passes it in. With a `memo` (the
    preview's, or the build's `page_keys.StoredPages`), pages whose inputs did not change are
    not rendered again."""
    renderer = Renderer(lang, corpus.registry, environment(lang))
    cases = reading_order(corpus.cases, lang)

    def make(path: str, key: Callable[[], Any], render: Callable[[], SourcePage]
             ) -> SourcePage:
        return render() if memo is None else memo.page(lang, path, key(), render)

    def listed(members: Iterable[CaseStudy]) -> Any:
        return None if memo is None else memo.listed(members)

    def case_key(case: CaseStudy, others: list[CaseStudy], dates: FileDates, url: str,
                 counterpart: CaseStudy | None, publisher: Publisher | None) -> Any:
        """A case page's inputs: it shows its related cases and its counterpart as a list
        shows them."""
        return (case, listed(others), dates, url,
                listed([counterpart] if counterpart else []), publisher)

    not_stated = renderer.gettext("not stated for this copy of the site")
    unstated = {"publisher": not_stated, "contact": not_stated}

    def page_markdown(page: ContentPage) -> str:
        markdown = fill(page.markdown, lang, publisher or Publisher({}, None), unstated)
        if (lang, page.path) in corpus.outdated_pages:
            return with_notice(markdown, renderer.page_notice)
        if (lang, page.path) in corpus.machine_pages:
            return with_notice(markdown, renderer.page_machine_notice(page.path))
        return markdown

    # The start page's featured cases prefer those that report results, which the lists'
    # views of the cases leave out: the key says which do.
    pages = [make(START, lambda text=text: (text, listed(cases), corpus.dates,  # type: ignore[misc]
                                            [case.results is None for case in cases]),
                  functools.partial(render_start, renderer, text, cases, corpus.dates))
             if page.path == START else SourcePage(lang, page.path, text)
             for page in corpus.pages if page.lang == lang for text in [page_markdown(page)]]
    pages += [make(OVERVIEW, lambda: listed(cases), lambda: render_overview(renderer, cases)),
              make(COUNTIES, lambda: listed(cases), lambda: renderer.county_index(cases)),
              make(THEMES, lambda: listed(cases), lambda: renderer.theme_index(cases)),
              make(COMPARE, lambda: listed(cases), lambda: render_compare(renderer, cases)),
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
    by_slug = {case.slug: case for case in cases}
    for case in cases:
        inputs = (case, related[case.slug], corpus.dates[case.slug], site_url,
                  by_slug.get(case.counterpart or ""), publisher)
        pages.append(make(case_path(case), functools.partial(case_key, *inputs),
                          functools.partial(renderer.case_page, *inputs)))
    if memo is not None:
        memo.keep(lang, {page.path for page in pages}, cases)
    return pages


def render_site(corpus: Corpus, site_url: str) -> dict[str, list[SourcePage]]:
    """Every page of the site, by language; `site_url` is the public root, for citations."""
    root = site_url.rstrip("/") + "/"
    related = related_cases(corpus.cases, corpus.registry)
    return {lang: render_language(corpus, lang, root, related) for lang in LANGUAGES}
