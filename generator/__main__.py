"""``python -m generator`` runs the ``giaoban`` command."""

import sys

from generator.cli.command import main

if __name__ == "__main__":  # not when another process imports it (spawned workers do)
    sys.exit(main())
