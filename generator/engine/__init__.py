"""The engine: the only code that imports MkDocs or Material for MkDocs, with the theme and the
Markdown extensions MkDocs loads by name from mkdocs.yml.

This module is its one door: the rest of the generator imports from `generator.engine`, never
from the modules behind it (tests/test_architecture.py checks), and needs only what is here:
write a language's configuration (`read_base_config`, `language_config`), build it
(`warm_up`, `build_one`, with its `SHORTCUTS`), serve it (`serve_live`). Moving to another
MkDocs-compatible engine (ProperDocs builds the same sources: tests/test_engine.py) means
changing what is behind this door.
"""

from .incremental_build import handed_index
from .mkdocs_build import (
    SHORTCUTS,
    LanguageBuild,
    SiteBuildError,
    build_one,
    language_config,
    read_base_config,
    serve_live,
    warm_up,
)
from .search_index import PageInfo, page_kind, remembered_pages, search_files
from .theme_files import ThemeFiles

__all__ = ["SHORTCUTS", "LanguageBuild", "PageInfo", "SiteBuildError", "ThemeFiles",
           "build_one", "handed_index", "language_config", "page_kind", "read_base_config",
           "remembered_pages", "search_files", "serve_live", "warm_up"]
