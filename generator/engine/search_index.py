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

Scores are BM25 over title and text, computed here: the browser only adds them up. Listing
pages (overview, counties, themes) weigh less than case pages, which carry the same words in
their own text: a reader who searches a word of a case's text gets the case first.
"""

from __future__ import annotations

import html
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import snowballstemmer  # type: ignore[import-untyped]

from ..reading.languages import language
from ..site.urls import COUNTIES, OVERVIEW, THEMES, html_path

#: Pages per teaser file: the first ten results need at most ten small files.
CHUNK = 10
#: A shard larger than this (bytes of JSON) is split by one more letter of its terms.
SHARD_BYTES = 8_000
#: How much a listing page's score counts against a case page's.
KIND_WEIGHTS = {"case": 1.0, "page": 1.0, "listing": 0.3}
#: A word in the title counts as this many in the text.
TITLE_WEIGHT = 5
#: Scores are stored as integers up to this.
SCALE = 1000
#: The teaser of a page without a description: its first characters.
TEASER_CHARACTERS = 180
BM25_K1, BM25_B = 1.2, 0.75

WORD = re.compile(r"[^\W_]+")
TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class PageInfo:
    """What the index needs to know of a page besides its text: its kind and its teaser."""

    kind: str  # "case", "listing" or "page"
    teaser: str  # plain text


@dataclass(frozen=True)
class Document:
    """One page of the index: its sections' text joined."""

    location: str
    title: str
    text: str
    info: PageInfo


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


def documents(material_docs: Iterable[Mapping[str, str]],
              pages: Mapping[str, PageInfo]) -> list[Document]:
    """Material's entries (one per page and one per section) joined into one per page."""
    titles: dict[str, str] = {}
    texts: dict[str, list[str]] = defaultdict(list)
    for entry in material_docs:
        location = entry["location"]
        page, _, anchor = location.partition("#")
        if anchor:
            texts[page].append(entry.get("title", ""))
        else:
            titles[page] = plain_text(entry.get("title", ""))
        texts[page].append(plain_text(entry.get("text", "")))
    found = []
    for location in sorted(titles):
        text = " ".join(texts[location])
        info = pages.get(location) or PageInfo("page", "")
        if not info.teaser:
            info = PageInfo(info.kind, shorten(text, TEASER_CHARACTERS))
        found.append(Document(location, titles[location], text, info))
    return found


def shorten(text: str, limit: int) -> str:
    """The first words of a text, at most `limit` characters, marked when cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def scores(docs: list[Document], terms: Terms) -> tuple[dict[str, dict[int, int]],
                                                          dict[str, str]]:
    """BM25 of every term in every page, scaled to integers, and the word forms whose term is
    not a start of them.

    A thousand case pages hold half a million (term, page) pairs, so the loops are lean: each
    distinct word of a page is looked up once (a page repeats most of its words), each word
    of the site is folded once, and a term's idf is computed once."""
    counts: list[dict[str, int]] = []
    lengths: list[int] = []
    seen: dict[str, None] = {}  # every word of the site, in the order first met
    for doc in docs:
        count: dict[str, int] = {}
        body = terms.words(doc.text)
        title = terms.words(doc.title)
        for words, factor in ((Counter(body), 1), (Counter(title), TITLE_WEIGHT)):
            for word, times in words.items():
                term = terms.term(word)
                count[term] = count.get(term, 0) + factor * times
                seen[word] = None
        counts.append(count)
        lengths.append(len(body) + TITLE_WEIGHT * len(title))
    forms: dict[str, str] = {}
    for word in seen:
        term, form = terms.term(word), terms.form(word)
        if not form.startswith(term):
            forms[form] = term
    average = sum(lengths) / max(len(lengths), 1)
    frequency: Counter[str] = Counter()
    for count in counts:
        frequency.update(count.keys())
    total = len(docs)
    idf = {term: math.log(1 + (total - found + 0.5) / (found + 0.5))
           for term, found in frequency.items()}
    raw: dict[str, dict[int, float]] = defaultdict(dict)
    top = 0.0
    for number, (doc, count) in enumerate(zip(docs, counts, strict=True)):
        norm = BM25_K1 * (1 - BM25_B + BM25_B * lengths[number] / max(average, 1))
        weight = KIND_WEIGHTS[doc.info.kind]
        for term, tf in count.items():
            value = raw[term][number] = weight * idf[term] * tf * (BM25_K1 + 1) / (tf + norm)
            if value > top:
                top = value
    top = top or 1.0
    scaled = {term: {number: max(1, round(SCALE * value / top))
                     for number, value in postings.items()}
              for term, postings in raw.items()}
    return scaled, forms


def encode(postings: Mapping[int, int]) -> list[int]:
    """Document numbers as gaps, each followed by its score: [3, 120, 9, 48] is page 3 with
    120 and page 12 with 48."""
    flat: list[int] = []
    last = 0
    for number in sorted(postings):
        flat += [number - last, postings[number]]
        last = number
    return flat


def compact(value: object) -> str:
    """JSON without spaces, letters as they are: the shards are fetched over phone networks."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def shard_json(terms: Mapping[str, list[int]], forms: Mapping[str, str]) -> str:
    return compact({"t": dict(sorted(terms.items())), "f": dict(sorted(forms.items()))})


def shards(encoded: Mapping[str, list[int]], forms: Mapping[str, str]
           ) -> dict[str, str]:
    """Terms (and forms) grouped by their first two letters, a group split by one more letter
    while it is larger than SHARD_BYTES; a term as long as its group's prefix stays in it.
    The browser finds a word's shard as the longest shard prefix that starts the word."""
    def split(prefix: str, keys: list[str]) -> dict[str, str]:
        mine = {key: encoded[key] for key in keys if key in encoded}
        own_forms = {key: forms[key] for key in keys if key in forms}
        text = shard_json(mine, own_forms)
        longer = [key for key in keys if len(key) > len(prefix)]
        if len(text.encode()) <= SHARD_BYTES or not longer:
            return {prefix: text}
        groups: dict[str, list[str]] = defaultdict(list)
        for key in longer:
            groups[key[:len(prefix) + 1]].append(key)
        found = {}
        rest = [key for key in keys if len(key) <= len(prefix)]
        if rest:
            found[prefix] = shard_json({k: encoded[k] for k in rest if k in encoded},
                                       {k: forms[k] for k in rest if k in forms})
        for sub, members in sorted(groups.items()):
            found.update(split(sub, members))
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


def search_files(material_index: Mapping[str, object], pages: Mapping[str, PageInfo],
                 lang: str) -> dict[str, str]:
    """The files of the `search/` folder, by path below it, from Material's index."""
    config = material_index.get("config", {})
    docs = documents(material_index.get("docs", []), pages)  # type: ignore[arg-type]
    scored, forms = scores(docs, Terms(lang))
    split = shards({term: encode(postings) for term, postings in scored.items()}, forms)
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
