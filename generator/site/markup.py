"""Editors' text made into safe HTML: the one place YAML text meets markup.

Text from case files is data. Plain fields are escaped by Jinja2's autoescape. Markdown fields
are neutralised at the source (see `markdown_source`) and converted by MkDocs with the rest of
the page, so the generator does not parse Markdown twice; `LinkGuardExtension`, registered in
mkdocs.yml, checks every link of every page again, so a `javascript:` link never reaches one.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

from ..reading.links import link_scheme, link_target

SAFE_SCHEMES = ("http", "https", "mailto")


class _LinkGuard(Treeprocessor):
    """Drops any href that is not http(s), mailto or relative, and any image from elsewhere."""

    def run(self, root: Element) -> None:
        for link in root.iter("a"):
            scheme = link_scheme(link.get("href", ""))
            if scheme and scheme not in SAFE_SCHEMES:
                link.attrib.pop("href", None)
            elif scheme:
                link.set("rel", "noopener")
        for image in root.iter("img"):
            parts = urlsplit(link_target(image.get("src", "")))
            if parts.scheme or parts.netloc:
                image.attrib.pop("src", None)


class LinkGuardExtension(Extension):
    """Registered in mkdocs.yml: a last guard on every page, whatever the validator said."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        md.treeprocessors.register(_LinkGuard(md), "ideslussar_link_guard", 0)


def makeExtension(**kwargs: object) -> LinkGuardExtension:  # noqa: N802 - Markdown's API
    """Lets mkdocs.yml name this module in `markdown_extensions`."""
    return LinkGuardExtension(**kwargs)


#: What `markdown_source` replaces, "&" first. Chained `str.replace` calls, because
#: `str.translate` with a mapping looks up every character in Python and is some fifteen
#: times slower on Swedish text, which a thousand-case build converts eight thousand times.
HTML_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("{", "&#123;"), ("}", "&#125;"))
BLOCK_STARTS = re.compile(r"^(\s{0,3})(#|=+\s*$|-+\s*$)", re.MULTILINE)


def markdown_source(text: str) -> Markup:
    """An editor's Markdown, made safe to place in a page that MkDocs converts.

    MkDocs converts the page once, so the text is not converted here; it is neutralised:
    `<`, `>` and `&` become entities (no raw HTML, no autolinks), `{}` too (no attribute
    lists), `![` loses its image meaning (nothing is fetched from elsewhere), and a line that
    would start a heading is escaped (a section cannot break the page outline). Links stay
    links; their schemes were checked by the validator, and `LinkGuardExtension` checks again.
    """
    safe = text
    for character, entity in HTML_ESCAPES:
        if character in safe:
            safe = safe.replace(character, entity)
    safe = safe.replace("![", "!\\[")
    return Markup(BLOCK_STARTS.sub(r"\1\\\2", safe))  # noqa: S704 - escaped above


@functools.lru_cache(maxsize=8192)
def plain_html(text: str) -> Markup:
    """A one-line text, escaped, with its line breaks folded into spaces.

    Memoised: a case's name and summary recur on its page, the overview, county and theme
    pages and the related lists of other cases."""
    return escape(" ".join(text.split()))
