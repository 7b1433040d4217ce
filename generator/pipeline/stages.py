"""The stages that read and render, for what the plan found out of date: load and check
every record, then for each document build its content, render its HTML once, write
every format and write the file, atomically, as soon as it is made.

A run with a bad record writes nothing at all, and every problem of the run
is reported at once: all records are read and checked before the first document is
made. Documents are then made and written one after another (a few in flight on the
workers), so a batch's memory does not grow with its size.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.documents.aggregation import Digest, build_digest
from generator.documents.contexts import Content, briefing_context, digest_context
from generator.errors import GiaobanError, InputError, Position, Problem, Severity
from generator.inputs.locations import Named
from generator.messages import message
from generator.model.catalog import vocabulary
from generator.model.kinds import Membership
from generator.model.meeting import Registration
from generator.model.periods import Period
from generator.model.profiles import Profile, load_profile, out_of_force
from generator.model.records import Checked, Record, load_record, warnings_of
from generator.model.settings import load_settings
from generator.output.formats import Document
from generator.output.pdf_parts import Numbering, split
from generator.output.renderer import Renderer
from generator.pipeline.checks import check_batch, check_run
from generator.pipeline.options import Options
from generator.pipeline.parts import PartedPdf
from generator.pipeline.plan import DigestPlan, RenderPlan
from generator.pipeline.results import DigestResult, Output, RenderResult
from generator.pipeline.state import OutputState, digest_state_key, state_key
from generator.pipeline.tasks import LOCAL_FORMATS, K, Progress, Task, run_tasks
from generator.pipeline.writing import remove_orphans, write_atomic

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
    #: Workers started before the records were read (``pipeline.tasks.start_workers``).
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

    def run(self, tasks: Iterable[tuple[K, Task]], formats: Sequence[str],
            deliver: Callable[[K, bytes], None], state: OutputState) -> None:  # fmt: skip
        """Make and write every task's file; the outputs written are kept in ``state``
        even when the run stops part-way (each file is whole: it was written atomically)."""
        try:
            run_tasks(tasks, formats=formats, write=self._write, deliver=deliver,
                      executor=self.executor, jobs=self.jobs, progress=self.progress,
                      pool=self.pool)  # fmt: skip
        except BaseException:
            with contextlib.suppress(GiaobanError):
                state.save()
            raise
        state.save()

    def _write(self, task: Task) -> bytes:
        return self.renderer.write(task.document, task.format)


def output_path(out: Path, record: Record | Checked, doc: str, fmt: str) -> Path:
    """Where one document of one record is written: ``OUT/<record id>.<doc>.<format>``."""
    return out / f"{record.id}.{doc}.{fmt}"


def _conflicts(records: Sequence[Checked], plan: RenderPlan, options: Options) -> list[Problem]:
    """Two records writing one file, or a record's output overwriting an input. Names are
    compared without case: on FAT, exFAT and macOS "Họp-1" and "họp-1" are one file."""
    inputs = {r.path.resolve() for r in records} | {r.settings_path.resolve() for r in records}
    claimed: dict[str, Path] = {_folded(o.path): o.record for o in plan.skipped}
    problems = []
    for record in records:
        for doc in options.docs:
            for fmt in options.formats:
                target = output_path(plan.out, record, doc, fmt)
                other = claimed.setdefault(_folded(target), record.path)
                if other != record.path:
                    detail = message("duplicate_output", path=target, other=other)
                    problems.append(Problem(Position(record.path), detail))
                if target.resolve() in inputs:
                    detail = message("output_is_input", path=target)
                    problems.append(Problem(Position(record.path), detail))
    return problems


def _folded(path: Path) -> str:
    return str(path.parent / path.name.casefold())


def render_stale(
    plan: RenderPlan, options: Options, state: OutputState, execution: Execution
) -> RenderResult:
    """Render what ``plan`` found out of date, write it, and record it in the state."""
    records = check_batch(list(plan.stale), options, dated=options.docs)
    problems = _conflicts(records, plan, options)
    planned: list[Output] = []
    for record in records:
        try:  # a profile or template folder that is wrong: known before anything is written
            load_profile(options.named(record.settings_path, record.settings).profile)
        except InputError as e:
            problems.extend(e.problems)
        reasons = plan.stale[record.path]
        for doc in options.docs:
            for fmt in options.formats:
                if (doc, fmt) in reasons:
                    target = output_path(plan.out, record, doc, fmt)
                    planned.append(Output(record.path, doc, fmt, target, reasons[(doc, fmt)]))
    if problems:
        raise InputError(dict.fromkeys(problems))
    warnings = {r.path: list(r.warnings) for r in records}

    def tasks() -> Iterator[tuple[Output, Task]]:
        """Each record's documents, rendered when the run is ready for them."""
        by_record: dict[Path, list[Output]] = {}
        for output in planned:
            by_record.setdefault(output.record, []).append(output)
        for checked in records:
            outputs = by_record.get(checked.path, [])
            if not outputs:
                continue
            record = load_record(checked.path, options.settings, options.strict)
            named = options.named(record.settings_path, record.settings)
            profile = load_profile(named.profile)
            for doc in dict.fromkeys(o.doc for o in outputs):
                content = briefing_context(record, record.settings, profile, doc)
                document = execution.document(content, named, record.path, options)
                for output in (o for o in outputs if o.doc == doc):
                    yield output, Task(document, output.format, record.path.name, doc)

    def deliver(output: Output, data: bytes) -> None:
        write_atomic(output.path, data)
        made_from = plan.keys.get(output.record)
        if made_from is not None:
            state.record(state_key(output.record, output.doc, output.format), output.path,
                         made_from, data, warnings[output.record])  # fmt: skip

    if planned:
        remove_orphans(plan.out)
        execution.run(tasks(), [o.format for o in planned], deliver, state)
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
    parts: int | None = None,
) -> DigestResult:
    """Read every record, aggregate the period, render and write its report; its PDF in
    ``parts`` at the most (``None``: wherever it starts a new page; see ``_parted``)."""
    records = check_run(files, options, together=True, dated=())
    settings = load_settings(plan.settings)
    data = build_digest(records, period, settings, membership)
    if not data.meetings and not data.reviews:
        where = Position(plan.settings.parent)
        name = vocabulary().period_name(period)
        elsewhere = data.left_out_elsewhere
        counted = Counter(vocabulary().period_name(r.meeting.period) for r in elsewhere
                          if r.meeting.period is not None)  # fmt: skip
        where_counted = ", ".join(f"{p} ({n})" for p, n in sorted(counted.items()))
        detail = message("empty_period_elsewhere" if elsewhere else "empty_period", period=name,
                         start=period.start.isoformat(), end=period.end.isoformat(),
                         names=", ".join(r.path.name for r in elsewhere),
                         counted=where_counted)  # fmt: skip
        raise InputError([Problem(where, detail)])
    named = options.named(plan.settings, settings)
    profile = load_profile(named.profile)
    dated = _date_in_force(profile, registration, plan.settings, options.strict)
    content = digest_context(data, settings, profile, registration)
    document = execution.document(content, named, plan.settings, options)
    warnings = warnings_of(records) + dated + _date_warnings(data, registration)
    outputs = [Output(plan.settings, "digest", fmt, plan.targets[fmt], plan.stale[fmt])
               for fmt in plan.stale]  # fmt: skip

    def write_output(output: Output, blob: bytes) -> None:
        write_atomic(output.path, blob)
        state.record(digest_state_key(period, output.format), output.path, plan.key, blob,
                     warnings)  # fmt: skip

    parted = _parted(document, profile, parts, execution)

    made: dict[Path, bytes] = {}

    def deliver(key: tuple[Output, int | None], blob: bytes) -> None:
        output, index = key
        joined = blob if index is None or parted is None else parted.deliver(index, blob)
        if joined is None:
            return
        made[output.path] = joined
        if len(made) == len(outputs):  # the report is written in all its formats or in none
            for each in outputs:
                write_output(each, made[each.path])

    for folder in dict.fromkeys(o.path.parent for o in outputs):
        remove_orphans(folder)
    tasks: list[tuple[tuple[Output, int | None], Task]] = []
    for o in outputs:
        if o.format == "pdf" and parted is not None:
            tasks += [((o, i), task) for i, task in parted.tasks(str(period), "digest")]
        else:
            tasks.append(((o, None), Task(document, o.format, str(period), "digest")))
    # The workers' tasks handed out first: this process writes its own (the DOCX) while
    # they lay the PDF out, instead of before they start.
    tasks.sort(key=lambda pair: pair[1].format in LOCAL_FORMATS)
    execution.run(tasks, [t.format for _, t in tasks], deliver, state)
    return DigestResult(data, outputs, warnings, list(plan.skipped))


def _parted(document: Document, profile: Profile, parts: int | None,
            execution: Execution) -> PartedPdf | None:  # fmt: skip
    """The digest's PDF in parts laid out side by side (``None``: in one pass): cut where
    the document starts new pages, ``parts`` of them at the most."""
    cut = split(document, parts)
    if cut is None:
        return None
    rules = profile.page_number
    numbering = Numbering(rules.first_page, rules.restart_in_appendix)
    return PartedPdf(document, cut, numbering, lambda d: execution.renderer.write(d, "pdf"))


def _date_warnings(data: Digest, registration: Registration) -> list[Problem]:
    """A report dated (``--date``) before the last meeting it reports on: a typo, or a
    report written before the period's business was done."""
    issued = registration.date
    if issued is None or not data.meetings:
        return []
    last = max(data.meetings, key=lambda r: r.held)
    if issued >= last.meeting.date:
        return []
    detail = message("report_before_meeting", date=issued.isoformat(),
                     held=last.meeting.date.isoformat())  # fmt: skip
    return [Problem(last.source.values[("date",)], detail, Severity.WARNING)]
