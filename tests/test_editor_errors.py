"""Every mistake an editor can make gets one exact, actionable message (issue: editors)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.reading.corpus import read_cases
from generator.reading.registry import load_registry
from generator.site import i18n
from generator.tools.cli import main

from .conftest import FIXTURES, REPO

GOOD = (FIXTURES / "mini/municipalities/noll-test.yml").read_text(encoding="utf-8")


def problems(tmp_path: Path, files: dict[str, str | bytes], lang: str = "en") -> list[str]:
    """Validate files written into a repository-shaped folder; messages as an editor sees them."""
    folder = tmp_path / "municipalities"
    folder.mkdir(exist_ok=True)
    paths = []
    for name, text in files.items():
        path = folder / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    _cases, found = read_cases(paths, tmp_path, load_registry())
    gettext = i18n.cli_translations(lang).gettext
    return [p.render(gettext, lang) for p in sorted(found, key=lambda p: p.sort_key)]


def only(tmp_path: Path, text: str, name: str = "case.yml", lang: str = "en") -> str:
    found = problems(tmp_path, {name: text}, lang)
    assert len(found) == 1, found
    return found[0]


def test_a_good_file_has_no_problems(tmp_path: Path) -> None:
    assert problems(tmp_path, {"case.yml": GOOD}) == []


def test_unknown_field_gets_did_you_mean(tmp_path: Path) -> None:
    assert only(tmp_path, GOOD + "sumary:\n  sv: x\n  en: y\n") == (
        'municipalities/case.yml:16:1: sumary: unknown field; did you mean "summary"?')


def test_municipality_written_by_name_gets_its_code(tmp_path: Path) -> None:
    text = GOOD.replace('municipalities: ["0114"]', "municipalities: [Upplands Väsby]")
    assert only(tmp_path, text) == (
        'municipalities/case.yml:7:18: municipalities.0: "Upplands Väsby" is not a municipality '
        'code; did you mean "0114" (Upplands Väsby)? Write the code in quotes')


def test_unknown_code_gets_the_expected_form(tmp_path: Path) -> None:
    text = GOOD.replace('"0114"', '"0199"')
    assert only(tmp_path, text) == (
        'municipalities/case.yml:7:18: municipalities.0: "0199" is not a municipality code; '
        'expected a four-digit SCB code in quotes, such as "0180" for Stockholm')


def test_missing_language_names_the_language(tmp_path: Path) -> None:
    text = GOOD.replace("  en: The zero sluice\n", "")
    assert only(tmp_path, text) == (
        "municipalities/case.yml:2:3: name.en: the English text is missing; add en: with the "
        "translation, or en: ~ while it is not yet translated")


def test_messages_in_swedish(tmp_path: Path) -> None:
    text = GOOD.replace("  en: The zero sluice\n", "")
    assert only(tmp_path, text, lang="sv") == (
        "municipalities/case.yml:2:3: name.en: texten på engelska saknas; lägg till en: med "
        "översättningen, eller en: ~ så länge den inte är översatt")


def test_empty_required_text(tmp_path: Path) -> None:
    text = GOOD.replace("  sv: Nollslussen", '  sv: ""')
    assert only(tmp_path, text) == (
        "municipalities/case.yml:2:7: name.sv: the text is empty; write the Swedish text")


def test_missing_required_field(tmp_path: Path) -> None:
    text = GOOD.replace("status: unknown\n", "")
    assert only(tmp_path, text) == (
        "municipalities/case.yml:1:1: status: this required field is missing; add status: "
        "(Where it stands today.)")


def test_duplicated_key_names_both_lines(tmp_path: Path) -> None:
    assert only(tmp_path, GOOD + "status: ended\n") == (
        "municipalities/case.yml:16:1: status: the key is written twice, on lines 8 and 16; "
        "keep one of them")


def test_link_that_is_not_web_or_mail(tmp_path: Path) -> None:
    text = GOOD + "what:\n  sv: Se [här](javascript:alert(1))\n  en: ~\n"
    assert only(tmp_path, text) == (
        'municipalities/case.yml:17:7: what.sv: the link "javascript:alert(1" is not a web or '
        "e-mail address; links start with https://, http:// or mailto:")


def test_source_that_is_not_http(tmp_path: Path) -> None:
    text = GOOD.replace("https://example.org/noll", "ftp://example.org/noll")
    assert only(tmp_path, text) == (
        'municipalities/case.yml:14:5: sources.0: "ftp://example.org/noll" is not a web '
        "address; expected an address starting with https:// or http://")


def test_image_path_outside_the_repository(tmp_path: Path) -> None:
    text = GOOD + "image:\n  file: ../../etc/passwd\n  alt:\n    sv: Bild\n    en: Picture\n"
    assert only(tmp_path, text) == (
        'municipalities/case.yml:17:9: image.file: "../../etc/passwd" is outside the '
        "repository; put the picture in municipalities/images/ and write that path")


def test_two_files_with_the_same_slug(tmp_path: Path) -> None:
    """Files named on the command line may come from two folders."""
    other = GOOD.replace("Nollslussen", "Andra slussen")
    (tmp_path / "municipalities/copy").mkdir(parents=True)
    found = problems(tmp_path, {"same.yml": GOOD, "copy/same.yml": other})
    assert found == ['municipalities/copy/same.yml:1:1: the slug "same" is also used by '
                     "municipalities/same.yml; rename one of the files"]


def test_the_newer_of_two_files_for_one_idesluss_gets_the_problem(tmp_path: Path) -> None:
    """An editor who copies an existing case to start a new one is told about the new file,
    whatever the two names' order."""
    folder = tmp_path / "municipalities"
    folder.mkdir()
    for name in ("orebro.yml", "exempelstad.yml"):
        (folder / name).write_text(GOOD, encoding="utf-8")
    os.utime(folder / "orebro.yml", ns=(1_000_000_000, 1_000_000_000))  # written long ago
    _cases, found = read_cases(sorted(folder.iterdir()), tmp_path, load_registry())
    messages = [problem.render(i18n.cli_translations("en").gettext) for problem in found]
    assert messages == ['municipalities/exempelstad.yml:2:7: name.sv: "Nollslussen" is already '
                        "described in municipalities/orebro.yml; change that file instead of "
                        "adding a second one"]


