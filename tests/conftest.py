"""Shared fixtures: sites built into temporary folders, never into the repository."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.build import BuildReport, build_site
from generator.reading.corpus import read_corpus

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

# Two processes at once (`make test`), and the browser checks' report, which is printed by the
# process that collects no test when there are several.
pytest_plugins = ["tests.parallel", "tests.browser.reporting"]


def copy_repo_content(target: Path, cases: Path | None = None) -> Path:
    """A repository-shaped folder: the real pages, and the real or fixture case files."""
    shutil.copytree(REPO / "content", target / "content")
    shutil.copytree(cases or REPO / "municipalities", target / "municipalities")
    return target


def build(root: Path, site: Path, site_url: str = "http://127.0.0.1:8765/") -> BuildReport:
    """Build like `ideslussar build`, with the project's own mkdocs.yml and theme."""
    return build_site(read_corpus(root), root, site, site_url=site_url,
                      config_file=REPO / "mkdocs.yml", work_dir=root / ".build")


def sitemap_entries(site: Path, site_url: str = "http://127.0.0.1:8765/") -> str:
    """Every sitemap the site-wide index `sitemap.xml` lists, as one text (a crawler's view)."""
    index = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<sitemapindex " in index
    listed = re.findall(r"<sitemap><loc>([^<]+)</loc></sitemap>", index)
    assert listed and all(loc.startswith(site_url) for loc in listed), listed
    return "".join((site / loc.removeprefix(site_url)).read_text(encoding="utf-8")
                   for loc in listed)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The real content of the repository, built once per test session."""
    root = copy_repo_content(tmp_path_factory.mktemp("real"))
    site = root / "site"
    build(root, site)
    yield site


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Fixture cases (every field, hostile text, an untranslated section) built once."""
    root = tmp_path_factory.mktemp("mini")
    shutil.copytree(FIXTURES / "mini", root, dirs_exist_ok=True)
    site = root / "site"
    build(root, site)
    yield site


@contextmanager
def catalogs_at(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The build and the commands read their interface catalogs from `folder` while this is
    open. The catalogs and the templates compiled with them are cached, so the caches are
    emptied on the way in and out: no other test sees a test's edited catalogs."""
    from generator.site import i18n, jinja_env

    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", folder)
    i18n.translations.cache_clear()
    jinja_env.environment.cache_clear()
    yield folder
    i18n.translations.cache_clear()
    jinja_env.environment.cache_clear()
