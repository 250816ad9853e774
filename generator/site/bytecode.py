"""Compiled Jinja templates kept from one build to the next, in the build's work folder.

Every build is a new process per language, and compiling the templates it renders with (the
generator's page templates, Material's page template with its partials) costs a few tenths of
a second of CPU each time, which is most of what an incremental build renders. Jinja can load
compiled templates from a bytecode cache instead; its key names the template and its check
sum covers the template's source, so a changed template is compiled again, and the stored
code carries Python's bytecode version, so another Python compiles again too.

The cache is one file per language (`TEMPLATES_FILE`), read once at the start and written once
at the end (by the output module, through the build) when the build compiled a template. It
keeps the templates a build did not use: a build that renders no case page again (nothing
edited, or only a list) must not cost the next one compiling the case page's. It does not grow
with templates that are gone: a template can only go with the package's files, and then the
build is a clean one, which starts with none (`build.build_language`).

The file starts with the CRC-32 of the rest: code whose bytes changed in place still loads,
and would run, writing what it was changed to into every page it renders, build after build
(a build that compiles nothing does not write the file again).
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping

import jinja2
from jinja2.bccache import Bucket

from ..reading.seal import sealed, unsealed

#: Beside each language's configuration: its compiled templates.
TEMPLATES_FILE = "templates.pickle"


class StoredBytecode(jinja2.BytecodeCache):
    """Compiled templates by Jinja's bucket key: those of the last build, those of this one."""

    def __init__(self, stored: Mapping[str, bytes]) -> None:
        self.stored = stored
        self.compiled: dict[str, bytes] = {}  # by this build: then the file is worth a write

    @classmethod
    def loads(cls, data: bytes) -> StoredBytecode:
        """The cache a build left (`dumps`), or an empty one if it cannot be read or its
        check sum is not its content's."""
        try:
            stored = pickle.loads(unsealed(data))  # noqa: S301 - the build's own work folder
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError,
                ValueError, IndexError):
            stored = None
        if not isinstance(stored, dict) or not all(
                isinstance(key, str) and isinstance(value, bytes)
                for key, value in stored.items()):
            stored = {}
        return cls(stored)

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.stored.get(bucket.key)
        if data is None:
            return
        bucket.bytecode_from_string(data)  # an outdated or foreign one leaves no code

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()

    @property
    def worth_writing(self) -> bool:
        """Whether the file differs from what the last build left: something was compiled."""
        return bool(self.compiled)

    def dumps(self) -> bytes:
        """The templates of the last build and those this build compiled, for the next one,
        after the CRC-32 of their bytes (`loads`)."""
        return sealed(pickle.dumps({**self.stored, **self.compiled},
                                   protocol=pickle.HIGHEST_PROTOCOL))
