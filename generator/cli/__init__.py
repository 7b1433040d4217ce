"""The command line: options parsed, the library called, errors turned into exit codes."""

from generator.cli.command import main

__all__ = ["main"]
