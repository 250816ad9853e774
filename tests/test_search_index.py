"""The sharded search index, from Material's index to the files the browser fetches: terms
without diacritics, stems, scores that put case pages above listings, teasers, shards a
browser finds by the longest prefix."""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from typing import NoReturn

import pytest

from generator.engine import search_index, search_scores
from generator.engine.search_index import PageInfo, page_kind, search_files

CONFIG = {"lang": ["sv"], "separator": "[\\s\\-]+", "pipeline": ["stemmer"]}


def material(*pages: tuple[str, str, str]) -> dict[str, object]:
    """Material's index of pages (location, title, text), each page and one section."""
    docs: list[dict[str, str]] = []
    for location, title, text in pages:
        docs.append({"location": location, "title": title, "text": "<p>Alla idéslussar</p>"})
        docs.append({"location": f"{location}#s", "title": "Avsnitt", "text": f"<p>{text}</p>"})
    return {"config": CONFIG, "docs": docs}


def postings(files: dict[str, str], term: str) -> dict[str, int]:
    """A term's pages and scores, found as the browser finds them."""
    manifest = json.loads(files["manifest.json"])
    shard = max((p for p in manifest["shards"] if term.startswith(p)), key=len)
    flat = json.loads(files[f"terms/{search_index.shard_name(shard)}.json"])["t"].get(term, [])
    pages = json.loads(files["pages.json"])
    found, doc = {}, 0
    for gap, score in zip(flat[::2], flat[1::2], strict=True):
        doc += gap
        found[pages[doc][0]] = score
    return found


def test_terms_are_stems_without_diacritics() -> None:
    terms = search_index.Terms("sv")
    assert terms.term("örebro") == "orebro"
    assert terms.term("idéslussar") == terms.term("idésluss") == "idesluss"
    assert terms.term("innovationer") == "innovation"
    assert search_index.Terms("en").term("employees") == "employe"
    assert search_index.fold("Café Ångström") == "Cafe Angstrom"


def test_page_kinds() -> None:
    assert page_kind("ideslussar/orebro.html") == "case"
    assert [page_kind(p) for p in ("ideslussar/index.html", "lan/index.html",
                                   "lan/orebro-lan.html", "teman/housing.html")] == ["listing"] * 4
    assert page_kind("om-programmet.html") == page_kind("index.html") == "page"


def test_a_case_page_outscores_a_listing_with_the_same_words() -> None:
    text = "Medarbetarna i Örebro kommun lämnar idéer till idéslussen."
    files = search_files(material(("ideslussar/orebro.html", "Idésluss i Örebro", text),
                                  ("lan/orebro-lan.html", "Örebro län", text)),
                         {"ideslussar/orebro.html": PageInfo("case", "Örebro & <idéer>"),
                          "lan/orebro-lan.html": PageInfo("listing", "")}, "sv")
    scores = postings(files, "medarbet")
    assert scores["ideslussar/orebro.html"] > scores["lan/orebro-lan.html"] > 0
    assert set(postings(files, "orebro")) == {"ideslussar/orebro.html", "lan/orebro-lan.html"}
    # The teaser is the case's own (escaped by the browser's worker, not here); a page
    # without one gets its first words, never Material's back link alone.
    teasers = json.loads(files["teasers/0.json"])
    assert teasers[0] == "Örebro & <idéer>"
    assert teasers[1].startswith("Alla idéslussar Avsnitt Medarbetarna")
    # Material's own index stays, with its configuration and no documents.
    assert json.loads(files["search_index.json"]) == {"config": CONFIG, "docs": []}


def test_forms_whose_stem_is_not_their_start_are_kept() -> None:
    files = search_files(material(("a.html", "Happy", "happy studies")), {}, "en")
    shard = json.loads(files["terms/ha.json"])
    assert shard["f"] == {"happy": "happi"}  # "studies" -> "studi" starts it: not needed
    assert "happi" in shard["t"]


