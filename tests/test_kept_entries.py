"""What the work folder keeps for the next language build: Material's search entries, kept as
the whole and the pages changed since (`generator/kept_entries.py`), and the compiled templates
(`generator/site/bytecode.py`). An edit writes only the changed entries, and at every step the
site, search index included, is exactly a clean build's, also when the changes are damaged or
left over from before the whole was written again."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator import incremental
from generator.kept_entries import CHANGES_FILE
from generator.reading.corpus import case_files
from generator.site.bytecode import TEMPLATES_FILE

from .test_incremental import assert_same_site, build, clean_build_of, edit_section, make_repo


def kept(root: Path, lang: str, name: str) -> Path:
    return root / ".build" / lang / name


def test_an_edit_writes_the_changed_pages_entries_beside_the_whole_and_the_site_is_a_clean_builds(
        tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    build(root)
    whole = {lang: kept(root, lang, incremental.SEARCH_ENTRIES).read_bytes()
             for lang in ("sv", "en")}
    assert not kept(root, "sv", CHANGES_FILE).exists()
    cases = case_files(root / "municipalities")
    edit_section(cases[5], "En mening som byggs stegvis.")
    assert build(root).incremental
    edit_section(cases[7], "En andra mening om något annat.")
    report = build(root)
    assert report.incremental
    for lang in ("sv", "en"):  # the whole is the clean build's, the edits are beside it
        assert kept(root, lang, incremental.SEARCH_ENTRIES).read_bytes() == whole[lang]
        assert kept(root, lang, CHANGES_FILE).is_file()
    assert_same_site(root / "site", clean_build_of(root, tmp_path / "first"))

    kept(root, "sv", CHANGES_FILE).write_bytes(b"\x00damaged")
    edit_section(cases[2], "Ännu en mening.")
    report = build(root)
    # Swedish cannot know its kept pages' entries: rendered whole, and kept whole again.
    assert report.rendered["sv"] == report.pages["sv"] > report.rendered["en"]
    assert not kept(root, "sv", CHANGES_FILE).exists()
    assert kept(root, "en", CHANGES_FILE).is_file()
    assert_same_site(root / "site", clean_build_of(root, tmp_path / "second"))


def test_many_changed_pages_keep_the_whole_again_and_changes_left_from_before_are_ignored(
        tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    build(root)
    cases = case_files(root / "municipalities")
    edit_section(cases[5], "Första meningen.")
    assert build(root).incremental
    left_over = tmp_path / "left-over"
    shutil.copy(kept(root, "sv", CHANGES_FILE), left_over)
    whole = kept(root, "sv", incremental.SEARCH_ENTRIES).read_bytes()

    for case in cases[:8]:  # more than a tenth of the pages: the whole is written again
        edit_section(case, "Andra meningen, i många fall.")
    assert build(root).incremental
    assert kept(root, "sv", incremental.SEARCH_ENTRIES).read_bytes() != whole
    assert not kept(root, "sv", CHANGES_FILE).exists()

    # Changes of the whole before (the removal after writing the whole was cut short): they
    # hold the first edit's entries of a page, which are no longer that page's.
    shutil.copy(left_over, kept(root, "sv", CHANGES_FILE))
    edit_section(cases[9], "Tredje meningen.")
    report = build(root)
    assert report.rendered["sv"] < report.pages["sv"]
    assert_same_site(root / "site", clean_build_of(root, tmp_path))


def test_a_build_that_renders_no_case_page_keeps_the_compiled_case_template_for_the_next(
        tmp_path: Path) -> None:
    """A build with nothing edited renders no page again: the compiled templates the last
    build kept stay as they were (not cut down to those it used), so the next edit does not
    compile the case page's template again; the site stays a clean build's."""
    root = make_repo(tmp_path / "repo")
    build(root)
    templates = {lang: kept(root, lang, TEMPLATES_FILE).read_bytes() for lang in ("sv", "en")}
    report = build(root)
    assert report.incremental and report.rendered == {"sv": 0, "en": 0}
    assert {lang: kept(root, lang, TEMPLATES_FILE).read_bytes()
            for lang in ("sv", "en")} == templates
    edit_section(case_files(root / "municipalities")[3], "En mening efter en tom byggnad.")
    assert build(root).incremental
    assert {lang: kept(root, lang, TEMPLATES_FILE).read_bytes()
            for lang in ("sv", "en")} == templates  # nothing compiled, nothing written
    assert_same_site(root / "site", clean_build_of(root, tmp_path))
