"""Editors' text made into safe HTML: the one place YAML text meets markup.

Text from case files is data. Plain fields are escaped by Jinja2's autoescape; Markdown fields
go through Python-Markdown with its raw-HTML and image rules removed (so `<script>` is shown as
text and nothing is fetched from elsewhere), and every link that survives is checked again
here, whatever the validator said, so a `javascript:` link can never reach a page.
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

SAFE_SCHEMES = ("http", "https", "mailto")


class _LinkGuard(Treeprocessor):
    """Drops the href of any link that is not http(s) or mailto, and marks links external."""

    def run(self, root: Element) -> None:
        for link in root.iter("a"):
            href = link.get("href", "")
            if urlsplit(href.strip()).scheme.lower() not in SAFE_SCHEMES:
                link.attrib.pop("href", None)
            else:
                link.set("rel", "noopener")


class _SafeText(Extension):
    """No raw HTML, no images, no headings above h3: text stays text, inside its section."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.deregister("image_link")
        md.inlinePatterns.deregister("image_reference")
        md.inlinePatterns.deregister("short_image_ref")
        md.treeprocessors.register(_LinkGuard(md), "link_guard", 0)


@functools.cache
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=[_SafeText(), "sane_lists"], output_format="html")


def markdown_html(text: str) -> Markup:
    """Markdown to HTML with no way for the text to become markup of its own."""
    converter = _converter()
    converter.reset()
    html = converter.convert(text)
    # Headings written in a section would jump out of the page outline; show them as text.
    for level in range(1, 7):
        html = html.replace(f"<h{level}>", "<p><strong>").replace(f"</h{level}>",
                                                                  "</strong></p>")
    return Markup(_no_blank_lines(html))  # noqa: S704 - built from escaped parts above


def plain_html(text: str) -> Markup:
    """A one-line text, escaped, with its line breaks folded into spaces."""
    return escape(" ".join(text.split()))


def _no_blank_lines(html: str) -> str:
    """A blank line would end the raw HTML block that holds this in the page's Markdown."""
    return "\n".join(line for line in html.split("\n") if line.strip())
