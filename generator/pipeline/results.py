"""What a run returns: the outputs written, those left as they were, the warnings.

Plain data of their own module, so that a run where everything is up to date
can answer without loading the parts that read and render records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import Problem

if TYPE_CHECKING:
    from generator.documents.aggregation import Digest


@dataclass(frozen=True)
class Output:
    record: Path
    doc: str
    format: str
    path: Path
    #: Why it was rendered (a ``Reason``); ``None`` for an output left as it was.
    reason: str | None = None


@dataclass(frozen=True)
class RenderResult:
    #: What this run rendered and wrote.
    outputs: list[Output]
    #: Text hygiene findings of the records (they did not stop the run).
    warnings: list[Problem]
    #: Outputs already up to date, left as they were.
    skipped: list[Output] = field(default_factory=list)


@dataclass(frozen=True)
class DigestResult:
    #: The aggregated data; ``None`` when the outputs were up to date.
    digest: Digest | None
    outputs: list[Output]
    warnings: list[Problem]
    skipped: list[Output] = field(default_factory=list)
