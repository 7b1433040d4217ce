"""The stages that read and render, for what the plan found out of date: load and check
records, build each document's content, render its HTML once, write every format in
memory, and only then write the files, atomically.

A run with a bad record writes nothing at all, and every problem of the run
is reported at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.build.checks import check_run
from generator.build.options import Options
from generator.build.plan import DigestPlan, RenderPlan
from generator.build.results import DigestResult, Output, RenderResult
from generator.build.state import OutputState, digest_state_key, state_key
from generator.build.tasks import Progress, Task, run_tasks
from generator.build.writing import write_atomic
from generator.documents.aggregation import build_digest
from generator.documents.contexts import Content, briefing_context, digest_context
from generator.errors import InputError, Position, Problem, Severity
from generator.inputs.locations import Named
from generator.messages import message
from generator.model.catalog import vocabulary
from generator.model.kinds import Membership
from generator.model.meeting import Registration
from generator.model.periods import Period
from generator.model.profiles import Profile, load_profile, out_of_force
from generator.model.records import Record, warnings_of
from generator.model.settings import load_settings
from generator.output.formats import Document
from generator.output.renderer import Renderer

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


@dataclass
class Execution:
    """Where a run's documents are rendered: the renderers (one per set of template
    folders, sharing their writers), and the executor or process count for the files."""

    renderer: Renderer
    executor: Executor | None
    jobs: int
    progress: Progress | None
    #: Workers started before the records were read (``build.tasks.start_workers``).
    pool: ProcessPoolExecutor | None = None
    _renderers: dict[tuple[Path, ...], Renderer] = field(default_factory=dict)

    def renderer_for(self, template_dirs: tuple[Path, ...]) -> Renderer:
        if template_dirs == self.renderer.template_dirs:
            return self.renderer
        if template_dirs not in self._renderers:
            self._renderers[template_dirs] = self.renderer.with_templates(template_dirs)
        return self._renderers[template_dirs]

    def document(self, content: Content, named: Named, source: Path, options: Options) -> Document:
        renderer = self.renderer_for(named.templates)
        return renderer.document(content.doc, content.context, profile=load_profile(named.profile),
                                 meta=content.meta, source=source,
                                 pdf_variant=options.pdf_variant)  # fmt: skip

    def run(self, tasks: Sequence[Task]) -> list[bytes]:
        return run_tasks(tasks, write=self._write, executor=self.executor, jobs=self.jobs,
                         progress=self.progress, pool=self.pool)  # fmt: skip

    def _write(self, task: Task) -> bytes:
        return self.renderer.write(task.document, task.format)


def output_path(out: Path, record: Record, doc: str, fmt: str) -> Path:
    """Where one document of one record is written: ``OUT/<record id>.<doc>.<format>``."""
    return out / f"{record.id}.{doc}.{fmt}"


def _conflicts(records: Sequence[Record], plan: RenderPlan, options: Options) -> list[Problem]:
    """Two records writing one file, or a record's output overwriting an input."""
    inputs = {r.path.resolve() for r in records} | {r.settings_path.resolve() for r in records}
    claimed: dict[Path, Path] = {o.path: o.record for o in plan.skipped}
    problems = []
    for record in records:
        for doc in options.docs:
            for fmt in options.formats:
                target = output_path(plan.out, record, doc, fmt)
                other = claimed.setdefault(target, record.path)
                if other != record.path:
                    detail = message("duplicate_output", path=target, other=other)
                    problems.append(Problem(Position(record.path), detail))
                if target.resolve() in inputs:
                    detail = message("output_is_input", path=target)
                    problems.append(Problem(Position(record.path), detail))
    return problems


def render_stale(
    plan: RenderPlan, options: Options, state: OutputState, execution: Execution
) -> RenderResult:
    """Render what ``plan`` found out of date, write it, and record it in the state."""
    records = check_run(list(plan.stale), options, dated=options.docs)
    problems = _conflicts(records, plan, options)
    planned: list[Output] = []
    tasks: list[Task] = []
    for record in records:
        try:
            named = options.named(record.settings_path, record.settings)
            for doc in options.docs:
                wanted = [f for f in options.formats if (doc, f) in plan.stale[record.path]]
                if not wanted:
                    continue
                content = briefing_context(record, record.settings, load_profile(named.profile),
                                           doc)  # fmt: skip
                document = execution.document(content, named, record.path, options)
                reasons = plan.stale[record.path]
                for fmt in wanted:
                    target = output_path(plan.out, record, doc, fmt)
                    planned.append(Output(record.path, doc, fmt, target, reasons[(doc, fmt)]))
                    tasks.append(Task(document, fmt, record.path.name, doc))
        except InputError as e:
            problems.extend(e.problems)
    if problems:
        raise InputError(dict.fromkeys(problems))
    blobs = execution.run(tasks)
    warnings = {r.path: list(r.warnings) for r in records}
    for output, data in zip(planned, blobs, strict=True):
        write_atomic(output.path, data)
        made_from = plan.keys.get(output.record)
        if made_from is not None:
            state.record(state_key(output.record, output.doc, output.format), output.path,
                         made_from, data, warnings[output.record])  # fmt: skip
    if planned:
        state.save()
    # Records not read this time: their warnings as recorded when they were rendered.
    kept = [w for f, found in plan.kept_warnings.items() if f not in plan.stale for w in found]
    return RenderResult(planned, warnings_of(records) + kept, list(plan.skipped))


def _date_in_force(profile: Profile, registration: Registration, settings: Path,
                   strict: bool) -> list[Problem]:  # fmt: skip
    """The digest's ``--date`` outside its profile's period: a warning, an error under
    ``strict`` (nothing is written then)."""
    detail = registration.date and out_of_force(profile, registration.date)
    if not detail:
        return []
    problem = Problem(Position(settings), f"--date: {detail}", Severity.WARNING)
    if strict:
        raise InputError([replace(problem, severity=Severity.ERROR)])
    return [problem]


def render_digest(
    files: list[Path],
    *,
    period: Period,
    registration: Registration,
    membership: Membership,
    plan: DigestPlan,
    options: Options,
    state: OutputState,
    execution: Execution,
) -> DigestResult:
    """Read every record, aggregate the period, render and write its report."""
    records = check_run(files, options, together=True, dated=())
    settings = load_settings(plan.settings)
    data = build_digest(records, period, settings, membership)
    if not data.meetings and not data.reviews:
        where = Position(plan.settings.parent)
        name = vocabulary().period_name(period)
        detail = message("empty_period", period=name, start=period.start.isoformat(),
                         end=period.end.isoformat())  # fmt: skip
        raise InputError([Problem(where, detail)])
    named = options.named(plan.settings, settings)
    profile = load_profile(named.profile)
    dated = _date_in_force(profile, registration, plan.settings, options.strict)
    content = digest_context(data, settings, profile, registration)
    document = execution.document(content, named, plan.settings, options)
    formats = list(plan.stale)
    tasks = [Task(document, fmt, str(period), "digest") for fmt in formats]
    blobs = execution.run(tasks)
    warnings = warnings_of(records) + dated
    outputs = [Output(plan.settings, "digest", fmt, plan.targets[fmt], plan.stale[fmt])
               for fmt in formats]  # fmt: skip
    for output, blob in zip(outputs, blobs, strict=True):
        write_atomic(output.path, blob)
        state.record(digest_state_key(period, output.format), output.path, plan.key, blob,
                     warnings)  # fmt: skip
    state.save()
    return DigestResult(data, outputs, warnings, list(plan.skipped))
