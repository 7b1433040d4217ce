"""giaoban: meeting records to standard-format Vietnamese documents.

The library API used by the command line, by scripts and by the tests.
"""

from .api import DigestResult, Output, RenderResult, digest, render, validate
from .errors import ExitCode, GiaobanError, InputError, OutputError, Problem, UsageError
from .rendering import Renderer

__all__ = [
    "DigestResult",
    "ExitCode",
    "GiaobanError",
    "InputError",
    "Output",
    "OutputError",
    "Problem",
    "RenderResult",
    "Renderer",
    "UsageError",
    "digest",
    "render",
    "validate",
]
