"""Case-study translations: status per field, review, PO export and import, and what readers
see on the built pages. Everything runs on copies of the fixture cases in tmp_path."""

from __future__ import annotations

import difflib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po, write_po

from generator.reading.translation import fingerprint

from .conftest import FIXTURES, REPO, build

PARTLY_TRANSLATED = """\
# A fixture case whose English is partly missing. Not real content.
name:
  sv: Den oöversatta slussen
  en: ~
organisation:
  sv: Sollentuna kommun   # the municipality runs it
  en: ~
municipalities: ["0163"]
status: ongoing
call: development-2016
themes: [idea-coaching]
summary:
  sv: En sluss vars engelska delvis saknas.
  en: A sluice whose English is partly missing.
examples:
  - sv: Ett exempel
    en: ~
  - sv: Ett annat exempel
    en: Another example

# The source is made up.
sources:
  - https://example.org/ooversatt
"""
CHANGED_SENTENCE = ("Andra stycket.", "Andra stycket, nu med en ändrad mening.")


def ideslussar(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the command as an editor would, in the repository-shaped folder `root`."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=root,
                          capture_output=True, text=True, check=False,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO),
                               "LANG": "C.UTF-8"})


def fixture_copy(root: Path) -> Path:
    """The mini fixture plus a partly translated case, in a folder of its own."""
    shutil.copytree(FIXTURES / "mini", root, dirs_exist_ok=True)
    (root / "municipalities" / "ooversatt-test.yml").write_text(PARTLY_TRANSLATED,
                                                                 encoding="utf-8")
    return root


def status(root: Path, *files: str) -> dict[str, object]:
    result = ideslussar(root, "translations", "status", "--json", *files)
    assert result.returncode == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def states(root: Path, *files: str) -> dict[tuple[str, str], tuple[str, str | None]]:
    fields = status(root, *files)["fields"]
    assert isinstance(fields, list)
    return {(f["case"], f["field"]): (f["state"], f["method"]) for f in fields
            if f["case"] != "content"}  # the hand-written pages: tests/test_editor_messages.py


def case_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in (root / "municipalities").glob("*.yml"))


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    return fixture_copy(tmp_path)


# -- status ----------------------------------------------------------------------------------


def test_status_names_every_field_missing_or_outdated_before_any_review(cases: Path) -> None:
    found = states(cases)
    assert found[("pitea-test", "how")] == ("missing", None)
    assert found[("pitea-test", "what")] == ("outdated", None)  # no record: origin unknown
    assert found[("pitea-test", "image.alt")] == ("missing", None)
    assert found[("ooversatt-test", "name")] == ("missing", None)
    assert found[("ooversatt-test", "examples.1")] == ("outdated", None)
    assert {state for state, _ in found.values()} == {"missing", "outdated"}
    totals = status(cases)["totals"]
    pages = 3  # the fixture's hand-written pages, recorded in content/translation.yml
    assert totals == {"current": pages, "outdated": len(found) - 5, "missing": 5}


def test_status_table_is_readable_and_strict_fails_on_work_left(cases: Path) -> None:
    result = ideslussar(cases, "translations", "status", "--strict")
    assert result.returncode == 1
    header = result.stdout.splitlines()[0].split()
    assert header == ["case", "field", "lang", "state", "method"]
    assert re.search(r"^pitea-test\s+how\s+en\s+missing\s+–$", result.stdout, re.MULTILINE)
    swedish = ideslussar(cases, "translations", "status", "--lang", "sv")
    assert swedish.stdout.splitlines()[0].split() == ["fall", "fält", "språk", "läge", "metod"]
    assert ideslussar(cases, "translations", "status").returncode == 0


# -- review ----------------------------------------------------------------------------------


