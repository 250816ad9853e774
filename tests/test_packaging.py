"""The package as a user installs it: a wheel, not the checkout.

An editable install finds everything in the checkout, so it hides what a wheel forgets (the
map's data, the catalogs, the theme). This test builds the wheel from a copy of the project's
files, installs it into a fresh virtual environment and builds a small site from a folder that
holds only content, case files and mkdocs.yml: what it builds, the wheel carried.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from .conftest import FIXTURES, REPO

#: What a wheel is built from; the checkout is never written to.
PROJECT_FILES = ("pyproject.toml", "README.md", "generator", "translations")


def run(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})
    assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in PROJECT_FILES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy2(REPO / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
         "-w", str(out), str(source)], cwd=out)
    (found,) = out.glob("ideslussar-*.whl")
    return found


def test_the_wheel_carries_data_catalogs_templates_and_theme(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("generator/data/sweden-map.json", "generator/data/themes.yml",
                   "generator/translations/sv/LC_MESSAGES/site.po",
                   "generator/site/templates/case.html", "generator/engine/theme/main.html",
                   "generator/engine/theme/assets/ideslussar.css",
                   "generator/tools/cli.py"):
        assert needed in names
    assert not any(name.startswith(("benchmarks/", "tests/")) for name in names)


def test_an_installed_wheel_builds_a_site(wheel: Path, tmp_path: Path) -> None:
    """Installed without its dependencies into a fresh environment that borrows them from the
    test's own (so the test needs no network), then run from outside the checkout."""
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path)
    python = venv / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--quiet", str(wheel)], cwd=tmp_path)
    site_packages = Path(run([str(python), "-c", "import sysconfig; "
                              "print(sysconfig.get_paths()['purelib'])"], cwd=tmp_path)
                         .stdout.strip())
    (site_packages / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n",
                                                    encoding="utf-8")
    where = run([str(python), "-c", "import generator; print(generator.__file__)"], cwd=tmp_path)
    assert Path(where.stdout.strip()).is_relative_to(venv)

    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mini", repo)
    shutil.copy2(REPO / "mkdocs.yml", repo / "mkdocs.yml")
    run([str(venv / "bin" / "ideslussar"), "build", "--root", str(repo), "--site-dir",
         str(repo / "site")], cwd=tmp_path)

    site = repo / "site"
    overview_sv = (site / "ideslussar" / "index.html").read_text(encoding="utf-8")
    overview_en = (site / "en" / "ideslussar" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in overview_sv and '<html lang="en"' in overview_en
    assert "<svg" in overview_sv  # the map, drawn from generator/data/sweden-map.json
    assert "Källor" in (site / "ideslussar" / "pitea-test.html").read_text(encoding="utf-8")
    assert (site / "assets" / "ideslussar.css").is_file()  # the engine's theme
