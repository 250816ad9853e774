"""Material's search-index parser, with the same results in a third of the time.

Material's search plugin feeds every page's HTML through its `Parser` to split it into
sections for the index. That parser asks, for every tag and every piece of text, whether any
open element is one to skip, whether it is inside a heading, whether it is inside `<pre>`:
each time by comparing its `Element` objects one by one with Python-level `__eq__`, which
compare by tag name. At a thousand case pages that is about a sixth of a language's build.

`CountingParser` keeps the same state and takes the same decisions, but keeps a count of the
open elements per tag, so each of those questions is a dictionary lookup. Its results are
Material's, entry for entry: `tests/test_search_parser.py` runs both over varied HTML, and
`tests/test_scale.py` compares whole search indexes with those of plain `mkdocs build`.

upstream: material/plugins/search/plugin.py sha256:cc8a3ac0a8862662
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Iterator
from html import escape, unescape
from html.parser import starttagopen  # type: ignore[attr-defined] # the tokenizer's own regex
from typing import Any

from material.plugins.search import plugin as material_search

#: A start or end tag HTMLParser reads the same as this: a name of letters and digits and
#: attributes with a double-quoted value (no "<" or ">" in it) or none, apart by ASCII
#: white space (HTMLParser's own patterns take other Unicode space as part of a name).
SIMPLE_TAG = re.compile(r'<(?:([a-zA-Z][a-zA-Z0-9]*)((?:[ \t\n\r\f]+[a-zA-Z_:][-a-zA-Z0-9_:.]*'
                        r'(?:="[^"<>]*")?)*)[ \t\n\r\f]*(/?)|/([a-zA-Z][a-zA-Z0-9]*)[ \t\n\r\f]*)>')
ATTRIBUTE = re.compile(r'[ \t\n\r\f]+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:=("[^"]*"))?')
HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
#: Skipped tags Material never takes off its skip list.
ALWAYS_SKIPPED = ("script", "style", "object")


class CountingParser(material_search.Parser):  # type: ignore[misc] # Material has no types
    """`material.plugins.search.plugin.Parser`, deciding from counts of open tags.

    Material's skip list holds tag names and `Element`s, and an `Element` equals anything
    with its tag, so skipping is by tag: `skip_tags` holds those tags. `open_tags` counts the
    elements of `context` per tag, which is what `x in self.context` asks."""

    rawdata: str  # HTMLParser's buffer of text not yet parsed

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.skip_tags: set[str] = set(self.skip)
        self.open_tags: Counter[str] = Counter()
        self.skipped = 0  # open elements whose tag is in skip_tags

    def section_data(self) -> list[str]:
        """Where text goes: the section's title while inside its heading, else its text."""
        section = self.section
        return section.title if self.open_tags[section.el.tag] else section.text  # type: ignore[no-any-return]

    def feed(self, data: str) -> None:
        """Tokenize the plain run of a page, text and tags, without `HTMLParser.goahead`.

        `goahead` looks at every position for the many kinds of markup HTML allows, and
        tracks line numbers for error messages; `parse_starttag` finds a tag's end and its
        attributes with several regular expressions. The HTML of a page is text and plain
        tags: a tag `SIMPLE_TAG` matches is taken here as `parse_starttag` or `parse_endtag`
        would take it, any other tag by them, text decoded as HTMLParser decodes it. At
        anything else (a comment, a declaration, a stray "<", an unfinished tag, the raw
        text of `<script>` or `<style>`, or the final text, which it may hold back) the rest
        goes to `HTMLParser.feed`, in the same state."""
        if self.rawdata or not self.convert_charrefs:
            super().feed(data)
            return
        self.rawdata = data
        position = 0
        simple_tag = SIMPLE_TAG.match
        while True:
            following = data.find("<", position)
            if following < 0:
                break
            if position < following:
                self.handle_data(unescape(data[position:following]))
            tag = simple_tag(data, following)
            if tag is not None and self.take_simple_tag(*tag.groups()):
                position = tag.end()
                continue
            if starttagopen.match(data, following):
                end = self.parse_starttag(following)
            elif data.startswith("</", following):
                end = self.parse_endtag(following)
            else:
                end = -1
            if end < 0 or self.cdata_elem is not None:
                position = following if end < 0 else end
                break
            position = end
        self.rawdata = ""
        super().feed(data[position:])

    def take_simple_tag(self, name: str | None, attributes: str, closed: str,
                        end_name: str | None) -> bool:
        """Handle a tag `SIMPLE_TAG` matched, as `parse_starttag` or `parse_endtag` would
        (names in lower case, values decoded, `/>` a start and an end); False for a start
        tag of `script` or `style`, whose content is not markup (left to them)."""
        if name is None:
            self.handle_endtag(end_name.lower())  # type: ignore[union-attr] # the other branch
            return True
        tag = name.lower()
        if tag in self.CDATA_CONTENT_ELEMENTS:
            return False
        self.lasttag = tag
        attrs = [(key.lower(), unescape(value[1:-1]) if value else None)
                 for key, value in ATTRIBUTE.findall(attributes)] if attributes else []
        self.handle_starttag(tag, attrs)
        if closed:
            self.handle_endtag(tag)
        return True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        el = material_search.Element(tag, attributes)
        if tag in material_search.void:
            return
        self.context.append(el)
        self.open_tags[tag] += 1
        if tag in self.skip_tags:
            self.skipped += 1
        if tag in HEADINGS and "id" in attributes:
            depth = len(self.context)
            if tag != "h1" and not self.data:
                self.section = material_search.Section(material_search.Element("hx"), depth)
                self.data.append(self.section)
            self.section = material_search.Section(el, depth)
            if self.data:
                self.section.id = attributes["id"]
            self.data.append(self.section)
        if not self.section:
            self.section = material_search.Section(material_search.Element("hx"))
            self.data.append(self.section)
        for key, value in attributes.items():
            if key == "data-search-exclude" or (key == "class" and value == "linenodiv"):
                self.skip.add(el)
                if tag not in self.skip_tags:
                    self.skip_tags.add(tag)
                    self.skipped += self.open_tags[tag]
                return
        if tag in self.keep and not self.skipped:
            self.section_data().append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        context = self.context
        if not context or context[-1].tag != tag:
            return
        if self.section.depth > len(context):
            for section in reversed(self.data):
                if section.depth <= len(context):
                    self.section.depth = float("inf")
                    self.section = section
                    break
        el = context.pop()
        self.open_tags[tag] -= 1
        if tag in self.skip_tags:
            self.skipped -= 1
            if tag not in ALWAYS_SKIPPED:
                self.skip.discard(el)
                self.skip_tags.discard(tag)
                self.skipped -= self.open_tags[tag]
            return
        if tag in self.keep and not self.skipped:
            data = self.section_data()
            index = data.index(f"<{tag}>")
            for i in range(index + 1, len(data)):
                if not data[i].isspace():
                    index = len(data)
                    break
            if len(data) > index:
                del data[index:]
            else:
                data.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.skipped:
            return
        in_pre = self.open_tags["pre"] > 0
        if not in_pre:
            data = data.replace("\n", " ") if not data.isspace() else " "
        if not self.section:
            self.section = material_search.Section(material_search.Element("hx"))
            self.data.append(self.section)
        section = self.section
        if self.open_tags[section.el.tag]:
            if not any(el.tag == "a" and el.attrs.get("class") == "headerlink"
                       for el in self.context):
                section.title.append(escape(data, quote=False))
        elif data.isspace():
            text = section.text
            if not text or not text[-1].isspace() or in_pre:
                text.append(data)
        else:
            section.text.append(escape(data, quote=False))


@contextlib.contextmanager
def counting_search_parser() -> Iterator[None]:
    """For the length of one build, Material's search plugin parses with `CountingParser`."""
    namespace = vars(material_search)  # the module's globals, where the index finds `Parser`
    original = namespace["Parser"]
    namespace["Parser"] = CountingParser
    try:
        yield
    finally:
        namespace["Parser"] = original
