"""The languages come from one table (generator/data/languages.yml), and a language the table
does not know is an error, never another language's text under its name.

The end-to-end test adds a third language the way docs/DEVELOPING.md says (a row in the
table, its theme names, a catalog, its content pages, then `translations add-language` over
the case files) to a copy of the package and the mini fixture, and builds: the third
language's pages show each case text as not yet translated, with the Swedish original marked
as Swedish, and none of the English translation.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.reading.languages import (
    LANGUAGES,
    ORIGINAL_LANGUAGE,
    TABLE,
    UnknownLanguageError,
    language,
)
from generator.reading.model import Text
from generator.site import i18n
from generator.tools.add_language import add_language

from .conftest import FIXTURES, REPO


def test_the_table_gives_every_language_every_column() -> None:
    assert LANGUAGES == ("sv", "en") and ORIGINAL_LANGUAGE == "sv"
    assert TABLE["en"].root == "en/" and TABLE["sv"].root == ""
    assert i18n.format_sek(4000000, "sv") == "4\u00a0000\u00a0000\u00a0kr"
    assert i18n.format_sek(4000000, "en") == "SEK\u00a04,000,000"


def test_an_unknown_language_is_an_error_not_english() -> None:
    text = Text(sv="Idésluss", en="Idea sluice")
    assert text["en"] == "Idea sluice" and text.get("sv") == "Idésluss" and dict(text) == {
        "sv": "Idésluss", "en": "Idea sluice"}
    for attempt in (lambda: text.get("fi"), lambda: text["fi"], lambda: language("fi"),
                    lambda: i18n.format_sek(1, "fi"),
                    lambda: Text(sv="x", fi="y")):
        with pytest.raises(UnknownLanguageError, match=r"generator/data/languages\.yml"):
            attempt()
    with pytest.raises(ValueError, match="original"):
        Text(en="only English")


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m generator ...` with the package copy in `root` importable first."""
    env = {**os.environ, "PYTHONPATH": str(root), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTHONUNBUFFERED", None)  # output into a pipe is buffered, as an editor's is
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=root, env=env,
                          capture_output=True, text=True, check=False)


def test_add_language_refuses_a_language_the_table_does_not_have(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "mini", tmp_path / "repo")
    before = (tmp_path / "repo" / "municipalities" / "pitea-test.yml").read_bytes()
    done = run(REPO, "translations", "add-language", "fi", "--root", str(tmp_path / "repo"),
               "--lang", "en")
    assert done.returncode == 1
    assert '"fi" is not a translated language of the site' in done.stderr
    assert "generator/data/languages.yml" in done.stderr
    assert (tmp_path / "repo" / "municipalities" / "pitea-test.yml").read_bytes() == before


FINNISH = """fi:
  root: fi/
  locale: fi_FI
  og_locale: fi_FI
  search: fi
  stemmer: finnish
  name: Finnish
  name_sv: finska
  label: Suomi
  money: "{number}\\u00a0kr"
  csv_separator: ";"
  eu_language: FIN
  month: LLLL y
  day: long
  msgids: false
  sort_letters:
    å: "{"
    ä: "|"
    ö: "}"
"""


