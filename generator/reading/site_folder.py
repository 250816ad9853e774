"""Where a build may publish the site: never over the repository or a folder of other files.

Publishing replaces the whole site folder (`output.publish` swaps the new site in and removes
the old one), so `--site-dir .` would replace the repository with the site and `--site-dir
content` the pages with it. A site folder is therefore a new folder, an empty one, or one a
build made before (it holds the site's `index.html` and `sitemap.xml`), and it neither is nor
holds the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

from .problems import N_, Problem

#: What every site a build publishes holds at its root.
SITE_MARKS = ("index.html", "sitemap.xml")


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
    if site.exists() and not site.is_dir():
        return [Problem(shown, 1, 1, "", N_("this is a file, not a folder"),
                        N_("name a folder of its own, such as --site-dir site"))]
    if site.is_dir() and any(site.iterdir()) and not all(
            (site / mark).is_file() for mark in SITE_MARKS):
        return [Problem(shown, 1, 1, "", N_(
            "the folder holds other files than a site this command built, and publishing "
            "replaces all of it"), N_("name a new or empty folder, such as --site-dir site"))]
    return []
