"""The `plain_pages` shortcut (`generator/engine/plain_pages.py`) gives MkDocs exactly what
Python-Markdown gives it: the page's HTML, its table of contents, its title from a first
level-1 heading, the anchor ids links are checked against and the links to anchors, for the
pages it writes itself and for those at its edges that it must leave to Markdown; over edge
sources and over every page of a generated site. (`test_engine.py` compares whole sites.)"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, get_files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import meta

from generator.build import prepare
from generator.engine.html_blocks import HtmlBlocksExtension
from generator.engine.plain_pages import plain_page, plain_pages, plain_toc
from generator.reading.corpus import read_corpus

from .conftest import FIXTURES, REPO
from .test_html_blocks import EXTENSIONS
from .test_html_blocks import SOURCES as BLOCK_SOURCES

SOURCES = {
    **BLOCK_SOURCES,
    "a case page": (
        '<p class="back"><a href="index.html">All</a></p>\n<h1 id="ale-1">Ale &amp; Co</h1>\n'
        '<dl class="facts">\n<dt>Run by</dt>\n<dd>Ale</dd>\n</dl>\n\n'
        '<p class="call">A call.</p>\n<p class="note" role="note">A note.</p>\n\n'
        "## What it is\n\nA plain paragraph, two lines\nlong, with “quotes” and 2017.\n\n"
        "## Så fungerar den\n\nText.\n\n### Lärdomar – och resultat\n\nMore text.\n\n"
        '<ul class="sources">\n<li><a href="https://example.org/a?b=1&amp;c=2">a</a></li>\n'
        "</ul>\n"),
    "a first level-1 heading is the title": "# The title\n\nText.\n\n## Part\n\nMore.\n",
    "a level-1 heading after text": "Text first.\n\n# Not the title\n",
    "the same heading twice": "## Results\n\nA.\n\n## Results\n\nB.\n\n## Results_1\n",
    "a heading that repeats an HTML id": '<p id="results">x</p>\n\n## Results\n',
    "heading forms": ("#Tight\n\n##  Wide   spaced  words  \n\n###### Six\n\n####### Seven\n\n"
                      "## Closed ##\n\n## *Emphasis*\n\n## Tom &amp; Jerry\n\n## \"Quoted\"\n"),
    "an empty heading": "##\n\nText.\n",
    "blank lines and carriage returns": "Text.\r\n\r\n\r\n\r\n## Head\r\n\r\n\r\nMore.\r\n",
    "tabs": "<div>\n\t<p>x</p>\n</div>\n\nText\twith a tab.\n",
    "a fence inside an element": "<div>\n```\ncode\n```\n</div>\n\nText.\n",
    "a blank line that opens a block": "Text.\n\n\n<p>x</p>\n",
    "the word markdown in text": "We write markdown.\n\n<p>x</p>\n",
    "nothing": "   \n",
    "a heading only": "## Alone",
}


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> MkDocsConfig:
    """The mini fixture's Swedish configuration, as the build writes it."""
    root = tmp_path_factory.mktemp("plain")
    shutil.copytree(FIXTURES / "mini", root / "repo")
    builds, _, _ = prepare(read_corpus(root / "repo"), REPO / "mkdocs.yml", root / "work",
                           "http://127.0.0.1:8765/")
    loaded = load_config(config_file=str(builds[0].config_file))
    loaded.markdown_extensions.append(HtmlBlocksExtension())  # type: ignore[arg-type]
    return loaded


def toc(links: list[AnchorLink]) -> list[tuple[Any, ...]]:
    return [(link.title, link.id, link.level, toc(link.children)) for link in links]


def render(config: MkDocsConfig, files: Files, file: File, source: str,
           shortcut: bool) -> tuple[Any, ...]:
    """What MkDocs keeps of one page's conversion."""
    page = Page(None, file, config)
    page.markdown = source
    if shortcut:
        with plain_pages():
            page.render(config, files)
    else:
        page.render(config, files)
    return (page.content, toc(list(page.toc)), page._title_from_render,
            page.present_anchor_ids, page.links_to_anchors)


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_the_shortcut_gives_mkdocs_what_markdown_gives(name: str, config: MkDocsConfig) -> None:
    files = get_files(config)
    file = File("x/page.md", config.docs_dir, config.site_dir, False)
    assert render(config, files, file, SOURCES[name], True) == render(
        config, files, file, SOURCES[name], False)


def test_every_generated_page_converts_as_with_markdown(config: MkDocsConfig) -> None:
    files = get_files(config)
    pages = list(files.documentation_pages())
    written = 0
    for file in pages:
        body, _ = meta.get_data(Path(file.abs_src_path or "").read_text(encoding="utf-8"))
        assert render(config, files, file, body, True) == render(
            config, files, file, body, False), file.src_uri
        written += plain_page(parser(EXTENSIONS), body) is not None
    assert len(pages) > 10 and written > len(pages) / 2


def parser(extensions: list[Any]) -> markdown.Markdown:
    return markdown.Markdown(extensions=extensions)


def test_it_writes_the_generators_pages_itself() -> None:
    """A shortcut only if it does the work: a case page is written without Markdown, and its
    heading ids are the `toc` extension's."""
    page = plain_page(parser(EXTENSIONS), SOURCES["a case page"])
    assert page is not None
    assert page.headings == [(2, "what-it-is", "What it is"),
                             (2, "sa-fungerar-den", "Så fungerar den"),
                             (3, "lardomar-och-resultat", "Lärdomar – och resultat")]
    assert page.anchor_ids == {"ale-1"}


@pytest.mark.parametrize("name", ["lists and code", "heading forms", "md_in_html",
                                  "a fence inside an element", "comments", "nothing"])
def test_it_leaves_other_pages_to_markdown(name: str) -> None:
    assert plain_page(parser(EXTENSIONS), SOURCES[name]) is None


@pytest.mark.parametrize("extensions", [
    [*EXTENSIONS[1:], markdown.extensions.toc.TocExtension(permalink=True)],
    [*EXTENSIONS[1:], markdown.extensions.toc.TocExtension(baselevel=2)],
    [*EXTENSIONS, "abbr"],
    [*EXTENSIONS[1:]],
])
def test_it_leaves_every_page_to_markdown_under_other_extensions(extensions: list[Any]) -> None:
    """A permalink, another base level, an extension it does not know, no `toc` at all."""
    md = parser(extensions)
    assert plain_toc(md) is None
    assert plain_page(md, "## Heading\n\nText.\n") is None