def test_two_files_for_the_same_idesluss(tmp_path: Path) -> None:
    found = problems(tmp_path, {"a.yml": GOOD, "b.yml": GOOD})
    assert found == ['municipalities/b.yml:2:7: name.sv: "Nollslussen" is already described '
                     "in municipalities/a.yml; change that file instead of adding a second one"]


def test_bad_file_name(tmp_path: Path) -> None:
    assert only(tmp_path, GOOD, name="Idérum Lerum.yml") == (
        'municipalities/Idérum Lerum.yml:1:1: the file name "Idérum Lerum" is not a valid slug; '
        "use lower-case letters a-z, digits and hyphens, such as iderum-lerum.yml")


def test_every_problem_in_every_file_in_one_run(tmp_path: Path) -> None:
    bad_a = GOOD.replace("status: unknown", "status: done").replace('"0114"', '"114"')
    bad_b = GOOD.replace("Nollslussen", "B").replace("themes: [idea-coaching]",
                                                     "themes: [idea]")
    found = problems(tmp_path, {"a.yml": bad_a, "b.yml": bad_b})
    assert [line.split(": ")[1] for line in found] == ["municipalities.0", "status", "themes.0"]


# -- YAML 1.1 surprises and hostile files ---------------------------------------------------


def test_yaml_11_values_stay_what_the_editor_typed(tmp_path: Path) -> None:
    text = GOOD.replace("  sv: Nollslussen", "  sv: no").replace(
        "status: unknown", "status: unknown\nvinnova_reference: 12:30")
    cases, found = read_cases([write(tmp_path, "case.yml", text)], tmp_path, load_registry())
    assert found == []
    assert cases[0].name.sv == "no"
    assert cases[0].vinnova_reference == "12:30"
    assert cases[0].municipalities == ("0114",)


def test_unquoted_leading_zero_code_is_not_octal(tmp_path: Path) -> None:
    text = GOOD.replace('["0114"]', "[0114]")
    cases, found = read_cases([write(tmp_path, "case.yml", text)], tmp_path, load_registry())
    assert found == [] and cases[0].municipalities == ("0114",)


def test_a_date_is_not_silently_a_month(tmp_path: Path) -> None:
    text = GOOD + "period:\n  start: 2016-11-07\n"
    assert only(tmp_path, text) == (
        'municipalities/case.yml:17:10: period.start: "2016-11-07" is not a month; expected '
        'YYYY-MM in quotes, such as "2016-11", or a year alone')


def test_tab_indentation(tmp_path: Path) -> None:
    text = GOOD.replace("  sv: Nollslussen", "\tsv: Nollslussen")
    assert only(tmp_path, text) == (
        "municipalities/case.yml:2:1: a tab is used for indentation; indent with spaces only")


