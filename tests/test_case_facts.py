"""Every case file's numbers against the sourced values in tests/case_facts.yml (issue 12).

A grant, a period or a number of municipalities that differs from the table fails, and so does a
table value whose source the case file does not cite: the numbers a reader sees are the ones the
sources give, each with its source on the page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.reading.corpus import read_corpus
from generator.reading.model import CaseStudy

from .conftest import REPO

TABLE: dict[str, dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "case_facts.yml").read_text(encoding="utf-8"))["cases"]
CASES = {case.slug: case for case in read_corpus(REPO).cases}


def test_the_table_and_the_case_files_name_the_same_projects() -> None:
    assert set(TABLE) == set(CASES)
    calls = [entry["call"] for entry in TABLE.values()]
    assert calls.count("development-2016") == 12  # all twelve of the 2016 call
    assert calls.count("pre-study-2015") == 10  # ten of the eleven pre-studies (one unidentified)


def cited(case: CaseStudy, url: str | None) -> bool:
    return url is None or url in {link.url for link in case.sources}


@pytest.mark.parametrize("slug", sorted(TABLE))
def test_numbers_match_the_sources(slug: str) -> None:
    case, entry = CASES[slug], TABLE[slug]
    assert case.call.value == entry["call"], slug
    grant, grant_source = entry["grant_sek"]
    assert case.vinnova_grant_sek == grant, slug
    start, end, period_source = entry["period"]
    assert (case.period.start.iso if case.period.start else None) == start, slug
    assert (case.period.end.iso if case.period.end else None) == end, slug
    count, count_source = entry["municipalities"]
    assert case.participant_count == count, slug
    for source in (grant_source, period_source, count_source):
        assert cited(case, source), (slug, source)


def test_a_wrong_number_is_caught(tmp_path: Path) -> None:
    """The check can fail: the same comparison on a copy with one grant changed."""
    changed = (REPO / "municipalities/hoor.yml").read_text(encoding="utf-8").replace(
        "vinnova_grant_sek: 980850", "vinnova_grant_sek: 908850")
    assert changed != (REPO / "municipalities/hoor.yml").read_text(encoding="utf-8")
    (tmp_path / "municipalities").mkdir()
    (tmp_path / "municipalities/hoor.yml").write_text(changed, encoding="utf-8")
    (tmp_path / "municipalities/hoor-forstudie.yml").write_text(
        (REPO / "municipalities/hoor-forstudie.yml").read_text(encoding="utf-8"),
        encoding="utf-8")
    (tmp_path / "content").mkdir()
    copy = {case.slug: case for case in read_corpus(tmp_path).cases}
    assert copy["hoor"].vinnova_grant_sek != TABLE["hoor"]["grant_sek"][0]
