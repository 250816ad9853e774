"""The theme's static files, found once per release of the theme instead of on every build.

To find the theme's files it copies into the site (stylesheets, scripts, fonts: 53 of them),
MkDocs lists every file of every theme folder, Material's 14,500 icons included, and matches
each name against a dozen patterns: about 0.06 s of CPU per language, a fixed cost of every
incremental build. Which files that gives depends only on the theme folders' contents and
the patterns, so the list is kept in the work folder and used again while its key holds:

- the releases of MkDocs and Material (`version`, from the build: their folders change only
  with a release) and the theme folders' places;
- the static templates and the Markdown suffixes the patterns come from;
- every file name in the custom theme folder (the package's own, which a checkout edits).

Whether a source page of the same path replaces a theme file is still decided on every
build, as MkDocs does.
"""

from __future__ import annotations

import contextlib
import marshal
import os
from collections.abc import Iterator
from typing import Any


def custom_names(folder: str | None) -> list[str]:
    """Every file below the custom theme folder, by its path there."""
    if not folder:
        return []
    return sorted(os.path.relpath(os.path.join(place, name), folder)
                  for place, _, names in os.walk(folder) for name in names)


class ThemeFiles:
    """The theme's files as the last build found them (`stored`), and as this one did."""

    def __init__(self, stored: bytes, version: str) -> None:
        self.version = version
        try:
            found = marshal.loads(stored)  # noqa: S302 - the build's own work folder
        except (ValueError, TypeError, EOFError):
            found = None
        self.stored: tuple[Any, list[tuple[str, str]]] | None = (
            found if isinstance(found, tuple) and len(found) == 2 else None)
        self.found: bytes | None = None  # what to store for the next build, when it changed

    def key(self, config: Any) -> Any:
        from mkdocs import utils

        theme = config.theme
        return (self.version, tuple(theme.dirs), tuple(sorted(theme.static_templates)),
                tuple(utils.markdown_extensions), tuple(custom_names(theme.custom_dir)))

    def listed(self, config: Any, list_them: Any) -> list[tuple[str, str]]:
        """The theme's files by path and folder: the stored ones if the key holds, else
        MkDocs' own listing (`list_them`) of them."""
        key = self.key(config)
        if self.stored is not None and self.stored[0] == key:
            return self.stored[1]
        files = list_them()
        found = [(file.src_uri, file.src_dir) for file in files]
        self.found = marshal.dumps((key, found))
        return found


@contextlib.contextmanager
def stored_theme_files(theme_files: ThemeFiles) -> Iterator[None]:
    """For the length of a build, MkDocs adds the theme's files from `theme_files`."""
    from mkdocs.structure.files import File, Files

    add_files_from_theme = Files.add_files_from_theme

    def add_theme_files(files: Files, env: Any, config: Any) -> None:
        def list_them() -> Files:
            alone = Files([])
            add_files_from_theme(alone, env, config)
            return alone

        for path, folder in theme_files.listed(config, list_them):
            if files.get_file_from_path(path) is None:  # a source page replaces it
                files.append(File(path, folder, config.site_dir, config.use_directory_urls))

    Files.add_files_from_theme = add_theme_files  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        Files.add_files_from_theme = add_files_from_theme  # type: ignore[method-assign]
