"""Builds that reuse the previous build's work folder (`.build/`): the case files it validated
and, when nothing but case files changed, its HTML. What a reader gets must be exactly what a
clean build makes; what an editor gets for a mistake must be as current as ever."""

from __future__ import annotations

import filecmp
import json
import os
import shutil
from importlib import metadata
from pathlib import Path

import pytest

from benchmarks.bench import make_repository
from benchmarks.synthetic import write_corpus
from generator import incremental
from generator.build import BuildReport, build_site, read_corpus_cached
from generator.engine import mkdocs_build, search_index
from generator.reading import case_cache
from generator.reading.case_cache import CACHE_FILE, CaseCache
from generator.reading.corpus import case_files, read_corpus
from generator.reading.problems import InvalidContentError
from generator.site import i18n, jinja_env

from .conftest import REPO

SITE_URL = "http://127.0.0.1:8765/"


def make_repo(root: Path, cases: int = 12) -> Path:
    """Synthetic cases, the real pages and configuration (its theme folder made absolute)."""
    make_repository(root, cases, REPO, words=120)
    return root


def build(root: Path, config_file: Path | None = None, site_url: str = SITE_URL
          ) -> BuildReport:
    """What `ideslussar build` does in `root`: the cached read, then the build."""
    return build_site(read_corpus_cached(root), root, root / "site", site_url=site_url,
                      config_file=config_file or REPO / "mkdocs.yml")


def every_file(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*")
                  if path.is_file())


def assert_same_site(built: Path, clean: Path) -> None:
    files = every_file(built)
    assert files == every_file(clean)
    _, different, errors = filecmp.cmpfiles(built, clean, files, shallow=False)
    assert different == [] and errors == []


def edit_section(case: Path, sentence: str) -> None:
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("what:\n  sv: |\n", f"what:\n  sv: |\n    {sentence}\n", 1),
                    encoding="utf-8")


def clean_build_of(root: Path, tmp_path: Path) -> Path:
    """The same sources built from nothing, in another folder (file times kept, so the feeds'
    dates, which come from them outside git, are the same)."""
    fresh = tmp_path / "fresh"
    shutil.copytree(root / "content", fresh / "content")
    shutil.copytree(root / "municipalities", fresh / "municipalities")
    report = build(fresh)
    assert not report.incremental
    return fresh / "site"


