"""The overview's filters are declared once (`site/facets.py`, FILTERS): the page writes each
as a group of controls and each case's values as `data-f-<key>` on its card, and the filter
script reads those generic attributes without knowing any filter by name."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from generator.reading.corpus import read_corpus
from generator.site.facets import FILTERS, MAP_FILTER, PERIOD, card_data

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "generator/engine/theme/assets/javascripts/ideslussar-filters.js"
PAGES = ("ideslussar/index.html", "en/ideslussar/index.html")


class Overview(HTMLParser):
    """The filter groups, their controls, the cards' filter data and the map's key."""

    def __init__(self) -> None:
        super().__init__()
        self.groups: list[dict[str, str]] = []
        self.controls: dict[str, list[dict[str, str]]] = {}
        self.cards: list[dict[str, str]] = []
        self.map_key: str | None = None
        self._group: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "fieldset" and "data-filter" in found:
            self.groups.append(found)
            self._group = found["data-filter"]
            self.controls[self._group] = []
        elif tag in ("input", "select") and self._group:
            self.controls[self._group].append({"tag": tag, **found})
        elif tag == "li" and "ides-card" in found.get("class", "").split():
            self.cards.append({name: value for name, value in found.items()
                               if name.startswith("data-")})
        elif tag == "svg" and "data-key" in found:
            self.map_key = found["data-key"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "fieldset":
            self._group = None


def overview(site: Path, path: str) -> Overview:
    parser = Overview()
    parser.feed((site / path).read_text(encoding="utf-8"))
    return parser


def test_every_declared_filter_is_a_group_of_controls_and_no_other(real_site: Path) -> None:
    for path in PAGES:
        page = overview(real_site, path)
        assert [(g["data-filter"], g["data-key"], g["data-kind"]) for g in page.groups] == [
            (flt.name, flt.key, flt.kind) for flt in FILTERS], path
        for flt in FILTERS:
            controls = page.controls[flt.name]
            if flt.kind == PERIOD:
                assert [(c["tag"], c["name"]) for c in controls] == [
                    ("select", field) for field in flt.fields]
            else:
                assert controls and all(c["tag"] == "input" and c["type"] == "checkbox"
                                        and c["name"] == flt.name
                                        for c in controls), (path, flt.name)
        assert page.map_key == MAP_FILTER.key


def test_every_card_carries_every_declared_filter_and_nothing_undeclared(real_site: Path
                                                                          ) -> None:
    corpus = read_corpus(REPO)
    declared = {f"data-f-{flt.key}" for flt in FILTERS}
    for path in PAGES:
        page = overview(real_site, path)
        assert all(set(card) == declared for card in page.cards), path
        expected = [{f"data-f-{key}": value for key, value in card_data(case, corpus.registry)}
                    for case in corpus.cases]
        assert sorted(map(sorted_items, page.cards)) == sorted(map(sorted_items, expected))


def sorted_items(card: dict[str, str]) -> list[tuple[str, str]]:
    return sorted(card.items())


def test_every_code_on_the_cards_is_an_option_of_its_filter(real_site: Path) -> None:
    """A value a card carries that no control offers could never be chosen."""
    page = overview(real_site, PAGES[0])
    for flt in FILTERS:
        if flt.kind == PERIOD:
            continue
        codes = {c.get("data-code", c["value"]) for c in page.controls[flt.name]}
        on_cards = {code for card in page.cards for code in card[f"data-f-{flt.key}"].split()}
        assert on_cards == codes, flt.name


def test_the_script_knows_no_filter_by_name() -> None:
    """No filter's name, address parameter or card key as a string, key or property."""
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", SCRIPT.read_text(encoding="utf-8"), flags=re.S)
    names = [name for flt in FILTERS for name in (flt.name, *flt.fields)]
    keys = [flt.key for flt in FILTERS]
    named = sorted({*(name for name in names
                      if re.search(rf"""["']{name}["'=]|\.{name}\b(?!\s*\()|\b{name}\s*:"""
                                   rf"|[?&]{name}=", code)),
                    *(key for key in keys if re.search(rf"""["'](?:data-f-)?{key}["']""", code))})
    assert named == [], f"the filter script names {named}: read the data- attributes"


def test_filter_names_and_keys_are_unique() -> None:
    names = [name for flt in FILTERS for name in (flt.name, *flt.fields)]
    keys = [flt.key for flt in FILTERS]
    assert len(set(names)) == len(names) and len(set(keys)) == len(keys)
    assert all(re.fullmatch(r"[a-z][a-z0-9-]*", key) for key in keys)
