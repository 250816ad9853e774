"""`python -m generator` is the `ideslussar` command."""

import sys

from .cli import main

sys.exit(main())
