"""A work folder (`.build/`) damaged between two builds: a file of it cut short, changed in
place, or no longer text. The next build must make exactly the site a clean build makes, and
never end in a traceback; a damaged file must not stay believed by the builds after it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator import incremental
from generator.build import START_SOURCE
from generator.kept_entries import CHANGES_FILE
from generator.reading.case_cache import CACHE_FILE
from generator.reading.corpus import case_files
from generator.site.bytecode import TEMPLATES_FILE
from generator.tools.cli import main

from .test_incremental import assert_same_site, build, clean_build_of, edit_section, make_repo


def damage_in_place(path: Path, old: bytes, new: bytes) -> None:
    """Change some bytes of a file and nothing else (its size and layout stay): what a bad
    disk or a stray edit does, which no parser notices."""
    assert len(old) == len(new)
    data = path.read_bytes()
    assert old in data, f"{old!r} is not in {path}"
    path.write_bytes(data.replace(old, new))


@pytest.mark.parametrize("name", [START_SOURCE, "mkdocs.yml"])
def test_a_work_folder_file_that_is_no_longer_text_costs_a_rebuild_not_a_traceback(
        tmp_path: Path, name: str) -> None:
    root = make_repo(tmp_path / "repo")
    build(root)
    (root / ".build" / "sv" / name).write_bytes(b"\xff\xfe not UTF-8 \x99")
    edit_section(case_files(root / "municipalities")[5], "En mening som byggs stegvis.")
    build(root)
    assert_same_site(root / "site", clean_build_of(root, tmp_path))


@pytest.mark.parametrize(("name", "word"), [(incremental.SEARCH_ENTRIES, "Samverkan"),
                                            (CHANGES_FILE, "stegvis")])
def test_kept_search_entries_changed_in_place_are_not_taken_into_the_index(
        tmp_path: Path, name: str, word: str) -> None:
    """Kept entries whose text changed on disk would put words no page has into the index
    (and keep them there: the whole is not written again after a small edit)."""
    root = make_repo(tmp_path / "repo")
    build(root)
    cases = case_files(root / "municipalities")
    edit_section(cases[5], "En mening som byggs stegvis.")
    assert build(root).incremental
    assert (root / ".build" / "sv" / CHANGES_FILE).is_file()
    damage_in_place(root / ".build" / "sv" / name, word.encode(), word[:-1].encode() + b"x")
    edit_section(cases[7], "En andra mening om något annat.")
    build(root)
    assert_same_site(root / "site", clean_build_of(root, tmp_path / "first"))
    edit_section(cases[2], "Ännu en mening.")
    build(root)
    assert_same_site(root / "site", clean_build_of(root, tmp_path / "second"))


def test_compiled_templates_changed_in_place_are_compiled_again(tmp_path: Path) -> None:
    """A compiled template whose bytes changed on disk still loads: run, it would write its
    changed text into every page it renders, in every build after."""
    root = make_repo(tmp_path / "repo")
    build(root)
    damage_in_place(root / ".build" / "sv" / TEMPLATES_FILE, b"md-header", b"md-headex")
    edit_section(case_files(root / "municipalities")[5], "En mening som byggs stegvis.")
    build(root)
    assert_same_site(root / "site", clean_build_of(root, tmp_path))


def test_validated_cases_changed_in_place_are_validated_again(tmp_path: Path) -> None:
    """The case cache stands in for every unchanged case file, in clean builds too: a case
    whose text changed in it would be published so, on every page and data file made of it."""
    root = make_repo(tmp_path / "repo")
    build(root)
    case = case_files(root / "municipalities")[3]
    name = yaml.safe_load(case.read_text(encoding="utf-8"))["name"]["sv"].encode()
    damage_in_place(root / ".build" / CACHE_FILE, name, name[:-1] + b"#")
    (root / ".build" / incremental.STATE_FILE).unlink()  # everything is rendered again
    build(root)
    assert_same_site(root / "site", clean_build_of(root, tmp_path))


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_a_work_folder_the_build_cannot_write_is_named_with_what_to_do(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    """A folder where the build keeps a file (or a file another user made, as a container's
    build leaves them) stopped every later build with only the operating system's words."""
    root = make_repo(tmp_path, cases=2)
    args = ["build", "--root", str(root), "--site-dir", str(root / "site"), "--lang", lang]
    assert main(args) == 0
    published = {path: path.read_bytes() for path in (root / "site").rglob("*")
                 if path.is_file()}
    (root / ".build" / "state.json").unlink()
    (root / ".build" / "state.json").mkdir()
    capsys.readouterr()
    assert main(args) == 1
    err = capsys.readouterr().err
    told = {"en": ".build/ is the build's work folder: it only spares the next build work; "
                  "remove it and build again",
            "sv": ".build/ är byggets arbetsmapp: den sparar bara arbete åt nästa bygge; ta "
                  "bort den och bygg igen"}[lang]
    assert published and "state.json" in err and told in err
    assert {path: path.read_bytes() for path in (root / "site").rglob("*")
            if path.is_file()} == published
    shutil.rmtree(root / ".build")
    assert main(args) == 0
