"""The generator's HTML blocks and plain paragraphs, handed to Markdown as Markdown would
hand them on, instead of parsed three times (a shortcut of the build: `mkdocs_build.SHORTCUTS`).

A generated page is mostly HTML (facts, lists, cards, links) around a few sections of plain
text. Python-Markdown keeps raw HTML blocks as they are, but only after finding where each
ends, with an HTML parser written in Python (`md_in_html`); MkDocs runs a second one over the
whole page to collect anchor ids; and every paragraph goes through the block parser, a dozen
inline patterns and the serializer to come out as `<p>` and its text. At a thousand case
studies that is most of MkDocs' Markdown work.

This preprocessor runs before either HTML parser and stores in Markdown's own stash, block by
block (blocks are separated by blank lines):

- a block of HTML elements whose extent is plain to see: each element starts a line (or
  directly follows the previous one's end tag on the same line), opens with a block-level
  tag and is closed in the block; tags are simple (double-quoted attributes, no comments,
  no `markdown` attribute). Each element goes into the stash as `md_in_html` would put it
  there (the last of the block with the newline of the blank line after it). Its `id`s
  (and `<a name>`s) are handed to MkDocs' anchor collector, which no longer sees them;
- a paragraph of plain text: lines that start with a letter and hold no character any block
  or inline pattern reacts to. It is stored as the `<p>` Markdown would make of it.

Anything else, and everything after a block this module cannot read (an element left open
could enclose what follows), is left to Markdown. `tests/test_engine.py` builds the sites
with and without this shortcut and compares them byte for byte, and `tests/test_html_blocks.py`
compares single conversions of blocks at the edges.
"""

from __future__ import annotations

import html
import re

import markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

#: One tag: a start tag with double-quoted (or no) attribute values, or an end tag.
TAG = re.compile(r'<(?:(?P<name>[a-zA-Z][a-zA-Z0-9]*)(?P<attrs>(?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*'
                 r'(?:="[^"<]*")?)*)\s*(?P<closed>/?)>|/(?P<end>[a-zA-Z][a-zA-Z0-9]*)\s*>)')
ATTRIBUTE = re.compile(r'\s+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?')
#: Whether a tag's attributes may hold an `id` or `name` (a quick look before `anchors`; the
#: site's class names start with "ides-", so looking for "id" anywhere finds nearly every tag).
MAY_ANCHOR = re.compile(r"\s(?:id|name)(?![-a-zA-Z0-9_:.])", re.IGNORECASE)
#: Character references Markdown's HTML parser passes on as they are.
REFERENCE = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);")
#: Elements without an end tag. Markdown's HTML parser keeps them open until the end tag of
#: the element around them; here they are not opened, which gives the same extent as long as
#: each end tag closes the innermost element left open (else the block is left to Markdown).
VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                           "meta", "param", "source", "track", "wbr"})
#: Elements whose content the HTML parser does not read as markup.
CDATA_ELEMENTS = frozenset({"script", "style"})
#: What makes a line of text more than a paragraph's text: a character of an inline pattern
#: (code, escape, emphasis, links, images, raw HTML, entities, tables), the stash's markers,
#: a space before the end of a line (two make a line break), or a line that could start a
#: heading, a rule, a list or a code block.
NOT_PLAIN = re.compile(r"[`\\*_\[\]<>&|~\x02\x03\t]|!\[| $|^[#=+\- ]", re.MULTILINE)