def test_review_records_fingerprints_and_keeps_everything_else(cases: Path) -> None:
    partly = cases / "municipalities" / "ooversatt-test.yml"
    pitea = cases / "municipalities" / "pitea-test.yml"
    before = {path: path.read_text(encoding="utf-8") for path in (partly, pitea)}
    result = ideslussar(cases, "translations", "review", "--method", "machine",
                        *case_files(cases))
    assert result.returncode == 0, result.stderr
    assert "not translated, so not reviewed: name, organisation, examples.0" in result.stderr
    for path, old in before.items():
        new = path.read_text(encoding="utf-8")
        removed = [line for line in difflib.ndiff(old.splitlines(), new.splitlines())
                   if line.startswith("- ")]
        assert removed == [], f"{path.name} lost lines"
    assert partly.read_text(encoding="utf-8").startswith(before[partly])
    data = yaml.safe_load(partly.read_text(encoding="utf-8"))
    assert data["translation"] == {"en": {
        "summary": {"method": "machine", "reviewed": True,
                    "source": fingerprint("En sluss vars engelska delvis saknas."),
                    "target": fingerprint("A sluice whose English is partly missing.")},
        "examples.1": {"method": "machine", "reviewed": True,
                       "source": fingerprint("Ett annat exempel"),
                       "target": fingerprint("Another example")}}}
    assert ideslussar(cases, "validate").returncode == 0
    found = states(cases)
    assert {state for state, _ in found.values()} == {"current", "missing"}
    assert found[("pitea-test", "summary")] == ("current", "machine")


def test_review_of_one_field_by_a_person(cases: Path) -> None:
    result = ideslussar(cases, "translations", "review", "municipalities/noll-test.yml",
                        "--field", "summary", "--method", "human")
    assert result.returncode == 0, result.stderr
    assert "1 fields recorded as reviewed (1 records changed): summary" in result.stdout
    found = states(cases, "municipalities/noll-test.yml")
    assert found[("noll-test", "summary")] == ("current", "human")
    assert found[("noll-test", "name")] == ("outdated", None)  # untouched: still unrecorded
    strict = ideslussar(cases, "translations", "status", "--strict",
                        "municipalities/noll-test.yml")
    assert strict.returncode == 1
    ideslussar(cases, "translations", "review", "municipalities/noll-test.yml")
    strict = ideslussar(cases, "translations", "status", "--strict",
                        "municipalities/noll-test.yml")
    assert strict.returncode == 0, strict.stdout


def test_review_refuses_an_unknown_field_and_leaves_the_file(cases: Path) -> None:
    path = cases / "municipalities" / "noll-test.yml"
    before = path.read_bytes()
    result = ideslussar(cases, "translations", "review", "municipalities/noll-test.yml",
                        "--field", "summry")
    assert result.returncode == 1
    assert "no such translatable field: summry" in result.stderr
    assert path.read_bytes() == before


def test_review_keeps_windows_line_ends_and_a_flow_style_block(cases: Path) -> None:
    path = cases / "municipalities" / "noll-test.yml"
    text = path.read_text(encoding="utf-8") + "translation: {en: {}}\n"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert ideslussar(cases, "translations", "review", "municipalities/noll-test.yml"
                      ).returncode == 0
    data = path.read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    record = yaml.safe_load(data.decode("utf-8"))["translation"]["en"]
    assert set(record) == {"name", "organisation", "summary"}
    assert {field["method"] for field in record.values()} == {"human"}


# -- the acceptance test -----------------------------------------------------------------------


def outdated_notices(html: str) -> list[str]:
    return re.findall(r'class="ides-notice ides-notice--outdated"[^>]*data-field="([^"]+)"',
                      html)


def test_changing_one_swedish_sentence_flags_exactly_that_field(cases: Path) -> None:
    assert ideslussar(cases, "translations", "review", "--method", "machine",
                      *case_files(cases)).returncode == 0
    path = cases / "municipalities" / "pitea-test.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(CHANGED_SENTENCE[0]) == 1
    path.write_text(text.replace(*CHANGED_SENTENCE), encoding="utf-8")

    outdated = [key for key, (state, _) in states(cases).items() if state == "outdated"]
    assert outdated == [("pitea-test", "what")]
    strict = ideslussar(cases, "translations", "status", "--strict")
    assert strict.returncode == 1
    assert re.search(r"^pitea-test\s+what\s+en\s+outdated\s+machine, reviewed$", strict.stdout,
                     re.MULTILINE)

    site = cases / "site"
    build(cases, site)
    english = (site / "en" / "ideslussar" / "pitea-test.html").read_text(encoding="utf-8")
    assert outdated_notices(english) == ["what"]
    for other in ("noll-test", "ooversatt-test"):
        page = (site / "en" / "ideslussar" / f"{other}.html").read_text(encoding="utf-8")
        assert outdated_notices(page) == []
    swedish = (site / "ideslussar" / "pitea-test.html").read_text(encoding="utf-8")
    assert "ides-notice" not in swedish
    assert CHANGED_SENTENCE[1] in swedish


