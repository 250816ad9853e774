"""The reference data case files point into: Sweden's municipalities and counties, and themes.

Case files name municipalities by SCB code only, so a county is derived here and never typed
(a typed county can disagree with its municipality; a derived one cannot). The data files are
read with the same strict loader as the case files, so "0114" stays a string here too.
"""

from __future__ import annotations

import difflib
import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from .loading import load
from .model import LANGUAGES, ORIGINAL_LANGUAGE, Text
from .problems import DataFileError, InvalidContentError

DATA_DIR = Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True)
class County:
    code: str  # two digits
    name: str  # "Stockholms län": the Swedish name, which also makes the page's address
    name_en: str  # "Stockholm County", as SCB writes it in English

    def name_in(self, lang: str) -> str:
        """The county's name in a page's language: English pages say "Örebro County"."""
        return self.name if lang == ORIGINAL_LANGUAGE else self.name_en


@dataclass(frozen=True)
class Municipality:
    code: str  # four digits, the first two the county's
    name: str  # "Upplands Väsby"
    county: County


@dataclass(frozen=True)
class Theme:
    key: str
    names: Text  # in every language of the table: themes.yml gives each

    def name(self, lang: str) -> str:
        return self.names[lang] or ""


@dataclass(frozen=True)
class Registry:
    counties: dict[str, County]
    municipalities: dict[str, Municipality]
    themes: dict[str, Theme]

    def suggest_code(self, written: str) -> str | None:
        """The code an editor most likely meant by a name, a code that lost its leading zero,
        or a near-miss name ("Stockholms stad" -> 0180)."""
        text = written.strip()
        if text.isdigit() and text.zfill(4) in self.municipalities:
            return text.zfill(4)
        by_name = {normalise(m.name): m.code for m in self.municipalities.values()}
        key = normalise(text)
        for suffix in (" kommun", " stad", "s kommun", "s stad"):
            key = key.removesuffix(suffix)
        if key in by_name:
            return by_name[key]
        close = difflib.get_close_matches(key, list(by_name), n=1, cutoff=0.8)
        return by_name[close[0]] if close else None


def normalise(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold().strip()


def _mapping(node: yaml.Node) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise DataFileError(f"expected a mapping at line {node.start_mark.line + 1}")
    return {str(key.value): value for key, value in node.value}


def _root(name: str) -> yaml.Node:
    document, problems = load(DATA_DIR / name, f"generator/data/{name}")
    if document is None or problems:  # told as a case file's are: line, column, the fix
        raise InvalidContentError(problems)
    return document.root


@functools.cache
def load_registry() -> Registry:
    """Read the reference data once per process; it is the same for every case file."""
    counties: dict[str, County] = {}
    municipalities: dict[str, Municipality] = {}
    for code, county_node in _mapping(_mapping(_root("sweden.yml"))["counties"]).items():
        fields = _mapping(county_node)
        county = County(code, str(fields["name"].value), str(fields["name_en"].value))
        counties[code] = county
        for m_code, m_name in _mapping(fields["municipalities"]).items():
            municipalities[m_code] = Municipality(m_code, str(m_name.value), county)
    themes = {}
    for key, node in _mapping(_root("themes.yml")).items():
        names = {lang: str(value.value) for lang, value in _mapping(node).items()}
        missing = [lang for lang in LANGUAGES if not names.get(lang)]
        if missing or set(names) - set(LANGUAGES):
            raise DataFileError(f"generator/data/themes.yml: the theme {key} must be named in "
                             f"{', '.join(LANGUAGES)} and nothing else")
        themes[key] = Theme(key, Text(names))
    return Registry(counties, municipalities, themes)