def with_finnish(tmp_path: Path) -> Path:
    """A copy of the package, its catalogs and the mini fixture, with Finnish added as
    docs/DEVELOPING.md says: the table, the theme names, a catalog, the content pages."""
    shutil.copytree(REPO / "generator", tmp_path / "generator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "translations", tmp_path / "translations")
    shutil.copytree(FIXTURES / "mini", tmp_path / "repo")
    shutil.copy2(REPO / "mkdocs.yml", tmp_path / "repo" / "mkdocs.yml")
    data = tmp_path / "generator" / "data"
    with (data / "languages.yml").open("a", encoding="utf-8") as table:
        table.write(FINNISH)
    themes = (data / "themes.yml").read_text(encoding="utf-8")
    (data / "themes.yml").write_text(re.sub(r"^(  en: .*)$", r"\1\n  fi: Teema (fixture)",
                                            themes, flags=re.MULTILINE), encoding="utf-8")
    catalogs = tmp_path / "translations"
    shutil.copytree(catalogs / "sv", catalogs / "fi")  # a fixture: the Swedish strings
    shutil.copytree(tmp_path / "repo" / "content" / "sv", tmp_path / "repo" / "content" / "fi")
    return tmp_path


def test_a_language_whose_themes_are_not_named_is_a_clear_error(tmp_path: Path) -> None:
    root = with_finnish(tmp_path)
    shutil.copy2(REPO / "generator" / "data" / "themes.yml",
                 root / "generator" / "data" / "themes.yml")
    done = run(root, "validate", "--root", str(root / "repo"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "generator/data/themes.yml: the theme idea-coaching must be named in sv, en, fi" \
        in done.stderr


def test_a_row_missing_from_the_table_is_a_clear_error(tmp_path: Path) -> None:
    root = with_finnish(tmp_path)
    table = root / "generator" / "data" / "languages.yml"
    table.write_text(table.read_text(encoding="utf-8").replace("  label: Suomi\n", ""),
                     encoding="utf-8")
    done = run(root, "validate", "--root", str(root / "repo"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "generator/data/languages.yml: fi must give exactly root, locale" in done.stderr


def test_a_third_language_shows_the_swedish_original_as_not_yet_translated(tmp_path: Path
                                                                          ) -> None:
    root = with_finnish(tmp_path)
    repo = root / "repo"
    before = run(root, "validate", "--root", str(repo), "--lang", "en")
    assert before.returncode == 1 and "name.fi: the Finnish text is missing" in before.stderr

    added = run(root, "translations", "add-language", "fi", "--root", str(repo), "--lang", "en")
    assert added.returncode == 0, added.stderr
    assert "fi: ~ added to 2 case files" in added.stdout
    case_file = (repo / "municipalities" / "pitea-test.yml").read_text(encoding="utf-8")
    assert "  en: The test sluice in Piteå & Skellefteå\n  fi: ~\n" in case_file

    built = run(root, "build", "--root", str(repo), "--site-dir", str(repo / "site"))
    assert built.returncode == 0, built.stderr
    # The command ends without the interpreter's clean-up (`__main__.leave`): what it
    # printed into the pipe is out all the same.
    assert built.stdout.startswith(f"Built {repo / 'site'}: pages ") and "fi" in built.stdout
    page = (repo / "site" / "fi" / "ideslussar" / "pitea-test.html").read_text(encoding="utf-8")
    assert '<html lang="fi"' in page
    assert '<span lang="sv">Testslussen i Piteå &amp; Skellefteå</span>' in page
    assert page.count("ides-notice--missing") >= 4  # name, summary, sections, example ...
    assert "The test sluice" not in page and "Safer tunnels" not in page  # no English
    english = (repo / "site" / "en" / "ideslussar" / "pitea-test.html").read_text(
        encoding="utf-8")
    assert "The test sluice in Piteå" in english  # English pages are as they were
    assert 'hreflang="fi"' in english  # and link the Finnish page


def test_add_language_reaches_the_texts_inside_lists_of_groups() -> None:
    """A disagreement's subject and each source's value are texts too (issue 12's fields):
    without `fi: ~` there the case file would not validate once Finnish is in the table."""
    case = ("disagreements:\n"
            "  - about:\n"
            "      sv: Vad som hände\n"
            "      en: What happened\n"
            "    claims:\n"
            "      - value: {sv: Kommunen driver den, en: The municipality runs it}\n"
            "        source: https://example.org/a\n"
            "      - value:\n"
            "          sv: Projektet lades ned  # enligt tidningen\n"
            "          en: The project was closed\n"
            "        source: https://example.org/b\n")
    added = add_language(case, "fi")
    data = yaml.safe_load(added)["disagreements"][0]
    assert data["about"] == {"sv": "Vad som hände", "en": "What happened", "fi": None}
    assert [claim["value"]["fi"] for claim in data["claims"]] == [None, None]
    assert "# enligt tidningen" in added and add_language(added, "fi") == added