# -- what readers see ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def partly_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = fixture_copy(tmp_path_factory.mktemp("partly"))
    assert ideslussar(root, "translations", "review", "--method", "machine",
                      *case_files(root)).returncode == 0
    site = root / "site"
    build(root, site)
    return site


def notice_of(html: str, field: str, kind: str) -> bool:
    return bool(re.search(rf'class="ides-notice ides-notice--{kind}"[^>]*data-field="'
                          rf'{re.escape(field)}"', html))


def test_untranslated_name_organisation_and_example_are_swedish_with_a_notice(
        partly_site: Path) -> None:
    html = (partly_site / "en" / "ideslussar" / "ooversatt-test.html").read_text(
        encoding="utf-8")
    assert re.search(r'<h1 id="ooversatt-test"><span lang="sv">Den oöversatta slussen</span>',
                     html)
    assert '<span lang="sv">Sollentuna kommun</span>' in html
    assert '<span lang="sv">Ett exempel</span>' in html
    for field in ("name", "organisation", "examples.0"):
        assert notice_of(html, field, "missing"), field
    assert not notice_of(html, "examples.1", "missing")
    assert "not yet translated; shown in Swedish" in html
    assert "This text was machine-translated from Swedish" in html


def test_untranslated_section_is_marked_swedish_with_a_notice(partly_site: Path) -> None:
    html = (partly_site / "en" / "ideslussar" / "pitea-test.html").read_text(encoding="utf-8")
    assert re.search(r'<div lang="sv">\s*<p>Hur den fungerar\.</p>', html)
    assert notice_of(html, "how", "missing")
    assert outdated_notices(html) == []


def test_overview_and_cards_say_what_is_machine_translated_or_missing(
        partly_site: Path) -> None:
    overview = (partly_site / "en" / "ideslussar" / "index.html").read_text(encoding="utf-8")
    assert "were machine-translated from Swedish" in overview
    assert notice_of(overview, "name", "missing")
    assert '<span lang="sv">Den oöversatta slussen</span>' in overview
    theme = (partly_site / "en" / "teman" / "idea-coaching.html").read_text(encoding="utf-8")
    assert notice_of(theme, "name", "missing")
    assert notice_of(theme, "summary", "machine")
    swedish = (partly_site / "ideslussar" / "index.html").read_text(encoding="utf-8")
    assert "ides-notice" not in swedish


# -- PO export and import --------------------------------------------------------------------


