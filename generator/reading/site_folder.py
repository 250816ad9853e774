"""Where a build may publish the site: never over the repository or the folders it reads.

Publishing replaces the whole site folder (`output.publish` swaps the new site in and removes
the old one), so `--site-dir .` replaced the repository with the site and `--site-dir content`
the pages with it. The site folder therefore neither is nor holds the repository, and is not
inside a folder the build reads or keeps (the pages, the case files, the catalogs, the code,
git's and the build's own folders) or inside a site a build made (`--site-dir site/en` nested
a whole site in the last one's English half); nor is it a file, nor a folder that holds files but no
site (`index.html`) a build made: `--site-dir ~/Documents` would replace the documents.
"""

from __future__ import annotations

import os
from pathlib import Path

from .problems import N_, Problem

#: The repository's folders a build reads from or keeps: a site there would replace them.
REPOSITORY_FOLDERS = frozenset(("content", "municipalities", "translations", "generator",
                                "schema", "docs", "tests", "benchmarks", ".git", ".build",
                                ".github", ".ci"))


def site_folder_problems(site_dir: Path, repo_root: Path) -> list[Problem]:
    """Why the site may not be published at `site_dir`, if it may not."""
    site = Path(os.path.abspath(site_dir))
    root = Path(os.path.abspath(repo_root))
    shown = str(site_dir)
    if site == site.parent or root.is_relative_to(site) or root.resolve().is_relative_to(
            site.resolve()):
        return [Problem(shown, 1, 1, "", N_("the site would replace the repository or a folder "
                                            "that holds it"),
                        N_("name a folder of its own, such as --site-dir site"))]
    inside = (site.relative_to(root).parts if site.is_relative_to(root) else
              site.resolve().relative_to(root.resolve()).parts
              if site.resolve().is_relative_to(root.resolve()) else ())
    if inside and inside[0] in REPOSITORY_FOLDERS:
        return [Problem(shown, 1, 1, "", N_(
            "the site would replace {folder}/, which the build reads or keeps"),
            N_("name a folder of its own, such as --site-dir site"), {"folder": inside[0]})]
    outer = next((root.joinpath(*inside[:depth]) for depth in range(1, len(inside))
                  if root.joinpath(*inside[:depth], "index.html").is_file()), None)
    if outer is not None:
        return [Problem(shown, 1, 1, "", N_(
            "the site would go inside {folder}/, a site a build made: the next build of that "
            "site would replace it"),
            N_("name a folder of its own, such as --site-dir site"),
            {"folder": outer.relative_to(root).as_posix()})]
    if site.exists() and not site.is_dir():
        return [Problem(shown, 1, 1, "", N_("this is a file, not a folder"),
                        N_("name a folder of its own, such as --site-dir site"))]
    if site.is_dir() and not (site / "index.html").is_file() and any(site.iterdir()):
        return [Problem(shown, 1, 1, "", N_(
            "this folder holds files but no site a build made (it has no index.html): "
            "publishing the site would replace them"),
            N_("name a new or empty folder, such as --site-dir site"))]
    return []
