"""What the live preview keeps between saves: the pages it rendered and what they were
rendered from, so a save renders again only the pages whose inputs changed."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from ..reading.model import SECTIONS, CaseStudy
from ..reading.registry import Registry
from .related import related_cases, relating_key
from .urls import SourcePage

#: The long sections, which no list page shows.
NO_SECTIONS: dict[str, Any] = dict.fromkeys(spec.key for spec in SECTIONS)


class PageMemo(Protocol):
    """What `render.render_language` asks of a memo: the preview's `RenderMemo` in memory, or
    the build's `page_keys.StoredPages` over the last build's sources."""

    def page(self, lang: str, path: str, key: Any, render: Callable[[], SourcePage]
             ) -> SourcePage:
        """The page: `render()` unless the page with the same `key` is known."""

    def listed(self, cases: Iterable[CaseStudy]) -> Any:
        """What lists show of the cases, to put in a key."""

    def keep(self, lang: str, paths: set[str], cases: Iterable[CaseStudy]) -> None:
        """The language's pages were all made: forget what is gone."""

    def related_cases(self, cases: tuple[CaseStudy, ...], registry: Registry
                      ) -> dict[str, list[CaseStudy]]:
        """`related.related_cases`, remembered where the memo can."""


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
                view = dataclasses.replace(case, **NO_SECTIONS)
                known = self.views[id(case)] = (case, view)
            views.append(known[1])
        return tuple(views)

    def related_cases(self, cases: tuple[CaseStudy, ...], registry: Registry
                      ) -> dict[str, list[CaseStudy]]:
        """`related.related_cases`, computed again only when a case's place, themes or name
        order changed."""
        key = relating_key(cases)
        if self.related is None or self.related[0] != key:
            found = related_cases(cases, registry)
            self.related = (key, {slug: [other.slug for other in others]
                                  for slug, others in found.items()})
        by_slug = {case.slug: case for case in cases}
        return {slug: [by_slug[other] for other in others]
                for slug, others in self.related[1].items()}
