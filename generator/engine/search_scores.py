"""BM25 scores of the search index's terms, scored again after an edit only where it moved them.

A score is BM25 of a term in a page's title and text (`search_index.Analysis`), weighed by the
page's kind and stored as an integer of at most SCALE. It is made to depend on as little as
BM25 allows, so that an edit of one page leaves every other term's postings as they were:

- it is divided by a bound that depends only on the number of pages (the heaviest kind's
  weight times the idf of a term on one page times k1 + 1, which no score reaches), not by
  the site's top score, which any edit could move;
- the average page length is rounded to a grid of AVERAGE_STEP (about 2 %): one edit moves
  the true average by a few words in a thousand pages, so it rarely crosses a step.

So a term's postings depend only on the number of pages, the rounded average, how many pages
hold the term, and those pages' counts, lengths and kinds. When the pages (their addresses in
order, hence their kinds and numbers) and the rounded average are the last index's
(`LastIndex`), only the terms of the pages whose text changed are scored again: a term held
by as many pages as before keeps every other page's score, one held by more or fewer pages
(its idf moved) is scored again on every page. Anything else scores every term, and a test
checks that both ways make the same postings.
"""

from __future__ import annotations

import json
import math
import sys
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate, repeat
from operator import add, mul, sub, truediv

#: How much a listing page's score counts against a case page's.
KIND_WEIGHTS = {"case": 1.0, "page": 1.0, "listing": 0.3}
#: Scores are stored as integers up to this.
SCALE = 1000
#: The average page length is rounded to a power of this (steps of 2 %).
AVERAGE_STEP = 1.02
BM25_K1, BM25_B = 1.2, 0.75


#: How `Counts` packs its numbers: C's unsigned integers, of this size and byte order.
PACKED = f"I{array('I').itemsize}{sys.byteorder}"


class Counts(Mapping[str, int]):
    """A page's term counts as the work folder keeps them: its terms, and their counts packed
    in bytes, which `marshal` reads in a third of the time of a dict of them. The dict is made
    only when a term is looked up in it: after an edit, in the pages that changed and in
    those holding a term whose idf moved, not in every page."""

    __slots__ = ("_lookup", "packed", "terms")

    def __init__(self, terms: tuple[str, ...], packed: bytes) -> None:
        if not isinstance(terms, tuple) or not isinstance(packed, bytes) or (
                len(packed) != array("I").itemsize * len(terms)):
            raise ValueError("not a page's term counts")
        self.terms = terms
        self.packed = packed
        self._lookup: dict[str, int] | None = None

    def __getitem__(self, term: str) -> int:
        if self._lookup is None:
            self._lookup = dict(zip(self.terms, frequencies(self), strict=True))
        return self._lookup[term]

    def __iter__(self) -> Iterator[str]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)


def frequencies(counts: Mapping[str, int]) -> list[int]:
    """The counts of a page's terms, in the order of its terms."""
    if isinstance(counts, Counts):
        return array("I", counts.packed).tolist()
    return list(counts.values())


def packed(counts: Mapping[str, int]) -> tuple[tuple[str, ...], bytes]:
    """A page's counts as `Counts` keeps them."""
    if isinstance(counts, Counts):
        return counts.terms, counts.packed
    return tuple(counts), array("I", counts.values()).tobytes()


@dataclass(frozen=True)
class Page:
    """What a page's scores depend on: its address, kind, the digest of its text (the same
    digest, the same counts), its length in words and each term's count."""

    location: str
    kind: str
    key: str
    length: int
    counts: Mapping[str, int]


@dataclass(frozen=True)
class LastIndex:
    """The postings of an index, kept for the next one: each term's page numbers (as gaps from
    the one before) and scores, as the JSON text the shards hold, and what they were scored
    from: the pages' addresses, kinds and text digests, in order, and the rounded average."""

    locations: list[str]
    kinds: list[str]
    keys: list[str]
    average: float
    postings: dict[str, str]

    def same_pages(self, other: LastIndex) -> bool:
        """Whether `other` was scored from the same pages (its postings are then the same)."""
        return (self.locations, self.kinds, self.keys, self.average) == (
            other.locations, other.kinds, other.keys, other.average)


def rounded_average(lengths: Sequence[int]) -> float:
    """The pages' average length, rounded to a power of AVERAGE_STEP."""
    average = max(sum(lengths) / max(len(lengths), 1), 1)
    return float(AVERAGE_STEP ** round(math.log(average, AVERAGE_STEP)))


def idf(found: int, total: int) -> float:
    """BM25's inverse document frequency of a term held by `found` of `total` pages."""
    return math.log(1 + (total - found + 0.5) / (found + 0.5))


def bound(total: int) -> float:
    """More than any score of an index of `total` pages: the heaviest kind's weight times
    the idf of a term on one page times k1 + 1 (BM25's term frequency part stays below it)."""
    return max(KIND_WEIGHTS.values()) * idf(1, total) * (BM25_K1 + 1)


def norm(length: int, average: float) -> float:
    """BM25's length normalisation of a page."""
    return BM25_K1 * (1 - BM25_B + BM25_B * length / average)


