"""The languages live in one table (generator/data/languages.yml): no code or template of the
generator names a language by its code, so adding one (Finnish, Northern Sami) never finds a
place that still thinks there are two."""

from __future__ import annotations

import re
from pathlib import Path

from generator.reading.languages import LANGUAGES

REPO = Path(__file__).resolve().parents[1]
GENERATOR = REPO / "generator"
TABLE = GENERATOR / "data" / "languages.yml"
#: Files that may name a language by its code, each with the reason.
ALLOWED = {
    "generator/tools/glossary.py": "the glossary is, by design, Swedish terms and their chosen "
                                   "English renderings: its file's keys are sv and en, and it "
                                   "compares content/sv with content/en",
}
#: A language code of the table in quotes (also escaped ones, \"en\", and lang="sv").
QUOTED = re.compile(rf"""\\?(["'])(?:{"|".join(map(re.escape, LANGUAGES))})\\?\1""")


def sources() -> list[Path]:
    return sorted(path for path in GENERATOR.rglob("*")
                  if path.suffix in (".py", ".html", ".js", ".yml", ".json")
                  and path != TABLE and "__pycache__" not in path.parts
                  and path.name != "sweden-map.json")


def test_no_language_code_is_written_outside_the_table() -> None:
    found = [f"{path.relative_to(REPO)}:{number}: {line.strip()}"
             for path in sources() if path.relative_to(REPO).as_posix() not in ALLOWED
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if QUOTED.search(line)]
    assert found == [], ("a language named by its code outside generator/data/languages.yml "
                         "(use ORIGINAL_LANGUAGE, SOURCE_LANGUAGE, LANGUAGES or a column):\n"
                         + "\n".join(found))


def test_the_allowed_files_still_need_it() -> None:
    for name, reason in ALLOWED.items():
        assert reason and QUOTED.search((REPO / name).read_text(encoding="utf-8")), name


def test_the_guard_finds_what_it_is_for() -> None:
    for line in ('return "sv" if x else "en"', "choices=('en', 'sv')", '<div lang="sv">',
                 'f"<title xml:lang=\\"en\\">"'):
        assert QUOTED.search(line), line
    for line in ('"svenska"', "'english'", 'lang="{{ original }}"', '"sv_SE"'):
        assert not QUOTED.search(line), line
