"""What the start page shows besides its hand-written introduction: figures computed from the
cases, a few cases to begin with, and the latest changes.

Pure functions over the validated corpus, so the figures can never disagree with the cases
(a typed "ten idea sluices" goes stale the day an eleventh is added).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..reading.history import FileDates
from ..reading.model import CaseStudy, Status
from ..reading.registry import Registry
from .pages import Renderer, county_counts, used_themes
from .sweden_map import base_map, radius
from .urls import COMPARE, START, SourcePage

#: How many cases the start page shows as cards, and how many recent changes it lists.
FEATURED = 3
LATEST = 5


@dataclass(frozen=True)
class Figures:
    """The start page's numbers: cases, municipalities named in them, and the years they span."""

    cases: int
    municipalities: int
    first_year: int | None
    last_year: int | None


def figures(cases: Sequence[CaseStudy]) -> Figures:
    """The numbers, counted so that each is true as it stands.

    Municipalities are the distinct ones the case files name (where they are based and who
    takes part), or the largest stated count of a single case if that is more: a case that
    gives only a number ("12 municipalities") cannot be added to the named ones without
    perhaps counting some twice.
    """
    named = {code for case in cases
             for code in (*case.municipalities, *((case.based_in,) if case.based_in else ()))}
    largest = max((case.participant_count for case in cases), default=0)
    years = [month.year for case in cases for month in (case.period.start, case.period.end)
             if month is not None]
    return Figures(len(cases), max(len(named), largest), min(years, default=None),
                   max(years, default=None))


def featured(cases: Sequence[CaseStudy], registry: Registry,
             count: int = FEATURED) -> list[CaseStudy]:
    """A few cases to start reading from, from different counties.

    Those whose idea sluice was made permanent come first (what a visiting officer most wants
    to see), then those that report results, then the larger collaborations; one per county
    while there are counties left, so the cards are not three neighbours.
    """
    def appeal(case: CaseStudy) -> tuple[int, int, int, str]:
        return (case.status is not Status.PERMANENT, case.results is None,
                -case.participant_count, case.slug)

    ranked = sorted(cases, key=appeal)
    chosen: list[CaseStudy] = []
    seen: set[str] = set()
    for case in ranked:
        counties = {registry.municipalities[code].county.code
                    for code in (*case.municipalities,
                                 *((case.based_in,) if case.based_in else ()))}
        if counties & seen:
            continue
        chosen.append(case)
        seen |= counties
        if len(chosen) == count:
            return chosen
    taken = {case.slug for case in chosen}
    chosen += [case for case in ranked if case.slug not in taken][:count - len(chosen)]
    return chosen


def latest(cases: Sequence[CaseStudy], dates: dict[str, FileDates],
           count: int = LATEST) -> list[CaseStudy]:
    """The most recently changed cases, newest first (name order among equals)."""
    return sorted(cases, key=lambda case: -dates[case.slug].updated.timestamp())[:count]


def split_start_text(markdown: str) -> tuple[str, str, str]:
    """The hand-written start page as front matter, introduction and the rest.

    The introduction is everything before the first second-level heading; the generated parts
    (figures, cases, map, themes, latest changes) go between it and the rest, so an editor
    writes the opening and the closing words and the page keeps its order.
    """
    front, body = "", markdown
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end >= 0:
            front, body = markdown[4:end], markdown[end + 5:]
    lines = body.split("\n")
    cut = next((i for i, line in enumerate(lines) if line.startswith("## ")), len(lines))
    return front, "\n".join(lines[:cut]).strip(), "\n".join(lines[cut:]).strip()


def render_start(renderer: Renderer, markdown: str, cases: tuple[CaseStudy, ...],
                 dates: dict[str, FileDates]) -> SourcePage:
    """The start page: the editor's introduction, then what invites a reader in."""
    front, intro, rest = split_start_text(markdown)
    counts = county_counts(cases, renderer.registry)
    return renderer.render("start.html", START, front=front, intro=intro, rest=rest,
                           figures=figures(cases), featured=featured(cases, renderer.registry),
                           latest=[(case, dates[case.slug]) for case in latest(cases, dates)],
                           themes=used_themes(cases, renderer.registry),
                           theme_counts=Counter(t for case in cases for t in case.themes),
                           map=base_map(), radius=radius, counts=counts,
                           counties=[renderer.registry.counties[code] for code in sorted(counts)],
                           compare_path=COMPARE)
