"""Interface strings: the Swedish catalog is complete and current, templates hold no text that
bypasses gettext, and dates, numbers, money and lists follow the page's language."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file

from generator.reading import catalogs
from generator.reading.model import Month
from generator.site import i18n
from generator.tools import catalog

from .conftest import REPO

TEMPLATE_FILES = sorted((REPO / "generator" / "site" / "templates").glob("*.html"))
#: The theme's templates; `material-*.html` are Material's own, copied unchanged (their words
#: come from Material's translations).
THEME_FILES = sorted(path for path in (REPO / "generator" / "engine" / "theme").rglob("*.html")
                     if not path.name.startswith("material-"))
#: Words that may stand in a template outside gettext: front-matter keys and format names.
#: Front-matter keys (and the Open Graph type a case page declares), and two format names.
ALLOWED_WORDS = {"title", "description", "hide", "toc", "og", "type", "image", "alt", "article",
                 "published", "modified", "JSON", "CSV"}
STRIP_PATTERNS = (r"\{#.*?#\}", r"\{%.*?%\}", r"\{\{.*?\}\}", r"<!--.*?-->",
                  r"<(script|style)\b.*?</\1>", r"<[^>]*>", r"&#?\w+;")
NBSP = "\u00a0"


def run(*args: str, root: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "translations", *args,
                           "--root", str(root), "--lang", "en"],
                          capture_output=True, text=True, cwd=REPO, check=False)


def test_every_msgid_in_code_and_templates_is_in_the_catalog() -> None:
    """A fresh extraction, the committed template and the sv catalog hold the same msgids."""
    assert [problem.render(str) for problem in catalog.check_catalogs(REPO)] == []


def test_translations_check_command_passes_on_the_repository() -> None:
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert "complete and current" in result.stdout


def repo_copy(tmp_path: Path) -> Path:
    """What extraction and the catalogs need, copied so the tests can break them."""
    shutil.copytree(REPO / "generator", tmp_path / "generator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "translations", tmp_path / "translations")
    shutil.copy(REPO / "babel.cfg", tmp_path / "babel.cfg")
    return tmp_path


@pytest.mark.parametrize("breakage", ["fuzzy", "empty", "obsolete", "stale-template"])
def test_translations_check_fails_on_a_broken_catalog(tmp_path: Path, breakage: str) -> None:
    root = repo_copy(tmp_path)
    po = catalog.po_path(root, "sv", i18n.SITE_DOMAIN)
    sv = catalog.read_catalog(po, "sv")
    message = sv["Sources"]
    assert message is not None
    if breakage == "fuzzy":
        message.flags.add("fuzzy")
    elif breakage == "empty":
        message.string = ""
    elif breakage == "obsolete":
        sv.obsolete["An old string"] = type(message)("An old string", "En gammal text")
    if breakage == "stale-template":
        macros = root / "generator" / "site" / "templates" / "macros.html"
        macros.write_text(macros.read_text(encoding="utf-8")
                          + '{{ _("A string nobody extracted") }}\n', encoding="utf-8")
    else:
        catalog.write_catalog(sv, po)
    result = run("check", root=root)
    assert result.returncode == 1
    expected = {"fuzzy": "fuzzy", "empty": "empty", "obsolete": "obsolete",
                "stale-template": "A string nobody extracted"}[breakage]
    assert expected in result.stderr
    assert result.stderr.rstrip().endswith("1 problem in the catalogs")  # one, not "1 problems"
    if breakage in ("fuzzy", "empty"):  # placed as the build places a catalog's problems
        line = po.read_text(encoding="utf-8").splitlines().index('msgid "Sources"') + 1
        assert f"site.po:{line}:1: \"Sources\": " in result.stderr


def test_extract_and_update_add_a_new_string_without_fuzzy_matching(tmp_path: Path) -> None:
    """A msgid close to a translated one must arrive empty, not with a guessed translation."""
    root = repo_copy(tmp_path)
    macros = root / "generator" / "site" / "templates" / "macros.html"
    macros.write_text(macros.read_text(encoding="utf-8") + '{{ _("Sources!") }}\n',
                      encoding="utf-8")
    assert run("extract", root=root).returncode == 0
    assert run("update", root=root).returncode == 0
    sv = catalog.read_catalog(catalog.po_path(root, "sv", i18n.SITE_DOMAIN), "sv")
    new = sv["Sources!"]
    assert new is not None and new.string == "" and not new.fuzzy
    assert not list(root.rglob("*.mo")), "compiled catalogs are made in memory, never written"


def test_extract_and_update_of_unchanged_strings_leave_the_catalogs_as_they_are(
        tmp_path: Path) -> None:
    """Run again with no string changed, the commands leave every file byte for byte, dates
    included: a pull request shows only what a translator did."""
    root = repo_copy(tmp_path)
    files = sorted((root / "translations").rglob("*.po*"))
    before = {path: path.read_bytes() for path in files}
    assert run("extract", root=root).returncode == 0
    assert run("update", root=root).returncode == 0
    assert {path: path.read_bytes() for path in files} == before


@pytest.mark.parametrize(("text", "expected"), [
    ("[python: **.py\nfoo\n", "babel.cfg:1:1: this section header has no closing ]"),
    ("[python: **.py]\nfoo\n", "babel.cfg:2:1: this is not a valid mapping of files"),
    ("[python: a]\n[python: a]\n", "babel.cfg:2:1: this is not a valid mapping of files"),
    ("[python: a]\nextensions\n", "babel.cfg:2:1: this is not a valid mapping of files"),
    ("[nonsense: generator/**.py]\n", "babel.cfg:1:1: Babel has no extractor called nonsense; "
                                       "use one of: ignore, javascript, jinja2, python"),
    ("\udcff", "babel.cfg:1:1: the file cannot be read"),
    # A header without its "]" reads as an option of the section before: the templates
    # would lose every string of the files it was to map.
    ("[python: generator/**.py]\nencoding = utf-8\n[jinja2: generator/**.html\n",
     "babel.cfg:3:1: this section header has no closing ]"),
    ("# nothing mapped\n", "babel.cfg:1:1: the file maps no files to extractors"),
    # Options Babel or Jinja use only while extracting: an extension that is not installed,
    # an encoding Python does not know.
    ("[python: generator/**.py]\n[jinja2: generator/**.html]\nextensions = no.such.Ext\n",
     "babel.cfg:1:1: extracting with these options failed: No module named 'no'"),
    ("[python: generator/**.py]\nencoding = latin-99\n",
     "babel.cfg:1:1: extracting with these options failed: unknown encoding: latin-99"),
    (None, "babel.cfg:1:1: the file cannot be read: No such file or directory"),
])
def test_a_broken_babel_cfg_is_told_with_its_line(tmp_path: Path, text: str | None,
                                                  expected: str) -> None:
    """Extraction's mapping file, broken, gives its line and how to put it right, not
    configparser's traceback; the templates are left as they were."""
    root = repo_copy(tmp_path)
    mapping = root / "babel.cfg"
    if text is None:
        mapping.unlink()
    else:
        mapping.write_bytes(text.encode("utf-8", "surrogateescape"))
    pot = catalog.template_path(root, i18n.SITE_DOMAIN)
    before = pot.read_bytes()
    for command in ("extract", "check"):
        result = run(command, root=root)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith(expected), result.stderr
    assert pot.read_bytes() == before


