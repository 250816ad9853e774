"""Messages that used to mislead a non-programmer, the pull-request checks as the workflow runs
them (annotations, preview artifact, full history), pre-commit, the schema's municipality
names, and the hand-written pages tracked like case texts (issue: editors and translators)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import FIXTURES, REPO, build
from .test_editor_errors import GOOD, only

WORKFLOWS = REPO / ".github" / "workflows"


# -- messages in plain language ----------------------------------------------------------------


def test_a_hash_inside_a_plain_text_says_to_quote_it(tmp_path: Path) -> None:
    text = GOOD.replace("  sv: Nollslussen", "  sv: Satsning #1 för nya idéer")
    assert only(tmp_path, text) == (
        'municipalities/case.yml:2:7: the text stops at " #": YAML reads everything after it as '
        "a comment, so it would not be published; to keep it, put the whole text in double "
        'quotes: "Satsning #1 för nya idéer"')
    assert only(tmp_path, text, lang="sv").endswith(
        'sätt hela texten inom raka citattecken: "Satsning #1 för nya idéer"')


def test_a_comment_set_off_by_two_spaces_stays_a_comment(tmp_path: Path) -> None:
    text = GOOD.replace("  sv: Nollslussen", "  sv: Nollslussen  # the short name")
    from .test_editor_errors import problems
    assert problems(tmp_path, {"case.yml": text}) == []


def test_a_colon_in_a_text_shows_the_line_in_quotes(tmp_path: Path) -> None:
    text = GOOD.replace("  sv: Nollslussen", "  sv: Mål: bättre idéer")
    assert only(tmp_path, text) == (
        'municipalities/case.yml:2:7: the text has a colon followed by a space (": "), which '
        'YAML reads as a new key; put the whole text in double quotes: sv: "Mål: bättre idéer"')


def test_typographic_quotes_around_a_code_are_named(tmp_path: Path) -> None:
    text = GOOD.replace('municipalities: ["0114"]', "municipalities: [”0114”]")
    assert only(tmp_path, text) == (
        "municipalities/case.yml:7:18: municipalities.0: the quotes around 0114 are typographic "
        "quotes (” or “), which YAML keeps as part of the code; type straight quotes instead: "
        '"0114" (on a Swedish keyboard: Shift+2)')


def test_a_typed_county_says_it_follows_from_the_codes(tmp_path: Path) -> None:
    assert only(tmp_path, GOOD + "county: Stockholms län\n") == (
        "municipalities/case.yml:16:1: county: the county is not written in the case file; it "
        "follows from the municipality codes in based_in and municipalities: delete this line")


@pytest.mark.parametrize(("written", "hint"), [
    ("3,8", "write the whole amount in kronor, digits only: 3800000 if you mean 3,8 million"),
    ("4000000.50", "write whole kronor, without öre: 4000000"),
    ('"4 000 000 kr"', "write the digits only: 4000000"),
    ("4,000,000", "write the digits only: 4000000"),
])
def test_grant_hints_compute_the_right_number(tmp_path: Path, written: str, hint: str) -> None:
    message = only(tmp_path, GOOD + f"vinnova_grant_sek: {written}\n")
    assert message.endswith("is not a plain number; " + hint), message


def ideslussar(root: Path, *args: str, env: dict[str, str] | None = None
               ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=root,
                          capture_output=True, text=True, check=False,
                          env={"PATH": os.environ["PATH"], "PYTHONPATH": str(REPO),
                               "LANG": "C.UTF-8", **(env or {})})


def test_one_valid_file_is_singular_in_swedish(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "mini", tmp_path, dirs_exist_ok=True)
    result = ideslussar(tmp_path, "validate", "--lang", "sv", "municipalities/noll-test.yml")
    assert result.stdout.strip() == "1 fallfil är giltig"


# -- what a pull request shows -----------------------------------------------------------------


def test_the_pull_request_log_carries_annotations_in_both_languages(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "mini", tmp_path, dirs_exist_ok=True)
    path = tmp_path / "municipalities" / "noll-test.yml"
    path.write_text(path.read_text().replace("status: unknown", "status: nej"))
    result = ideslussar(tmp_path, "validate", env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=municipalities/noll-test.yml,line=8,col=9,title=status::"
        '"nej" är inte ett av alternativen; förväntade ett av ongoing, permanent, ended, '
        'unknown / "nej" is not one of the choices; expected one of ongoing, permanent, ended, '
        "unknown"]
    assert "::error" not in ideslussar(tmp_path, "validate").stdout  # only in GitHub's runner


def workflow(name: str) -> dict[str, object]:
    loaded: dict[str, object] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    return loaded


def steps(document: dict[str, object], job: str) -> list[dict[str, object]]:
    jobs = document["jobs"]
    assert isinstance(jobs, dict)
    found: list[dict[str, object]] = jobs[job]["steps"]
    return found


def test_pull_requests_get_the_checks_and_a_downloadable_preview() -> None:
    pull_request = workflow("pull-request.yml")
    runs = [str(step.get("run", "")) for step in steps(pull_request, "validate")]
    for command in ("ideslussar validate", "ideslussar translations records",
                    "ideslussar translations check"):
        assert command in runs
    assert any(run.startswith("ideslussar translations sync --check") and "::notice" in run
               for run in runs)  # told, not failed: main regenerates the catalogs
    build_steps = steps(pull_request, "build")
    upload = next(s for s in build_steps if str(s.get("uses", "")).startswith(
        "actions/upload-artifact"))
    assert upload["with"] == {"name": "site-preview", "path": "site", "retention-days": 14}
    summary = next(s for s in build_steps if "GITHUB_STEP_SUMMARY" in str(s.get("run", "")))
    assert "#artifacts" in str(summary["run"]) and "site-preview" in str(summary["run"])


@pytest.mark.parametrize(("name", "job"), [("pages.yml", "build"),
                                           ("pull-request.yml", "validate")])
def test_workflows_fetch_the_history_dates_come_from(name: str, job: str) -> None:
    checkout = steps(workflow(name), job)[0]
    assert checkout["uses"] == "actions/checkout@v4"
    assert checkout["with"] == {"fetch-depth": 0}


def test_pre_commit_validates_every_case_file_together() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    validate = hooks["ideslussar-validate"]
    assert validate["pass_filenames"] is False  # a copied case is a duplicate of another file
    assert "translations records" in hooks["ideslussar-records"]["entry"]


def test_main_regenerates_the_content_catalogs_and_commits_them() -> None:
    sync = workflow("content-catalogs.yml")
    runs = [str(step.get("run", "")) for step in steps(sync, "sync")]
    assert "ideslussar translations sync" in runs
    assert any("git push" in run for run in runs)
    assert steps(sync, "sync")[0]["with"] == {"fetch-depth": 0}


def test_a_copied_case_fails_the_hook_as_it_fails_ci(tmp_path: Path) -> None:
    """What the hook runs (validate without file names) sees the copy."""
    shutil.copytree(FIXTURES / "mini", tmp_path, dirs_exist_ok=True)
    shutil.copy(tmp_path / "municipalities" / "noll-test.yml",
                tmp_path / "municipalities" / "noll-kopia.yml")
    result = ideslussar(tmp_path, "validate")
    assert result.returncode == 1 and "already described in" in result.stderr


def test_the_schema_names_each_municipality() -> None:
    schema = json.loads((REPO / "schema" / "case-study.schema.json").read_text(encoding="utf-8"))
    choices = schema["properties"]["based_in"]["oneOf"]
    assert {"const": "0180", "title": "0180 Stockholm"} in choices
    assert len(choices) == 290


# -- the hand-written pages ----------------------------------------------------------------


def page_states(root: Path) -> dict[str, str]:
    result = ideslussar(root, "translations", "status", "--json")
    assert result.returncode == 0, result.stderr
    return {f["field"]: f["state"] for f in json.loads(result.stdout)["fields"]
            if f["case"] == "content"}


def test_a_swedish_page_changed_after_its_translation_is_flagged(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mini", root)
    states = page_states(root)  # recorded in the fixture's content/translation.yml
    assert states and set(states.values()) == {"current"}
    page = sorted(states)[0]
    swedish = root / "content" / "sv" / page
    swedish.write_text(swedish.read_text(encoding="utf-8") + "\nEn ny mening.\n",
                       encoding="utf-8")
    assert page_states(root)[page] == "outdated"
    status = ideslussar(root, "translations", "status", "--strict")
    assert status.returncode == 1
    assert any(line.split()[:4] == ["content", page, "en", "outdated"]
               for line in status.stdout.splitlines())
    site = tmp_path / "site"
    build(root, site)
    english = (site / "en" / page.replace(".md", ".html")).read_text(encoding="utf-8")
    assert 'ides-notice--outdated" role="note" data-field="page"' in english
    review = ideslussar(root, "translations", "review", f"content/en/{page}")
    assert review.returncode == 0, review.stderr
    assert set(page_states(root).values()) == {"current"}


def test_an_english_page_edited_by_hand_gets_its_line_proposed(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "mini", tmp_path, dirs_exist_ok=True)
    page = sorted((tmp_path / "content" / "en").glob("*.md"))[0]
    page.write_text(page.read_text(encoding="utf-8") + "\nA sentence.\n", encoding="utf-8")
    result = ideslussar(tmp_path, "translations", "records")
    assert result.returncode == 1
    assert f"content/en/{page.name}:1:1: this English text has no record" in result.stderr
    assert "in content/translation.yml: " + page.name + ": {method: human" in result.stderr


def test_a_machine_translated_page_tells_readers(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mini", root)
    page = sorted((root / "content" / "en").glob("*.md"))[0]
    page.write_text(page.read_text(encoding="utf-8") + "\nA machine's sentence.\n",
                    encoding="utf-8")
    result = ideslussar(root, "translations", "records", "--write", "--method", "machine")
    assert result.returncode == 0, result.stderr
    assert page_states(root)[page.name] == "current"
    site = tmp_path / "site"
    build(root, site)
    english = (site / "en" / page.name.replace(".md", ".html")).read_text(encoding="utf-8")
    assert "This text was machine-translated from Swedish" in english
    assert 'hreflang="sv" lang="sv">Read the Swedish original</a>' in english
