"""Web addresses in case files: an address field must be an http(s) address, and a link in a
Markdown text must lead to a web page or an e-mail address (never `javascript:` and the like),
judged as a browser reads it (`links.py`).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import yaml

from .links import MARKDOWN_LINK_PATTERNS, is_allowed_link, mailto_extras
from .problems import N_
from .shapes import ShapeChecker


class AddressChecker(ShapeChecker):
    """The address checks of `validation.Checker`."""

    def check_links(self, node: yaml.Node, path: str, value: str) -> None:
        if "](" not in value and "<" not in value and "]:" not in value:
            return  # no link of any of the three forms: most sections
        for pattern in MARKDOWN_LINK_PATTERNS:
            for match in pattern.finditer(value):
                target = match.group(1)
                if not is_allowed_link(target):
                    self.report(node, path, N_('the link "{link}" is not a web or e-mail '
                                               "address"),
                                N_("links start with https://, http:// or mailto:"),
                                link=target)
                elif mailto_extras(target):
                    self.report(node, path, N_('the e-mail link "{link}" adds {extras}'),
                                N_("write mailto: and the address only (a ?subject= may "
                                   "stay)"), link=target, extras=", ".join(
                                       mailto_extras(target)))

    def url(self, node: yaml.Node, path: str) -> str | None:
        url = self.scalar(node, path)
        if url is None:
            return None
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            self.report(node, path, N_('"{url}" is not a web address'),
                        N_("expected an address starting with https:// or http://"), url=url)
            return None
        return url.strip()
