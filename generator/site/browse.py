"""The pages for browsing every case: the overview with its filters and map, and the table.

Module-level functions over a `Renderer` (as `start_page.render_start`), so that what the
filters offer (`facets.py`) stays beside the pages that offer it.
"""

from __future__ import annotations

from ..reading.model import CaseStudy
from .facets import facets
from .pages import Renderer, county_counts, used_themes
from .sweden_map import base_map, radius
from .urls import COMPARE, OVERVIEW, SourcePage


def render_overview(renderer: Renderer, cases: tuple[CaseStudy, ...]) -> SourcePage:
    counts = county_counts(cases, renderer.registry)
    offered = facets(cases)
    return renderer.render("overview.html", OVERVIEW, cases=cases, counts=counts,
                           map=base_map(), radius=radius,
                           counties=[renderer.registry.counties[code] for code in sorted(counts)],
                           themes=used_themes(cases, renderer.registry),
                           statuses=offered.statuses, calls=offered.calls,
                           sizes=[(value, renderer.gettext(label)) for value, label
                                  in offered.sizes],
                           option_counts=offered.counts, year_range=offered.years,
                           compare_path=COMPARE)


def render_compare(renderer: Renderer, cases: tuple[CaseStudy, ...]) -> SourcePage:
    return renderer.render("compare.html", COMPARE, cases=cases)
