"""``python -m generator`` runs the ``giaoban`` command."""

import sys

from generator.cli.command import main

if __name__ == "__main__":  # not when a worker's fork server imports the main module
    sys.exit(main())
