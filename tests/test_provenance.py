"""Translation provenance per field: the migration, reviews and imports that touch exactly their
fields, PO round trips through polib and translate-toolkit, strict PO import, the record check
for hand-written English, previous Swedish from history, and the catalogs' gettext checks.
Everything runs on copies of the fixture cases in tmp_path."""

from __future__ import annotations

import difflib
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
import yaml

from generator.reading.problems import Problem
from generator.reading.records import language_name
from generator.reading.translation import fingerprint
from generator.tools.migration import migrate_text
from generator.tools.terminal import github_annotation

from .conftest import FIXTURES, REPO
from .test_content_translations import ideslussar

TTK = Path(shutil.which("po2csv") or REPO / ".venv" / "bin" / "po2csv").parent

OLD_FORMAT = """\
name:
  sv: Gamla slussen
  en: The old sluice
organisation:
  sv: Gamla kommunen
  en: The old municipality
municipalities: ["0163"]
status: ongoing
themes: [idea-coaching]
summary:
  sv: En sammanfattning.
  en: ~   # väntar på översättare
sources:
  - https://example.org/gammal
call: development-2016
translation:
  en:
    method: human
    fingerprints:
      name: {name}
      organisation: 00000000000000ab
"""


def old_case() -> str:
    return OLD_FORMAT.replace("{name}", fingerprint("Gamla slussen"))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "mini", tmp_path, dirs_exist_ok=True)
    (tmp_path / "municipalities" / "gammal-test.yml").write_text(old_case(), encoding="utf-8")
    assert ideslussar(tmp_path, "translations", "migrate").returncode == 0
    assert ideslussar(tmp_path, "translations", "records", "--write").returncode == 0
    return tmp_path


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "municipalities").glob("*.yml"))}


def changed_lines(before: bytes, after: bytes) -> list[str]:
    return [line for line in difflib.unified_diff(before.decode().splitlines(),
                                                  after.decode().splitlines(), n=0)
            if line[:1] in "+-" and not line.startswith(("---", "+++"))]


# -- the migration ----------------------------------------------------------------------------


def test_migration_writes_one_record_per_field_and_is_idempotent() -> None:
    new = migrate_text(old_case())
    assert migrate_text(new) == new
    records = yaml.safe_load(new)["translation"]["en"]
    assert records == {
        "name": {"method": "human", "reviewed": True, "source": fingerprint("Gamla slussen"),
                 "target": fingerprint("The old sluice")},
        "organisation": {"method": "human", "reviewed": True, "source": "00000000000000ab",
                         "target": fingerprint("The old municipality")}}
    assert new.startswith(old_case().split("translation:")[0])  # nothing else touched


def test_old_format_is_refused_with_the_command_to_run(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "mini", tmp_path, dirs_exist_ok=True)
    (tmp_path / "municipalities" / "gammal-test.yml").write_text(old_case(), encoding="utf-8")
    result = ideslussar(tmp_path, "validate")
    assert result.returncode == 1
    assert "old format" in result.stderr and "ideslussar translations migrate" in result.stderr


