"""A synthetic corpus at national scale, made from the real case studies, for the benchmark.

The site must stay fast with a thousand case studies, and the repository holds ten. Measuring
with invented lorem ipsum would measure the wrong thing (Swedish stemming, escaping and
Markdown conversion cost depends on the text), so every synthetic case is assembled from the
real files: their names, organisations, summaries, examples and sources, and their section
sentences repeated until a page has about as many words as a full case study would. Slugs,
names, municipalities, themes, status and period vary, so lists, counties, themes and related
cases are spread as they would be. Every file is written as an editor would write it and
validates: the English fingerprints are computed, so translations are current except for a
few cases that deliberately exercise the "outdated" and "not yet translated" notices.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from generator import output
from generator.reading.corpus import case_files, read_cases
from generator.reading.model import SECTIONS as MODEL_SECTIONS
from generator.reading.model import CaseStudy, FieldRecord, Status, Text, TranslationMethod
from generator.reading.problems import InvalidContentError
from generator.reading.registry import Registry, load_registry
from generator.reading.slugs import slugify
from generator.reading.translation import fingerprint, render_field_record

SECTIONS = tuple(spec.key for spec in MODEL_SECTIONS)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])")
#: Every nth case leaves a section untranslated, or has a Swedish text changed after translation.
UNTRANSLATED_EVERY = 20
OUTDATED_EVERY = 25


@dataclass(frozen=True)
class Pool:
    """What synthetic cases are made of: the real cases, and their sentences per language."""

    cases: tuple[CaseStudy, ...]
    sentences: dict[str, tuple[str, ...]]


def sentences(markdown: str) -> Iterator[str]:
    """The sentences of a Markdown section; list items and link-bearing lines are left out,
    as they would not read as prose when shuffled."""
    for paragraph in markdown.split("\n\n"):
        text = " ".join(paragraph.split())
        if not text or text.startswith(("-", "*", "#", ">")) or "](" in text:
            continue
        yield from (part for part in SENTENCE_END.split(text) if len(part.split()) >= 4)


def read_pool(cases_dir: Path, repo_root: Path, registry: Registry) -> Pool:
    """The real case studies, validated: synthetic files are only as valid as their source."""
    cases, problems = read_cases(case_files(cases_dir), repo_root, registry)
    if problems:
        raise InvalidContentError(problems)
    if not cases:
        raise ValueError(f"no case studies in {cases_dir} to build a synthetic corpus from")
    pool: dict[str, list[str]] = {"sv": [], "en": []}
    for case in cases:
        for key in SECTIONS:
            text: Text | None = getattr(case, key)
            if text is None:
                continue
            pool["sv"].extend(sentences(text.sv))
            if text["en"] is not None:
                pool["en"].extend(sentences(text["en"] or ""))
    return Pool(tuple(cases), {lang: tuple(dict.fromkeys(found)) for lang, found in pool.items()})


def paragraphs(pool: tuple[str, ...], words: int, rng: random.Random) -> str:
    """About `words` words of real sentences, in paragraphs of three to five sentences."""
    chosen: list[str] = []
    count = 0
    while count < words:
        sentence = rng.choice(pool)
        chosen.append(sentence)
        count += len(sentence.split())
    result, start = [], 0
    while start < len(chosen):
        size = rng.randint(3, 5)
        result.append(" ".join(chosen[start:start + size]))
        start += size
    return "\n\n".join(result)


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def wrap(paragraph: str, width: int = 96) -> list[str]:
    """Greedy line wrapping at spaces (`textwrap` is a hundred times slower, and a thousand
    files have a lot of lines)."""
    lines: list[str] = []
    line = ""
    for word in paragraph.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


def block(text: str, indent: int) -> str:
    """A literal block scalar, wrapped like the real files."""
    pad = " " * indent
    lines = []
    for paragraph in text.split("\n\n"):
        lines.extend(wrap(paragraph))
        lines.append("")
    return "|\n" + "\n".join(pad + line if line else "" for line in lines[:-1])


def text_field(key: str, text: Text, *, markdown: bool = False, indent: int = 0) -> str:
    pad = " " * indent
    english_text = text["en"]
    english = "~" if english_text is None else (block(english_text, indent + 4) if markdown
                                                else quoted(english_text))
    swedish = block(text.sv, indent + 4) if markdown else quoted(text.sv)
    return f"{pad}{key}:\n{pad}  sv: {swedish}\n{pad}  en: {english}\n"


def case_text(number: int, pool: Pool, registry: Registry, words: int, rng: random.Random
              ) -> tuple[str, str]:
    """One synthetic case file: (slug, YAML text)."""
    base = pool.cases[number % len(pool.cases)]
    codes = sorted(registry.municipalities)
    home = registry.municipalities[rng.choice(codes)]
    neighbours = [code for code in codes if code[:2] == home.code[:2] and code != home.code]
    members = [home.code, *rng.sample(neighbours, min(len(neighbours), rng.choice(
        (0, 0, 0, 1, 2, 4, 8))))]
    label = f"{home.name} {number + 1}"
    name = Text(sv=f"{base.name.sv} – {label}", en=f"{base.name['en'] or base.name.sv} – {label}")
    organisation = Text(sv=f"{home.name} kommun", en=f"{home.name} Municipality")
    start_year = rng.randint(2012, 2023)
    start = f"{start_year}-{rng.randint(1, 12):02d}"
    status = rng.choice(list(Status))
    end = (f"{start_year + rng.randint(1, 4)}-{rng.randint(1, 12):02d}"
           if status in (Status.ENDED, Status.PERMANENT) else None)
    themes = rng.sample(sorted(registry.themes), rng.randint(1, 3))
    section_words = max(20, words // len(SECTIONS))
    sections = {}
    for key in SECTIONS:
        english: str | None = paragraphs(pool.sentences["en"], section_words, rng)
        if key == "lessons" and number % UNTRANSLATED_EVERY == 0:
            english = None
        sections[key] = Text(sv=paragraphs(pool.sentences["sv"], section_words, rng), en=english)
    texts: dict[str, Text] = {"name": name, "organisation": organisation,
                              "summary": base.summary, **sections}
    texts.update({f"examples.{i}": example for i, example in enumerate(base.examples)})
    method = TranslationMethod.HUMAN if number % 10 == 0 else TranslationMethod.MACHINE
    records = {key: FieldRecord(method, method is TranslationMethod.HUMAN, fingerprint(text.sv),
                                fingerprint(text["en"] or ""))
               for key, text in texts.items() if text["en"] is not None}
    if number % OUTDATED_EVERY == 1 and "how" in records:  # the Swedish changed since
        records["how"] = replace(records["how"], source=fingerprint("an earlier Swedish text"))
    parts = ["# A synthetic case study for `make bench`, made from the real ones.\n",
             text_field("name", name), text_field("organisation", organisation),
             f'based_in: "{home.code}"\n',
             "municipalities: [" + ", ".join(f'"{code}"' for code in members) + "]\n"]
    if len(members) > 1 and number % 7 == 0:
        parts.append(f"municipality_count: {len(members) + rng.randint(1, 5)}\n")
    parts.append(f'period:\n  start: "{start}"\n' + (f'  end: "{end}"\n' if end else ""))
    parts.append(f"status: {status.value}\n")
    parts.append(f"call: {base.call.value}\n")
    if number % 3:
        parts.append(f"vinnova_grant_sek: {rng.randint(500, 5000) * 1000}\n")
        parts.append(f'vinnova_reference: "{start_year}-{rng.randint(1000, 9999):05d}"\n')
    parts.append("themes: [" + ", ".join(themes) + "]\n")
    parts.append(text_field("summary", base.summary))
    parts.extend(text_field(key, sections[key], markdown=True) for key in SECTIONS)
    if base.examples:
        parts.append("examples:\n")
        for example in base.examples:
            english_example = "~" if example["en"] is None else quoted(example["en"] or "")
            parts.append(f"  - sv: {quoted(example.sv)}\n    en: {english_example}\n")
    parts.append("sources:\n" + "".join(f"  - {link.url}\n" for link in base.sources))
    parts.append("translation:\n  en:\n")
    parts.extend(f"    {key}: {render_field_record(record)}\n" for key, record in records.items())
    return slugify(f"{home.name} {base.slug} {number + 1}"), "".join(parts)


def write_corpus(target: Path, count: int, source_dir: Path, repo_root: Path, *,
                 words: int = 700, seed: int = 7) -> list[Path]:
    """Make `target` (a new folder; never the repository's own municipalities/) hold `count`
    synthetic case files and nothing else; returns their paths.

    `words` is the Swedish (and English) section text per case; with the facts, sources and
    related cases around it a page has about 100 words more.
    """
    if target.resolve() == (repo_root / "municipalities").resolve():
        raise ValueError("the synthetic corpus is never written into the repository")
    registry = load_registry()
    pool = read_pool(source_dir, repo_root, registry)
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    files = dict(case_text(number, pool, registry, words, rng) for number in range(count))
    output.write_tree(target, {f"{slug}.yml": text for slug, text in files.items()})
    return [target / f"{slug}.yml" for slug in files]