def jinja_literals(source: str) -> set[str]:
    """String literals inside Jinja tags and expressions that read as words (two or more)."""
    found: set[str] = set()
    for block in re.findall(r"\{\{.*?\}\}|\{%.*?%\}", source, flags=re.S):
        for _, literal in re.findall(r"""(["'])((?:(?!\1).)*)\1""", block):
            words = [word for word in literal.split() if re.search(r"[^\W\d_]{2,}", word)]
            if len(words) >= 2:
                found.add(literal)
    return found


def extracted(path: Path) -> set[str]:
    """The msgids Babel's Jinja extractor finds in a template."""
    ids: set[str] = set()
    for _line, message, _comments, _context in extract_from_file(
            "jinja2", str(path), options={"extensions": "jinja2.ext.i18n"}):
        ids.update([message] if isinstance(message, str) else [m for m in message if m])
    return ids


@pytest.mark.parametrize("path", TEMPLATE_FILES + THEME_FILES,
                         ids=lambda p: p.relative_to(REPO).as_posix())
def test_template_shows_no_text_that_bypasses_gettext(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    text = source
    for pattern in STRIP_PATTERNS:
        text = re.sub(pattern, " ", text, flags=re.S)
    words = set(re.findall(r"[^\W\d_]+", text)) - ALLOWED_WORDS
    assert not words, f"literal text outside gettext: {sorted(words)}"
    untranslated = jinja_literals(source) - extracted(path)
    assert not untranslated, f"string literals shown without gettext: {sorted(untranslated)}"


def test_theme_strings_come_from_the_catalog() -> None:
    """The theme's own words reach it through config.extra.ideslussar.strings, in gettext:
    the English build gets msgids of the catalog, the Swedish build their translations."""
    from generator.engine.mkdocs_build import language_config

    def strings(lang: str) -> dict[str, str]:
        config = language_config({"theme": {"name": "material"}}, lang, REPO / "d", REPO / "s",
                                 "https://example.org/")
        found: dict[str, str] = config["extra"]["ideslussar"]["strings"]
        return found

    english, swedish = strings("en"), strings("sv")
    assert english and english.keys() == swedish.keys()
    sv = catalog.read_catalog(catalog.po_path(REPO, "sv", i18n.SITE_DOMAIN), "sv")
    for key, msgid in english.items():
        message = sv[msgid]
        assert message is not None, f"{key}: {msgid!r} is not in the catalog"
        assert swedish[key] == message.string != msgid


def test_swedish_dates() -> None:
    assert i18n.format_day(datetime.date(2016, 11, 7), "sv") == "7 november 2016"
    assert i18n.format_day(datetime.date(2016, 11, 7), "en") == "7 November 2016"
    assert i18n.format_month(Month(2016, 11), "sv") == "november 2016"
    assert i18n.format_month(Month(2016, 11), "en") == "November 2016"
    assert i18n.format_month(Month(2019, None), "sv") == "2019"


def test_swedish_numbers_group_with_a_no_break_space() -> None:
    assert i18n.format_number(4000000, "sv") == f"4{NBSP}000{NBSP}000"
    assert i18n.format_number(4000000, "en") == "4,000,000"


def test_money_in_each_languages_form() -> None:
    assert i18n.format_sek(4000000, "sv") == f"4{NBSP}000{NBSP}000{NBSP}kr"
    assert i18n.format_sek(4000000, "en") == f"SEK{NBSP}4,000,000"


def test_lists_joined_in_the_page_language() -> None:
    assert i18n.format_names(["Piteå", "Skellefteå"], "sv") == "Piteå och Skellefteå"
    assert i18n.format_names(["Piteå", "Skellefteå"], "en") == "Piteå and Skellefteå"
    assert i18n.format_names(["Lerum", "Alingsås", "Borås"], "sv") == "Lerum, Alingsås och Borås"
    assert i18n.format_names(["Lerum", "Alingsås", "Borås"], "en") == "Lerum, Alingsås and Borås"
    assert i18n.format_names([], "sv") == ""


def test_built_swedish_page_formats_money_and_lists(mini_site: Path) -> None:
    html = (mini_site / "ideslussar" / "pitea-test.html").read_text(encoding="utf-8")
    assert f"3{NBSP}573{NBSP}324{NBSP}kr" in html
    assert "november 2016" in html
    english = (mini_site / "en" / "ideslussar" / "pitea-test.html").read_text(encoding="utf-8")
    assert f"SEK{NBSP}3,573,324" in english
    assert "November 2016" in english


def test_english_catalogs_hold_only_wording_fixes() -> None:
    """English is the msgid language: its catalogs exist for rewording, empty otherwise."""
    assert i18n.SOURCE_LANGUAGE == "en"
    assert catalog.CATALOG_LANGUAGES == ("sv",)
    templates = catalog.extract(REPO)
    assert set(templates) == {"site", "cli"} and isinstance(templates["site"], Catalog)
    for domain in i18n.DOMAINS:
        english = catalog.read_catalog(catalog.po_path(REPO, "en", domain), "en")
        assert [m.id for m in english if m.id and any(catalogs.strings_of(m))] == []


def test_site_and_command_line_strings_are_in_separate_domains() -> None:
    site = catalog.read_catalog(catalog.template_path(REPO, i18n.SITE_DOMAIN))
    cli = catalog.read_catalog(catalog.template_path(REPO, i18n.CLI_DOMAIN))
    assert site["Sources"] is not None and cli["Sources"] is None
    assert cli["{count} case file is valid"] is not None
    assert site["{count} case file is valid"] is None
    assert all(location.startswith("generator/") and line is None
               for message in site for location, line in message.locations)
    assert any("translations status" in " ".join(m.auto_comments) for m in cli)


def test_an_english_wording_fix_keeps_the_swedish_translation(tmp_path: Path) -> None:
    """Rewording "Sources" in the English catalog changes the English page only."""
    root = repo_copy(tmp_path)
    path = catalog.po_path(root, "en", i18n.SITE_DOMAIN)
    english = catalog.read_catalog(path, "en")
    english["Sources"].string = "Where the facts come from"
    catalog.write_catalog(english, path)
    assert run("check", root=root).returncode == 0
    code = ("from generator.site import i18n; from pathlib import Path; "
            f"i18n.TRANSLATIONS_DIR = Path({str(root / 'translations')!r}); "
            "print(i18n.site_translations('en').gettext('Sources')); "
            "print(i18n.site_translations('sv').gettext('Sources'))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           cwd=REPO, check=True).stdout.split("\n")
    assert shown[:2] == ["Where the facts come from", "Källor"]
