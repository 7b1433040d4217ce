"""``python -m generator`` runs the ``giaoban`` command."""

import sys

from .cli import main

sys.exit(main())
