"""`python -m generator`, and the `ideslussar` command.

The language table is read when the generator's modules are imported, so a mistake in it (or
in the other data files) is caught here, where the command starts, and shown as the file and
what to fix, with exit status 1.
"""

from __future__ import annotations

import sys

from .reading.problems import DataFileError


def run() -> int:
    try:
        from .tools.cli import main
    except DataFileError as error:
        print(error, file=sys.stderr)
        return 1
    return main()


if __name__ == "__main__":
    sys.exit(run())
