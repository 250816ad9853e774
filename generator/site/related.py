"""Which other cases a reader of one case should see next.

Cases are related by what a reader comparing them cares about, weighted: a shared
municipality counts most, then a shared county, then a shared theme. Candidates come from
inverted indexes, and from each index only the cases nearest in name order are scored, so the
cost per case stays bounded when a county or a theme holds hundreds of cases.
"""

from __future__ import annotations

import bisect
import heapq
import marshal
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from ..reading.model import CaseStudy
from ..reading.registry import Registry

WEIGHTS = {"municipality": 3, "county": 2, "theme": 1}
#: How many neighbours on each side a key contributes as candidates.
WINDOW = {"municipality": 25, "county": 10, "theme": 10}


def _keys(case: CaseStudy, registry: Registry) -> Iterable[tuple[str, str]]:
    codes = set(case.municipalities) | ({case.based_in} if case.based_in else set())
    for code in sorted(codes):
        yield "municipality", code
    for county in sorted({registry.municipalities[code].county.code for code in codes}):
        yield "county", county
    for theme in case.themes:
        yield "theme", theme


def related_cases(cases: tuple[CaseStudy, ...], registry: Registry, limit: int = 4
                  ) -> dict[str, list[CaseStudy]]:
    """Up to `limit` related cases per slug, best first, ties broken by name order."""
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    keys = [list(_keys(case, registry)) for case in cases]
    key_sets = [set(case_keys) for case_keys in keys]
    for position, case_keys in enumerate(keys):
        for key in case_keys:
            index[key].append(position)  # positions arrive in order: each list is sorted
    members_of = {key: set(members) for key, members in index.items()}
    related = {}
    for position, case in enumerate(cases):
        candidates: set[int] = set()
        for key in keys[position]:
            members = index[key]
            at = bisect.bisect_left(members, position)
            window = WINDOW[key[0]]
            candidates.update(members[max(0, at - window):at + window + 1])
        candidates.discard(position)
        # A candidate's score is the weight of every key it shares with the case: added up
        # key by key, each key's members intersected with the candidates (in C), not by
        # intersecting the key sets of each candidate pair.
        scores: Counter[int] = Counter(dict.fromkeys(candidates, 0))
        for key in key_sets[position]:
            weight = WEIGHTS[key[0]]
            for other in candidates & members_of[key]:
                scores[other] += weight
        best = heapq.nsmallest(limit, scores, key=lambda other: (-scores[other], other))
        related[case.slug] = [cases[other] for other in best]
    return related


def relating_key(cases: tuple[CaseStudy, ...]) -> tuple[Any, ...]:
    """All of the cases that `related_cases` looks at: their order, slugs, places and themes
    (the registry is the code's data). An edit of a case's texts leaves it the same."""
    return tuple((case.slug, case.based_in, case.municipalities, case.themes)
                 for case in cases)


def kept_related(cases: tuple[CaseStudy, ...], registry: Registry, version: str,
                 stored: bytes) -> tuple[dict[str, list[CaseStudy]], bytes | None]:
    """`related_cases`, taken from what the last build `stored` (`marshal`'s plain values)
    when it was made by the same code (`version`) from the same `relating_key`; with what to
    store for the next build when it was worked out again (None: `stored` stands)."""
    key = relating_key(cases)
    by_slug = {case.slug: case for case in cases}
    try:
        last_version, last_key, slugs = marshal.loads(stored)  # noqa: S302 - the work folder's
        if last_version == version and last_key == key:
            return {slug: [by_slug[other] for other in others]
                    for slug, others in slugs.items()}, None
    except (ValueError, TypeError, EOFError, KeyError, AttributeError):
        pass  # none, or not one this code wrote: worked out again
    found = related_cases(cases, registry)
    return found, marshal.dumps((version, key, {slug: [other.slug for other in others]
                                               for slug, others in found.items()}))
