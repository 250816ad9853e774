"""The site's search index, cut into small static files so a phone fetches only what a query needs.

Material builds one JSON of every page's text per language (10 MB at 1,000 case studies) and
its browser worker downloads all of it and indexes it with lunr before the first result. Here
that JSON is the input: after MkDocs has written it, this module turns it into

- `search/search_index.json`: Material's configuration with no documents (Material's page
  still fetches this file on every page load; it is now a few hundred bytes);
- `search/manifest.json`: the shards and their sizes, the number of pages;
- `search/pages.json`: the title and address of every page, in document order;
- `search/teasers/N.json`: the teaser of each page, `CHUNK` pages a file (only the first
  results' chunks are fetched);
- `search/terms/PREFIX.json`: the scored postings of every term that starts with PREFIX, and
  the word forms whose stem does not start like them ("studies" -> "studi").

Terms are Snowball stems with diacritics removed ("Örebro" -> "orebro", "idéslussar" ->
"idesluss"), so a reader who types without å, ä, ö or é finds the same pages. The browser does
not stem (`assets/javascripts/workers/ideslussar-search.js`): a word matches a term it equals,
a term it is the start of (search as you type), or else the longest term that starts it
("innovationer" -> "innovation"), which is what a suffix-stripping stemmer leaves of it. So
the stems are made once, here, by one stemmer, and cannot disagree with the browser's.

Scores are BM25 over title and text, computed here (`search_scores`, which after an edit
scores again only the terms it moved): the browser only adds them up. Listing pages (overview,
counties, themes) weigh less than case pages, which carry the same words in their own text: a
reader who searches a word of a case's text gets the case first.
"""

from __future__ import annotations

import hashlib
import html
import json
import marshal
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import snowballstemmer  # type: ignore[import-untyped]

from ..reading.languages import language
from ..reading.seal import sealed, unsealed
from ..site.urls import COUNTIES, OVERVIEW, THEMES, html_path
from .search_scores import PACKED, Counts, LastIndex, Page, packed, postings

#: Pages per teaser file: the first ten results need at most ten small files.
CHUNK = 10
#: A shard larger than this (bytes of JSON) is split by one more letter of its terms.
SHARD_BYTES = 8_000
#: A word in the title counts as this many in the text.
TITLE_WEIGHT = 5
#: The teaser of a page without a description: its first characters.
TEASER_CHARACTERS = 180

WORD = re.compile(r"[^\W_]+")
TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class PageInfo:
    """What the index needs to know of a page besides its text: its kind and its teaser."""

    kind: str  # "case", "listing" or "page"
    teaser: str  # plain text


@dataclass(frozen=True)
class Analysis:
    """What the index needs of one page's text, worked out once per text (`PageMemo`): its
    plain title, its first words (the teaser when it has no description of its own), its length
    in words, each term's count, and the words whose folded form does not start with their
    term ([word, form, term]), which the browser needs to find the term ("studies" -> "studi").
    `title` is None for a page without an entry of its own (only sections): it is not indexed."""

    title: str | None
    teaser: str
    length: int
    counts: Mapping[str, int]
    odd_words: list[list[str]]


@dataclass(frozen=True)
class Document:
    """One page of the index: its address, what the hook knows of it, its text analysed and
    the digest of its entries (`entries_key`: the same digest, the same analysis)."""

    location: str
    info: PageInfo
    analysis: Analysis
    key: str

    @property
    def title(self) -> str:
        return self.analysis.title or ""


def page_kind(location: str) -> str:
    """A page's kind by its address: a case study, a listing of cases, or another page."""
    listings = {html_path(path) for path in (OVERVIEW, COUNTIES, THEMES)}
    if location in listings or location.startswith(("lan/", "teman/")):
        return "listing"
    if location.startswith("ideslussar/"):
        return "case"
    return "page"


def fold(word: str) -> str:
    """A word without diacritics: "örebro" -> "orebro", "idé" -> "ide"."""
    return "".join(char for char in unicodedata.normalize("NFD", word)
                    if not unicodedata.combining(char))


def plain_text(markup: str) -> str:
    """The text of Material's index entries, which keep some HTML tags."""
    return " ".join(html.unescape(TAG.sub(" ", markup)).split())


