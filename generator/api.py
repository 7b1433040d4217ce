"""The library API: what the command line does, callable from scripts and tests.

Each run first decides, from content hashes alone, which outputs are out of
date (``fingerprint``, ``state``); only if some are does it load ``pipeline``,
which reads the records and renders. So a run where nothing changed reads no
record and never imports the YAML typing, templating or rendering libraries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import TYPE_CHECKING

from generator.build.fingerprint import environment, inputs_hash, settings_hash
from generator.build.results import DigestResult, Output, RenderResult
from generator.build.state import OutputState, RenderPlan, state_key
from generator.build.tasks import Progress
from generator.errors import InputError, UsageError
from generator.inputs.locations import find_settings, record_files
from generator.messages import message
from generator.model.periods import Period, PeriodError, parse_period
from generator.output.formats import FORMATS

if TYPE_CHECKING:
    from generator.model.meeting import Registration
    from generator.model.records import Record
    from generator.output.renderer import Renderer

__all__ = [
    "DigestResult",
    "Output",
    "RenderResult",
    "digest",
    "record_files",
    "render",
    "validate",
]


def check_variant(variant: str | None) -> None:
    if variant is None:
        return
    from generator.output.pdf import pdf_variants

    known = pdf_variants()
    if variant not in known:
        raise UsageError(message("unknown_variant", value=variant, known=", ".join(known)))


def check_formats(formats: Sequence[str]) -> None:
    for fmt in formats or [""]:
        if fmt not in FORMATS:
            raise UsageError(message("unknown_format", value=fmt, known=", ".join(FORMATS)))


def validate(
    paths: Iterable[Path], *, settings: Path | None = None, strict: bool = False
) -> list[Record]:
    """Every record (files, or folders searched for them), typed and checked.

    An ``InputError`` lists all problems of all files.
    """
    from generator.model.records import load_records

    return load_records(record_files(paths), settings, strict)


def _settings_of(file: Path, settings: Path | None) -> Path | None:
    try:
        return settings or find_settings(file)
    except InputError:
        return None  # reported when the record is loaded


def _template_dirs(renderer: Renderer | None, templates: Sequence[Path]) -> tuple[Path, ...]:
    return tuple(renderer.template_dirs) if renderer else tuple(Path(t) for t in templates)


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
    check_formats(formats)
    check_variant(pdf_variant)
    files = record_files(paths)
    out = Path(out)
    plan = RenderPlan(out, OutputState(out), {}, [], {}, {})
    shared = environment(_template_dirs(renderer, templates))
    settings_digests: dict[Path, str] = {}
    options = [f"profile={profile}", f"strict={strict}", f"variant={pdf_variant}"]
    for file in files:
        settings_path = _settings_of(file, settings)
        if settings_path is None:
            plan.stale[file] = {(doc, fmt) for doc in docs for fmt in formats}
            continue
        if settings_path not in settings_digests:
            settings_digests[settings_path] = settings_hash(settings_path, profile)
        key = inputs_hash([file], settings_digests[settings_path], options, shared)
        plan.keys[file] = key
        for doc in docs:
            for fmt in formats:
                entry = None if force else plan.state.current(out, state_key(file, doc, fmt), key)
                if entry is None:
                    plan.stale.setdefault(file, set()).add((doc, fmt))
                else:
                    plan.skipped.append(Output(file, doc, fmt, out / entry.name))
                    plan.kept_warnings.setdefault(file, entry.warnings)
    if docs and not plan.stale:  # every output was written before, so the choices were valid
        kept = [w for found in plan.kept_warnings.values() for w in found]
        return RenderResult([], kept, plan.skipped)
    from generator.build.pipeline import Execution, check_docs, render_stale

    check_docs(docs)
    execution = Execution(renderer, templates, strict, pdf_variant, jobs, executor, progress)
    return render_stale(plan, docs=docs, formats=formats, profile=profile, settings=settings,
                        execution=execution)  # fmt: skip


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
    check_formats(formats)
    check_variant(pdf_variant)
    if isinstance(period, str):
        period = parse_period_option(period)
    files = record_files(paths)
    settings_path = settings or find_settings(files[0])
    out = Path(out)
    targets = {fmt: out / f"digest-{period}.{fmt}" for fmt in formats}
    shared = environment(_template_dirs(renderer, templates))
    number, date = (registration.number, registration.date) if registration else (None, None)
    options = [f"period={period}", f"profile={profile}", f"strict={strict}",
               f"variant={pdf_variant}", f"number={number}", f"date={date}"]  # fmt: skip
    key = inputs_hash(files, settings_hash(settings_path, profile), options, shared)
    state = OutputState(out)
    entries = {fmt: state.current(out, f"digest|{period}|{fmt}", key) for fmt in formats}
    if not force and all(entries.values()):
        skipped = [Output(settings_path, "digest", fmt, targets[fmt]) for fmt in formats]
        kept = [w for entry in entries.values() if entry for w in entry.warnings]
        return DigestResult(None, [], list(dict.fromkeys(kept)), skipped)
    from generator.build.pipeline import Execution, render_digest

    execution = Execution(renderer, templates, strict, pdf_variant, jobs, executor, progress)
    return render_digest(files, period=period, key=key, state=state, targets=targets,
                         settings_path=settings_path, settings=settings, profile=profile,
                         registration=registration, execution=execution)  # fmt: skip
