"""Text made safe for the two places a page's Markdown source holds it outside the templates'
autoescaping: front matter (YAML) and heading lines (Markdown)."""

from __future__ import annotations

import json
import re

from markupsafe import Markup, escape

#: Characters YAML does not allow in a file, even quoted (control characters, DEL, C1): one
#: of them in front matter makes MkDocs drop the whole front matter, and the title line
#: becomes Markdown. The validator refuses them; this escapes them if one ever gets here.
NOT_YAML_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f"
                                "\ud800-\udfff\ufffe\uffff]")


def front_matter_value(text: str) -> Markup:
    """A front-matter string: HTML-escaped (Material prints titles and descriptions raw) and
    then quoted as JSON, which is valid YAML, with what YAML cannot hold as \\u escapes."""
    quoted = json.dumps(str(escape(" ".join(text.split()))), ensure_ascii=False)
    return Markup(NOT_YAML_PRINTABLE.sub(  # noqa: S704 - escaped, then quoted
        lambda match: f"\\u{ord(match.group()):04x}", quoted))


#: Markdown's inline syntax: a backslash before it makes it a literal character. Entities
#: (from HTML escaping) are matched first and kept whole.
MARKDOWN_INLINE = re.compile(r"(&#?\w+;)|([\\`*_\[\]()#!{}|+-])")


def markdown_heading(text: str) -> Markup:
    """Text for a Markdown heading line (`# {{ md_heading(name) }}`), escaped for HTML and for
    Markdown: a theme or county name stays text, never a link or emphasis."""
    escaped = str(escape(" ".join(str(text).split())))
    return Markup(MARKDOWN_INLINE.sub(  # noqa: S704 - escaped above
        lambda match: match.group(1) or "\\" + match.group(2), escaped))
