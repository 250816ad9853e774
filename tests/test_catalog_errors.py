"""A translator's mistake in a catalog (.po) is an error with file, line, msgid and the fix, in
English and Swedish, from the build and from `translations check`; never a traceback in the
middle of rendering, and never a crash of the messages that tell editors what is wrong.

None of these builds a site: the build refuses a broken catalog before it renders anything."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Message, TranslationError
from babel.messages.checkers import python_format

from generator.reading.catalogs import read_catalog_file
from generator.reading.placeholders import brace_problems, percent_problems
from generator.site import i18n
from generator.tools import catalog
from generator.tools.cli import main

from .conftest import REPO, catalogs_at, copy_repo_content

SITE_PO = "translations/sv/LC_MESSAGES/site.po"
CLI_PO = "translations/sv/LC_MESSAGES/cli.po"


def edited(root: Path, name: str, old: str, new: str) -> int:
    """Replace `old` (once, exactly) in a copied catalog; the line it is on."""
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


@pytest.fixture
def catalogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the catalogs, which the build and the commands use while a test runs."""
    root = tmp_path / "repo"
    shutil.copytree(REPO / "translations", root / "translations")
    with catalogs_at(root / "translations", monkeypatch):
        yield root


def problems_in(root: Path, name: str, lang: str = "sv") -> list[str]:
    checked = read_catalog_file(root / name, lang, name)
    return [problem.render(str) for problem in checked.problems]


def test_a_changed_conversion_is_refused_at_the_msgstr_line(catalogs: Path) -> None:
    """The known defect: `%(num)s` -> `%(num)d` gave `ValueError: invalid literal for int()`
    in the middle of the build, and passed `translations check`."""
    line = edited(catalogs, SITE_PO, 'msgstr[0] "%(county)s: %(num)s idésluss"',
                  'msgstr[0] "%(county)s: %(num)d idésluss"')
    assert problems_in(catalogs, SITE_PO) == [
        f'{SITE_PO}:{line}:1: "%(county)s: %(num)s idea sluice": the translation writes '
        "%(num)d where the msgid has %(num)s; write each placeholder as the msgid has it: "
        "%(county)s, %(num)s"]


def test_an_unclosed_placeholder_is_refused(catalogs: Path) -> None:
    """`%(county` gave `ValueError: incomplete format key` in the build; Babel's checker does
    not see it (its pattern matches no placeholder there), formatting it as the code does
    does."""
    line = edited(catalogs, SITE_PO, 'msgstr "Idéslussar i %(county)s."',
                  'msgstr "Idéslussar i %(county."')
    assert problems_in(catalogs, SITE_PO) == [
        f'{SITE_PO}:{line}:1: "Idea sluices in %(county)s.": the translation has a per cent '
        'sign that starts no placeholder: "%(county."; write each placeholder as the msgid '
        "has it: %(county)s"]


@pytest.mark.parametrize(("msgstr", "problem"), [
    ("%(num)d idésluss", None),
    ("%(num)i idésluss", None),  # Babel counts i and d as one
    ("en idésluss", None),  # a form may leave a name out
    ("%(num)s idésluss", "writes %(num)s where the msgid has %(num)d"),
    ("%(antal)d idésluss", "has the placeholder %(antal)d, which the msgid does not have"),
    ("%d idésluss", "has the placeholder %d, which the msgid does not have"),
    ("%(num)d idésluss, 100 %", 'a per cent sign that starts no placeholder: "%"'),
    ("%(num)d idésluss, 100 %%", None),
])
def test_percent_rules_agree_with_babels_checker(msgstr: str, problem: str | None) -> None:
    """Wherever Babel's `python_format` checker refuses a msgstr, so does the check (and the
    check also finds what formatting would fail on)."""
    msgid = ("%(num)d idea sluice", "%(num)d idea sluices")
    found = [text.format(**params) for text, _, params in percent_problems(msgid, msgstr)]
    try:
        python_format(None, Message(msgid, (msgstr, msgstr), flags={"python-format"}))
        babel_refuses = False
    except TranslationError:
        babel_refuses = True
    assert not babel_refuses or found
    assert [problem] == [None] if not found else problem and problem in found[0], found


def test_a_translation_may_put_named_placeholders_in_another_order() -> None:
    """Swedish word order often differs: named placeholders may move, in either style."""
    assert percent_problems(("%(county)s: %(num)s idea sluice",),
                            "%(num)s idésluss i %(county)s") == []
    assert brace_problems(("{file}: {count} strings",), "{count} texter i {file}") == []


@pytest.mark.parametrize(("msgstr", "problem"), [
    ("{count problem hittades", "a brace that opens or closes no placeholder"),
    ("{0} problem hittades", "has the placeholder {0}, which the msgid does not have"),
    ("{count:d} problem hittades", "writes {count:d} where the msgid has {count}"),
    ("{antal} problem hittades", "has the placeholder {antal}, which the msgid does not have"),
])
def test_a_broken_brace_placeholder_is_refused_and_left_out(catalogs: Path, msgstr: str,
                                                             problem: str) -> None:
    """The commands' messages are `str.format`ted: the check refuses the entry, and the
    compiled catalog leaves it out, so the message prints in English instead of a traceback."""
    line = edited(catalogs, CLI_PO, 'msgstr[0] "{count} problem hittades"',
                  f'msgstr[0] "{msgstr}"')
    found = problems_in(catalogs, CLI_PO)
    assert len(found) == 1 and found[0].startswith(
        f'{CLI_PO}:{line}:1: "{{count}} problem found": the translation ')
    assert problem in found[0]
    assert found[0].endswith("; write each placeholder as the msgid has it: {count}")
    shown = i18n.cli_translations("sv").ngettext("{count} problem found",
                                                 "{count} problems found", 1)
    assert shown.format(count=1) == "1 problem found"