def test_large_shards_are_split_and_every_term_is_where_the_browser_looks() -> None:
    words = " ".join(f"ko{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}x{i}" for i in range(3000))
    pages = [(f"ideslussar/c{n}.html", f"Fall {n}", words + " kommun kö") for n in range(3)]
    files = search_files(material(*pages), {}, "sv")
    manifest = json.loads(files["manifest.json"])
    assert len([p for p in manifest["shards"] if p.startswith("ko")]) > 10
    for prefix, size in manifest["shards"].items():
        text = files[f"terms/{search_index.shard_name(prefix)}.json"]
        assert len(text.encode()) == size
        for term in json.loads(text)["t"]:
            assert max((p for p in manifest["shards"] if term.startswith(p)), key=len) == prefix
    assert set(postings(files, "kommun")) == {p[0] for p in pages}
    assert set(postings(files, "ko")) == {p[0] for p in pages}  # "kö" without its dots


def test_shard_names_are_plain_ascii() -> None:
    assert search_index.shard_name("ko") == "ko"
    assert search_index.shard_name("ø1") == "-c3b831"


def test_every_language_of_the_site_has_a_stemmer() -> None:
    """The language table names a Snowball stemmer that exists for every language."""
    import snowballstemmer  # type: ignore[import-untyped]

    from generator.reading.languages import TABLE

    assert {row.stemmer for row in TABLE.values()} <= set(snowballstemmer.algorithms())


def fresh_index(index: dict[str, object], lang: str) -> dict[str, str]:
    """The index made by a process that never made one (no page analysed before)."""
    search_index.remembered_pages(lang, "v", b"")
    return search_files(index, {}, lang)


def test_an_index_built_on_the_last_ones_analysis_is_the_same_as_a_fresh_one() -> None:
    """A build keeps each page's analysed text in its work folder; after an edit only the
    edited page is analysed again, and the index is byte for byte the one a clean build
    makes: the edited page is found by its new word, no longer by the one it lost, and every
    other page's scores follow the new average length."""
    pages = [(f"ideslussar/c{n}.html", f"Fall {n}", f"Kommunen {n} prövar idéer i år")
             for n in range(5)]
    search_index.remembered_pages("sv", "v", b"")
    first = search_files(material(*pages), {}, "sv")
    kept = search_index.remembered_pages("sv").dumps()  # what the build writes
    pages[2] = ("ideslussar/c2.html", "Fall 2", "Kommunen 2 bygger fritidsgårdar stegvis")
    memo = search_index.remembered_pages("sv", "v", kept)  # what the next build reads
    again = search_files(material(*pages), {}, "sv")
    assert memo.changed and len(memo.pages) == 5
    assert again == fresh_index(material(*pages), "sv") != first
    assert set(postings(again, "fritidsgard")) == {"ideslussar/c2.html"}
    assert "ideslussar/c2.html" not in postings(again, "prov")
    # Nothing edited: nothing analysed, and the memo need not be written again.
    memo = search_index.remembered_pages("sv", "v", memo.dumps())
    assert search_files(material(*pages), {}, "sv") == again and not memo.changed


