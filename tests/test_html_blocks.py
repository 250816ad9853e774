"""The `raw_html_blocks` shortcut (`generator/engine/html_blocks.py`) converts Markdown exactly
as Python-Markdown and MkDocs do without it: the same HTML and the same anchor ids MkDocs
checks links against, for the blocks it takes over and for those at its edges that it must
leave to Markdown. (`test_engine.py` compares whole built sites.)"""

from __future__ import annotations

import markdown
import pytest
from mkdocs.structure.pages import _RawHTMLPreprocessor

from generator.engine.html_blocks import HtmlBlocksExtension, html_elements

#: The page's extensions as MkDocs configures them from mkdocs.yml (MkDocs adds the first three).
EXTENSIONS = ["toc", "tables", "fenced_code", "sane_lists", "md_in_html", "generator.site.markup"]

SOURCES = {
    "case page head": (
        '<p class="back"><a href="index.html">All</a></p>\n<h1 id="ale-1">Ale &amp; Co</h1>\n'
        '<p class="lead">A lead.</p>\n<dl class="facts">\n<dt>Run by</dt>\n<dd>Ale</dd>\n</dl>\n\n'
        "## What it is\n\nA plain paragraph, two lines\nlong, with “quotes” and 2017.\n\n"
        '<ul class="sources">\n<li><a href="https://example.org/a?b=1&amp;c=2">a</a></li>\n</ul>\n'),
    "element after element on a line": (
        '<div class="wrap"><p>x</p></div><script src="a.js"></script>\n\nText after.\n'),
    "anchors": ('<p><a name="n1">x</a><span ID="Upper">y</span><b name="not">z</b></p>\n\n'
                '<div id="a&amp;b" data-x="1">w</div>\n\nLast words.'),
    "voids": '<p>a<br>b<br/>c<img src="x.png" alt="">d</p>\n\n<hr>\n\nText.\n',
    "voids inside elements": (
        '<form class="f">\n<fieldset><legend>County</legend>\n<label><input type="checkbox" '
        'name="c" value="01" id="c01"> Stockholm <span class="n">(85)</span></label>\n'
        '<label><input type="checkbox" name="c" value="03"> Uppsala</label>\n</fieldset>\n'
        '<p>a<wbr>b<img src="x.png" alt=""></p></form>\n\nText.\n'),
    "an end tag for a void element": '<p>a<br>b</br>c</p>\n\nText.\n',
    "a void element left inside an unclosed element": '<div><p>a<br></div>\n\nText.\n',
    "emphasis and breaks": "Some *emphasis* here.\n\nA line break  \nhere.\n\nTrailing space \n",
    "headings and rules in a paragraph": "Text\n# not a heading?\n\nText\n---\n\nMore\n***\n",
    "lists and code": "- one\n- two\n\nAfter the list.\n\n- item\n\n    Indented text.\n\n1. one\n",
    "numbers": "1. First\n\n2017. A year\n\nWord\n2017. A year\n",
    "tables": "a | b\n--|--\n1 | 2\n\nText.\n",
    "entities and html inline": "Tom &amp; Jerry.\n\nA <span>span</span>.\n\nAn & alone.\n",
    "an element over blank lines": "<div>\n\nInside a raw div.\n\n</div>\n\nOutside.\n",
    "md_in_html": '<div markdown="1">\n\n*Parsed* text.\n\n</div>\n\nAfter.\n',
    "comments": "<!-- a comment -->\n\nText.\n\n<p>x</p>\n",
    "mismatched tags": "<div><p>x</div>\n\nText.\n",
    "text after an element": "<p>a</p> tail\n\nText.\n",
    "space between elements": "<p>a</p> <p>b</p>\n\nText.\n",
    "text before an element": "Words <p>a</p>\n\nText.\n",
    "inline tag first": '<a href="x">link</a>\n\nText.\n',
    "fenced code": "```\n<div id=\"code\">x</div>\n\nText in code\n```\n\nText.\n",
    "setext": "Title\n=====\n\nSub\n---\n\nText.\n",
    "script with content": "<script>var a = 1 < 2;</script>\n\nText.\n",
    "escapes and images": "A \\*star\\*.\n\n![alt](x.png)\n\nWow!\n",
    "unicode": "Åsa och Örebro – idéslussar.\n\nÉcole.\n",
    "blockquote": "> quoted\n\nText.\n",
    "last block without a blank line": '<ul class="x">\n<li>a</li>\n</ul>',
}


def convert(source: str, shortcut: bool) -> tuple[str, set[str]]:
    """The HTML and MkDocs' anchor ids of one page."""
    extensions: list[object] = [*EXTENSIONS, *([HtmlBlocksExtension()] if shortcut else [])]
    md = markdown.Markdown(extensions=extensions)  # type: ignore[arg-type]
    collector = _RawHTMLPreprocessor()
    collector._register(md)
    return md.convert(source), collector.present_anchor_ids


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_the_shortcut_converts_as_markdown_does(name: str) -> None:
    assert convert(SOURCES[name], True) == convert(SOURCES[name], False)


def test_the_shortcut_takes_over_the_generators_blocks() -> None:
    """It is a shortcut only if it does the work: a case page's HTML head and plain
    paragraphs are in the stash before Markdown's HTML parser runs."""
    md = markdown.Markdown(extensions=[*EXTENSIONS, HtmlBlocksExtension()])  # type: ignore[list-item]
    md.convert(SOURCES["case page head"])
    stored = md.htmlStash.rawHtmlBlocks
    assert '<h1 id="ale-1">Ale &amp; Co</h1>' in stored
    assert "<p>A plain paragraph, two lines\nlong, with “quotes” and 2017.</p>" in stored


def test_the_shortcut_takes_over_blocks_with_void_elements() -> None:
    """The overview's filters (an `<input>` in each `<label>`) are read here, not by Markdown's
    HTML parser, with their ids."""
    block = SOURCES["voids inside elements"].split("\n\n")[0]
    ids: set[str] = set()
    assert html_elements(block, set(markdown.Markdown().block_level_elements), ids) == [block]
    assert ids == {"c01"}


def test_the_ids_of_stored_blocks_reach_mkdocs() -> None:
    _, ids = convert(SOURCES["anchors"], True)
    assert ids == {"n1", "Upper", "a&b"}