def test_byte_order_mark_and_crlf_are_accepted(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8")
    assert problems(tmp_path, {"case.yml": data}) == []


def test_crlf_keeps_line_numbers(tmp_path: Path) -> None:
    data = (GOOD + "sumary: x\n").replace("\n", "\r\n").encode("utf-8")
    assert problems(tmp_path, {"case.yml": data})[0].startswith("municipalities/case.yml:16:1:")


def test_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    data = GOOD.replace("Nollslussen", "Noll\u00e5").encode("utf-8").replace(
        "å".encode(), "å".encode("latin-1"))
    assert problems(tmp_path, {"case.yml": data}) == [
        "municipalities/case.yml:2:11: this byte is not UTF-8 text; save the file as UTF-8 (in "
        "most editors: 'Save with encoding' > UTF-8)"]


def test_aliases_are_refused(tmp_path: Path) -> None:
    text = GOOD.replace("organisation:\n", "organisation: &o\n") + "x: *o\n"
    found = problems(tmp_path, {"case.yml": text})
    assert any("anchors and aliases (&, *) are not supported" in line for line in found)


def test_python_tags_are_refused(tmp_path: Path) -> None:
    text = GOOD.replace("status: unknown", "status: !!python/object/apply:os.system [id]")
    assert only(tmp_path, text) == (
        "municipalities/case.yml:8:9: the tag tag:yaml.org,2002:python/object/apply:os.system "
        "is not supported; remove it")


def test_not_yaml_at_all(tmp_path: Path) -> None:
    assert only(tmp_path, "name: [unclosed\n") == (
        "municipalities/case.yml:1:16: the file is not valid YAML: did not find expected ',' or "
        "']'; check the indentation and the colons near this line")


def test_empty_file(tmp_path: Path) -> None:
    assert only(tmp_path, "") == (
        "municipalities/case.yml:1:1: the file is empty; start from the template: ideslussar "
        "new SLUG")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / "municipalities" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- the command line ------------------------------------------------------------------------


def repo_copy(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "mini", tmp_path, dirs_exist_ok=True)
    shutil.copy(REPO / "CONTRIBUTING.md", tmp_path / "CONTRIBUTING.md")
    return tmp_path


def test_validate_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = repo_copy(tmp_path)
    assert main(["validate", "--root", str(root)]) == 0
    write(root, "broken.yml", GOOD.replace("status: unknown", "status: nej"))
    assert main(["validate", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert 'municipalities/broken.yml:8:9: status: "nej" is not one of the choices' in err
    assert "1 problem found" in err


def test_new_writes_a_template_that_validates_once_filled(tmp_path: Path) -> None:
    root = repo_copy(tmp_path)
    assert main(["new", "ny-sluss", "--root", str(root)]) == 0
    path = root / "municipalities/ny-sluss.yml"
    template = path.read_text(encoding="utf-8")
    assert template.startswith("# yaml-language-server: $schema=../schema/case-study.schema.json")
    assert main(["validate", "--root", str(root), str(path)]) == 1
    filled = (template.replace('name:\n  sv: ""\n  en: ""', "name:\n  sv: Ny\n  en: New")
              .replace('organisation:\n  sv: ""\n  en: ""', "organisation:\n  sv: K\n  en: M")
              .replace('summary:\n  sv: ""\n  en: ""', "summary:\n  sv: S\n  en: ~")
              .replace("municipalities: []", 'municipalities: ["0180"]')
              .replace("themes: []", "themes: [idea-coaching]")
              .replace("sources: []", "sources: [https://example.org/]"))
    path.write_text(filled, encoding="utf-8")
    assert main(["validate", "--root", str(root), str(path)]) == 0
    assert main(["new", "ny-sluss", "--root", str(root)]) == 2  # never overwrites


@pytest.mark.parametrize("command", ["validate", "build", "new", "schema", "serve"])
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: ideslussar " + command in capsys.readouterr().out


def test_schema_and_field_tables_are_current() -> None:
    assert main(["schema", "--check", "--root", str(REPO)]) == 0


def test_every_case_file_names_the_schema() -> None:
    for path in (REPO / "municipalities").glob("*.yml"):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == "# yaml-language-server: $schema=../schema/case-study.schema.json", path


def test_invalid_build_leaves_the_site_untouched(tmp_path: Path) -> None:
    root = repo_copy(tmp_path)
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text("last good site", encoding="utf-8")
    write(root, "broken.yml", GOOD.replace("status: unknown", "status: nej"))
    assert main(["build", "--root", str(root), "--site-dir", str(site)]) == 1
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "last good site"