class Terms:
    """Words to index terms for one language, each distinct word stemmed once."""

    def __init__(self, lang: str) -> None:
        self._stemmer = snowballstemmer.stemmer(language(lang).stemmer)
        self._terms: dict[str, str] = {}
        self._forms: dict[str, str] = {}

    def term(self, word: str) -> str:
        """The index term of a lower-case word: its stem without diacritics."""
        found = self._terms.get(word)
        if found is None:
            found = self._terms[word] = fold(str(self._stemmer.stemWord(word)))
        return found

    def form(self, word: str) -> str:
        """A lower-case word without diacritics (`fold`), each distinct word folded once."""
        found = self._forms.get(word)
        if found is None:
            found = self._forms[word] = fold(word)
        return found

    def words(self, text: str) -> list[str]:
        return WORD.findall(text.lower())

    def analyse(self, entries: list[Mapping[str, str]]) -> Analysis:
        """One page's Material entries (the page's own and its sections') as the index
        counts them: the sections' titles and every entry's text, the page's title weighing
        TITLE_WEIGHT times a word of text."""
        title: str | None = None
        parts: list[str] = []
        for entry in entries:
            if entry["location"].partition("#")[2]:
                parts.append(entry.get("title", ""))
            else:
                title = plain_text(entry.get("title", ""))
            parts.append(plain_text(entry.get("text", "")))
        text = " ".join(parts)
        body, heading = self.words(text), self.words(title or "")
        counts: dict[str, int] = {}
        seen: dict[str, None] = {}  # the page's words in the order first met
        for words, factor in ((Counter(body), 1), (Counter(heading), TITLE_WEIGHT)):
            for word, times in words.items():
                term = self.term(word)
                counts[term] = counts.get(term, 0) + factor * times
                seen[word] = None
        odd = [[word, self.form(word), self.term(word)] for word in seen
               if not self.form(word).startswith(self.term(word))]
        return Analysis(title, shorten(text, TEASER_CHARACTERS),
                        len(body) + TITLE_WEIGHT * len(heading), counts, odd)


class PageMemo:
    """Each page's `Analysis`, by a digest of its entries, and the last index's postings
    (`search_scores.LastIndex`), from one index to the next.

    An edit changes one page's text: only that page's words are found, counted and stemmed
    again, and only its terms scored again (`search_scores`). A build keeps the memo in its
    work folder (`dumps`, `loads`), for the same language and code (`version`: another stemmer,
    tokeniser or scoring makes another index); it holds the pages of the last index made with
    it, so it does not grow with every edit."""

    FORMAT = 2

    def __init__(self, lang: str, version: str = "",
                 pages: dict[str, Analysis] | None = None,
                 last: LastIndex | None = None) -> None:
        self.lang = lang
        self.version = version
        self.pages = pages or {}
        self.last = last
        self._before: dict[str, Analysis] = {}  # the last index's pages, until it is scored
        self.changed = False  # whether the last index is not the one the memo held

    def documents(self, material_docs: Iterable[Mapping[str, str]],
                  pages: Mapping[str, PageInfo]) -> list[Document]:
        """Material's entries (one per page and one per section) as one document per page,
        in the order of their addresses, each page analysed unless its entries are the
        last index's."""
        grouped: dict[str, list[Mapping[str, str]]] = defaultdict(list)
        for entry in material_docs:
            grouped[entry["location"].partition("#")[0]].append(entry)
        terms = Terms(self.lang)
        used: dict[str, Analysis] = {}
        found = []
        made = 0
        for location in sorted(grouped):
            entries = grouped[location]
            key = entries_key(entries)
            analysis = used.get(key) or self.pages.get(key)
            if analysis is None:
                analysis = terms.analyse(entries)
                made += 1
            used[key] = analysis
            if analysis.title is None:
                continue
            info = pages.get(location) or PageInfo("page", "")
            if not info.teaser:
                info = PageInfo(info.kind, analysis.teaser)
            found.append(Document(location, info, analysis, key))
        self.changed = made > 0 or used.keys() != self.pages.keys()
        self._before, self.pages = self.pages, used
        return found

    def postings(self, docs: list[Document]) -> dict[str, str]:
        """Each term's postings (`search_scores.encode`) for these documents, the last
        index's where the documents leave them as they were."""
        before = self._before
        self._before = {}
        index = postings([Page(doc.location, doc.info.kind, doc.key, doc.analysis.length,
                               doc.analysis.counts) for doc in docs], self.last,
                         {key: (page.length, page.counts) for key, page in before.items()})
        self.changed = self.changed or self.last is None or not index.same_pages(self.last)
        self.last = index
        return index.postings

    def dumps(self) -> bytes:
        """The memo for the work folder, in `marshal`'s format (plain values only: nothing in
        it runs; read and written several times faster than the same as JSON), after the
        CRC-32 of those bytes, so a damaged file is not believed."""
        last = self.last
        return sealed(marshal.dumps({
            "format": self.FORMAT, "lang": self.lang, "version": self.version,
            "packed": PACKED,
            "pages": {key: (page.title, page.teaser, page.length, *packed(page.counts),
                            page.odd_words)
                      for key, page in self.pages.items()},
            "last": None if last is None else (last.locations, last.kinds, last.keys,
                                               last.average, last.postings)}))

    @classmethod
    def loads(cls, lang: str, version: str, data: bytes) -> PageMemo:
        """The memo a build kept, or an empty one if it is not one of this format, language
        and code (an older build's, another Python's, a damaged file)."""
        try:
            stored = marshal.loads(unsealed(data))  # noqa: S302 - the build's own work folder
            if (stored["format"], stored["lang"], stored["version"], stored["packed"]) != (
                    cls.FORMAT, lang, version, PACKED):
                return cls(lang, version)
            pages = {str(key): Analysis(title, str(teaser), int(length), Counts(terms, numbers),
                                        list(odd))
                     for key, (title, teaser, length, terms, numbers, odd)
                     in stored["pages"].items()}
            last = None
            if stored["last"] is not None:
                locations, kinds, keys, average, kept = stored["last"]
                last = LastIndex(list(locations), list(kinds), list(keys), float(average),
                                 dict(kept))
            return cls(lang, version, pages, last)
        except (ValueError, TypeError, KeyError, AttributeError, EOFError):
            return cls(lang, version)


