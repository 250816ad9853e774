"""The national-scale machinery: the synthetic corpus, the benchmark command and the preview's
incremental path. No timing is asserted (machines differ); what is checked is that the
benchmark measures a valid corpus and a site that builds, and that the shortcuts taken for
speed never show a stale page."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from benchmarks.bench import main as bench
from benchmarks.synthetic import write_corpus
from generator.reading.corpus import case_files, read_cases
from generator.reading.registry import load_registry
from generator.tools.preview import Preview

from .conftest import REPO, build, copy_repo_content


def test_synthetic_cases_are_valid_varied_and_about_a_page_long(tmp_path: Path) -> None:
    files = write_corpus(tmp_path / "municipalities", 40, REPO / "municipalities", REPO)
    cases, problems = read_cases(files, tmp_path, load_registry())
    assert problems == []
    assert len(cases) == 40 == len({case.slug for case in cases})
    assert len({case.based_in for case in cases}) > 10
    assert len({case.status for case in cases}) > 1
    assert len({theme for case in cases for theme in case.themes}) > 5
    words = [sum(len(getattr(case, key).sv.split()) for key in ("what", "how", "results",
                                                                  "lessons"))
             for case in cases]
    assert min(words) > 600 and max(words) < 900
    assert any(case.lessons and case.lessons["en"] is None for case in cases)  # untranslated


def test_synthetic_corpus_is_never_written_into_the_repository() -> None:
    with pytest.raises(ValueError, match="never written into the repository"):
        write_corpus(REPO / "municipalities", 1, REPO / "municipalities", REPO)


def test_a_synthetic_corpus_builds(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(REPO / "content", root / "content")
    write_corpus(root / "municipalities", 5, REPO / "municipalities", REPO)
    shutil.copytree(REPO / "municipalities", root / "municipalities", dirs_exist_ok=True)
    report = build(root, tmp_path / "site")
    assert report.pages["sv"] == report.pages["en"] > 5
    assert report.warnings == {"sv": [], "en": []}
    slug = case_files(root / "municipalities")[0].stem
    assert (tmp_path / "site" / "en" / "ideslussar" / f"{slug}.html").is_file()


def test_the_build_writes_the_pages_plain_mkdocs_writes_from_its_markdown(tmp_path: Path
                                                                         ) -> None:
    """The full build takes shortcuts inside MkDocs (one Markdown parser for every page, no
    per-language sitemap); a reader must get exactly the pages `mkdocs build` makes."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    root = tmp_path / "repo"
    shutil.copytree(REPO / "content", root / "content")
    write_corpus(root / "municipalities", 6, REPO / "municipalities", REPO)
    shutil.copytree(REPO / "municipalities", root / "municipalities", dirs_exist_ok=True)
    build(root, tmp_path / "site")
    for lang, built in (("sv", tmp_path / "site"), ("en", tmp_path / "site" / "en")):
        plain = tmp_path / f"plain-{lang}"
        mkdocs_build(load_config(config_file=str(root / ".build" / lang / "mkdocs.yml"),
                                 site_dir=str(plain)))
        pages = sorted(path.relative_to(plain) for path in plain.rglob("*.html"))
        assert len(pages) > 20
        for page in [*pages, Path("search/search_index.json")]:
            assert (built / page).read_bytes() == (plain / page).read_bytes(), page


def test_the_copied_navigation_is_materials_own() -> None:
    """`partials/material-nav.html` is Material's file, so the navigation stays Material's
    when Material is upgraded: a changed original fails here until it is copied again."""
    import material

    original = Path(material.__file__).parent / "templates" / "partials" / "nav.html"
    copy = REPO / "generator" / "engine" / "theme" / "partials" / "material-nav.html"
    header, _, body = copy.read_text(encoding="utf-8").partition("-#}\n")
    assert "Material for MkDocs" in header
    assert body == original.read_text(encoding="utf-8")