def test_every_case_file_in_the_repository_is_migrated() -> None:
    for path in sorted((REPO / "municipalities").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        assert migrate_text(text) == text, path.name


# -- review and import touch exactly their fields ---------------------------------------------


def test_review_of_one_field_changes_one_line(repo: Path) -> None:
    path = repo / "municipalities" / "gammal-test.yml"
    before = path.read_bytes()
    result = ideslussar(repo, "translations", "review", "municipalities/gammal-test.yml",
                        "--field", "organisation", "--method", "machine")
    assert result.returncode == 0, result.stderr
    assert "1 fields recorded as reviewed (1 records changed): organisation" in result.stdout
    lines = changed_lines(before, path.read_bytes())
    assert len(lines) == 2 and all("organisation:" in line for line in lines)
    assert "method: machine" in lines[1]


def export(root: Path, name: str = "en.po") -> Path:
    po_file = root / name
    result = ideslussar(root, "translations", "export", "--lang", "en", "-o", str(po_file))
    assert result.returncode == 0, result.stderr
    return po_file


def test_unchanged_round_trip_through_polib_changes_nothing(repo: Path) -> None:
    before = snapshot(repo)
    po_file = export(repo)
    catalog = polib.pofile(str(po_file))
    catalog.save(str(po_file))
    result = ideslussar(repo, "translations", "import", str(po_file))
    assert result.returncode == 0, result.stderr
    assert snapshot(repo) == before


def test_polib_edit_of_two_entries_changes_exactly_those(repo: Path) -> None:
    before = snapshot(repo)
    po_file = export(repo)
    catalog = polib.pofile(str(po_file))
    summary = next(e for e in catalog if e.msgctxt == "gammal-test:summary")
    summary.msgstr = "A summary."
    name = next(e for e in catalog if e.msgctxt == "noll-test:name")
    name.msgstr = "The zero sluice, revised"
    name.flags = [flag for flag in name.flags if flag != "fuzzy"]
    catalog.save(str(po_file))
    result = ideslussar(repo, "translations", "import", str(po_file))
    assert result.returncode == 0, result.stderr
    after = snapshot(repo)
    assert {n for n in after if after[n] != before[n]} == {"gammal-test.yml", "noll-test.yml"}
    gammal = changed_lines(before["gammal-test.yml"], after["gammal-test.yml"])
    # The text (its comment kept on the line, outside the text) and one new record line.
    assert gammal[0].startswith("-  en: ~") and gammal[1] == "+  en: A summary.   # väntar på " \
        "översättare"
    assert [line for line in gammal[2:] if line.startswith("-")] == []
    assert len(gammal) == 3 and gammal[2].startswith("+    summary: {method: human")
    noll = changed_lines(before["noll-test.yml"], after["noll-test.yml"])
    assert all("name" in line or "The zero sluice" in line for line in noll), noll
    found = yaml.safe_load((repo / "municipalities" / "noll-test.yml").read_text())
    records = found["translation"]["en"]
    assert records["name"]["method"] == "human"
    assert yaml.safe_load(after["gammal-test.yml"])["summary"]["en"] == "A summary."


def test_round_trip_through_po2csv_and_csv2po_changes_nothing(repo: Path) -> None:
    before = snapshot(repo)
    po_file = export(repo)
    csv_file = repo / "en.csv"
    back = repo / "back.po"
    subprocess.run([TTK / "po2csv", "--progress=none", po_file, csv_file], check=True)
    subprocess.run([TTK / "csv2po", "--progress=none", "-t", po_file, csv_file, back],
                   check=True)
    result = ideslussar(repo, "translations", "import", str(back))
    assert result.returncode == 0, result.stderr
    assert snapshot(repo) == before

    # Without the template, csv2po drops the contexts: refused, with what to do instead.
    subprocess.run([TTK / "csv2po", "--progress=none", csv_file, back], check=True)
    result = ideslussar(repo, "translations", "import", str(back))
    assert result.returncode == 1
    assert "entries has a msgctxt" in result.stderr and "csv2po -t" in result.stderr
    assert snapshot(repo) == before


# -- strict import: nothing is written on any problem -----------------------------------------


def translated_export(repo: Path) -> Path:
    """An export where one entry has a new, confirmed translation (so an import would write)."""
    po_file = export(repo)
    catalog = polib.pofile(str(po_file))
    entry = next(e for e in catalog if e.msgctxt == "gammal-test:summary")
    entry.msgstr = "A summary that would be written."
    catalog.save(str(po_file))
    return po_file


@pytest.mark.parametrize("damage", ["cut-mid-line", "cut-after-msgid", "unknown-entry",
                                    "other-language", "random-bytes", "no-header"])
def test_a_damaged_po_file_changes_nothing(repo: Path, damage: str) -> None:
    po_file = translated_export(repo)
    data = po_file.read_bytes()
    if damage == "cut-mid-line":
        po_file.write_bytes(data[: data.index(b"A summary that would") + 9])
    elif damage == "cut-after-msgid":
        cut = data.index(b"msgstr", data.index(b'msgid "Gamla slussen"'))
        po_file.write_bytes(data[:cut])
    elif damage == "unknown-entry":
        po_file.write_bytes(data + b'\nmsgctxt "gammal-test:lessons"\nmsgid "x"\nmsgstr "y"\n')
    elif damage == "other-language":
        po_file.write_bytes(data.replace(b"Language: en", b"Language: de_DE"))
    elif damage == "random-bytes":
        po_file.write_bytes(bytes(range(256)) * 8)
    else:
        po_file.write_bytes(data[data.index(b"#. name"):])
    before = snapshot(repo)
    result = ideslussar(repo, "translations", "import", str(po_file))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{po_file.name}:" in result.stderr
    assert snapshot(repo) == before
    expected = {"cut-mid-line": "cut off", "cut-after-msgid": "cut off",
                "unknown-entry": 'the case has no text "lessons"',
                "other-language": 'for the language "de_DE"',
                "random-bytes": "not a PO file", "no-header": "no header"}[damage]
    assert expected in result.stderr
    swedish = ideslussar(repo, "translations", "--lang", "sv", "import", str(po_file))
    assert swedish.returncode == 1 and "Traceback" not in swedish.stderr


@pytest.mark.parametrize("language", ["en_GB", "en-US", "en_GB.UTF-8"])
def test_language_variants_are_english(repo: Path, language: str) -> None:
    po_file = translated_export(repo)
    po_file.write_bytes(po_file.read_bytes().replace(b"Language: en\\n",
                                                     f"Language: {language}\\n".encode()))
    result = ideslussar(repo, "translations", "import", str(po_file))
    assert result.returncode == 0, result.stderr
    text = (repo / "municipalities" / "gammal-test.yml").read_text(encoding="utf-8")
    assert "en: A summary that would be written." in text


# -- machine translations are exported for review, not as confirmed ----------------------------


def test_unreviewed_machine_translation_is_fuzzy_in_the_export(repo: Path) -> None:
    assert ideslussar(repo, "translations", "review", "municipalities/gammal-test.yml",
                      "--method", "machine").returncode == 0
    path = repo / "municipalities" / "gammal-test.yml"
    path.write_text(path.read_text().replace("reviewed: true", "reviewed: false"))
    catalog = polib.pofile(str(export(repo)))
    name = next(e for e in catalog if e.msgctxt == "gammal-test:name")
    assert "fuzzy" in name.flags
    assert "method: machine, reviewed: no" in name.comment


# -- hand-written English: the record line is proposed ---------------------------------------


def test_hand_written_english_gets_the_exact_line_to_add(repo: Path) -> None:
    path = repo / "municipalities" / "gammal-test.yml"
    text = path.read_text(encoding="utf-8").replace("en: ~   # väntar på översättare",
                                                     "en: A summary written by hand.")
    path.write_text(text, encoding="utf-8")
    result = ideslussar(repo, "translations", "records")
    assert result.returncode == 1
    line = ("summary: {method: human, reviewed: true, source: "
            f"{fingerprint('En sammanfattning.')}, target: "
            f"{fingerprint('A summary written by hand.')}}}")
    assert "municipalities/gammal-test.yml:12:1: summary.en: " in result.stderr
    assert line in result.stderr
    swedish = ideslussar(repo, "translations", "records", "--lang", "sv")
    assert "skrev" in swedish.stderr and line in swedish.stderr
    diff = ideslussar(repo, "translations", "records", "--diff")
    assert diff.returncode == 0
    assert diff.stdout.splitlines()[:2] == ["--- a/municipalities/gammal-test.yml",
                                            "+++ b/municipalities/gammal-test.yml"]
    assert [row for row in diff.stdout.splitlines() if row[:1] in "+-" and row[1:2] != row[:1]] == [
        f"+    {line}"]
    path.write_text(text + f"    {line}\n", encoding="utf-8")
    assert ideslussar(repo, "translations", "records").returncode == 0
    assert ideslussar(repo, "validate").returncode == 0


# -- previous Swedish from history ------------------------------------------------------------


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   cwd=root, check=True, capture_output=True)


