"""The pages for browsing every case: the overview with its filters and map, and the table.

Module-level functions over a `Renderer` (as `start_page.render_start`), so that what the
filters offer (`facets.py`) stays beside the pages that offer it.
"""

from __future__ import annotations

from ..reading.model import CaseStudy
from .facets import FILTERS, MAP_FILTER, offered
from .pages import Renderer, county_counts
from .sweden_map import base_map, radius
from .urls import COMPARE, OVERVIEW, SourcePage


def render_overview(renderer: Renderer, cases: tuple[CaseStudy, ...]) -> SourcePage:
    counts = county_counts(cases, renderer.registry)
    return renderer.render("overview.html", OVERVIEW, cases=cases, counts=counts,
                           map=base_map(), radius=radius,
                           counties=[renderer.registry.counties[code] for code in sorted(counts)],
                           filters=[(flt, offered(flt, cases, renderer)) for flt in FILTERS],
                           map_key=MAP_FILTER.key, compare_path=COMPARE)


def render_compare(renderer: Renderer, cases: tuple[CaseStudy, ...]) -> SourcePage:
    return renderer.render("compare.html", COMPARE, cases=cases)
