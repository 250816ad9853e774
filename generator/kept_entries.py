"""Material's search entries of every page, kept in the work folder from one build to the next:
an incremental build indexes the pages it does not render again by the entries the last build
kept (`engine.incremental_build`).

At a thousand cases they are 10 MB a language, and an edit changes the entries of a page or
two; written whole after every build, their dump and write were a tenth of a language's
incremental build. So they are kept as two files beside the language's configuration:

- the base (`incremental.SEARCH_ENTRIES`): every page's entries as a build wrote them whole,
  with the page order and a token of its own;
- the changes (`CHANGES_FILE`): the pages whose entries differ from the base's, naming the
  base's token.

A build writes only the changes, and the whole again when the pages or their order are not
the base's (a clean build) or the changes hold more than one page in `WHOLE_AGAIN`. Changes
naming another token were left from before the base was last written whole (it is written
first, then they are removed) and are ignored; changes that cannot be read make the entries
unreadable, as a damaged base does, and the language is rendered whole. Each file starts with
the CRC-32 of the rest: one whose bytes changed in place is damaged too, not entries of words
no page has.
"""

from __future__ import annotations

import marshal
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import output
from .incremental import SEARCH_ENTRIES
from .reading.seal import sealed, unsealed

#: Beside the base: the pages whose entries changed since it was written.
CHANGES_FILE = "search-entries-changes.marshal"
#: The base is written whole again when more than one page in this many changed since.
WHOLE_AGAIN = 10


@dataclass(frozen=True)
class KeptEntries:
    """The entries the last build kept: the base's, and every page's with the changes."""

    token: str
    order: list[str]
    base: dict[str, Any]
    pages: dict[str, Any]

    def entries(self) -> dict[str, Any]:
        """As `engine.build_one` takes them: the page order and each page's entries."""
        return {"order": self.order, "pages": self.pages}


def load(path: Path) -> Any:
    """A file of the work folder in marshal's format after the CRC-32 of its bytes (`dump`),
    or None if it is not there. A damaged file raises ValueError: bytes changed in place can
    still be read, as entries with words no page has."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    return marshal.loads(unsealed(data))  # noqa: S302 - the build's own work folder


def dump(value: Any) -> bytes:
    """A file for `load`."""
    return sealed(marshal.dumps(value))


def read_entries(folder: Path) -> KeptEntries | None:
    """The entries the last build kept in a language's work folder, or None when they cannot
    be read (then nothing of the last build's index can be kept)."""
    try:
        base, changes = load(folder / SEARCH_ENTRIES), load(folder / CHANGES_FILE)
    except (OSError, ValueError, TypeError, EOFError):
        return None
    if not (isinstance(base, dict) and isinstance(base.get("token"), str)
            and isinstance(base.get("order"), list) and isinstance(base.get("pages"), dict)):
        return None
    pages = base["pages"]
    if changes is not None:
        if not (isinstance(changes, dict) and isinstance(changes.get("pages"), dict)):
            return None
        if changes.get("base") == base["token"]:
            pages = {**pages, **changes["pages"]}
    return KeptEntries(base["token"], base["order"], base["pages"], pages)


def write_entries(folder: Path, kept: KeptEntries | None, stored: dict[str, Any]) -> None:
    """Keep a build's entries (`engine.Built.search_entries`) for the next build: the pages
    that differ from the base `kept` was read from, or the whole."""
    order, pages = stored["order"], stored["pages"]
    if kept is not None and order == kept.order and pages.keys() == kept.base.keys():
        # Pages not rendered hold the very lists the base was read into: no comparing them.
        changed = {source: entries for source, entries in pages.items()
                   if entries is not kept.base[source] and entries != kept.base[source]}
        if len(changed) * WHOLE_AGAIN <= len(pages):
            output.replace_file(folder / CHANGES_FILE,
                                dump({"base": kept.token, "pages": changed}))
            return
    whole = {"token": secrets.token_hex(8), "order": order, "pages": pages}
    output.replace_file(folder / SEARCH_ENTRIES, dump(whole))
    output.remove_file(folder / CHANGES_FILE)
