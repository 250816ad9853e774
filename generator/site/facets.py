"""What the overview's filters offer: every option that matches some case, with how many, and
every year of the programme's span.

An option that matches nothing ("Ongoing" when no case is) is a dead end for a reader, so it is
not offered; a year in the middle of the span is offered although no period starts or ends in
it, as it can be the very year a reader asks for (`?from=2018`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..reading.model import Call, CaseStudy, Status
from ..reading.problems import N_

#: The filter by the number of participating municipalities: value, label, lowest, highest.
SIZES: tuple[tuple[str, str, int, int | None], ...] = (
    ("1-1", N_("One"), 1, 1),
    ("2-5", N_("2 to 5"), 2, 5),
    ("6-", N_("6 or more"), 6, None),
)

#: The call in a word or two, for the overview's filter and the comparison table.
CALL_NAMES: dict[Call, str] = {
    Call.PRE_STUDY_2015: N_("Pre-study, 2015"),
    Call.DEVELOPMENT_2016: N_("Development project, 2016"),
}


@dataclass(frozen=True)
class Facets:
    """The options, in their vocabulary's order, and the number of cases each matches."""

    statuses: list[Status]
    calls: list[Call]
    sizes: list[tuple[str, str]]  # value, label (untranslated)
    years: list[int]
    counts: dict[str, Counter[str]]  # facet -> option -> cases


def facets(cases: tuple[CaseStudy, ...]) -> Facets:
    statuses = Counter(case.status.value for case in cases)
    calls = Counter(case.call.value for case in cases)
    sizes = Counter(value for case in cases for value, _label, low, high in SIZES
                    if low <= case.participant_count
                    and (high is None or case.participant_count <= high))
    return Facets(
        statuses=[status for status in Status if statuses[status.value]],
        calls=[call for call in Call if calls[call.value]],
        sizes=[(value, label) for value, label, _low, _high in SIZES if sizes[value]],
        years=year_span(cases),
        counts={"theme": Counter(t for case in cases for t in case.themes),
                "status": statuses, "call": calls, "count": sizes})


def year_span(cases: Iterable[CaseStudy]) -> list[int]:
    """Every year from the first start to the last end any case gives."""
    years = [month.year for case in cases for month in (case.period.start, case.period.end)
             if month is not None]
    return list(range(min(years), max(years) + 1)) if years else []
