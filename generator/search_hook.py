"""MkDocs hook of every language's build: Material's search index, cut into static shards.

Loaded by MkDocs from this file (`hooks:` in the configuration that `build.write_sources`
writes), so `ideslussar build`, the preview (`ideslussar serve`) and plain `mkdocs build` of
the generated configuration all publish the same index. Hooks run after the configured
plugins, so Material's search plugin has written its index when `on_post_build` reads it.
MkDocs imports this file by path, not as part of the package: imports are absolute.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from generator import output
from generator.engine.search_index import PageInfo, page_kind, search_files

#: Each page's kind and teaser, by its address, as the build rendered it. Kept across the
#: preview's rebuilds, which render only the pages that changed.
PAGES: dict[str, PageInfo] = {}


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """Note the page's kind and its description, which is a case study's summary."""
    description = (page.meta or {}).get("description") or ""
    # Front-matter descriptions are HTML-escaped for Material (`pages.front_matter_value`).
    PAGES[page.url] = PageInfo(page_kind(page.file.src_uri), html.unescape(str(description)))
    return context


def on_post_build(config: Any) -> None:
    """Replace Material's index with the shards, in the language of this build."""
    folder = Path(config["site_dir"]) / "search"
    if not (folder / "search_index.json").is_file():
        return  # the configuration has no search plugin: the site has no search to shard
    with (folder / "search_index.json").open(encoding="utf-8") as handle:
        material_index = json.load(handle)
    lang = str(config["theme"]["language"])
    output.write_tree(folder, search_files(material_index, PAGES, lang))
