"""Links as a browser follows them, judged the same way for case files and content pages.

A browser decodes entities in an address and ignores tabs and line breaks in it before it
reads the scheme, so `&#106;avascript:` and `java&#x09;script:` are `javascript:`. Every check
here looks at the address the way the browser will; `site.markup`'s last guard does too.
"""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qsl, urlsplit

#: Link targets in Markdown: inline `](target)`, autolinks `<scheme:...>`, references `[x]: t`.
MARKDOWN_LINK_PATTERNS = (
    re.compile(r"\]\(\s*<?([^)\s>]*)"),
    re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>"),
    re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE),
)
LINK_SCHEMES = ("http", "https", "mailto")

#: What a browser strips from a URL before it reads the scheme: ASCII tab and line breaks
#: anywhere, and control characters and spaces at either end (WHATWG URL standard).
URL_IGNORED = re.compile(r"[\t\n\r]")
URL_TRIMMED = "".join(chr(code) for code in range(0x21))


def link_target(href: str) -> str:
    """A link target as a browser reads it: entities decoded (`&#106;avascript:` is
    `javascript:`), then what browsers ignore removed."""
    return URL_IGNORED.sub("", html.unescape(href)).strip(URL_TRIMMED)


def link_scheme(href: str) -> str:
    """The scheme a browser would follow a link with ("" for a relative link)."""
    return urlsplit(link_target(href)).scheme.lower()


def is_allowed_link(target: str) -> bool:
    """An absolute web address or an e-mail address, judged as a browser reads it."""
    followed = link_target(target)
    scheme = urlsplit(followed).scheme.lower()
    return scheme in LINK_SCHEMES and (scheme == "mailto" or "//" in followed)


def mailto_extras(target: str) -> list[str]:
    """What a mailto: link adds besides its address and subject: more recipients (cc, bcc,
    to) or a prepared text (body), which readers would send without seeing."""
    parts = urlsplit(link_target(target))
    if parts.scheme.lower() != "mailto":
        return []
    return sorted({name.lower() for name, _ in parse_qsl(parts.query, keep_blank_values=True)
                   if name.lower() != "subject"})
