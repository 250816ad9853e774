"""Bad input through the doors found by building as an editor would, each once a traceback, a
hang, or a deleted repository: mkdocs.yml, content pages and their front matter, files that
are folders or named pipes, control characters, the site folder, and the commands' own file
arguments. Each is an error with file, line and the fix, and a non-zero exit; none builds a
site (every refusal comes before anything is rendered)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.reading.config_file import read_config
from generator.reading.corpus import read_cases, read_pages, stray_files
from generator.reading.loading import parse
from generator.reading.page_checks import page_problems
from generator.reading.problems import InvalidContentError
from generator.reading.registry import load_registry
from generator.reading.site_folder import site_folder_problems
from generator.tools.cli import main

from .conftest import REPO, copy_repo_content

LAUGHS = "".join(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
                 for previous, name in zip("abcdefgh", "bcdefghi", strict=True))
#: The billion laughs: nine levels of nine aliases, 387 million strings once expanded (the
#: build hung on it in mkdocs.yml; PyYAML expands aliases when it constructs).
BILLION_LAUGHS = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + LAUGHS


def config_problems(tmp_path: Path, text: str | bytes) -> list[str]:
    path = tmp_path / "mkdocs.yml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidContentError) as refused:
        read_config(path, "mkdocs.yml")
    return [problem.render(str) for problem in refused.value.problems]


@pytest.mark.parametrize(("text", "expected"), [
    ("site_name: [unclosed\n", "mkdocs.yml:1:21: the file is not valid YAML"),
    ("site_name: x\n\tnav: []\n", "mkdocs.yml:2:1: a tab is used for indentation"),
    ("x: !!python/object/apply:os.system ['true']\n",
     "mkdocs.yml:1:4: the tag tag:yaml.org,2002:python/object/apply:os.system is not "
     "supported; remove it"),
    (BILLION_LAUGHS, "mkdocs.yml:1:4: anchors and aliases (&, *) are not supported"),
    ("site_name: a\nsite_name: b\n",
     "mkdocs.yml:2:1: site_name: the key is written twice, on lines 1 and 2; keep one of them"),
    ("", "mkdocs.yml:1:1: the file is not a MkDocs configuration"),
    ("- site_name\n", "mkdocs.yml:1:1: the file is not a MkDocs configuration"),
    ("site_name: x\nextra: 5\n", "mkdocs.yml:2:8: extra: expected a mapping"),
    ("site_name: x\nplugins: search\n", "mkdocs.yml:2:10: plugins: expected a list"),
    ("site_name: x\nx: a\x00b\n",
     "mkdocs.yml:2:5: the file holds the character U+0000, which YAML does not allow"),
    ("site_name: Idéslussar\n".encode("utf-16"), "mkdocs.yml:1:1: this byte is not UTF-8 text"),
])
def test_a_broken_mkdocs_yml_is_an_error_with_its_line(tmp_path: Path, text: str | bytes,
                                                       expected: str) -> None:
    found = config_problems(tmp_path, text)
    assert found[0].startswith(expected), found
    assert len(found) <= 9, found  # the laughs: once per anchor, not once per alias


def test_mkdocs_yml_that_is_a_folder_or_missing(tmp_path: Path) -> None:
    with pytest.raises(InvalidContentError) as missing:
        read_config(tmp_path / "mkdocs.yml", "mkdocs.yml")
    (tmp_path / "folder").mkdir()
    with pytest.raises(InvalidContentError) as folder:
        read_config(tmp_path / "folder", "mkdocs.yml")
    assert [p.render(str) for p in [*missing.value.problems, *folder.value.problems]] == [
        "mkdocs.yml:1:1: there is no such file; run the command in the repository, or name "
        "it with --root",
        "mkdocs.yml:1:1: this is not a file but a folder or a device; put the file itself here"]


def test_the_repositorys_mkdocs_yml_reads_as_before() -> None:
    import yaml

    assert read_config(REPO / "mkdocs.yml", "mkdocs.yml") == yaml.safe_load(
        (REPO / "mkdocs.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("front", "expected"), [
    ("title: [unclosed\n", "page.md:2:17: the file is not valid YAML"),
    (BILLION_LAUGHS, "page.md:2:4: anchors and aliases (&, *) are not supported"),
    ("title: !!python/object/apply:os.system ['true']\n", "page.md:2:8: the tag"),
    ("title: a\ntitle: b\n",
     "page.md:3:1: title: the key is written twice, on lines 2 and 3; keep one of them"),
    ("- a\n- b\n", "page.md:2:1: the front matter is not key: value lines"),
])
def test_front_matter_mkdocs_would_misread_or_expand_is_refused(front: str, expected: str
                                                                ) -> None:
    """MkDocs publishes front matter it cannot parse as the page's first paragraph, and
    expands aliases (the billion laughs) before it renders a page."""
    found = [p.render(str) for p in page_problems(f"---\n{front}---\n\n# Sida\n", "page.md")]
    assert found and found[0].startswith(expected), found


def test_a_page_opening_with_a_horizontal_line_is_told_to_write_asterisks() -> None:
    """`---` first on a page is front matter to MkDocs; an editor who meant a line learns how
    to write one."""
    found = [p.render(str) for p in page_problems("---\n\nEn text.\n\n---\n\nMer.\n", "a.md")]
    assert found == ["a.md:2:1: the front matter is not key: value lines; write it as title: "
                     "and description: lines between the two --- lines; if the page's first "
                     "--- is meant as a horizontal line, write *** instead"]


def test_ordinary_front_matter_and_a_page_without_it_pass() -> None:
    assert page_problems("---\ntitle: Om\ndescription: Text\n---\n\n# Om\n", "a.md") == []
    assert page_problems("---\n# only a comment\n---\n\n# Om\n", "a.md") == []
    assert page_problems("# Om\n\nText.\n", "a.md") == []
    # What editors write for Material: lists, a date, a nested mapping, a quoted colon.
    assert page_problems("---\ntitle: 'Om: programmet'\ndescription: Text\nhide:\n  - toc\n"
                         "date: 2024-05-01\nsearch:\n  exclude: true\ntags: [a, b]\n---\n\n"
                         "# Om\n", "a.md") == []


def test_an_empty_page_is_refused() -> None:
    assert [p.render(str) for p in page_problems(" \n\n", "content/sv/om.md")] == [
        "content/sv/om.md:1:1: the page is empty; write its text, or remove the page in every "
        "language"]


def test_a_control_character_yaml_refuses_is_placed_at_its_line() -> None:
    """libyaml gives a byte offset, and the message said line 1."""
    _, found = parse("namn: Örebro\nsammanfattning: å\x00\n", "case.yml")
    assert [p.render(str) for p in found] == [
        "case.yml:2:18: the file holds the character U+0000, which YAML does not allow; "
        "delete it: it is invisible in most editors"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_folders_and_named_pipes_named_like_inputs_are_reported_never_read(
        tmp_path: Path) -> None:
    """A named pipe `content/sv/x.md` made the build wait for ever; a folder named `.md`
    was a traceback, one named `.yml` silently skipped."""
    root = copy_repo_content(tmp_path / "repo")
    os.mkfifo(root / "content" / "sv" / "pipe.md")
    os.mkfifo(root / "municipalities" / "pipe.yml")
    (root / "content" / "en" / "folder.md").mkdir()
    (root / "municipalities" / "folder.yml").mkdir()
    _, page_found = read_pages(root / "content", root)
    case_found = stray_files(root / "municipalities", root)
    _, named = read_cases([root / "municipalities" / "pipe.yml"], root, load_registry())
    shown = {p.render(str) for p in [*page_found, *case_found, *named]}
    assert {f"{name}:1:1: this is not a file but a folder or a device; put the file itself here"
            for name in ("content/sv/pipe.md", "content/en/folder.md",
                         "municipalities/pipe.yml", "municipalities/folder.yml")} <= shown


def test_translation_records_that_are_a_folder_are_refused(tmp_path: Path) -> None:
    from generator.reading.page_translation import read_page_records

    (tmp_path / "content" / "translation.yml").mkdir(parents=True)
    _, found = read_page_records(tmp_path)
    assert [p.render(str) for p in found] == [
        "content/translation.yml:1:1: this is not a file but a folder or a device; put the "
        "file itself here"]


def test_a_site_folder_that_would_replace_the_repository_or_its_folders_is_refused(
        tmp_path: Path) -> None:
    """`--site-dir .` replaced the whole repository with the site (publishing swaps the site
    folder); `--site-dir content` the pages; `--site-dir /` was a traceback."""
    root = tmp_path / "repo"
    (root / "content").mkdir(parents=True)
    (root / "notes.txt").write_text("mine", encoding="utf-8")

    def refused(site: Path) -> str:
        found = site_folder_problems(site, root)
        return found[0].render(str).split(": ", 1)[1] if found else ""

    assert refused(root) == refused(root.parent) == refused(Path("/")) == (
        "the site would replace the repository or a folder that holds it; name a folder of "
        "its own, such as --site-dir site")
    assert refused(root / "content") == refused(root / "content" / "x") == (
        "the site would replace content/, which the build reads or keeps; name a folder of "
        "its own, such as --site-dir site")
    assert refused(root / "municipalities").startswith("the site would replace municipalities/")
    assert refused(root / "notes.txt").startswith("this is a file, not a folder")
    assert refused(root / "site") == refused(root / "public") == refused(tmp_path / "out") == ""


def test_a_folder_with_files_but_no_site_is_not_replaced_by_the_site(tmp_path: Path) -> None:
    """Publishing swaps the whole site folder, so `--site-dir ~/Documents` would have replaced
    the documents; a folder a build made (it has index.html), an empty one or a new one
    may hold the site."""
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "letter.odt").write_text("mine", encoding="utf-8")
    found = [problem.render(str) for problem in site_folder_problems(documents, tmp_path / "r")]
    assert found == [
        f"{documents}:1:1: this folder holds files but no site a build made (it has no "
        "index.html): publishing the site would replace them; name a new or empty folder, "
        "such as --site-dir site"]
    (tmp_path / "empty").mkdir()
    (tmp_path / "built").mkdir()
    (tmp_path / "built" / "index.html").write_text("the last site", encoding="utf-8")
    for allowed in ("empty", "built", "new"):
        assert site_folder_problems(tmp_path / allowed, tmp_path / "r") == []


def test_a_site_inside_the_last_site_is_refused(tmp_path: Path) -> None:
    """`--site-dir site/en` after a build nested a whole site in the English half."""
    root = tmp_path / "r"
    (root / "site" / "en").mkdir(parents=True)
    (root / "site" / "index.html").write_text("the last site", encoding="utf-8")
    (root / "site" / "en" / "index.html").write_text("its English half", encoding="utf-8")
    found = [problem.render(str) for problem in site_folder_problems(root / "site" / "en", root)]
    assert found == [
        f"{root / 'site' / 'en'}:1:1: the site would go inside site/, a site a build made: the "
        "next build of that site would replace it; name a folder of its own, such as "
        "--site-dir site"]
    assert site_folder_problems(root / "site", root) == []
    assert site_folder_problems(root / "public" / "ideslussar", root) == []


def test_build_with_site_dir_dot_exits_1_and_changes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_repo_content(tmp_path / "repo")
    before = sorted(path.name for path in root.iterdir())
    assert main(["build", "--root", str(root), "--site-dir", str(root), "--lang", "sv"]) == 1
    assert "webbplatsen skulle ersätta förrådet" in capsys.readouterr().err
    assert sorted(path.name for path in root.iterdir()) == before


def test_import_of_a_missing_po_file_or_a_folder_is_an_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_repo_content(tmp_path / "repo")
    for named in (tmp_path / "missing.po", root / "municipalities"):
        assert main(["translations", "import", str(named), "--root", str(root),
                     "--lang", "en"]) == 1
    errors = capsys.readouterr().err
    assert "missing.po:1:1: there is no such file; name the PO file written by" in errors
    assert "municipalities:1:1: this is not a file but a folder or a device" in errors
    assert "Traceback" not in errors


def test_schema_check_with_a_contributing_guide_not_in_utf8(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(REPO / "CONTRIBUTING.md", tmp_path / "CONTRIBUTING.md")
    guide = tmp_path / "CONTRIBUTING.md"
    guide.write_bytes(guide.read_text(encoding="utf-8").encode("utf-16"))
    assert main(["schema", "--check", "--root", str(tmp_path), "--lang", "en"]) == 1
    assert "CONTRIBUTING.md:1:1: this byte is not UTF-8 text" in capsys.readouterr().err


def test_a_broken_themes_file_is_told_like_a_case_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Editors add themes to generator/data/themes.yml; its mistakes were printed as a
    Python list of objects with the placeholders unfilled."""
    from generator.reading import registry

    data = tmp_path / "data"
    shutil.copytree(registry.DATA_DIR, data)
    themes = data / "themes.yml"
    themes.write_text(themes.read_text(encoding="utf-8") + "x: [\n", encoding="utf-8")
    monkeypatch.setattr(registry, "DATA_DIR", data)
    registry.load_registry.cache_clear()
    try:
        with pytest.raises(InvalidContentError) as refused:
            registry.load_registry()
    finally:
        registry.load_registry.cache_clear()
    shown = [problem.render(str) for problem in refused.value.problems]
    assert len(shown) == 1 and shown[0].startswith(
        "generator/data/themes.yml:") and ": the file is not valid YAML: " in shown[0]


