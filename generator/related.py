"""Which other cases a reader of one case should see next.

Cases are related by what a reader comparing them cares about, weighted: a shared
municipality counts most, then a shared county, then a shared theme. Candidates come from
inverted indexes, so the cost grows with the cases that share something, not with the square
of all cases.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from .model import CaseStudy
from .registry import Registry

WEIGHTS = {"municipality": 3, "county": 2, "theme": 1}


def _keys(case: CaseStudy, registry: Registry) -> Iterable[tuple[str, str]]:
    codes = set(case.municipalities) | ({case.based_in} if case.based_in else set())
    for code in codes:
        yield "municipality", code
    for county in {registry.municipalities[code].county.code for code in codes}:
        yield "county", county
    for theme in case.themes:
        yield "theme", theme


def related_cases(cases: tuple[CaseStudy, ...], registry: Registry, limit: int = 4
                  ) -> dict[str, list[CaseStudy]]:
    """Up to `limit` related cases per slug, best first, ties broken by name order."""
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    keys = [list(_keys(case, registry)) for case in cases]
    for position, case_keys in enumerate(keys):
        for key in case_keys:
            index[key].append(position)
    related = {}
    for position, case in enumerate(cases):
        scores: Counter[int] = Counter()
        for key in keys[position]:
            for other in index[key]:
                if other != position:
                    scores[other] += WEIGHTS[key[0]]
        best = sorted(scores, key=lambda other: (-scores[other], other))[:limit]
        related[case.slug] = [cases[other] for other in best]
    return related
