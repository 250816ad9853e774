"""The overview's filters, declared once: what each is called in the address, what a case is
matched by, which options it offers and what they are called.

The overview's template writes every declared filter as a group of controls and every case's
values as generic `data-f-<key>` attributes on its card; the filter script
(`engine/theme/assets/javascripts/ideslussar-filters.js`) reads those attributes and knows no
filter by name. Adding a filter is one `Filter` in `FILTERS` (and its label in the catalog).

An option that matches nothing ("Ongoing" when no case is) is a dead end for a reader, so it is
not offered; a year in the middle of the span is offered although no period starts or ends in
it, as it can be the very year a reader asks for (`?from=2018`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from ..reading.model import Call, CaseStudy, Status
from ..reading.problems import N_
from ..reading.registry import Registry
from .labels import STATUS_LABELS
from .urls import case_counties

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


class Page(Protocol):
    """What an option's label needs of the page it is shown on (a `pages.Renderer`)."""

    @property
    def lang(self) -> str: ...

    @property
    def registry(self) -> Registry: ...

    def gettext(self, message: str) -> str: ...


@dataclass(frozen=True)
class Choice:
    """One option of a filter: in the address and the form (`value`), on the cards (`code`,
    short, as the list grows with cases), and as the reader reads it (`label`)."""

    value: str
    code: str
    label: str


@dataclass(frozen=True)
class Option:
    """A choice the overview offers, with the number of cases it matches."""

    value: str
    code: str
    label: str
    count: int


#: The two kinds of filter the script knows: any of the ticked options, or a range of years.
ANY, PERIOD = "any", "period"


@dataclass(frozen=True)
class Filter:
    """One of the overview's filters.

    `values` gives the codes a case is matched by (for a PERIOD filter: its first and last
    year, '' where unknown); `choices` every option in the order the form lists them.
    A PERIOD filter is two fields, `fields` (from, to), each offering every year of the
    span; a case matches when it was active in some year of the range.
    """

    name: str
    key: str
    label: str
    values: Callable[[CaseStudy, Registry], tuple[str, ...]]
    choices: Callable[[tuple[CaseStudy, ...], Page], Iterable[Choice]]
    kind: str = ANY
    fields: tuple[str, ...] = ()

    def card_value(self, case: CaseStudy, registry: Registry) -> str:
        """What the case's card carries for this filter, in `data-f-<key>`."""
        return " ".join(self.values(case, registry))


def theme_codes(registry: Registry) -> dict[str, str]:
    """Themes go by their position in the vocabulary on the cards (the options say which)."""
    return {key: str(position) for position, key in enumerate(registry.themes)}


def size_of(count: int) -> str:
    """The size option a number of participating municipalities falls in."""
    return next(value for value, _label, low, high in SIZES
                if low <= count and (high is None or count <= high))


def year_span(cases: Iterable[CaseStudy]) -> list[int]:
    """Every year from the first start to the last end any case gives."""
    years = [month.year for case in cases for month in (case.period.start, case.period.end)
             if month is not None]
    return list(range(min(years), max(years) + 1)) if years else []


def _years(case: CaseStudy, _registry: Registry) -> tuple[str, ...]:
    start, end = case.period.start, case.period.end
    return (str(start.year) if start else "", str(end.year) if end else "")


COUNTY = Filter(
    "county", "c", N_("County"),
    lambda case, registry: tuple(county.code for county in case_counties(case, registry)),
    lambda cases, page: (Choice(code, code, page.registry.counties[code].name_in(page.lang))
                         for code in sorted(page.registry.counties)))

#: Every filter of the overview, in the order the form shows them.
FILTERS: tuple[Filter, ...] = (
    COUNTY,
    Filter("theme", "t", N_("Theme"),
           lambda case, registry: tuple(theme_codes(registry)[key] for key in case.themes),
           lambda cases, page: (Choice(key, theme_codes(page.registry)[key],
                                       theme.name(page.lang))
                                for key, theme in page.registry.themes.items())),
    Filter("status", "s", N_("Status"),
           lambda case, _registry: (case.status.value,),
           lambda cases, page: (Choice(status.value, status.value,
                                       page.gettext(STATUS_LABELS[status]))
                                for status in Status)),
    Filter("call", "k", N_("Vinnova's call"),
           lambda case, _registry: (case.call.value,),
           lambda cases, page: (Choice(call.value, call.value, page.gettext(CALL_NAMES[call]))
                                for call in Call)),
    Filter("years", "y", N_("Active in the years"), _years,
           lambda cases, page: (Choice(str(year), str(year), str(year))
                                for year in year_span(cases)),
           kind=PERIOD, fields=("from", "to")),
    Filter("count", "n", N_("Participating municipalities"),
           lambda case, _registry: (size_of(case.participant_count),),
           lambda cases, page: (Choice(value, value, page.gettext(label))
                                for value, label, _low, _high in SIZES)),
)

#: The filter whose codes the overview's map shows (a circle per county).
MAP_FILTER = COUNTY


def offered(flt: Filter, cases: tuple[CaseStudy, ...], page: Page) -> list[Option]:
    """The filter's options on this page: those that match some case, with how many
    (a PERIOD filter offers every year of the span)."""
    counts = Counter(code for case in cases for code in flt.values(case, page.registry))
    return [Option(choice.value, choice.code, choice.label, counts[choice.code])
            for choice in flt.choices(cases, page)
            if flt.kind == PERIOD or counts[choice.code]]


def card_data(case: CaseStudy, registry: Registry) -> list[tuple[str, str]]:
    """The case's values for every filter: (key, value) for the card's `data-f-<key>`."""
    return [(flt.key, flt.card_value(case, registry)) for flt in FILTERS]
