"""giaoban: meeting records to standard-format Vietnamese documents.

The library API used by the command line, by scripts and by the tests.
"""

from .api import Output, render, validate
from .errors import ExitCode, GiaobanError, InputError, OutputError, Problem, UsageError
from .rendering import Renderer

__all__ = [
    "ExitCode",
    "GiaobanError",
    "InputError",
    "Output",
    "OutputError",
    "Problem",
    "Renderer",
    "UsageError",
    "render",
    "validate",
]