@pytest.mark.parametrize(("old", "new", "problem"), [
    ("plural=(n != 1);", "plural=(n != 1;",
     "the plural formula cannot be evaluated: unbalanced parenthesis in plural form; write "
     "the header as Babel has it for the language: Plural-Forms: nplurals=2; plural=(n != 1);"),
    ("nplurals=2", "nplurals=1",
     "the header says nplurals=1, but the language has 2 plural forms; write the header as "
     "Babel has it for the language: Plural-Forms: nplurals=2; plural=(n != 1);"),
    ('msgid "Sources"', "msgid Sources", "this line is not valid in a PO file: msgid Sources"),
    ('msgstr "Källor"', 'msgstr "Källor', 'this line is not valid in a PO file: msgstr "Källor'),
    ('msgstr "Källor"', 'msgstr "Käl\x00lor"',
     "this line has an invisible control character (U+0000)"),
    ('msgstr "Källor"', 'msgstr "Källor"\n\nmsgid "Sources"\nmsgstr "Källorna"',
     "this entry is also on line"),
])
def test_a_broken_file_or_header_is_refused_at_its_line(catalogs: Path, old: str, new: str,
                                                        problem: str) -> None:
    line = edited(catalogs, SITE_PO, old, new)
    found = problems_in(catalogs, SITE_PO)
    assert len(found) == 1 and problem in found[0], found
    if "also on line" in problem:
        assert found[0].startswith(f"{SITE_PO}:{line + 2}:1: ") and f"line {line - 1}" in found[0]
    elif "Plural-Forms" not in problem and "plural forms" not in problem:
        assert found[0].startswith(f"{SITE_PO}:{line}:")


def test_a_catalog_not_in_utf8_is_refused(catalogs: Path) -> None:
    path = catalogs / SITE_PO
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    assert problems_in(catalogs, SITE_PO) == [
        f'{SITE_PO}:1:1: the catalog is not saved as UTF-8; save it as UTF-8, with '
        '"charset=UTF-8" in its header']


def test_build_refuses_a_broken_catalog_before_writing(
        catalogs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`ideslussar build` lists the catalog's problem with the content's, in the editor's
    language, exits 1, and leaves site/ as it was."""
    line = edited(catalogs, SITE_PO, 'msgstr[0] "%(county)s: %(num)s idésluss"',
                  'msgstr[0] "%(county)s: %(num)d idésluss"')
    root = copy_repo_content(tmp_path / "content-repo")
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site", encoding="utf-8")
    assert main(["build", "--root", str(root), "--site-dir", str(site), "--lang", "sv"]) == 1
    errors = capsys.readouterr().err
    assert (f'{SITE_PO}:{line}:1: "%(county)s: %(num)s idea sluice": översättningen skriver '
            "%(num)d där msgid har %(num)s; skriv varje platshållare som msgid har den: "
            "%(county)s, %(num)s") in errors
    assert "Traceback" not in errors
    assert [path.name for path in site.iterdir()] == ["index.html"]


def test_translations_check_names_file_line_and_msgid(
        catalogs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same check in `ideslussar translations check`, which passed the catalog before."""
    line = edited(catalogs, SITE_PO, 'msgstr[0] "%(county)s: %(num)s idésluss"',
                  'msgstr[0] "%(county)s: %(num)d idésluss"')
    problems = catalog.domain_problems(catalogs, i18n.SITE_DOMAIN,
                                       catalog.read_catalog(catalog.template_path(
                                           REPO, i18n.SITE_DOMAIN)))
    assert [problem.render(str) for problem in problems] == [
        f'{SITE_PO}:{line}:1: "%(county)s: %(num)s idea sluice": the translation writes '
        "%(num)d where the msgid has %(num)s; write each placeholder as the msgid has it: "
        "%(county)s, %(num)s"]


def test_update_refuses_a_catalog_it_cannot_read_and_writes_nothing(
        catalogs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`translations update` on a UTF-16 catalog was a traceback; on a line Babel mangles
    it would have rewritten the catalog with the mangled text."""
    path = catalogs / SITE_PO
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    cli = catalogs / CLI_PO
    line = edited(catalogs, CLI_PO, 'msgstr[0] "{count} problem hittades"',
                  "msgstr[0] {count} problem hittades")
    before = {name: (catalogs / name).read_bytes() for name in (SITE_PO, CLI_PO)}
    assert main(["translations", "update", "--root", str(catalogs), "--lang", "en"]) == 1
    errors = capsys.readouterr().err
    assert f"{SITE_PO}:1:1: the catalog is not saved as UTF-8" in errors
    assert f"{CLI_PO}:{line}:1: this line is not valid in a PO file" in errors
    assert {name: (catalogs / name).read_bytes() for name in (SITE_PO, CLI_PO)} == before
    assert cli.is_file()


def test_update_with_a_relative_root_reads_the_catalogs_as_they_are(
        catalogs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`ideslussar translations update` run in the repository (`--root .`) must not take the
    catalogs for links (a relative path is not its resolved self)."""
    monkeypatch.chdir(catalogs)
    assert main(["translations", "update", "--root", ".", "--lang", "en"]) == 0
