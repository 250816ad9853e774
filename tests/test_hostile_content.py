"""Text from YAML is data: it never reaches a page as live markup."""

from __future__ import annotations

import re
from pathlib import Path


def test_script_in_a_text_field_is_shown_as_text(mini_site: Path) -> None:
    for path in ("ideslussar/pitea-test.html", "en/ideslussar/pitea-test.html",
                 "lan/norrbottens-lan.html", "teman/idea-coaching.html"):
        html = (mini_site / path).read_text(encoding="utf-8")
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert" in html


def test_raw_html_in_markdown_is_escaped(mini_site: Path) -> None:
    html = (mini_site / "ideslussar/pitea-test.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert '<a href="https://example.org/" rel="noopener">länk</a>' in html


def test_untranslated_text_is_shown_in_swedish_marked_as_swedish(mini_site: Path) -> None:
    html = (mini_site / "en/ideslussar/pitea-test.html").read_text(encoding="utf-8")
    assert re.search(r'<div lang="sv">\s*<p>Hur den fungerar.</p>\s*</div>', html)
    assert "not yet translated and is shown in Swedish" in html


def test_municipality_code_with_leading_zero_stays_a_code(mini_site: Path) -> None:
    html = (mini_site / "ideslussar/noll-test.html").read_text(encoding="utf-8")
    assert "Upplands Väsby" in html and "Stockholms län" in html


def test_a_case_picture_is_copied_and_shown_with_its_description(mini_site: Path) -> None:
    sv = (mini_site / "ideslussar/pitea-test.html").read_text(encoding="utf-8")
    en = (mini_site / "en/ideslussar/pitea-test.html").read_text(encoding="utf-8")
    assert '<img src="bilder/pitea-test.png" alt="En blå testbild" loading="lazy">' in sv
    # Untranslated: the Swedish description, marked as Swedish.
    assert '<img src="bilder/pitea-test.png" alt="En blå testbild" lang="sv" loading="lazy">' in en
    assert (mini_site / "ideslussar/bilder/pitea-test.png").read_bytes().startswith(b"\x89PNG")
    assert (mini_site / "en/ideslussar/bilder/pitea-test.png").is_file()
