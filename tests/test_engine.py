"""The engine behind its door: what the build does inside MkDocs is proven against MkDocs
itself, the files copied from Material say which original they were copied from, and the same
sources build with ProperDocs (the maintained continuation of MkDocs 1.x).

- Each shortcut the build takes inside MkDocs (`engine.SHORTCUTS`), switched on alone, gives
  the pages plain `mkdocs build` writes from the same sources, byte for byte.
- Every file of the engine that is a fork of Material's (or MkDocs') carries an
  `upstream: <package>/<path> sha256:<first 16 hex digits>` line: when the installed original
  changes, the test fails until the fork is compared with it and the line updated.
- ProperDocs builds the generator's sources to the same pages as MkDocs; only the
  `<meta name="generator">` line, which names the engine, differs.
"""

from __future__ import annotations

import hashlib
import importlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.build import prepare
from generator.engine import SHORTCUTS, LanguageBuild, build_one
from generator.reading.corpus import read_corpus

from .conftest import FIXTURES, REPO

ENGINE = REPO / "generator" / "engine"
UPSTREAM = re.compile(r"upstream: (?P<package>material|mkdocs)/(?P<path>\S+) "
                      r"sha256:(?P<digest>[0-9a-f]{16})")
GENERATOR_META = re.compile(rb'<meta name="generator" content="[^"]*">')


def package_dir(name: str) -> Path:
    module = importlib.import_module(name)
    assert module.__file__ is not None
    return Path(module.__file__).parent


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> list[LanguageBuild]:
    """The mini fixture's Markdown and configurations, as the build writes them."""
    root = tmp_path_factory.mktemp("engine")
    shutil.copytree(FIXTURES / "mini", root / "repo")
    builds, _, _ = prepare(read_corpus(root / "repo"), REPO / "mkdocs.yml", root / "work",
                           "http://127.0.0.1:8765/")
    return builds


def config_into(build: LanguageBuild, site_dir: Path) -> Path:
    """The language's configuration, writing its site into `site_dir`."""
    config = yaml.safe_load(build.config_file.read_text(encoding="utf-8"))
    config["site_dir"] = str(site_dir)
    copy = site_dir.with_suffix(".yml")
    copy.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return copy


@pytest.fixture(scope="module")
def plain(sources: list[LanguageBuild], tmp_path_factory: pytest.TempPathFactory
          ) -> dict[str, Path]:
    """Each language built by plain `mkdocs build`, no shortcut taken."""
    out = tmp_path_factory.mktemp("plain")
    sites = {}
    for build in sources:
        sites[build.lang] = out / build.lang
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f",
                        str(config_into(build, sites[build.lang]))], check=True)
    return sites


def files(site: Path) -> dict[Path, bytes]:
    return {path.relative_to(site): path.read_bytes() for path in sorted(site.rglob("*"))
            if path.is_file() and path.name != "sitemap.xml.gz" and path.name != "sitemap.xml"}


@pytest.mark.parametrize("shortcut", sorted(SHORTCUTS))
def test_each_shortcut_alone_gives_the_pages_plain_mkdocs_gives(
        shortcut: str, sources: list[LanguageBuild], plain: dict[str, Path],
        tmp_path: Path) -> None:
    for build in sources:
        site = tmp_path / build.lang
        assert build_one(build.lang, str(config_into(build, site)), True,
                         shortcuts=frozenset({shortcut})).warnings == []
        built, expected = files(site), files(plain[build.lang])
        assert sorted(built) == sorted(expected) and len(built) > 20
        assert [path for path in expected if built[path] != expected[path]] == []


def test_an_unknown_shortcut_is_an_error(sources: list[LanguageBuild], tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown shortcuts"):
        build_one("sv", str(config_into(sources[0], tmp_path / "x")), True,
                  shortcuts=frozenset({"fast"}))


def upstream_marks() -> list[tuple[Path, str, str, str]]:
    found = []
    for path in sorted(ENGINE.rglob("*")):
        if path.is_file() and path.suffix in {".html", ".js", ".py", ".css"}:
            for match in UPSTREAM.finditer(path.read_text(encoding="utf-8")):
                found.append((path, match["package"], match["path"], match["digest"]))
    return found


@pytest.mark.parametrize("mark", upstream_marks(),
                         ids=lambda mark: str(mark[0].relative_to(ENGINE)))
def test_each_fork_names_the_original_it_was_made_from(mark: tuple[Path, str, str, str]
                                                       ) -> None:
    path, package, upstream, digest = mark
    original = package_dir(package) / upstream
    assert original.is_file(), f"{path.name}: {package}/{upstream} is gone"
    now = hashlib.sha256(original.read_bytes()).hexdigest()[:16]
    assert now == digest, (f"{package}/{upstream} changed since {path.name} was made from it: "
                           f"compare the two, carry the change over, then write sha256:{now}")


def test_every_template_that_replaces_materials_says_so() -> None:
    """A theme file with the path of one of Material's templates replaces it: it must be one
    of the forks above, or an upgrade of Material would pass it by."""
    templates = package_dir("material") / "templates"
    marked = {path for path, *_ in upstream_marks()}
    replacing = [path for path in (ENGINE / "theme").rglob("*.html")
                 if (templates / path.relative_to(ENGINE / "theme")).is_file()]
    assert replacing and [path.name for path in replacing if path not in marked] == []


def test_the_marks_are_seen() -> None:
    names = {path.relative_to(ENGINE).as_posix() for path, *_ in upstream_marks()}
    assert {"theme/main.html", "theme/partials/material-nav.html", "search_parser.py",
            "theme/assets/javascripts/workers/ideslussar-search.js"} <= names


def test_properdocs_builds_the_same_site(sources: list[LanguageBuild], plain: dict[str, Path],
                                         tmp_path: Path) -> None:
    """The exit from MkDocs 1.x, proven: `properdocs build` of the generator's sources."""
    for build in sources:
        site = tmp_path / build.lang
        subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "--quiet",
                        "-f", str(config_into(build, site))], check=True)
        built, expected = files(site), files(plain[build.lang])
        assert sorted(built) == sorted(expected)
        differing = [path for path in expected
                     if GENERATOR_META.sub(b"", built[path])
                     != GENERATOR_META.sub(b"", expected[path])]
        assert differing == []
        assert b"ProperDocs" in built[Path("index.html")]  # it was ProperDocs that built it