def test_aliases_in_the_language_table_are_refused_before_they_are_expanded(
        tmp_path: Path) -> None:
    from generator.reading.languages import TABLE_FILE, read_table
    from generator.reading.problems import DataFileError

    table = tmp_path / "generator" / "data" / "languages.yml"
    table.parent.mkdir(parents=True)
    table.write_text(TABLE_FILE.read_text(encoding="utf-8") + BILLION_LAUGHS, encoding="utf-8")
    with pytest.raises(DataFileError, match="anchors and aliases"):
        read_table(table)


def test_mkdocs_yml_that_is_a_link_is_not_followed(tmp_path: Path) -> None:
    """Nothing outside the repository is read: a link could make any file the configuration."""
    outside = tmp_path / "outside.yml"
    outside.write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").symlink_to(outside)
    with pytest.raises(InvalidContentError) as refused:
        read_config(tmp_path / "mkdocs.yml", "mkdocs.yml")
    assert [p.render(str) for p in refused.value.problems] == [
        "mkdocs.yml:1:1: this file is a symbolic link; put the file itself here, not a link to it"]


def test_a_huge_page_is_refused_in_words_that_fit_any_file(tmp_path: Path) -> None:
    """The size limit's message named "a case file" for pages and mkdocs.yml too."""
    from generator.reading.loading import read_text

    page = tmp_path / "om.md"
    page.write_bytes(b"# Om\n" + b"ord " * 250_000)
    text, found = read_text(page, "content/sv/om.md")
    assert text is None and [p.render(str) for p in found] == [
        "content/sv/om.md:1:1: the file is 1000005 bytes long; a file the site is made from is "
        "at most 1000000 bytes"]


def test_export_to_a_folder_is_an_error_not_a_traceback(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_repo_content(tmp_path / "repo")
    assert main(["translations", "export", "-o", str(root / "municipalities"), "--root",
                 str(root), "--lang", "en", str(root / "municipalities" / "hoor.yml")]) == 1
    assert f"{root / 'municipalities'} could not be written: Is a directory" in (
        capsys.readouterr().err)
    assert (root / "municipalities" / "hoor.yml").is_file()


def test_a_page_at_the_compare_tables_path_is_refused() -> None:
    """content/sv/jamfor.md was built and then silently replaced by the generated table."""
    from generator.reading.page_checks import path_problems

    found = [p.render(str) for p in path_problems("jamfor.md", "content/sv/jamfor.md")]
    assert len(found) == 1 and found[0].startswith(
        'content/sv/jamfor.md:1:1: "jamfor.md" is a path the site uses itself; give the page '
        "another name")