def scaled(weights: Iterable[float], idfs: Iterable[float], counts: Sequence[int],
           norms: Iterable[float], top: float) -> list[int]:
    """weight * idf * tf * (k1 + 1) / (tf + norm) as integers from 1 to SCALE, `top` being
    SCALE. The same operations in the same order for one page's terms and for one term's
    pages, so the two ways of scoring make the same floats; in `map`, as half a million pairs
    are scored when every term is (the loops are C's)."""
    values = map(truediv, map(mul, map(mul, map(mul, weights, idfs), counts),
                              repeat(BM25_K1 + 1)), map(add, counts, norms))
    return list(map(max, repeat(1), map(round, map(truediv, map(mul, repeat(SCALE), values),
                                                   repeat(top)))))


def encode(numbers: Sequence[int], scores: Sequence[int]) -> str:
    """A term's postings as the shards hold them: page numbers as gaps from the one before,
    each followed by its score."""
    flat = [0] * (2 * len(numbers))
    flat[0::2] = [numbers[0], *map(sub, numbers[1:], numbers)] if numbers else []
    flat[1::2] = scores
    return json.dumps(flat, separators=(",", ":"))


def postings(pages: Sequence[Page], last: LastIndex | None,
             last_pages: Mapping[str, tuple[int, Mapping[str, int]]]) -> LastIndex:
    """Every term's postings, from the last index's where these pages leave them as they
    were. `last_pages` are the lengths and term counts of the last index's pages by their
    text digest; a last index that does not fit them costs a full scoring, never a wrong
    score."""
    average = rounded_average([page.length for page in pages])
    found = None
    if last is not None:
        try:
            found = rescored(pages, average, last, last_pages)
        except (KeyError, ValueError, TypeError, IndexError, AttributeError):
            found = None
    return LastIndex([page.location for page in pages], [page.kind for page in pages],
                     [page.key for page in pages], average,
                     scored(pages, average) if found is None else found)


def scored(pages: Sequence[Page], average: float) -> dict[str, str]:
    """Every term of every page scored: per page, its terms' scores in one `scaled`."""
    frequency: Counter[str] = Counter()
    for page in pages:
        frequency.update(page.counts.keys())
    total = len(pages)
    idfs = {term: idf(found, total) for term, found in frequency.items()}
    top = bound(total)
    numbers: dict[str, list[int]] = {term: [] for term in frequency}
    scores: dict[str, list[int]] = {term: [] for term in frequency}
    for number, page in enumerate(pages):
        counts = page.counts
        found = scaled(repeat(KIND_WEIGHTS[page.kind]), map(idfs.__getitem__, counts),
                       frequencies(counts), repeat(norm(page.length, average)), top)
        for term, score in zip(counts, found, strict=True):
            numbers[term].append(number)
            scores[term].append(score)
    return {term: encode(numbers[term], scores[term]) for term in frequency}


def rescored(pages: Sequence[Page], average: float, last: LastIndex,
             last_pages: Mapping[str, tuple[int, Mapping[str, int]]]) -> dict[str, str] | None:
    """The last index's postings with the terms of the changed pages scored again, or None
    when the pages or the rounded average are not the last index's."""
    if (average != last.average or [page.location for page in pages] != last.locations
            or [page.kind for page in pages] != last.kinds or len(last.keys) != len(pages)):
        return None
    changed = [number for number, page in enumerate(pages) if page.key != last.keys[number]]
    result = dict(last.postings)
    if not changed:
        return result
    before = [Page(pages[n].location, pages[n].kind, last.keys[n], *last_pages[last.keys[n]])
              for n in changed]
    terms = sorted({term for number, page in zip(changed, before, strict=True)
                    for term in (*page.counts, *pages[number].counts)})
    total, top = len(pages), bound(len(pages))
    for term in terms:
        holding = [number for number in changed if term in pages[number].counts]
        if [term in page.counts for page in before] == [term in pages[n].counts for n in changed]:
            # held by the same pages, as many as before: only their scores can move, and
            # those are as the last ones unless their counts or lengths moved them
            text = result[term]
            term_idf = idf((text.count(",") + 1) // 2, total)
            new = page_scores(pages, holding, term, term_idf, average, top)
            if new == page_scores(before, [n for n, page in enumerate(before)
                                           if term in page.counts], term, term_idf, average, top):
                continue
            flat = json.loads(text)
            numbers, scores = list(accumulate(flat[0::2])), flat[1::2]
            for number, score in zip(holding, new, strict=True):
                scores[bisect_left(numbers, number)] = score
            result[term] = encode(numbers, scores)
            continue
        # held by more or fewer pages: its idf moved, and every page's score with it
        flat = json.loads(result[term]) if term in result else []
        numbers = sorted({*accumulate(flat[0::2])} - {*changed} | {*holding})
        if numbers:
            result[term] = encode(numbers, page_scores(pages, numbers, term,
                                                       idf(len(numbers), total), average, top))
        else:
            result.pop(term, None)
    return result


def page_scores(pages: Sequence[Page], numbers: Sequence[int], term: str, term_idf: float,
                average: float, top: float) -> list[int]:
    """One term's scores in the pages of these numbers (`scaled`, as `scored` makes them)."""
    return scaled([KIND_WEIGHTS[pages[n].kind] for n in numbers], repeat(term_idf),
                  [pages[n].counts[term] for n in numbers],
                  [norm(pages[n].length, average) for n in numbers], top)
