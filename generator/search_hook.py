"""MkDocs hook of every language's build: Material's search index, cut into static shards.

Loaded by MkDocs from this file (`hooks:` in the configuration that `build.write_sources`
writes), so `ideslussar build`, incremental builds, the preview (`ideslussar serve`) and plain
`mkdocs build` of the generated configuration all publish the same index. Hooks run after the
configured plugins, so Material's search plugin has written its index when `on_post_build`
reads it. Each page's teaser is read from the built page itself (its description, which for a
case study is its summary), so pages an incremental build did not render again keep theirs.
MkDocs imports this file by path, not as part of the package: imports are absolute.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path
from typing import Any

from generator import output
from generator.engine import PageInfo, handed_index, page_kind, search_files

#: The description Material's page head carries (`main.html`), HTML-escaped.
DESCRIPTION = re.compile(rb'<meta name="description" content="([^"]*)">')
#: A page's head is within its first bytes; the description is near its top.
HEAD_BYTES = 8192


def on_post_build(config: Any) -> None:
    """Replace Material's index with the shards, in the language of this build."""
    site = Path(config["site_dir"])
    folder = site / "search"
    if not (folder / "search_index.json").is_file():
        return  # the configuration has no search plugin: the site has no search to shard
    material_index = handed_index()  # `ideslussar build` hands it over in memory
    if material_index is None:
        with (folder / "search_index.json").open(encoding="utf-8") as handle:
            material_index = json.load(handle)
    locations = {entry["location"].partition("#")[0] for entry in material_index["docs"]}
    pages = {location: page_info(site, location, str(config.get("site_description") or ""))
             for location in locations}
    lang = str(config["theme"]["language"])
    output.write_tree(folder, search_files(material_index, pages, lang))


def page_info(site: Path, location: str, site_description: str) -> PageInfo:
    """A page's kind, by its address, and its own description as its teaser (none when it
    has only the site's, which every page without one shows)."""
    head = b""
    try:  # bytes, and only the description decoded: a thousand pages are read on every build
        with open(os.path.join(site, location or "index.html"), "rb") as handle:
            head = handle.read(HEAD_BYTES)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        pass
    found = DESCRIPTION.search(head)
    description = html.unescape(found.group(1).decode("utf-8", "replace")) if found else ""
    if description == html.unescape(site_description):
        description = ""
    return PageInfo(page_kind(location), description)