def test_a_memo_of_other_code_another_language_or_damaged_is_not_used() -> None:
    pages = [("ideslussar/a.html", "A", "Idéer från medarbetare")]
    search_index.remembered_pages("sv", "v1", b"")
    expected = search_files(material(*pages), {}, "sv")
    kept = search_index.remembered_pages("sv").dumps()
    # A text it claims for the page that the page does not have, in a memo written as a
    # build writes one (its checksum made again): never believed unless the memo is of this
    # code and language.
    body = kept[4:].replace(b"medarbet", b"sabotage")
    poisoned = zlib.crc32(body).to_bytes(4, "big") + body
    search_index.remembered_pages("sv", "v1", poisoned)  # of this code: it would be believed
    assert set(postings(search_files(material(*pages), {}, "sv"), "sabotage")) == {
        "ideslussar/a.html"}
    for version, lang, text in (("v2", "sv", poisoned), ("v1", "en", poisoned),
                                ("v1", "sv", kept[:len(kept) // 2]), ("v1", "sv", b"[1]"),
                                ("v1", "sv", kept.replace(b"medarbet", b"sabotage"))):
        memo = search_index.remembered_pages(lang, version, text)
        assert memo.pages == {}
        if lang == "sv":
            assert search_files(material(*pages), {}, "sv") == expected


WORDS = ["kommun", "medarbetare", "idé", "prövning", "innovation", "tjänst", "verksamhet",
         "skola", "omsorg", "digital", "bibliotek", "stöd", "hållbar", "förstudie", "utveckling",
         "samverkan", "region", "invånare"]


def case_pages(count: int) -> list[tuple[str, str, str]]:
    """Case pages of varied words, each word on some pages and as often as its place says."""
    return [(f"ideslussar/c{n:02}.html", f"Fall {n} {WORDS[n % len(WORDS)]}",
             " ".join(word for i, word in enumerate(WORDS) for _ in range((n * i) % 4 * 5)))
            for n in range(count)]


def edited(pages: list[tuple[str, str, str]], number: int, title: str | None = None,
           text: str | None = None) -> list[tuple[str, str, str]]:
    location, old_title, old_text = pages[number]
    return [*pages[:number], (location, title or old_title, old_text if text is None else text),
            *pages[number + 1:]]


def index_after(before: list[tuple[str, str, str]], after: list[tuple[str, str, str]],
                shortcut: bool, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The index of `after` made by the build after the one that made `before` (the memo
    kept and read back as from the work folder). With `shortcut`, scoring every term again
    fails the test: only the edited pages' terms may be scored."""
    search_index.remembered_pages("sv", "v", b"")
    search_files(material(*before), {}, "sv")
    search_index.remembered_pages("sv", "v", search_index.remembered_pages("sv").dumps())
    with monkeypatch.context() as patch:
        if shortcut:
            patch.setattr(search_scores, "scored", refuse)
        return search_files(material(*after), {}, "sv")


def refuse(*_args: object) -> NoReturn:
    raise AssertionError("every term scored again")


@pytest.mark.parametrize(("name", "change", "shortcut"), [
    ("a sentence added", lambda p: edited(p, 7, text=p[7][2] + " Kommunen prövar fritidsgårdar"),
     True),
    ("words removed", lambda p: edited(p, 3, text=p[3][2].replace("skola", "")), True),
    ("a new title", lambda p: edited(p, 5, title="Innovation i omsorgen"), True),
    ("a word moved between pages",
     lambda p: edited(edited(p, 5, text=p[5][2] + " simundervisning"), 9,
                      text=p[9][2].replace("simundervisning", "")), True),
    ("nothing", lambda p: p, True),
    ("a page added", lambda p: [*p, ("ideslussar/d.html", "Ny", "kommun idé")], False),
    ("a page removed", lambda p: p[:-1], False),
    ("the average over a step", lambda p: edited(p, 2, text=p[2][2] + " kommun" * 400), False),
])
def test_an_index_scored_only_where_an_edit_moved_it_is_a_fresh_ones(
        name: str, change: Callable[[list[tuple[str, str, str]]], list[tuple[str, str, str]]],
        shortcut: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """After an edit the build scores only the terms of the edited pages, when the pages and
    the rounded average length are the last index's, else every term; either way the index
    is byte for byte the one a clean build makes."""
    before = edited(case_pages(36), 9, text=case_pages(36)[9][2] + " simundervisning")
    after = change(before)
    incremental = index_after(before, after, shortcut, monkeypatch)
    assert incremental == fresh_index(material(*after), "sv"), name
    if name != "nothing":
        assert incremental != fresh_index(material(*before), "sv")


def test_scores_are_at_most_scale_and_a_words_page_outranks_its_mentions() -> None:
    """Scores are divided by a bound no score reaches, not by the top score: the page most
    about a word still scores highest for it, and no score exceeds SCALE."""
    files = fresh_index(material(*case_pages(36)), "sv")
    for name, text in files.items():
        if name.startswith("terms/"):
            for flat in json.loads(text)["t"].values():
                assert all(1 <= score <= search_scores.SCALE for score in flat[1::2])
    scores = postings(files, search_index.Terms("sv").term("omsorg"))
    assert max(scores, key=scores.__getitem__) == "ideslussar/c08.html"  # "omsorg" in its title
