"""Which generated pages `ideslussar build` need not render again: each page's inputs as one
digest, kept in the work folder from one build to the next.

The preview keeps its rendered pages in memory (`memo.RenderMemo`); a build is a new process
each time, and a thousand case pages' Markdown pickled and loaded again costs about as much as
rendering it. What is kept instead is one digest per page of what `render.py` says the page is
made of (its key), and the page itself is the Markdown file the last build left in the
language's sources. A page whose digest is the last build's, and whose file is still there, is
neither rendered nor written; the build only does so when the last build may stand in for a
clean one (`incremental.py`: same code, templates, catalogs and configuration).

A case stands in a key as a token: the case cache's digest of its file (`CaseCache.tokens`),
or a hash of the case itself where the cache has none. Lists show their cases without the long
sections (`memo.NO_SECTIONS`), so in a list's key a case is the hash of that view, kept by case
token (`VIEWS_FILE`) so that an unchanged case is not hashed again.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import hashlib
import pickle
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..reading.model import CaseStudy
from ..reading.registry import Registry
from .memo import NO_SECTIONS
from .related import related_cases
from .urls import SourcePage

#: In the work folder: the view token of each case token, from the last build.
VIEWS_FILE = "case-views.json"
#: Beside each language's configuration: the digest of each generated page's inputs.
KEYS_FILE = "page-keys.json"


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def case_tokens(cases: Iterable[CaseStudy], known: Mapping[str, str]) -> dict[str, str]:
    """Every case's token by slug: the case cache's (`known`), else a hash of the case."""
    return {case.slug: known.get(case.slug) or digest(pickle.dumps(case, protocol=5))
            for case in cases}


def view_tokens(cases: Iterable[CaseStudy], tokens: Mapping[str, str],
                previous: Mapping[str, Any]) -> dict[str, str]:
    """By case token, the hash of what lists show of the case: taken from the last build's
    (`previous`) for a case it had, made for the others."""
    views = {}
    for case in cases:
        token = tokens[case.slug]
        known = previous.get(token)
        views[token] = known if isinstance(known, str) else digest(
            pickle.dumps(dataclasses.replace(case, **NO_SECTIONS), protocol=5))
    return views


#: What a key holds as its `repr`: the same text in every process for the same value.
PLAIN = (str, int, float, datetime.date, enum.Enum)


class KeyText:
    """Page keys as text that is the same in every process for the same inputs: cases by
    their token, containers and dataclasses by their parts. Anything else is refused, so a
    key never stands for an object by its address (which another process may reuse).

    A thousand case pages' keys share their parts (the publisher, each case's dates in the
    start page's key and its own), so the text of a frozen dataclass is made once per object
    for the length of one language's rendering, in which the validated corpus does not change
    (the object is held, so its address is not reused while the text is kept)."""

    def __init__(self, token: Callable[[CaseStudy], str]) -> None:
        self.token = token
        self.fields: dict[type, tuple[str, ...]] = {}
        self.frozen: dict[int, tuple[Any, str]] = {}

    def text(self, value: Any) -> str:
        """The key's text; the common kinds first, without a chain of `isinstance`."""
        kind = type(value)
        if kind is str:
            return repr(value)
        if kind is tuple or kind is list:
            return "(" + ",".join([self.text(item) for item in value]) + ")"
        if kind is CaseStudy:
            return "case:" + self.token(value)
        return self.other(value)

    def other(self, value: Any) -> str:
        if isinstance(value, CaseStudy):
            return "case:" + self.token(value)
        if value is None or isinstance(value, PLAIN):
            return repr(value)
        if isinstance(value, list | tuple):
            return "(" + ",".join([self.text(item) for item in value]) + ")"
        if isinstance(value, dict):
            return "{" + ",".join([f"{self.text(key)}:{self.text(item)}"
                                   for key, item in value.items()]) + "}"
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return self.dataclass_text(value)
        raise TypeError(f"a page key cannot hold a {type(value).__name__}")

    def dataclass_text(self, value: Any) -> str:
        known = self.frozen.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        kind = type(value)
        names = self.fields.get(kind)
        if names is None:
            names = self.fields[kind] = tuple(part.name for part in dataclasses.fields(value))
        text = kind.__name__ + self.text([getattr(value, name) for name in names])
        if kind.__dataclass_params__.frozen:
            self.frozen[id(value)] = (value, text)
        return text


def key_text(value: Any, token: Callable[[CaseStudy], str]) -> str:
    """A page key as text (`KeyText`), on its own."""
    return KeyText(token).text(value)


class StoredPages:
    """The build's render memo (`render.render_language` takes it as it takes the preview's):
    a page is rendered only when its key's digest is not the last build's or its file is gone.
    `kept` are the pages not rendered (their files stay as they are), `keys` every page's
    digest, for the next build."""

    def __init__(self, previous: Mapping[str, Any], tokens: Mapping[str, str],
                 views: Mapping[str, str], exists: Callable[[str], bool]) -> None:
        self.previous = previous
        self.tokens = tokens
        self.views = views
        self.exists = exists
        self.keys: dict[str, str] = {}
        self.kept: set[str] = set()
        self.key_text = KeyText(self.token)

    def token(self, case: CaseStudy) -> str:
        return self.tokens[case.slug]

    def page(self, lang: str, path: str, key: Any, render: Callable[[], SourcePage]
             ) -> SourcePage:
        found = self.keys[path] = digest(self.key_text.text(key).encode())
        if self.previous.get(path) == found and self.exists(path):
            self.kept.add(path)
            return SourcePage(lang, path, "")  # not written: the file stays
        return render()

    def listed(self, cases: Iterable[CaseStudy]) -> str:
        """What lists show of the cases: their view tokens, as one text (the overview's key
        holds a thousand)."""
        return "view:" + ",".join([self.views[self.tokens[case.slug]] for case in cases])

    def keep(self, lang: str, paths: set[str], cases: Iterable[CaseStudy]) -> None:
        """Nothing to forget: the keys are made anew by every build."""

    def related_cases(self, cases: tuple[CaseStudy, ...], registry: Registry
                      ) -> dict[str, list[CaseStudy]]:
        return related_cases(cases, registry)
