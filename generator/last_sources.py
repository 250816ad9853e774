"""What the last build left in a language's sources (`<work>/<lang>/docs`), as the next build
asks about it: which pages are there, and the start of each link-preview picture.

The folder is listed once (`source_files`), without a `stat` per file: at a thousand cases it
holds two thousand files, and asking each page and picture on its own was a tenth of a
language's incremental build outside MkDocs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from . import output
from .site.urls import OG_IMAGES

#: The sources' files by their paths there ("ideslussar/x.md"), as `os.scandir` gave them.
Listing = Mapping[str, os.DirEntry[str]]
#: Enough of a link-preview picture to hold its fingerprint (`og_images.fingerprint_of`).
PICTURE_HEAD = 512


def source_files(docs_dir: Path) -> Listing:
    """The files below a language's sources folder (none before its first build)."""
    return output.existing_files(str(docs_dir))


def last_pictures(docs_dir: Path, known: dict[str, str | bytes] | None,
                  listed: Listing | None = None) -> dict[str, bytes]:
    """The link-preview pictures the last build left in a language's sources, by path: those
    whose texts did not change are not drawn again (see og_images.py). The preview knows what
    it wrote. A build reads only the start of each, where its fingerprint is (a thousand
    pictures are 26 MB): a picture kept is not written again (`build.write_sources`), so its
    start stands for it. `listed` is the sources' listing, if the build has made it."""
    if known is not None:
        return {path: content for path, content in known.items()
                if path.startswith(OG_IMAGES + "/") and isinstance(content, bytes)}
    heads = {}
    for path, entry in (source_files(docs_dir) if listed is None else listed).items():
        folder, _, name = path.rpartition("/")
        if folder == OG_IMAGES and name.endswith(".png") and entry.is_file(follow_symlinks=False):
            with open(entry.path, "rb", buffering=0) as handle:  # one read: no buffer needed
                heads[path] = handle.read(PICTURE_HEAD)
    return heads