def test_outdated_entry_carries_the_previous_swedish(repo: Path) -> None:
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "first")
    path = repo / "municipalities" / "gammal-test.yml"
    path.write_text(path.read_text().replace("sv: Gamla slussen", "sv: Den gamla slussen"))
    git(repo, "commit", "-qam", "second")
    catalog = polib.pofile(str(export(repo)))
    name = next(e for e in catalog if e.msgctxt == "gammal-test:name")
    assert "fuzzy" in name.flags
    assert name.previous_msgid == "Gamla slussen"
    assert name.msgid == "Den gamla slussen"


# -- gettext's own checks ----------------------------------------------------------------------

#: pofilter checks that do not apply to this language pair or to an export's purpose, each
#: for a reason (see CONTRIBUTING, "Checking catalogs"): Swedish writes language and
#: common nouns in lower case where English capitalises (simplecaps, startcaps); some words are
#: the same in both languages, such as "Status" (unchanged); "ÅÅÅÅ" is the Swedish "YYYY"
#: (acronyms); fuzzy and untranslated entries are what an export is for (isfuzzy,
#: untranslated); a translation may add an explanation in brackets, split sentences and wrap
#: Markdown paragraphs differently (brackets, sentencecount, newlines); an English possessive
#: apostrophe ("publishers'") is not a quotation mark (singlequoting); Swedish quotes ”so”
#: where English quotes “so” (doublequoting), and groups thousands with spaces, "1 879 002",
#: where English writes "1,879,002" (puncspacing); a translation may explain a Swedish name
#: with its number, "Idésluss 2.0 (Idea sluice 2.0)" (numbers); an example address is
#: translated, "namn@example.org" (emails); an abbreviation ends one sentence and starts the
#: next, "i GR. GR beskriver" (doublewords).
POFILTER_EXCLUDED = ("simplecaps", "startcaps", "unchanged", "acronyms", "isfuzzy",
                     "untranslated", "brackets", "sentencecount", "newlines", "singlequoting",
                     "doublequoting", "puncspacing", "numbers", "emails", "doublewords")


