"""The site's URL scheme: where each page and file lives, per language, and relative links
between them that work on any host and from a file:// folder.

Pages are Markdown paths below a language's docs folder ("ideslussar/orebro.md"); MkDocs makes
each one the .html file of the same name.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ..reading.languages import by_language
from ..reading.model import CaseStudy
from ..reading.registry import County, Registry, Theme
from ..reading.slugs import slugify

OVERVIEW = "ideslussar/index.md"
#: The start page: the hand-written introduction, with what the generator adds (start_page.py).
START = "index.md"
#: All cases side by side in one sortable table, for readers who compare.
COMPARE = "jamfor.md"
COUNTIES = "lan/index.md"
THEMES = "teman/index.md"
OPEN_DATA = "oppna-data.md"
#: The open data files, below the site root (one per language and format).
DATA_FILES = {"json": "data/ideslussar.{lang}.json", "csv": "data/ideslussar.{lang}.csv",
              "excel": "data/ideslussar.{lang}.excel.csv", "package": "data/datapackage.json",
              "dcat": "data/dcat.rdf"}
#: One case's data and citations: ext is json, csv, bib, ris or csl.json.
CASE_DATA = "data/ideslussar/{slug}.{lang}.{ext}"
FEED = "feed.xml"
#: The folder of the case pages' link-preview pictures, below each language's root.
OG_IMAGES = "ideslussar/delning"
#: The JSON Schema of the published JSON, and that of the case files it is made from.
DATA_SCHEMA_FILE = "data/ideslussar.schema.json"
CASE_SCHEMA_FILE = "data/case-study.schema.json"
#: Where each language's pages live below the site root; paths below it are the same.
LANGUAGE_ROOTS: dict[str, str] = by_language("root")


@dataclass(frozen=True)
class SourcePage:
    """A page of the site in one language, as Markdown for MkDocs."""

    lang: str
    path: str  # relative to the language's docs folder: "ideslussar/orebro.md"
    text: str

    @property
    def url(self) -> str:
        """The page's address below its language root ("ideslussar/orebro.html")."""
        return html_path(self.path)


def html_path(md_path: str) -> str:
    return md_path.removesuffix(".md") + ".html"


def case_path(case: CaseStudy) -> str:
    return f"ideslussar/{case.slug}.md"


def og_image_path(case: CaseStudy) -> str:
    """A case's picture for link previews (Open Graph), below each language's root: each
    language's shows the name in that language."""
    return f"{OG_IMAGES}/{case.slug}.png"


def image_path(case: CaseStudy) -> str:
    """Where a case's picture goes, beside its page; the suffix is the editor's file's."""
    suffix = Path(case.image.path).suffix.lower() if case.image else ""
    return f"ideslussar/bilder/{case.slug}{suffix}"


@functools.lru_cache(maxsize=256)
def county_path(county: County) -> str:
    """Memoised: every case page links its county, and slugify runs two regexes."""
    return f"lan/{slugify(county.name)}.md"


def theme_path(theme: Theme) -> str:
    return f"teman/{theme.key}.md"


def case_counties(case: CaseStudy, registry: Registry) -> list[County]:
    """Counties are derived from the municipalities, never typed by an editor."""
    codes = ([case.based_in] if case.based_in else []) + list(case.municipalities)
    found = {registry.municipalities[code].county.code: registry.municipalities[code].county
             for code in codes}
    return list(found.values())


def relative_url(from_md: str, to_md: str) -> str:
    """A link from one page to another that works on any host and from a file:// folder."""
    return relative_link(from_md, html_path(to_md))


def relative_link(from_md: str, target: str) -> str:
    """A relative link from a page to any file in the same tree.

    Cheaper than `posixpath.relpath`, which matters: a thousand-case site has tens of
    thousands of links. Page paths are normalised and never contain "..".
    """
    here = from_md.rsplit("/", 1)[0] if "/" in from_md else ""
    there, _, name = target.rpartition("/")
    if here == there:
        return name
    common = 0
    here_parts, there_parts = here.split("/") if here else [], there.split("/") if there else []
    while (common < min(len(here_parts), len(there_parts))
           and here_parts[common] == there_parts[common]):
        common += 1
    up = "../" * (len(here_parts) - common)
    return up + "/".join([*there_parts[common:], name])


def relative_file(from_md: str, to_path: str) -> str:
    """A link from a page to a file that is not a page (data, feeds), from the site root."""
    depth = from_md.count("/")
    return "../" * depth + to_path


def counterpart_url(page_path: str, lang: str, other: str) -> str:
    """A link from a page to the same page in another language."""
    here = LANGUAGE_ROOTS[lang] + page_path
    return relative_url(here, LANGUAGE_ROOTS[other] + page_path)