def read_catalog(path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as handle:
        return read_po(handle)


def test_po_round_trip(cases: Path) -> None:
    assert ideslussar(cases, "translations", "review", "--method", "machine",
                      *case_files(cases)).returncode == 0
    pitea = cases / "municipalities" / "pitea-test.yml"
    pitea.write_text(pitea.read_text(encoding="utf-8").replace(*CHANGED_SENTENCE),
                     encoding="utf-8")
    po_file = cases / "en.po"
    result = ideslussar(cases, "translations", "export", "--lang", "en", "-o", str(po_file))
    assert result.returncode == 0, result.stderr
    exported = read_catalog(po_file)
    what = exported.get(next(m.id for m in exported if m.context == "pitea-test:what"),
                        context="pitea-test:what")
    assert what.fuzzy and CHANGED_SENTENCE[1] in what.id
    assert what.string.startswith("What it is, with a [link](https://example.org/).")
    assert ("municipalities/pitea-test.yml", 22) in what.locations
    how = next(m for m in exported if m.context == "pitea-test:how")
    assert how.string == "" and not how.fuzzy and how.id == "Hur den fungerar."
    name = next(m for m in exported if m.context == "ooversatt-test:name")
    assert name.string == "" and name.locations == [("municipalities/ooversatt-test.yml", 3)]
    summary = next(m for m in exported if m.context == "ooversatt-test:summary")
    assert not summary.fuzzy and summary.string == "A sluice whose English is partly missing."

    # A translator's work: two new translations, one revised, one left fuzzy.
    how.string = "How it works.\n\nIn two paragraphs."
    name.string = "The untranslated sluice"
    what.string = "What it is, with a [link](https://example.org/).\n\nA changed sentence."
    what.flags.discard("fuzzy")
    summary.string = "Something nobody checked."
    summary.flags.add("fuzzy")
    with po_file.open("wb") as handle:
        write_po(handle, exported)

    partly = cases / "municipalities" / "ooversatt-test.yml"
    before = {path: path.read_text(encoding="utf-8") for path in (pitea, partly)}
    result = ideslussar(cases, "translations", "import", str(po_file))
    assert result.returncode == 0, result.stderr
    assert "still marked fuzzy: ooversatt-test:summary" in result.stderr
    assert ideslussar(cases, "validate").returncode == 0

    data = yaml.safe_load(pitea.read_text(encoding="utf-8"))
    assert data["how"]["en"] == "How it works.\n\nIn two paragraphs.\n"
    assert data["what"]["en"].endswith("A changed sentence.\n")
    records = data["translation"]["en"]
    assert records["how"]["method"] == records["what"]["method"] == "human"
    assert records["summary"]["method"] == "machine"  # not in the import: left as it was
    assert yaml.safe_load(partly.read_text(encoding="utf-8"))["summary"]["en"] == (
        "A sluice whose English is partly missing.")
    new_partly = partly.read_text(encoding="utf-8")
    assert "  en: The untranslated sluice\n" in new_partly
    for comment in ("# A fixture case whose English", "# the municipality runs it",
                    "# The source is made up."):
        assert comment in new_partly
    changed = [line for line in difflib.unified_diff(before[partly].splitlines(),
                                                     new_partly.splitlines(), n=0)
               if line.startswith("-") and not line.startswith("---")]
    assert changed == ["-  en: ~"]  # the name; its record is a line added

    found = states(cases)
    assert found[("pitea-test", "how")] == ("current", "human")
    assert found[("pitea-test", "what")] == ("current", "human")
    assert found[("ooversatt-test", "name")] == ("current", "human")
    assert found[("ooversatt-test", "organisation")] == ("missing", None)

    # Exporting again gives the imported texts back, nothing fuzzy but the skipped entry.
    assert ideslussar(cases, "translations", "export", "-o", str(po_file)).returncode == 0
    again = read_catalog(po_file)
    assert {m.context for m in again if m.fuzzy} == set()
    assert next(m for m in again if m.context == "pitea-test:how").string == how.string


def test_import_of_a_translation_made_from_older_swedish_stays_outdated(cases: Path) -> None:
    """The fingerprint recorded is that of the msgid the translator saw."""
    po_file = cases / "en.po"
    assert ideslussar(cases, "translations", "export", "-o", str(po_file)).returncode == 0
    pitea = cases / "municipalities" / "pitea-test.yml"
    pitea.write_text(pitea.read_text(encoding="utf-8").replace(*CHANGED_SENTENCE),
                     encoding="utf-8")
    catalog = read_catalog(po_file)
    for message in catalog:
        message.flags.discard("fuzzy")
    with po_file.open("wb") as handle:
        write_po(handle, catalog)
    result = ideslussar(cases, "translations", "import", str(po_file))
    assert result.returncode == 0
    # The translator hears it at once, not only from `status` later.
    assert "translated from an older Swedish text" in result.stderr
    assert "pitea-test:what" in result.stderr and "pitea-test:summary" not in result.stderr
    found = states(cases)
    assert found[("pitea-test", "what")] == ("outdated", "human")
    assert found[("pitea-test", "summary")] == ("current", "human")