def test_bench_command_reports_every_figure(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bench.json"
    before = sorted((REPO / "municipalities").rglob("*"))
    assert bench(["--root", str(REPO), "--cases", "5", "--no-preview", "--compare",
                 "--json", str(out)]) == 0
    assert sorted((REPO / "municipalities").rglob("*")) == before  # all in a temporary folder
    table = capsys.readouterr().out
    assert "| case studies | 5 |" in table and "ratio full / plain" in table
    result = json.loads(out.read_text(encoding="utf-8"))["results"][0]
    assert result["cases"] == 5 and result["pages"] > 10
    assert result["build_s"] > result["generator_s"] > 0 and result["validate_s"] > 0
    assert result["largest_page_bytes"] > 0 and set(result["overview_bytes"]) == {"sv", "en"}
    assert all(size > 0 for size in result["search_index_bytes"].values())
    assert result["plain_s"] > 0 and result["ratio"] == result["build_s"] / result["plain_s"]
    assert result["plain_together_s"] > 0 and result["floor_ratio"] > 0
    assert result["overhead_s"] == result["build_s"] - result["plain_together_s"]
    assert "full build − plain side by side" in table
    # Hugo on the same Markdown: every page of both languages, and the CPU ratios to it.
    assert result["hugo_pages"] >= result["pages"] and result["hugo_cpu_s"] > 0
    assert result["hugo_cpu_ratio"] == result["build_cpu_s"] / result["hugo_cpu_s"]
    assert "CPU ratio full build / Hugo" in table
    # One case edited, then built again with the work folder: fewer pages rendered.
    assert 0 < result["incremental_rendered"] < result["pages"]
    assert result["incremental_s"] > 0 and result["incremental_cpu_s"] > 0


def source(preview: Preview, path: str) -> str:
    return (preview.work_dir / "sv" / "docs" / path).read_text(encoding="utf-8")


def test_preview_renders_again_exactly_what_a_save_changed(tmp_path: Path) -> None:
    root = copy_repo_content(tmp_path / "repo")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    preview = Preview(root, tmp_path / "work", "http://127.0.0.1:8000/", langs=("sv",))
    assert preview.regenerate(lambda problems: pytest.fail(str(problems)))
    case = root / "municipalities" / "orebro.yml"
    text = case.read_text(encoding="utf-8")
    overview = source(preview, "ideslussar/index.md")

    # A section changes: the case page shows it, the lists stay as they were.
    case.write_text(text.replace("what:\n  sv: |\n", "what:\n  sv: |\n    Ny mening.\n", 1),
                    encoding="utf-8")
    preview.changed([case])
    assert preview.regenerate(lambda problems: pytest.fail(str(problems)))
    assert "Ny mening." in source(preview, "ideslussar/orebro.md")
    assert source(preview, "ideslussar/index.md") == overview

    # The name changes: every list that shows it, and the related lists, follow.
    case.write_text(text.replace("sv: Idésluss i Örebro kommun", "sv: Idésluss Örebro Ny", 1),
                    encoding="utf-8")
    preview.changed([case])
    assert preview.regenerate(lambda problems: pytest.fail(str(problems)))
    assert "Idésluss Örebro Ny" in source(preview, "ideslussar/index.md")
    assert "Idésluss Örebro Ny" in source(preview, "lan/orebro-lan.md")
    assert "Ny mening." not in source(preview, "ideslussar/orebro.md")

    # A mistake is reported and leaves the sources as they were.
    case.write_text(text.replace("status: permanent", "status: permanently"), encoding="utf-8")
    preview.changed([case])
    reported: list[object] = []
    assert not preview.regenerate(reported.extend)
    assert reported and "Idésluss Örebro Ny" in source(preview, "ideslussar/orebro.md")


def test_only_pages_the_navigation_never_marks_share_its_html() -> None:
    """The navigation rendered once per folder is shared only by pages no item marks as
    current: not one of the navigation's pages, nor listed in an item's `pages` (Material's
    blog lists its posts so)."""
    from types import SimpleNamespace

    from generator.engine.mkdocs_build import in_navigation

    listed, post, case = object(), object(), object()
    blog = SimpleNamespace(pages=[post], children=None)
    section = SimpleNamespace(children=[blog])
    nav = SimpleNamespace(pages=[listed], items=[SimpleNamespace(children=None), section])
    assert in_navigation(listed, nav) and in_navigation(post, nav)
    assert not in_navigation(case, nav)
