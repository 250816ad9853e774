"""`python -m generator`, and the `ideslussar` command.

The language table is read when the generator's modules are imported, so a mistake in it (or
in the other data files) is caught here, where the command starts, and shown as the file and
what to fix, with exit status 1.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import NoReturn

from .reading.problems import DataFileError


def run() -> int:
    try:
        from .tools.cli import main
    except DataFileError as error:
        print(error, file=sys.stderr)
        return 1
    leave(main())


def leave(code: int) -> NoReturn:
    """End the process with `code` once what it printed is out, without the interpreter's
    clean-up: after a build at 1,000 cases that frees a quarter of a gigabyte of objects one
    by one (0.1-0.2 s, a tenth of an incremental build), which the system frees at once.
    Nothing is left to clean up by then: every file is written and closed, every worker
    process joined, every temporary folder removed by the code that made it."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    sys.exit(run())
