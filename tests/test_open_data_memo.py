"""The open data an incremental build keeps (`site/data_keys.py`): every case's rows in the
datasets are taken from the datasets the last build left in the work folder, where one small
file says where they are. Whatever happened to those files since, what readers get is what a
clean build publishes: a damaged, foreign or missing file costs the rows made again, never a
wrong dataset or a traceback."""

from __future__ import annotations

import marshal
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.build import read_base_config
from generator.engine import SiteBuildError
from generator.reading.corpus import case_files, read_corpus
from generator.reading.model import LANGUAGES
from generator.reading.publisher import publisher_from_config
from generator.reading.schema import schema_text
from generator.site import opendata
from generator.site.data_keys import (
    FILES_DIR,
    OLD_ROWS_DIR,
    ROWS_FILE,
    ROWS_FORMAT,
    read_rows,
)
from generator.site.urls import DATA_FILES
from generator.site_checks import joined_problems

from .conftest import REPO
from .test_incremental import SITE_URL, assert_same_site, build, clean_build_of, edit_section
from .test_incremental import make_repo as make_incremental_repo

DATASETS = [DATA_FILES[kind].format(lang=lang) for lang in LANGUAGES
            for kind in ("json", "csv", "excel")]


def make_repo(root: Path) -> tuple[Path, int]:
    """A repository of a few synthetic cases besides the real ones, and how many in all."""
    make_incremental_repo(root, 8)
    return root, len(case_files(root / "municipalities"))


def clean_datasets(root: Path) -> dict[str, bytes]:
    """The datasets a clean build of `root` publishes, made without any memo."""
    corpus = read_corpus(root)
    files = opendata.data_files(corpus, SITE_URL, schema_text(corpus.registry),
                                publisher_from_config(read_base_config(REPO / "mkdocs.yml")))
    return {path: text.encode() if isinstance(text, str) else text
            for path, text in files.items() if path in DATASETS}


def published_datasets(root: Path) -> dict[str, bytes]:
    return {path: (root / "site" / path).read_bytes() for path in DATASETS}


class Made:
    """Which cases' open data the build made, per language (`opendata.case_files` called)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[str] = []
        make = opendata.case_files

        def counted(case: Any, corpus: Any, lang: str, *args: Any) -> Any:
            self.calls.append(lang)
            return make(case, corpus, lang, *args)

        monkeypatch.setattr(opendata, "case_files", counted)

    def build(self, root: Path) -> dict[str, int]:
        """Build, and say how many cases' open data it made per language."""
        self.calls.clear()
        build(root)
        return {lang: self.calls.count(lang) for lang in LANGUAGES}


def rows_file(root: Path) -> Path:
    return root / ".build" / ROWS_FILE


def with_checksum(content: bytes) -> bytes:
    return zlib.crc32(content).to_bytes(4, "big") + content


def rows_out_of_range(stored: bytes) -> bytes:
    """The rows file, whole and checked, with every case's rows placed past the datasets'
    ends."""
    stamps, rows = read_rows(stored)
    moved = {name: (row[0], *[10**9] * (len(row) - 1)) for name, row in rows.items()}
    return with_checksum(marshal.dumps((ROWS_FORMAT, stamps, moved)))


