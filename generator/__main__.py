"""`python -m generator` is the `ideslussar` command."""

import sys

from .tools.cli import main

sys.exit(main())
