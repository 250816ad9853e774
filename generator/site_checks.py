"""The new site, checked before it replaces the published one.

MkDocs and the generator exit without error on output that is broken in ways no one sees at
once: a feed a reader cannot parse, a JSON file a program cannot read, a language missing its
start page because another build removed it. These checks run on the complete new site, after
everything is written and before the swap, so a site that fails them is never published.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from xml.etree import ElementTree

from .engine import SiteBuildError
from .reading.model import LANGUAGES
from .site.urls import LANGUAGE_ROOTS

#: What every language of a complete site has.
REQUIRED = ("index.html", "404.html", "search/search_index.json", "assets/javascripts",
            "sitemap.xml", "feed.xml")


def format_problems(files: Mapping[str, str | bytes]) -> list[str]:
    """Feeds and sitemaps that are not well-formed XML, JSON that does not parse."""
    problems = []
    for path, text in sorted(files.items()):
        try:
            if path.endswith(".xml"):
                ElementTree.fromstring(  # noqa: S314 - our own output
                    text.encode("utf-8") if isinstance(text, str) else text)
            elif path.endswith(".json"):
                json.loads(text)
        except (ElementTree.ParseError, ValueError) as error:
            problems.append(f"{path} is not well-formed: {error}")
    return problems


def joined_problems(path: str, text: str | bytes, parts: Iterable[bytes]) -> list[str]:
    """The problems of a JSON file, `text`, joined from parts that are each a JSON value (a
    dataset: a row per case, between what a document of no rows has, `opendata.dataset`): it
    is well-formed when they all are, so the parts an earlier build checked (the rows of the
    cases it made) are not parsed again, only `parts`. When one is broken, the whole file is
    parsed, for where in it."""
    for part in parts:
        try:
            json.loads(part)
        except ValueError:
            return format_problems({path: text})
    return []


def missing_files(folder: Path) -> list[str]:
    """What a complete site has and this one lacks, per language."""
    return [f"{LANGUAGE_ROOTS[lang]}{required} is missing" for lang in LANGUAGES
            for required in REQUIRED
            if not (folder / LANGUAGE_ROOTS[lang] / required).exists()]


def check_site(folder: Path, extra_files: Mapping[str, str], found: Sequence[str] = ()
               ) -> None:
    """Raise `SiteBuildError` listing every problem of the new site in `folder`: those of
    the `extra_files`, those `format_problems` `found` in others before (the build checks
    most of its files while the languages build), the files it lacks."""
    problems = sorted([*found, *format_problems(extra_files)]) + missing_files(folder)
    if problems:
        raise SiteBuildError("site", problems)
