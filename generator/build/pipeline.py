"""The stages that read and render: load and check records, build each document's
context, render everything in memory, and only then write, atomically.

``api`` decides first, from content hashes alone, which outputs are out of
date; this module does the work for those. A run with a bad record writes
nothing at all, and every problem of the run is reported at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

from generator.documents.aggregation import build_digest
from generator.build.tasks import Progress, Task, run_tasks
from generator.model.catalog import document_keys
from generator.documents.contexts import briefing_context, digest_context
from generator.errors import InputError, Position, Problem, UsageError
from generator.messages import message
from generator.model.meeting import Registration
from generator.model.periods import Period
from generator.model.profiles import Profile, load_profile, resolve_profile
from generator.model.records import Record, load_records, warnings_of
from generator.output.renderer import Renderer
from generator.build.results import DigestResult, Output, RenderResult
from generator.model.settings import Settings, load_settings
from generator.build.state import OutputState, RenderPlan, state_key
from generator.build.writing import write_atomic


@dataclass(frozen=True)
class Execution:
    """How a run renders: with which renderer (or template folders), how strictly,
    which PDF variant, and where the tasks run."""

    renderer: Renderer | None
    templates: Sequence[Path]
    strict: bool
    pdf_variant: str | None
    jobs: int
    executor: Executor | None
    progress: Progress | None

    def run(self, renderer: Renderer, tasks: Sequence[Task]) -> list[bytes]:
        return run_tasks(tasks, renderer=renderer, executor=self.executor, jobs=self.jobs,
                         progress=self.progress)  # fmt: skip


def check_docs(docs: Sequence[str]) -> None:
    known = document_keys("meeting")
    for doc in docs or [""]:
        if doc not in known:
            raise UsageError(message("unknown_doc", value=doc, known=", ".join(known)))


def output_path(out: Path, record: Record, doc: str, fmt: str) -> Path:
    """Where one document of one record is written: ``OUT/<record id>.<doc>.<format>``."""
    return out / f"{record.id}.{doc}.{fmt}"


def profile_for(settings_path: Path, settings: Settings, override: str | None) -> Profile:
    return load_profile(resolve_profile(override or settings.profile, settings_path.parent))


def render_stale(
    plan: RenderPlan,
    *,
    docs: Sequence[str],
    formats: Sequence[str],
    profile: str | None,
    settings: Path | None,
    execution: Execution,
) -> RenderResult:
    """Render what ``plan`` found out of date, write it, and record it in the state."""
    renderer = execution.renderer or Renderer(execution.templates)
    out, stale, variant = plan.out, plan.stale, execution.pdf_variant
    records = load_records(list(stale), settings, execution.strict)
    inputs = {r.path.resolve() for r in records} | {r.settings_path.resolve() for r in records}
    claimed: dict[Path, Path] = {o.path: o.record for o in plan.skipped}
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
        try:
            record_dirs = (*dirs, *record_settings.template_dirs(record.settings_path))
            record_profile = profile_for(record.settings_path, record_settings, profile)
            for doc in docs:
                wanted = [fmt for fmt in formats if (doc, fmt) in stale[record.path]]
                if not wanted:
                    continue
                context = briefing_context(record, record_settings, record_profile, doc)
                for fmt in wanted:
                    target = output_path(out, record, doc, fmt)
                    planned.append(Output(record.path, doc, fmt, target))
                    tasks.append(Task(doc, fmt, context, record.path, record_dirs, variant))
        except InputError as e:
            problems.extend(e.problems)
    if problems:
        raise InputError(dict.fromkeys(problems))
    blobs = execution.run(renderer, tasks)
    warnings = {r.path: list(r.warnings) for r in records}
    for output, data in zip(planned, blobs, strict=True):
        write_atomic(output.path, data)
        made_from = plan.keys.get(output.record)
        if made_from is not None:
            plan.state.record(state_key(output.record, output.doc, output.format), output.path,
                              made_from, data, warnings[output.record])  # fmt: skip
    if planned:
        plan.state.save()
    # Records not read this time: their warnings as recorded when they were rendered.
    kept = [w for f, found in plan.kept_warnings.items() if f not in stale for w in found]
    return RenderResult(planned, warnings_of(records) + kept, plan.skipped)


def render_digest(
    files: list[Path],
    *,
    period: Period,
    key: str,
    state: OutputState,
    targets: dict[str, Path],
    settings_path: Path,
    settings: Path | None,
    profile: str | None,
    registration: Registration | None,
    execution: Execution,
) -> DigestResult:
    """Read every record, aggregate the period, render and write its report."""
    renderer = execution.renderer or Renderer(execution.templates)
    records = load_records(files, settings, execution.strict)
    shared_settings = load_settings(settings_path)
    data = build_digest(records, period, shared_settings)
    if not data.meetings:
        where = Position(settings_path.parent)
        detail = message("empty_period", period=period.name_vi(), start=period.start.isoformat(),
                         end=period.end.isoformat())  # fmt: skip
        raise InputError([Problem(where, detail)])
    chosen = profile_for(settings_path, shared_settings, profile)
    context = digest_context(data, shared_settings, chosen, registration or Registration())
    dirs = (*renderer.template_dirs, *shared_settings.template_dirs(settings_path))
    formats = list(targets)
    variant = execution.pdf_variant
    tasks = [Task("digest", fmt, context, settings_path, dirs, variant) for fmt in formats]
    blobs = execution.run(renderer, tasks)
    warnings = warnings_of(records)
    outputs = [Output(settings_path, "digest", fmt, targets[fmt]) for fmt in formats]
    for output, blob in zip(outputs, blobs, strict=True):
        write_atomic(output.path, blob)
        state.record(f"digest|{period}|{output.format}", output.path, key, blob, warnings)
    state.save()
    return DigestResult(data, outputs, warnings, [])