def entries_key(entries: list[Mapping[str, str]]) -> str:
    """A digest of a page's entries: the same entries, the same analysis."""
    text = "".join(f"{entry.get('location', '')}\0{entry.get('title', '')}\0"
                   f"{entry.get('text', '')}\0\1" for entry in entries)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def shorten(text: str, limit: int) -> str:
    """The first words of a text, at most `limit` characters, marked when cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def odd_forms(docs: list[Document]) -> dict[str, str]:
    """The word forms whose term is not a start of them, each as its term where first met."""
    forms: dict[str, str] = {}
    for _word, form, term in dict.fromkeys(
            tuple(odd) for doc in docs for odd in doc.analysis.odd_words):
        forms[form] = term
    return forms


def compact(value: object) -> str:
    """JSON without spaces, letters as they are: the shards are fetched over phone networks."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def shards(encoded: Mapping[str, str], forms: Mapping[str, str]
           ) -> dict[str, str]:
    """Terms (and forms) grouped by their first two letters, a group split by one more letter
    while it is larger than SHARD_BYTES; a term as long as its group's prefix stays in it.
    The browser finds a word's shard as the longest shard prefix that starts the word.

    A shard is `{"t":{term:postings,...},"f":{form:term,...}}`, keys in order, the postings
    given as their JSON: each member's JSON is made once and a group's text joined from it,
    however often the group is split."""
    term_json = {key: f"{compact(key)}:{value}" for key, value in encoded.items()}
    form_json = {key: f"{compact(key)}:{compact(value)}" for key, value in forms.items()}

    def shard_json(keys: list[str]) -> str:
        return ('{"t":{' + ",".join(term_json[key] for key in keys if key in term_json)
                + '},"f":{' + ",".join(form_json[key] for key in keys if key in form_json)
                + "}}")

    def split(prefix: str, keys: list[str]) -> dict[str, str]:
        text = shard_json(keys)
        longer = [key for key in keys if len(key) > len(prefix)]
        if len(text.encode()) <= SHARD_BYTES or not longer:
            return {prefix: text}
        groups: dict[str, list[str]] = defaultdict(list)
        for key in longer:
            groups[key[:len(prefix) + 1]].append(key)
        found = {}
        rest = [key for key in keys if len(key) <= len(prefix)]
        if rest:
            found[prefix] = shard_json(rest)
        for longer_prefix, members in sorted(groups.items()):
            found.update(split(longer_prefix, members))
        return found

    first: dict[str, list[str]] = defaultdict(list)
    for key in {*encoded, *forms}:
        first[key[:2]].append(key)
    result: dict[str, str] = {}
    for prefix, keys in sorted(first.items()):
        result.update(split(prefix, sorted(keys)))
    return result


def shard_name(prefix: str) -> str:
    """A shard's file name: the prefix itself when it is plain ASCII, else "-" and the hex of
    its UTF-8 bytes (the browser computes the same), so no host has to handle "ø" in a path."""
    if prefix.isascii() and prefix.isalnum():
        return prefix
    return "-" + prefix.encode().hex()


#: Per language, the page memo of this process's last index (`remembered_pages`).
_MEMOS: dict[str, PageMemo] = {}


def remembered_pages(lang: str, version: str = "", stored: bytes | None = None) -> PageMemo:
    """The memo the next index of `lang` in this process uses: the last one's (a preview
    rebuilds again and again), or, given `stored`, the one a build kept in its work folder
    (empty when it was made by another `version` of the code)."""
    if stored is not None or lang not in _MEMOS:
        _MEMOS[lang] = PageMemo.loads(lang, version, stored or b"")
    return _MEMOS[lang]


def search_files(material_index: Mapping[str, object], pages: Mapping[str, PageInfo],
                 lang: str) -> dict[str, str]:
    """The files of the `search/` folder, by path below it, from Material's index."""
    config = material_index.get("config", {})
    memo = remembered_pages(lang)
    docs = memo.documents(material_index.get("docs", []), pages)  # type: ignore[arg-type]
    split = shards(memo.postings(docs), odd_forms(docs))
    files = {f"terms/{shard_name(prefix)}.json": text for prefix, text in split.items()}
    for start in range(0, len(docs), CHUNK):
        files[f"teasers/{start // CHUNK}.json"] = compact(
            [doc.info.teaser for doc in docs[start:start + CHUNK]])
    files["pages.json"] = compact([[doc.location, doc.title] for doc in docs])
    files["manifest.json"] = compact(
        {"pages": len(docs), "chunk": CHUNK,
         "shards": {prefix: len(text.encode()) for prefix, text in split.items()}})
    files["search_index.json"] = compact({"config": config, "docs": []})
    return files
