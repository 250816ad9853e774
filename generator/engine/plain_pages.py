"""Generated pages made into HTML without Python-Markdown, as Python-Markdown would make them (a
shortcut of the build: `mkdocs_build.SHORTCUTS`).

A generated page is HTML blocks, plain paragraphs and ATX headings of plain text. Even with
`html_blocks` storing its blocks, Markdown still splits the page into blocks, makes a paragraph
element of every stored block, runs a dozen inline patterns over each, the table of contents
over the tree, serializes it and puts the stored HTML back: about a third of a language's
build at a thousand case studies, for a result that is the page's own blocks joined by line
breaks, each heading with the id the `toc` extension gives it.

`convert_plain_first` takes a page all of whose blocks are such blocks (`html_blocks` decides
what an HTML block and a plain paragraph are, as it does for the stash) and writes that HTML
itself; then it leaves in the parser what MkDocs reads after a conversion: the table of
contents (`toc_tokens`, ids by the `toc` extension's own slugify and `unique`), the anchor ids
of the HTML (MkDocs' `mkdocs_raw_html` collector) and of the headings
(`mkdocs_extract_anchors`), the title of a page that starts with a level-1 heading
(`mkdocs_extract_title`). Any other page, and any page converted with a Markdown extension
this module does not know, goes through Markdown as before. `tests/test_plain_pages.py`
converts edge sources and every page of a generated site both ways and compares the HTML and
that state; `tests/test_engine.py` builds the fixture site with this shortcut alone and
compares it with plain `mkdocs build`.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions.toc import TocTreeprocessor, nest_toc_tokens, unique

from .html_blocks import NOT_PLAIN, html_elements
from .pages_markdown import pages_markdown

#: An ATX heading block: hashes and the heading's text, on one line, with no closing hashes.
HEADING = re.compile(r"(#{1,6})([^#\n]*)")
#: What each of Markdown's registries may hold for a page of plain blocks to convert to the
#: same HTML as Markdown would: Markdown's own processors and those of the site's extensions
#: (`toc`, `tables`, `fenced_code`, `sane_lists`, `md_in_html`, `generator.site.markup`,
#: `html_blocks`) and MkDocs'. An extension outside this list may read plain text its own way.
KNOWN = {
    "preprocessors": frozenset({"normalize_whitespace", "fenced_code_block", "html_block",
                                "ideslussar_html_blocks", "ideslussar_html_anchors",
                                "mkdocs_raw_html"}),
    "blockprocessors": frozenset({"empty", "indent", "code", "table", "hashheader",
                                  "setextheader", "hr", "olist", "ulist", "quote", "reference",
                                  "paragraph", "markdown_block"}),
    "inlinePatterns": frozenset({"backtick", "escape", "reference", "link", "image_link",
                                 "image_reference", "short_reference", "short_image_ref",
                                 "autolink", "automail", "linebreak", "html", "entity",
                                 "not_strong", "em_strong", "em_strong2"}),
    "treeprocessors": frozenset({"inline", "prettify", "unescape", "toc",
                                 "ideslussar_link_guard", "mkdocs_extract_anchors", "relpath",
                                 "mkdocs_extract_title"}),
    "postprocessors": frozenset({"raw_html", "amp_substitute"}),
}
#: Characters a heading id may not hold to be written into `id="..."` as it is.
NOT_IN_ID = re.compile(r'[&<>"\n]')


def registries(md: markdown.Markdown) -> dict[str, Any]:
    return {"preprocessors": md.preprocessors, "blockprocessors": md.parser.blockprocessors,
            "inlinePatterns": md.inlinePatterns, "treeprocessors": md.treeprocessors,
            "postprocessors": md.postprocessors}


def registered(registry: Any, name: str) -> Any:
    """A processor by name, or None (Markdown's registries have no `get`)."""
    return registry[name] if name in registry else None  # noqa: SIM401


def plain_toc(md: markdown.Markdown) -> TocTreeprocessor | None:
    """The parser's `toc` processor if the parser converts plain pages as this module does:
    only known processors, and a `toc` that gives headings an id and nothing else."""
    for name, registry in registries(md).items():
        if not {item.name for item in registry._priority} <= KNOWN[name]:
            return None
    toc = registered(md.treeprocessors, "toc")
    if (not isinstance(toc, TocTreeprocessor) or toc.use_permalinks is not False
            or toc.use_anchors or toc.base_level != 0):
        return None
    return toc


class PlainPage:
    """A page's HTML as Markdown would write it, with what MkDocs reads after the conversion."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.anchor_ids: set[str] = set()  # of the HTML blocks
        self.headings: list[tuple[int, str, str]] = []  # level, id, text
        self.title: Element | None = None  # a level-1 heading that is the page's first block


def plain_page(md: markdown.Markdown, source: str) -> PlainPage | None:
    """The page, if every block of `source` is a plain paragraph, an HTML block `html_blocks`
    reads whole, or an ATX heading of plain text; else None (nothing in `md` is changed)."""
    toc = plain_toc(md)
    if toc is None or not source.strip():
        return None
    text = "\n".join(md.preprocessors["normalize_whitespace"].run(source.split("\n")))
    fenced = registered(md.preprocessors, "fenced_code_block")
    if fenced is not None and fenced.FENCED_BLOCK_RE.search(text):
        return None
    page = PlainPage()
    block_level = set(md.block_level_elements)
    used_ids: set[str] = set()
    counters: dict[str, int] = {}
    for block in text.split("\n\n"):
        if not block.strip("\n"):
            continue  # a blank line more: no element
        if block[0] == "\n":
            return None  # Markdown reads it as the same block without the line break
        if block[0].isalpha() and NOT_PLAIN.search(block) is None:
            if block == toc.marker:
                return None
            page.pieces.append(f"<p>{block}</p>")
            continue
        heading = HEADING.fullmatch(block)
        if heading is not None:
            title = heading[2].strip()
            if not title or NOT_PLAIN.search(title) is not None:
                return None
            level = len(heading[1])
            name = " ".join(title.split())
            anchor = unique(toc.slugify(name, toc.sep), used_ids, counters)
            if NOT_IN_ID.search(anchor):
                return None
            if not page.pieces and level == 1:
                page.title = Element("h1", {"id": anchor})
                page.title.text = title
            page.headings.append((level, anchor, title))
            page.pieces.append(f'<h{level} id="{anchor}">{title}</h{level}>')
            continue
        if "markdown" in block:  # md_in_html reads Markdown inside such an element
            return None
        elements = html_elements(block, block_level, page.anchor_ids)
        if elements is None:
            return None
        elements[-1] += "\n"  # as md_in_html stores the last element of a block
        page.pieces.extend(elements)
    return page


def convert_plain_first(md: markdown.Markdown, source: str) -> str:
    """`md.convert(source)`, without Markdown for a page of plain blocks (`plain_page`)."""
    page = plain_page(md, source)
    if page is None:
        return type(md).convert(md, source)
    toc: Any = md.treeprocessors["toc"]
    tokens: list[Any] = [  # as the `toc` extension makes them
        {"level": level, "id": anchor, "name": " ".join(title.split()), "html": title,
         "data-toc-label": ""}
        for level, anchor, title in page.headings if toc.toc_top <= level <= toc.toc_bottom]
    md.toc_tokens = nest_toc_tokens(tokens)  # type: ignore[attr-defined]
    if "mkdocs_raw_html" in md.preprocessors:
        md.preprocessors["mkdocs_raw_html"].present_anchor_ids = page.anchor_ids  # type: ignore[attr-defined]
    if "mkdocs_extract_anchors" in md.treeprocessors:
        md.treeprocessors["mkdocs_extract_anchors"].present_anchor_ids.update(  # type: ignore[attr-defined]
            anchor for _, anchor, _ in page.headings)
    if page.title is not None and "mkdocs_extract_title" in md.treeprocessors:
        from mkdocs.utils.rendering import get_heading_text

        md.treeprocessors["mkdocs_extract_title"].title = get_heading_text(  # type: ignore[attr-defined]
            page.title, md)
    return "\n".join(page.pieces).strip()


class PlainFirstMarkdown:
    """The `markdown` module as MkDocs' pages see it, but each parser it makes converts plain
    pages itself (`convert_plain_first`)."""

    def __init__(self, module: Any) -> None:
        self._module = module

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)

    def Markdown(self, **kwargs: Any) -> Any:  # noqa: N802 - as markdown's
        parser = self._module.Markdown(**kwargs)
        if "convert" not in vars(parser):  # a parser made before and reset (`one_markdown_parser`)
            parser.convert = lambda source: convert_plain_first(parser, source)
        return parser


def plain_pages() -> contextlib.AbstractContextManager[None]:
    """For the length of one build, MkDocs' parsers convert plain pages without Markdown."""
    return pages_markdown(PlainFirstMarkdown)
