"""The generator's HTML blocks, handed to Markdown as they are instead of parsed three times.

A generated page is mostly HTML (facts, lists, links) around a few Markdown sections. Python-
Markdown keeps such raw HTML blocks as they are, but only after finding where each ends, with
an HTML parser written in Python; MkDocs runs a second one over the whole page to collect
anchor ids. At a thousand case studies that parsing is about a third of all Markdown work.

This preprocessor stores, before either parser runs, every block that Markdown would keep
as raw HTML anyway and whose extent is plain to see: a block between blank lines that starts
with a block-level tag at the start of a line and ends with that tag's closing tag. The block
goes into Markdown's own stash, exactly as its HTML block processor would put it there, so the
output is the same byte for byte. Blocks with an `id` or `name` (anchors MkDocs validates
links against) and blocks holding `markdown` (md_in_html) are left to the parsers; so is a
file's last block, and anything else unusual.
"""

from __future__ import annotations

import re

import markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

#: A block that opens a tag at its very start and closes the same tag at its very end.
WHOLE_ELEMENT = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>].*</\1>\Z", re.DOTALL)
#: Attributes MkDocs collects from raw HTML as link targets.
ANCHOR_ATTRIBUTE = re.compile(r"\s(?:id|name)\s*=", re.IGNORECASE)


class _HtmlBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        blocks = "\n".join(lines).split("\n\n")
        block_level = self.md.block_level_elements
        for index, block in enumerate(blocks[:-1]):  # the last one has no blank line after it
            if not block.startswith("<") or "markdown" in block:
                continue
            match = WHOLE_ELEMENT.match(block)
            if (match is None or match.group(1).lower() not in block_level
                    or ANCHOR_ATTRIBUTE.search(block)):
                continue
            # As Markdown's HTML block processor stores a raw block followed by a blank line.
            blocks[index] = self.md.htmlStash.store(block + "\n")
        return "\n\n".join(blocks).split("\n")


class HtmlBlocksExtension(Extension):
    """Registered in mkdocs.yml, after `fenced_code` (a code block is not HTML) and before
    MkDocs' anchor scan and Markdown's HTML block processor."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        md.preprocessors.register(_HtmlBlocks(md), "ideslussar_html_blocks", 24)


def makeExtension(**kwargs: object) -> HtmlBlocksExtension:  # noqa: N802 - Markdown's API
    """Lets mkdocs.yml name this module in `markdown_extensions`."""
    return HtmlBlocksExtension(**kwargs)
