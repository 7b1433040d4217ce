"""giaoban: meeting records to standard-format Vietnamese documents.

The library API used by the command line, by scripts and by the tests. Names
are loaded on first use, so importing the package (as the command does for
every run) costs only what the run needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.api import (
        DigestResult,
        Output,
        RenderResult,
        digest,
        render,
        sign,
        validate,
        verify,
    )
    from generator.errors import (
        ExitCode,
        GiaobanError,
        InputError,
        OutputError,
        Problem,
        UsageError,
    )
    from generator.output.renderer import Renderer
    from generator.pipeline.issuing import Key, SignOptions

_HOMES = {
    "DigestResult": "api",
    "Output": "api",
    "RenderResult": "api",
    "digest": "api",
    "render": "api",
    "validate": "api",
    "sign": "api",
    "verify": "api",
    "Key": "pipeline.issuing",
    "SignOptions": "pipeline.issuing",
    "ExitCode": "errors",
    "GiaobanError": "errors",
    "InputError": "errors",
    "OutputError": "errors",
    "Problem": "errors",
    "UsageError": "errors",
    "Renderer": "output.renderer",
}

__all__ = [
    "DigestResult",
    "ExitCode",
    "GiaobanError",
    "InputError",
    "Key",
    "Output",
    "OutputError",
    "Problem",
    "RenderResult",
    "Renderer",
    "SignOptions",
    "UsageError",
    "digest",
    "render",
    "sign",
    "validate",
    "verify",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'generator' has no attribute {name!r}")
    return getattr(import_module(f".{home}", __name__), name)
