"""The library API: what the command line does, callable from scripts and tests.

Stages: load and check every record, build each document's context, render
everything in memory, and only then write, atomically. A run with a bad
record writes nothing at all, and every problem of the run is reported at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .catalog import document_keys
from .context import briefing_context, digest_context
from .digest import Digest, build_digest
from .errors import InputError, Position, Problem, UsageError
from .messages import message
from .models import Registration
from .periods import Period, PeriodError, parse_period
from .profiles import Profile, load_profile, resolve_profile
from .records import Record, load_records, warnings_of
from .rendering import FORMATS, Renderer
from .settings import SETTINGS_NAME, Settings, find_settings, load_settings
from .writing import write_atomic


@dataclass(frozen=True)
class Output:
    record: Path
    doc: str
    format: str
    path: Path


@dataclass(frozen=True)
class RenderResult:
    outputs: list[Output]
    #: Text hygiene findings of the records (they did not stop the run).
    warnings: list[Problem]


def output_path(out: Path, record: Record, doc: str, fmt: str) -> Path:
    """Where one document of one record is written: ``OUT/<record id>.<doc>.<format>``."""
    return out / f"{record.id}.{doc}.{fmt}"


def check_choices(docs: Sequence[str], formats: Sequence[str]) -> None:
    known_docs = document_keys("meeting")
    for doc in docs:
        if doc not in known_docs:
            raise UsageError(message("unknown_doc", value=doc, known=", ".join(known_docs)))
    for fmt in formats:
        if fmt not in FORMATS:
            raise UsageError(message("unknown_format", value=fmt, known=", ".join(FORMATS)))


def record_files(paths: Iterable[Path]) -> list[Path]:
    """The record files named, and those found (recursively) in the folders named.

    Settings files and hidden folders are not records.
    """
    found: list[Path] = []
    for path in map(Path, paths):
        if not path.is_dir():
            found.append(path)
            continue
        inside = sorted(
            p
            for pattern in ("*.yaml", "*.yml")
            for p in path.rglob(pattern)
            if p.name != SETTINGS_NAME
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if not inside:
            raise InputError([Problem(Position(path), message("no_yaml_found"))])
        found.extend(inside)
    return list(dict.fromkeys(found))


def validate(
    paths: Iterable[Path], *, settings: Path | None = None, strict: bool = False
) -> list[Record]:
    """Every record (files, or folders searched for them), typed and checked.

    An ``InputError`` lists all problems of all files.
    """
    return load_records(record_files(paths), settings, strict)


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
    strict: bool = False,
) -> RenderResult:
    """Render ``docs`` of every record into ``out``; returns what was written."""
    check_choices(docs, formats)
    records = validate(paths, settings=settings, strict=strict)
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
    return RenderResult([output for output, _ in pending], warnings_of(records))


@dataclass(frozen=True)
class DigestResult:
    digest: Digest
    outputs: list[Output]
    warnings: list[Problem]


def parse_period_option(text: str) -> Period:
    try:
        return parse_period(text)
    except PeriodError as e:
        raise UsageError(message("bad_period", value=text)) from e


def digest(
    paths: Iterable[Path],
    *,
    period: Period | str,
    formats: Sequence[str] = FORMATS,
    profile: str | None = None,
    out: Path = Path("out"),
    settings: Path | None = None,
    registration: Registration | None = None,
    renderer: Renderer | None = None,
    strict: bool = False,
) -> DigestResult:
    """The periodic report of ``period`` from every record given (files or folders).

    Written as ``OUT/digest-<period>.<format>``. Records of the period are
    aggregated; earlier ones count for directives still open.
    """
    check_choices((), formats)
    if isinstance(period, str):
        period = parse_period_option(period)
    files = record_files(paths)
    records = load_records(files, settings, strict)
    settings_path = settings or find_settings(files[0])
    shared = load_settings(settings_path)
    data = build_digest(records, period, shared)
    if not data.meetings:
        where = Position(settings_path.parent)
        detail = message("empty_period", period=period.name_vi(), start=period.start.isoformat(),
                         end=period.end.isoformat())  # fmt: skip
        raise InputError([Problem(where, detail)])
    chosen = profile_for(settings_path, shared, profile)
    renderer = renderer or Renderer()
    context = digest_context(data, shared, chosen, registration or Registration())
    blobs = renderer.render("digest", context, formats, settings_path)
    out = Path(out)
    outputs = [
        Output(settings_path, "digest", fmt, out / f"digest-{period}.{fmt}") for fmt in blobs
    ]
    for output in outputs:
        write_atomic(output.path, blobs[output.format])
    return DigestResult(data, outputs, warnings_of(records))
