"""The library API: what the command line does, callable from scripts and tests.

Stages: load and check every record, build each document's context, render
everything in memory, and only then write, atomically. A run with a bad
record writes nothing at all, and every problem of the run is reported at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

from .batch import Progress, Task, run_tasks
from .catalog import document_keys
from .context import briefing_context, digest_context
from .digest import Digest, build_digest
from .errors import InputError, Position, Problem, UsageError
from .fingerprint import environment, inputs_hash, settings_hash
from .messages import message
from .models import Registration
from .periods import Period, PeriodError, parse_period
from .profiles import Profile, load_profile, resolve_profile
from .records import Record, load_records, warnings_of
from .rendering import FORMATS, Renderer
from .settings import SETTINGS_NAME, Settings, find_settings, load_settings
from .state import OutputState
from .writing import write_atomic


@dataclass(frozen=True)
class Output:
    record: Path
    doc: str
    format: str
    path: Path


@dataclass(frozen=True)
class RenderResult:
    #: What this run rendered and wrote.
    outputs: list[Output]
    #: Text hygiene findings of the records (they did not stop the run).
    warnings: list[Problem]
    #: Outputs already up to date, left as they were.
    skipped: list[Output] = field(default_factory=list)


def output_path(out: Path, record: Record, doc: str, fmt: str) -> Path:
    """Where one document of one record is written: ``OUT/<record id>.<doc>.<format>``."""
    return out / f"{record.id}.{doc}.{fmt}"


def check_variant(variant: str | None) -> None:
    if variant is None:
        return
    from .render.pdf import pdf_variants

    known = pdf_variants()
    if variant not in known:
        raise UsageError(message("unknown_variant", value=variant, known=", ".join(known)))


def check_choices(docs: Sequence[str], formats: Sequence[str], need_docs: bool = False) -> None:
    known_docs = document_keys("meeting")
    if need_docs and not docs:
        raise UsageError(message("unknown_doc", value="", known=", ".join(known_docs)))
    if not formats:
        raise UsageError(message("unknown_format", value="", known=", ".join(FORMATS)))
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


def _settings_of(file: Path, settings: Path | None) -> Path | None:
    try:
        return settings or find_settings(file)
    except InputError:
        return None  # reported when the record is loaded


def _renderer(renderer: Renderer | None, templates: Sequence[Path]) -> Renderer:
    return renderer or Renderer(templates)


def render(
    paths: Iterable[Path],
    *,
    docs: Sequence[str] = ("tb",),
    formats: Sequence[str] = FORMATS,
    profile: str | None = None,
    out: Path = Path("out"),
    settings: Path | None = None,
    templates: Sequence[Path] = (),
    renderer: Renderer | None = None,
    strict: bool = False,
    pdf_variant: str | None = None,
    force: bool = False,
    jobs: int = 1,
    executor: Executor | None = None,
    progress: Progress | None = None,
) -> RenderResult:
    """Render ``docs`` of every record into ``out``; returns what was written and skipped.

    Outputs whose inputs have not changed since they were written are skipped
    (unless ``force``), without even reading their records; the others are
    rendered with ``jobs`` processes or on ``executor`` (see ``batch``).
    """
    check_choices(docs, formats, need_docs=True)
    check_variant(pdf_variant)
    files = record_files(paths)
    out = Path(out)
    renderer = _renderer(renderer, templates)
    state = OutputState(out)
    shared = environment(tuple(renderer.template_dirs))
    keys: dict[Path, str] = {}
    skipped: list[Output] = []
    kept_warnings: dict[Path, list[Problem]] = {}
    stale: dict[Path, set[tuple[str, str]]] = {}
    settings_digests: dict[Path, str] = {}
    for file in files:
        settings_path = _settings_of(file, settings)
        if settings_path is None:
            stale[file] = {(doc, fmt) for doc in docs for fmt in formats}
            continue
        if settings_path not in settings_digests:
            settings_digests[settings_path] = settings_hash(settings_path, profile)
        options = [f"profile={profile}", f"strict={strict}", f"variant={pdf_variant}"]
        key = keys[file] = inputs_hash([file], settings_digests[settings_path], options, shared)
        for doc in docs:
            for fmt in formats:
                entry = None if force else state.current(out, state_key(file, doc, fmt), key)
                if entry is None:
                    stale.setdefault(file, set()).add((doc, fmt))
                else:
                    skipped.append(Output(file, doc, fmt, out / entry.name))
                    kept_warnings.setdefault(file, entry.warnings)
    to_load = list(stale)
    records = load_records(to_load, settings, strict)
    inputs = {r.path.resolve() for r in records} | {r.settings_path.resolve() for r in records}
    claimed: dict[Path, Path] = {o.path: o.record for o in skipped}
    planned: list[Output] = []
    tasks: list[Task] = []
    dirs = tuple(renderer.template_dirs)
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
        record_dirs = (*dirs, *record_settings.template_dirs(record.settings_path))
        try:
            record_profile = profile_for(record.settings_path, record_settings, profile)
            for doc in docs:
                wanted = [fmt for fmt in formats if (doc, fmt) in stale[record.path]]
                if not wanted:
                    continue
                context = briefing_context(record, record_settings, record_profile, doc)
                for fmt in wanted:
                    target = output_path(out, record, doc, fmt)
                    planned.append(Output(record.path, doc, fmt, target))
                    tasks.append(Task(doc, fmt, context, record.path, record_dirs, pdf_variant))
        except InputError as e:
            problems.extend(e.problems)
    if problems:
        raise InputError(dict.fromkeys(problems))
    blobs = run_tasks(tasks, renderer=renderer, executor=executor, jobs=jobs, progress=progress)
    warnings = {r.path: list(r.warnings) for r in records}
    for output, data in zip(planned, blobs, strict=True):
        write_atomic(output.path, data)
        made_from = keys.get(output.record)
        if made_from is not None:
            state.record(state_key(output.record, output.doc, output.format), output.path,
                         made_from, data, warnings[output.record])  # fmt: skip
    if planned:
        state.save()
    # Records not read this time: their warnings as recorded when they were rendered.
    kept = [w for file, found in kept_warnings.items() if file not in stale for w in found]
    return RenderResult(planned, warnings_of(records) + kept, skipped)


def state_key(record: Path, doc: str, fmt: str) -> str:
    """Names an output in the folder's state before its record is read (by file, not id)."""
    return f"{record.resolve()}|{doc}|{fmt}"