class _Blocks(Preprocessor):
    """Stores the blocks it can read; keeps their anchor ids for `_Anchors`."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.anchor_ids: set[str] = set()

    def run(self, lines: list[str]) -> list[str]:
        self.anchor_ids = set()
        blocks = "\n".join(lines).split("\n\n")
        block_level = set(self.md.block_level_elements)
        for index, block in enumerate(blocks[:-1]):  # the last one has no blank line after it
            if not block:
                continue
            if "markdown" in block:  # md_in_html parses inside such an element: left to it
                break
            if block[0].isalpha() and NOT_PLAIN.search(block) is None:
                blocks[index] = self.md.htmlStash.store(f"<p>{block}</p>")
                continue
            elements = html_elements(block, block_level, self.anchor_ids)
            if elements is None:
                if "<" in block:
                    break  # an element it cannot read may enclose the blocks after it
                continue
            # As md_in_html stores them: an element per entry, the block's last one followed
            # by the newline of the blank line after it.
            elements[-1] += "\n"
            blocks[index] = "\n\n".join(self.md.htmlStash.store(element) for element in elements)
        return "\n\n".join(blocks).split("\n")


def html_elements(block: str, block_level: set[str], anchor_ids: set[str]) -> list[str] | None:
    """The elements a block of HTML consists of, each whole, adding their anchor ids to
    `anchor_ids`; None if the block is not such a block (then no id is added).

    One pass over the tags (the overview page has tens of thousands), so the loop is lean."""
    elements: list[str] = []
    ids: list[str] = []
    stack: list[str] = []
    start = position = 0
    for tag in TAG.finditer(block):
        begin = tag.start()
        name, attributes, closed, end_name = tag.groups()
        if not stack:  # before the first element nothing; between two, nothing or a line break
            if (begin != position and block[position:begin] != "\n") or (begin and not elements):
                return None
            if name is None or name.lower() not in block_level or closed or name.lower() == "hr":
                return None
            start = begin
        elif begin != position:
            between = block[position:begin]
            if "<" in between or ("&" in between and not plain_references(between)):
                return None
        position = tag.end()
        if name is not None:
            name = name.lower()
            if attributes and MAY_ANCHOR.search(attributes):
                ids.extend(anchors(name, attributes))
            if closed or name in VOID_ELEMENTS:
                continue
            stack.append(name)
            if name in CDATA_ELEMENTS:  # its content is text up to its end tag
                end = block.find("</", position)
                if end < 0 or "<" in block[position:end]:
                    return None
            continue
        if not stack or stack[-1] != end_name.lower():
            return None
        stack.pop()
        if not stack:
            elements.append(block[start:position])
    if stack or not elements or position != len(block):
        return None
    anchor_ids.update(ids)
    return elements


def anchors(tag: str, attributes: str) -> list[str]:
    """The values of a start tag's attributes MkDocs collects as anchors: any `id`, and
    `name` on a link (unescaped, as the HTML parser gives them)."""
    return [html.unescape(value) for attribute, value in ATTRIBUTE.findall(attributes)
            if attribute.lower() == "id" or (tag == "a" and attribute.lower() == "name")]


def plain_references(text: str) -> bool:
    """Whether every `&` of a text between tags starts a character reference."""
    return text.count("&") == len(REFERENCE.findall(text))


class _Anchors(Preprocessor):
    """After MkDocs' anchor collector has read the page (what is left of it), adds the ids of
    the elements `_Blocks` stored, which it would have found there."""

    def __init__(self, md: markdown.Markdown, blocks: _Blocks) -> None:
        super().__init__(md)
        self.blocks = blocks

    def run(self, lines: list[str]) -> list[str]:
        if self.blocks.anchor_ids and "mkdocs_raw_html" in self.md.preprocessors:
            collector = self.md.preprocessors["mkdocs_raw_html"]
            collector.present_anchor_ids |= self.blocks.anchor_ids  # type: ignore[attr-defined]
        return lines


class HtmlBlocksExtension(Extension):
    """Registered by the build (the `raw_html_blocks` shortcut), after `fenced_code` (a code
    block is not HTML) and before MkDocs' anchor collector and Markdown's HTML parser."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        blocks = _Blocks(md)
        md.preprocessors.register(blocks, "ideslussar_html_blocks", 24)
        # MkDocs' collector is "mkdocs_raw_html" at 21, Markdown's HTML parser at 20.
        md.preprocessors.register(_Anchors(md, blocks), "ideslussar_html_anchors", 20.5)