def test_an_edited_case_rebuilds_its_pages_and_the_site_is_that_of_a_clean_build(
        tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    first = build(root)
    assert not first.incremental
    case = case_files(root / "municipalities")[5]
    edit_section(case, "En mening som byggs stegvis.")

    second = build(root)
    assert second.incremental
    assert all(0 < second.rendered[lang] < second.pages[lang] for lang in second.pages)
    # The generator made again the case's page and the start page (its latest changes) only.
    assert second.generated == {"sv": 2, "en": 2}
    page = root / "site" / "ideslussar" / f"{case.stem}.html"
    assert "En mening som byggs stegvis." in page.read_text(encoding="utf-8")
    term = search_index.Terms("sv").term("stegvis")  # the search index has the new word
    assert any(f'"{term}":' in shard.read_text(encoding="utf-8")
               for shard in (root / "site" / "search" / "terms").glob("*.json"))
    assert_same_site(root / "site", clean_build_of(root, tmp_path))


def test_search_entries_that_cannot_be_read_rebuild_that_language_whole(
        tmp_path: Path) -> None:
    """The index holds the pages not rendered again by the entries the last build kept: a
    language whose kept entries are damaged or gone is rendered whole, not indexed without
    them; the other language stays incremental, and the site is a clean build's."""
    root = make_repo(tmp_path / "repo")
    build(root)
    (root / ".build" / "sv" / incremental.SEARCH_ENTRIES).write_bytes(b"\x00damaged")
    (root / ".build" / "en" / incremental.SEARCH_ENTRIES).unlink()
    edit_section(case_files(root / "municipalities")[5], "En mening som byggs stegvis.")
    second = build(root)
    assert second.rendered == second.pages
    (root / ".build" / "sv" / incremental.SEARCH_ENTRIES).write_bytes(b"")
    edit_section(case_files(root / "municipalities")[4], "Ännu en mening.")
    third = build(root)
    assert third.rendered["sv"] == third.pages["sv"] > third.rendered["en"]
    pages = json.loads((root / "site" / "search" / "pages.json").read_text(encoding="utf-8"))
    assert len(pages) > 12  # every case and page, not only those rendered again
    assert_same_site(root / "site", clean_build_of(root, tmp_path))


def test_a_renamed_case_changes_every_list_and_related_page_as_a_clean_build_does(
        tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    build(root)
    case = case_files(root / "municipalities")[3]
    text = case.read_text(encoding="utf-8")
    name = text.split("name:\n  sv: ", 1)[1].split("\n", 1)[0]
    case.write_text(text.replace(f"name:\n  sv: {name}", "name:\n  sv: Ett nytt namn", 1),
                    encoding="utf-8")

    report = build(root)
    assert report.incremental
    assert "Ett nytt namn" in (root / "site" / "ideslussar" / "index.html").read_text(
        encoding="utf-8")
    assert_same_site(root / "site", clean_build_of(root, tmp_path))


def test_the_published_site_is_not_changed_by_the_next_build_until_it_is_swapped(
        tmp_path: Path) -> None:
    """The site shares its files with the work folder (hard links); an incremental build
    replaces the files it changes, so the old site keeps its old pages."""
    root = make_repo(tmp_path / "repo")
    build(root)
    case = case_files(root / "municipalities")[2]
    old_site = tmp_path / "old-site"
    os.rename(root / "site", old_site)
    page = f"ideslussar/{case.stem}.html"
    before = (old_site / page).read_text(encoding="utf-8")
    edit_section(case, "Bara i den nya webbplatsen.")

    assert build(root).incremental
    assert (old_site / page).read_text(encoding="utf-8") == before
    assert "Bara i den nya webbplatsen." in (root / "site" / page).read_text(encoding="utf-8")


def test_only_an_edited_cases_open_data_is_made_again_and_the_data_are_a_clean_builds(
        tmp_path: Path) -> None:
    """A case's open data files are kept in the work folder and linked into the site: after
    an edit, the edited case's files are new, the others' are the last build's, the old site
    keeps its files, and the datasets, joined from the kept rows, are a clean build's. A
    removed case takes its files with it; a kept file that went missing is made again."""
    root = make_repo(tmp_path / "repo")
    build(root)
    cases = case_files(root / "municipalities")
    edited, other = cases[4], cases[6]
    texts = [path.read_text(encoding="utf-8") for path in (root / "content").rglob("*.md")]
    removed = next(case for case in cases[7:] if not any(  # one no page or case names
        case.stem in text for text in texts + [file.read_text(encoding="utf-8")
                                               for file in cases if file != case]))
    data = root / "site" / "data" / "ideslussar"
    other_before = (data / f"{other.stem}.sv.json").stat().st_ino
    old_site = tmp_path / "old-site"
    os.rename(root / "site", old_site)
    old_json = (old_site / "data" / "ideslussar" / f"{edited.stem}.sv.json").read_text(
        encoding="utf-8")
    edit_section(edited, "Öppna data byggs stegvis.")
    removed.unlink()
    (root / ".build" / "open-data" / "data" / "ideslussar" / f"{other.stem}.en.bib").unlink()

    build(root)  # the pages are built again whole (a page went), the open data are kept
    assert "Öppna data byggs stegvis." in (data / f"{edited.stem}.sv.json").read_text(
        encoding="utf-8")
    assert "Öppna data byggs stegvis." in (data / f"{edited.stem}.sv.csv").read_text(
        encoding="utf-8")
    for dataset in ("ideslussar.sv.json", "ideslussar.sv.csv", "ideslussar.sv.excel.csv"):
        assert "Öppna data byggs stegvis." in (data.parent / dataset).read_text(
            encoding="utf-8-sig")
    assert (data / f"{other.stem}.sv.json").stat().st_ino == other_before  # not made again
    assert (data / f"{other.stem}.en.bib").is_file()
    assert not list(data.glob(f"{removed.stem}.*"))
    assert (old_site / "data" / "ideslussar" / f"{edited.stem}.sv.json").read_text(
        encoding="utf-8") == old_json
    assert_same_site(root / "site", clean_build_of(root, tmp_path))


@pytest.mark.parametrize("change", ["configuration", "site address", "added case",
                                    "hand-written page", "failed build"])
def test_anything_but_an_edited_case_gives_a_clean_build(tmp_path: Path, change: str) -> None:
    root = make_repo(tmp_path / "repo")
    config_file = root / "mkdocs.yml"
    build(root, config_file)
    site_url = SITE_URL
    if change == "configuration":
        config_file.write_text(config_file.read_text(encoding="utf-8").replace(
            "site_name: Idéslussar", "site_name: Idéslussar i kommuner"), encoding="utf-8")
    elif change == "site address":
        site_url = "https://example.org/ideslussar/"
    elif change == "added case":
        write_corpus(tmp_path / "more", 13, REPO / "municipalities", REPO, words=120)
        newest = next(path for path in case_files(tmp_path / "more")
                      if not (root / "municipalities" / path.name).exists())
        shutil.copy(newest, root / "municipalities" / newest.name)
    elif change == "hand-written page":
        page = root / "content" / "sv" / "om-programmet.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nEtt nytt stycke.\n",
                        encoding="utf-8")
    else:  # the last build stopped half-way: the work folder is no previous build
        (root / ".build" / "state.json").unlink()
    report = build(root, config_file, site_url)
    # A hand-written page is per language: the other language may still build on the last.
    languages = ["sv"] if change == "hand-written page" else ["sv", "en"]
    assert [report.rendered[lang] for lang in languages] == [report.pages[lang]
                                                            for lang in languages]


def fresh_catalogs() -> None:
    """Forget the catalogs this process read, and what was made with them."""
    i18n.translations.cache_clear()
    jinja_env.environment.cache_clear()


def test_a_changed_catalog_gives_a_clean_build_with_the_new_text_on_every_page(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A msgstr is in every page (headings, navigation) and in the compiled templates, so
    neither the last build's pages nor its compiled templates may be reused."""
    catalogs = tmp_path / "translations"
    shutil.copytree(i18n.TRANSLATIONS_DIR, catalogs)
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", catalogs)
    fresh_catalogs()
    root = make_repo(tmp_path / "repo")
    build(root)
    po = catalogs / "sv" / "LC_MESSAGES" / "site.po"
    text = po.read_text(encoding="utf-8")
    changes = {'msgid "What it is"\nmsgstr "Vad det är"': "Vad idéslussen är",  # a heading
               'msgid "Run by"\nmsgstr "Drivs av"': "Ansvarig"}  # a template's literal
    for entry, msgstr in changes.items():
        assert entry in text
        text = text.replace(entry, entry.rsplit('"', 2)[0] + f'"{msgstr}"')
    po.write_text(text, encoding="utf-8")
    fresh_catalogs()

    report = build(root)
    assert report.rendered == report.pages
    for case in case_files(root / "municipalities"):
        page = (root / "site" / "ideslussar" / f"{case.stem}.html").read_text(encoding="utf-8")
        assert "Vad idéslussen är" in page and "Vad det är" not in page
        assert "<dt>Ansvarig</dt>" in page and "Drivs av" not in page
    assert_same_site(root / "site", clean_build_of(root, tmp_path))
    fresh_catalogs()  # the next test reads the real catalogs


def test_another_version_of_the_package_gives_a_clean_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An upgrade (a new version, other code) reuses neither the validated cases nor the
    pages: both may be made differently now."""
    root = make_repo(tmp_path / "repo")
    build(root)
    version = metadata.version

    def upgraded(name: str) -> str:
        return "99.0" if name == "ideslussar" else version(name)

    monkeypatch.setattr(case_cache.metadata, "version", upgraded)
    case_cache.code_version.cache_clear()
    try:
        assert CaseCache.load(root / ".build").entries == {}
        report = build(root)
    finally:
        case_cache.code_version.cache_clear()
    assert report.rendered == report.pages
    assert_same_site(root / "site", clean_build_of(root, tmp_path))


def test_unchanged_case_files_are_validated_once_across_builds(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    read_corpus_cached(root)
    stored = CaseCache.load(root / ".build")
    files = case_files(root / "municipalities")
    assert len(stored.entries) == len(files)
    read_corpus(root, stored=stored)
    assert stored.hits == len(files)

    # An edited file is read again; a mistake in it is reported with its line, as always.
    text = files[0].read_text(encoding="utf-8")
    files[0].write_text(text.replace("status: ", "status: sometimes-", 1), encoding="utf-8")
    with pytest.raises(InvalidContentError) as invalid:
        read_corpus_cached(root)
    assert [problem.file for problem in invalid.value.problems] == [
        f"municipalities/{files[0].name}"]
    assert invalid.value.problems[0].field == "status"
    stored = CaseCache.load(root / ".build")
    with pytest.raises(InvalidContentError):  # still invalid: never taken from the cache
        read_corpus(root, stored=stored)
    assert stored.hits == len(files) - 1


def test_a_case_cache_from_other_code_or_unreadable_is_ignored(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", cases=3)
    count = len(read_corpus_cached(root).cases)
    (root / ".build" / CACHE_FILE).write_bytes(b"not a cache")
    assert CaseCache.load(root / ".build").entries == {}
    assert len(read_corpus_cached(root).cases) == count
    stored = CaseCache.load(root / ".build")
    stored.version = "older code"
    (root / ".build" / CACHE_FILE).write_bytes(stored.dumps())
    assert CaseCache.load(root / ".build").entries == {}


def test_an_edit_stores_the_edited_case_beside_the_cache_not_the_whole_cache_again(
        tmp_path: Path) -> None:
    """After an edit the cache's big file stays as it was and the edited case goes into the
    changes beside it; the next read takes every case from the two. A changes file left
    from before the big one was written can only make a case be read again, never give an
    old one."""
    root = make_repo(tmp_path / "repo")
    work = root / ".build"
    build(root)
    whole = (work / CACHE_FILE).read_bytes()
    assert not (work / case_cache.CHANGES_FILE).exists()
    files = case_files(root / "municipalities")
    edit_section(files[2], "En mening i cachens ändringar.")
    build(root)
    assert (work / CACHE_FILE).read_bytes() == whole
    old_changes = (work / case_cache.CHANGES_FILE).read_bytes()
    stored = CaseCache.load(work)
    corpus = read_corpus(root, stored=stored)
    assert stored.hits == len(files)
    edited = next(case for case in corpus.cases if case.path.endswith(files[2].name))
    assert "En mening i cachens ändringar." in str(edited.what and edited.what["sv"])

    texts = [path.read_text(encoding="utf-8") for path in (root / "content").rglob("*.md")]
    removed = next(case for case in files[7:] if not any(  # one no page or case names
        case.stem in text for text in texts + [file.read_text(encoding="utf-8")
                                               for file in files if file != case]))
    removed.unlink()  # a case gone: the cache is written whole, without it
    build(root)
    assert not (work / case_cache.CHANGES_FILE).exists()
    assert len(CaseCache.load(work).entries) == len(files) - 1
    edit_section(files[2], "En senare mening.")
    build(root)
    (work / case_cache.CHANGES_FILE).write_bytes(old_changes)  # left from before
    corpus = read_corpus_cached(root)
    edited = next(case for case in corpus.cases if case.path.endswith(files[2].name))
    assert "En senare mening." in str(edited.what and edited.what["sv"])


def test_a_case_given_other_themes_changes_the_related_cases_as_a_clean_build_does(
        tmp_path: Path) -> None:
    """Related cases are kept from the last build while no case's place, themes or name
    order changed; a theme changed gives other related cases, on its page and others'."""
    root = make_repo(tmp_path / "repo")
    build(root)
    case = case_files(root / "municipalities")[4]
    before = {path.name: path.read_text(encoding="utf-8")
              for path in (root / "site" / "ideslussar").glob("*.html")}
    text = case.read_text(encoding="utf-8")
    themes = text.split("themes: ", 1)[1].split("\n", 1)[0]
    case.write_text(text.replace(f"themes: {themes}", "themes: [idea-coaching]", 1),
                    encoding="utf-8")
    report = build(root)
    assert report.incremental
    after = {path.name: path.read_text(encoding="utf-8")
             for path in (root / "site" / "ideslussar").glob("*.html")}
    assert len([name for name in before if before[name] != after[name]]) > 2
    assert_same_site(root / "site", clean_build_of(root, tmp_path))


def test_a_file_added_to_the_theme_folder_is_published_by_the_next_incremental_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The theme's static files are listed once and kept (`engine/theme_files.py`); a file
    the custom theme folder gains (a font: no template, so no clean build) is found all the
    same, in both languages."""
    theme = tmp_path / "theme"
    shutil.copytree(mkdocs_build.THEME_DIR, theme)
    monkeypatch.setattr(mkdocs_build, "THEME_DIR", theme)
    root = make_repo(tmp_path / "repo")
    build(root)
    assert (root / ".build" / "sv" / incremental.THEME_FILES).is_file()
    (theme / "assets" / "extra.woff2").write_bytes(b"a font")
    edit_section(case_files(root / "municipalities")[5], "En mening med ett nytt typsnitt.")
    report = build(root)
    assert report.incremental
    for folder in (root / "site", root / "site" / "en"):
        assert (folder / "assets" / "extra.woff2").read_bytes() == b"a font"


def test_the_cached_read_refuses_linked_and_hidden_case_files_as_the_checks_do(
        tmp_path: Path) -> None:
    """The build's cached read checks a folder of case files once and each file with one
    `lstat` (`case_cache.plain_files`): a link, a hidden file or a linked case folder is
    still refused, with the message a check of each file gives, and never read."""
    root = make_repo(tmp_path / "repo", cases=3)
    read_corpus_cached(root)  # the cache holds every case
    cases = root / "municipalities"
    (cases / "passwd.yml").symlink_to("/etc/passwd")
    shutil.copy(case_files(cases)[0], cases / ".gammal.yml")
    with pytest.raises(InvalidContentError) as invalid:
        read_corpus_cached(root)
    assert sorted((problem.file, problem.message) for problem in invalid.value.problems) == [
        ("municipalities/.gammal.yml", "this file is in a hidden folder"),
        ("municipalities/passwd.yml", "this file is a symbolic link")]

    (cases / "passwd.yml").unlink()
    (cases / ".gammal.yml").unlink()
    count = len(case_files(cases))
    shutil.move(cases, tmp_path / "elsewhere")
    cases.symlink_to(tmp_path / "elsewhere")  # every case file is reached through a link
    with pytest.raises(InvalidContentError) as invalid:
        read_corpus_cached(root)
    linked = [problem for problem in invalid.value.problems
              if problem.message == "this file is a symbolic link"]
    assert len(linked) == count
