"""What a case's link-preview picture says, and its alt text: the page and the picture
(og_images.py) take it from here, so the alt text always describes what is drawn."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..reading.model import CaseStudy, Status
from ..reading.registry import Registry
from . import i18n
from .urls import case_counties


def years(case: CaseStudy, gettext: Callable[[str], str]) -> str:
    """ "2016–2020" for lists and pictures; "" when the sources give no period."""
    start, end = case.period.start, case.period.end
    if start and end:
        return f"{start.year}\u2013{end.year}" if start.year != end.year else str(start.year)
    if start and case.status is not Status.ONGOING:  # an open range would say "still running"
        return gettext("from {year}, end not known").format(year=start.year)
    return f"{start.year}\u2013" if start else (f"\u2013{end.year}" if end else "")


@dataclass(frozen=True)
class PictureTexts:
    """What a case's link-preview picture says (og_images.py draws it), and so its alt text."""

    site: str
    title: str
    facts: str  # "Örebro County · 2016–2020"
    label: str  # "Case study"

    @property
    def alt(self) -> str:
        return f"{self.site}: {self.title}. {self.facts + '. ' if self.facts else ''}{self.label}."


def picture_texts(case: CaseStudy, registry: Registry, lang: str) -> PictureTexts:
    gettext = i18n.site_translations(lang).gettext
    where = [county.name_in(lang) for county in case_counties(case, registry)]
    when = years(case, gettext)
    return PictureTexts(gettext("Idea sluices in municipalities"),
                        " ".join((case.name.get(lang) or case.name.sv).split()),
                        " · ".join([*where, *([when] if when else [])]),
                        gettext("Case study"))