#: What may happen to the rows file between two builds, as the bytes it holds next.
DAMAGES: dict[str, Callable[[bytes], bytes | None]] = {
    "gone": lambda stored: None,
    "empty": lambda stored: b"",
    "garbage": lambda stored: b"\x00not the rows file",
    "one byte changed": lambda stored: stored[:len(stored) // 2] + bytes(
        [stored[len(stored) // 2] ^ 1]) + stored[len(stored) // 2 + 1:],
    "without its checksum": lambda stored: stored[4:],
    "another layout": lambda stored: with_checksum(marshal.dumps(
        (ROWS_FORMAT.replace("2", "1"), *read_rows(stored)))),
    "not a marshal file": lambda stored: with_checksum(b"{}"),
    "rows out of range": rows_out_of_range,
}


def test_an_edit_makes_the_edited_cases_rows_and_the_datasets_are_a_clean_builds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, cases = make_repo(tmp_path / "repo")
    (root / ".build" / OLD_ROWS_DIR).mkdir(parents=True)  # what an earlier version kept
    (root / ".build" / OLD_ROWS_DIR / "a.sv.json").write_text("{}", encoding="utf-8")
    made = Made(monkeypatch)
    assert made.build(root) == {"sv": cases, "en": cases}
    assert not (root / ".build" / OLD_ROWS_DIR).exists()
    edit_section(case_files(root / "municipalities")[3], "Raderna tas ur förra datasetet.")
    assert made.build(root) == {"sv": 1, "en": 1}
    published = published_datasets(root)
    assert published == clean_datasets(root)
    assert all("Raderna tas ur förra datasetet.".encode() in published[path]
               for path in DATASETS if ".sv." in path)
    assert_same_site(root / "site", clean_build_of(root, tmp_path))


def test_a_damaged_foreign_or_missing_rows_file_costs_the_rows_not_the_datasets(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, cases = make_repo(tmp_path / "repo")
    build(root)
    made = Made(monkeypatch)
    files = case_files(root / "municipalities")
    for number, (damage, change) in enumerate(DAMAGES.items()):
        stored = change(rows_file(root).read_bytes())
        if stored is None:
            rows_file(root).unlink()
        else:
            rows_file(root).write_bytes(stored)
        sentence = f"Efter skadan {number}."
        edit_section(files[number], sentence)
        assert made.build(root) == {"sv": cases, "en": cases}, damage
        published = published_datasets(root)
        assert published == clean_datasets(root), damage
        assert sentence.encode() in published[DATA_FILES["csv"].format(lang="sv")], damage
    edit_section(files[0], "Och sedan som vanligt.")  # the rows file is whole again
    assert made.build(root) == {"sv": 1, "en": 1}
    assert_same_site(root / "site", clean_build_of(root, tmp_path))


def append(path: Path) -> None:
    with path.open("ab") as handle:
        handle.write(b"\n")


def overwrite_in_place(path: Path) -> None:
    """The same number of bytes, other ones, in the same file (its inode): as an editor or a
    program that opens the published file and writes into it would."""
    with path.open("r+b") as handle:
        handle.write(b"X" * 40)


def replace_by_a_link(path: Path) -> None:
    copy = path.with_name("copy-" + path.name)
    copy.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(copy.name)


@pytest.mark.parametrize("damage", [append, overwrite_in_place, Path.unlink, replace_by_a_link],
                         ids=["grown", "written into", "gone", "a link"])
def test_a_dataset_changed_since_the_last_build_makes_its_languages_rows_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: Callable[[Path], None]
        ) -> None:
    """The rows are taken from the datasets the last build wrote, in the work folder (and
    linked into the site, so writing into the published file changes it too): a dataset that
    is not exactly that file any more is not taken, and only its language is made again."""
    root, cases = make_repo(tmp_path / "repo")
    build(root)
    made = Made(monkeypatch)
    damage(root / ".build" / FILES_DIR / DATA_FILES["csv"].format(lang="en"))
    edit_section(case_files(root / "municipalities")[2], "En mening efter skadan.")
    assert made.build(root) == {"sv": 1, "en": cases}
    assert published_datasets(root) == clean_datasets(root)


def test_a_new_row_that_is_not_well_formed_json_stops_the_build_and_the_site_stays(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the rows made anew are parsed (the kept ones were when they were made): a broken
    one is still found, nothing is published, and the next build makes every row again."""
    root, cases = make_repo(tmp_path / "repo")
    build(root)
    before = published_datasets(root)
    monkeypatch.setattr(opendata, "indented", lambda value, level=0: '{"broken": ')
    edit_section(case_files(root / "municipalities")[1], "En mening som aldrig publiceras.")
    with pytest.raises(SiteBuildError) as failed:
        build(root)
    assert [message.split(":")[0] for message in failed.value.messages] == sorted(
        f"{DATA_FILES['json'].format(lang=lang)} is not well-formed" for lang in LANGUAGES)
    assert published_datasets(root) == before
    monkeypatch.undo()
    assert Made(monkeypatch).build(root) == {"sv": cases, "en": cases}
    assert published_datasets(root) == clean_datasets(root)


def test_a_joined_json_file_is_as_well_formed_as_its_parts() -> None:
    """Only the parts are parsed; a broken one is told where it is in the file."""
    around, rows = b'{"a": [\n\n ]\n}\n', [b'  {\n   "b": 1\n  }', b'  {\n   "b": \n  }']
    whole = b'{"a": [\n' + b",\n".join(rows) + b"\n ]\n}\n"
    assert joined_problems("data/x.json", b"not parsed", [around, rows[0]]) == []
    assert joined_problems("data/x.json", whole, [around, rows[1]]) == [
        "data/x.json is not well-formed: Expecting value: line 7 column 3 (char 42)"]