@dataclass(frozen=True)
class DigestResult:
    #: The aggregated data; ``None`` when the outputs were up to date.
    digest: Digest | None
    outputs: list[Output]
    warnings: list[Problem]
    skipped: list[Output] = field(default_factory=list)


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
    templates: Sequence[Path] = (),
    renderer: Renderer | None = None,
    strict: bool = False,
    pdf_variant: str | None = None,
    force: bool = False,
    jobs: int = 1,
    executor: Executor | None = None,
    progress: Progress | None = None,
) -> DigestResult:
    """The periodic report of ``period`` from every record given (files or folders).

    Written as ``OUT/digest-<period>.<format>``. Records of the period are
    aggregated; earlier ones count for directives still open. With ``jobs`` > 1
    the formats are rendered side by side. ``digest`` of the result is ``None``
    when the outputs were up to date and nothing was read.
    """
    check_choices((), formats)
    check_variant(pdf_variant)
    if isinstance(period, str):
        period = parse_period_option(period)
    registration = registration or Registration()
    files = record_files(paths)
    settings_path = settings or find_settings(files[0])
    out = Path(out)
    renderer = _renderer(renderer, templates)
    targets = {fmt: out / f"digest-{period}.{fmt}" for fmt in formats}
    shared = environment(tuple(renderer.template_dirs))
    options = [f"period={period}", f"profile={profile}", f"strict={strict}",
               f"variant={pdf_variant}", registration.model_dump_json()]  # fmt: skip
    key = inputs_hash(files, settings_hash(settings_path, profile), options, shared)
    state = OutputState(out)
    entries = {fmt: state.current(out, f"digest|{period}|{fmt}", key) for fmt in formats}
    if not force and all(entries.values()):
        skipped = [Output(settings_path, "digest", fmt, targets[fmt]) for fmt in formats]
        kept = [w for entry in entries.values() if entry for w in entry.warnings]
        return DigestResult(None, [], list(dict.fromkeys(kept)), skipped)
    records = load_records(files, settings, strict)
    shared_settings = load_settings(settings_path)
    data = build_digest(records, period, shared_settings)
    if not data.meetings:
        where = Position(settings_path.parent)
        detail = message("empty_period", period=period.name_vi(), start=period.start.isoformat(),
                         end=period.end.isoformat())  # fmt: skip
        raise InputError([Problem(where, detail)])
    chosen = profile_for(settings_path, shared_settings, profile)
    context = digest_context(data, shared_settings, chosen, registration)
    dirs = (*renderer.template_dirs, *shared_settings.template_dirs(settings_path))
    tasks = [Task("digest", fmt, context, settings_path, dirs, pdf_variant) for fmt in formats]
    blobs = run_tasks(tasks, renderer=renderer, executor=executor, jobs=jobs, progress=progress)
    warnings = warnings_of(records)
    outputs = [Output(settings_path, "digest", fmt, targets[fmt]) for fmt in formats]
    for output, blob in zip(outputs, blobs, strict=True):
        write_atomic(output.path, blob)
        state.record(f"digest|{period}|{output.format}", output.path, key, blob, warnings)
    state.save()
    return DigestResult(data, outputs, warnings, [])