def pofilter_findings(po_file: Path, out: Path) -> list[str]:
    args = [str(TTK / "pofilter"), "--progress=none"]
    for name in POFILTER_EXCLUDED:
        args.append(f"--excludefilter={name}")
    out.unlink(missing_ok=True)
    subprocess.run([*args, str(po_file), str(out)], check=True)
    if not out.exists():  # pofilter writes no file when nothing was found
        return []
    return [line for line in out.read_text(encoding="utf-8").splitlines()
            if line.startswith("# (pofilter)")]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
def test_msgfmt_and_pofilter_are_clean_on_the_catalogs_and_the_export(tmp_path: Path) -> None:
    catalogs = [*sorted((REPO / "translations").glob("*/LC_MESSAGES/*.po")),
                *sorted((REPO / "translations" / "content").glob("*/*.po"))]
    result = ideslussar(REPO, "translations", "export", "-o", str(tmp_path / "all.po"))
    assert result.returncode == 0, result.stderr
    for po_file in [*catalogs, tmp_path / "all.po"]:
        checked = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po_file)],
                                 capture_output=True, text=True, check=False)
        assert checked.returncode == 0 and checked.stderr == "", (po_file, checked.stderr)
        assert pofilter_findings(po_file, tmp_path / "found.po") == [], po_file


# -- pull-request annotations -----------------------------------------------------------------


def test_a_problem_becomes_a_github_annotation_in_both_languages() -> None:
    problem = Problem("municipalities/x.yml", 12, 5, "summary.en",
                      "the {language} text is missing", "",
                      {"language": language_name("en")})
    line = github_annotation(problem)
    assert line == ("::error file=municipalities/x.yml,line=12,col=5,title=summary.en::"
                    "texten på engelska saknas / the English text is missing")


# -- what readers see after an import -----------------------------------------------------------


def test_importing_one_text_keeps_every_other_machine_notice(repo: Path, tmp_path: Path) -> None:
    """The bug this replaces: an import of two texts marked all 55 as human-checked and every
    machine-translation notice vanished."""
    from .conftest import build

    assert ideslussar(repo, "translations", "review", "municipalities/pitea-test.yml",
                      "--method", "machine").returncode == 0
    po_file = export(repo)
    catalog = polib.pofile(str(po_file))
    summary = next(e for e in catalog if e.msgctxt == "pitea-test:summary")
    summary.msgstr = summary.msgstr + " Checked."
    catalog.save(str(po_file))
    assert ideslussar(repo, "translations", "import", str(po_file)).returncode == 0
    records = yaml.safe_load((repo / "municipalities" / "pitea-test.yml").read_text())[
        "translation"]["en"]
    assert records.pop("summary")["method"] == "human"
    assert {record["method"] for record in records.values()} == {"machine"}
    site = tmp_path / "site"
    build(repo, site)
    page = (site / "en" / "ideslussar" / "pitea-test.html").read_text(encoding="utf-8")
    assert "This text was machine-translated from Swedish" in page


def test_unrecorded_machine_english_can_be_recorded_as_machine(repo: Path) -> None:
    """For files whose English a machine made and nobody recorded (e.g. written in the old
    format without fingerprints): recorded as machine, not reviewed, so readers are told."""
    path = repo / "municipalities" / "gammal-test.yml"
    text = path.read_text(encoding="utf-8").replace("en: ~   # väntar på översättare",
                                                     "en: A machine's summary.")
    path.write_text(text, encoding="utf-8")
    result = ideslussar(repo, "translations", "records", "--write", "--method", "machine",
                        "municipalities/gammal-test.yml")
    assert result.returncode == 0, result.stderr
    record = yaml.safe_load(path.read_text(encoding="utf-8"))["translation"]["en"]["summary"]
    assert record["method"] == "machine" and record["reviewed"] is False


def test_a_comment_next_to_an_empty_markdown_translation_stays_a_comment(repo: Path) -> None:
    path = repo / "municipalities" / "gammal-test.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "sources:", "what:\n  sv: |\n    Vad den är.\n  en: ~  # väntar på översättare\n"
        "sources:"), encoding="utf-8")
    catalog = polib.pofile(str(export(repo)))
    what = next(e for e in catalog if e.msgctxt == "gammal-test:what")
    what.msgstr = "What it is.\n\nIn two paragraphs."
    catalog.save(str(repo / "en.po"))
    assert ideslussar(repo, "translations", "import", str(repo / "en.po")).returncode == 0
    text = path.read_text(encoding="utf-8")
    assert "  en: |  # väntar på översättare\n    What it is.\n\n    In two paragraphs.\n" in text
    assert yaml.safe_load(text)["what"]["en"] == "What it is.\n\nIn two paragraphs.\n"
    assert ideslussar(repo, "validate").returncode == 0
