"""How a shortcut stands in for the `markdown` module MkDocs' pages render with.

MkDocs' `Page.render` makes its parser with `markdown.Markdown(...)`, looked up in the globals
of `mkdocs.structure.pages`. A shortcut that changes how pages are converted (one reused parser,
plain pages without Markdown) replaces that name for the length of one build, and puts the
module back after it, also when the build fails.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any


@contextlib.contextmanager
def pages_markdown(stand_in: Callable[[Any], Any]) -> Iterator[None]:
    """For the length of one build, MkDocs' pages see `stand_in(markdown)` as `markdown`;
    shortcuts nest, each wrapping what the one before put there."""
    from mkdocs.structure import pages

    namespace = vars(pages)  # the module's globals, where `render` looks `markdown` up
    module = namespace["markdown"]
    namespace["markdown"] = stand_in(module)
    try:
        yield
    finally:
        namespace["markdown"] = module
