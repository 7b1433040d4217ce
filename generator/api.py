"""The library API: what the command line does, callable from scripts and tests.

Stages: load and check every record, build each document's context, render
everything in memory, and only then write, atomically. A run with a bad
record writes nothing at all, and every problem of the run is reported at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .catalog import document_types
from .context import briefing_context
from .errors import InputError, Position, Problem, UsageError
from .messages import message
from .profiles import Profile, load_profile, resolve_profile
from .records import Record, load_records
from .rendering import FORMATS, Renderer
from .settings import Settings, load_settings
from .writing import write_atomic


@dataclass(frozen=True)
class Output:
    record: Path
    doc: str
    format: str
    path: Path


def output_path(out: Path, record: Record, doc: str, fmt: str) -> Path:
    """Where one document of one record is written: ``OUT/<record id>.<doc>.<format>``."""
    return out / f"{record.id}.{doc}.{fmt}"


def check_choices(docs: Sequence[str], formats: Sequence[str]) -> None:
    known_docs = document_types()
    for doc in docs:
        if doc not in known_docs:
            raise UsageError(message("unknown_doc", value=doc, known=", ".join(known_docs)))
    for fmt in formats:
        if fmt not in FORMATS:
            raise UsageError(message("unknown_format", value=fmt, known=", ".join(FORMATS)))


def validate(paths: Iterable[Path], *, settings: Path | None = None) -> list[Record]:
    """Every record, typed and checked; an ``InputError`` lists all problems."""
    return load_records([Path(p) for p in paths], settings)


def profile_for(settings_path: Path, settings: Settings, override: str | None) -> Profile:
    return load_profile(resolve_profile(override or settings.profile, settings_path.parent))


def render(
    paths: Iterable[Path],
    *,
    docs: Sequence[str] = ("tb",),
    formats: Sequence[str] = FORMATS,
    profile: str | None = None,
    out: Path = Path("out"),
    settings: Path | None = None,
    renderer: Renderer | None = None,
) -> list[Output]:
    """Render ``docs`` of every record into ``out``; returns what was written."""
    check_choices(docs, formats)
    records = validate(paths, settings=settings)
    renderer = renderer or Renderer()
    out = Path(out)
    inputs = {r.path.resolve() for r in records} | {r.settings_path.resolve() for r in records}
    claimed: dict[Path, Path] = {}
    pending: list[tuple[Output, bytes]] = []
    problems: list[Problem] = []
    for record in records:
        for doc in docs:
            for fmt in formats:
                target = output_path(out, record, doc, fmt)
                other = claimed.setdefault(target, record.path)
                if other != record.path:
                    detail = message("duplicate_output", path=target, other=other)
                    problems.append(Problem(Position(record.path), detail))
                if target.resolve() in inputs:
                    detail = message("output_is_input", path=target)
                    problems.append(Problem(Position(record.path), detail))
        record_settings = load_settings(record.settings_path)
        try:
            record_profile = profile_for(record.settings_path, record_settings, profile)
            for doc in docs:
                context = briefing_context(record, record_settings, record_profile, doc)
                blobs = renderer.render(doc, context, formats, record.path)
                pending.extend(
                    (Output(record.path, doc, fmt, output_path(out, record, doc, fmt)), data)
                    for fmt, data in blobs.items()
                )
        except InputError as e:
            problems.extend(e.problems)
    if problems:
        raise InputError(dict.fromkeys(problems))
    for output, data in pending:
        write_atomic(output.path, data)
    return [output for output, _ in pending]
