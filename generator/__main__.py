"""``python -m generator`` runs the ``giaoban`` command."""

import sys

from generator.cli.command import main

sys.exit(main())
