"""The library API: what the command line does, callable from scripts and tests.

Each run first plans, from content hashes alone, which outputs are out of
date (``pipeline.plan``); only if some are does it load ``pipeline.stages``, which
reads the records and renders. So a run where nothing changed reads no record
and never imports the YAML typing, templating or rendering libraries.

The choices of a run are one ``Options`` value; they may also be given as
keywords (``render(paths, docs=("tb", "bc"), out=Path("out"))``), which
replace the fields of ``options``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import Problem, UsageError
from generator.inputs.locations import record_files
from generator.messages import message
from generator.model.kinds import Membership
from generator.model.periods import Period, PeriodError, parse_period
from generator.pipeline.options import Options
from generator.pipeline.plan import plan_digest, plan_render
from generator.pipeline.results import DigestResult, Output, RenderResult
from generator.pipeline.state import OutputState
from generator.pipeline.tasks import Progress

if TYPE_CHECKING:
    from collections.abc import Sequence
    from concurrent.futures import ProcessPoolExecutor

    from generator.checking.check import Checked
    from generator.importing.record import Imported
    from generator.model.meeting import Registration
    from generator.model.profiles import Profile
    from generator.model.records import Record
    from generator.output.renderer import Renderer
    from generator.output.verification import Verification
    from generator.pipeline.issuing import SignOptions
    from generator.pipeline.stages import Execution

__all__ = [
    "DigestResult",
    "Options",
    "Output",
    "RenderResult",
    "check_document",
    "check_documents",
    "digest",
    "import_document",
    "import_draft",
    "record_files",
    "render",
    "sign",
    "validate",
    "verify",
]


def validate(
    paths: Iterable[Path], *, settings: Path | None = None, strict: bool = False
) -> list[Record]:
    """Every record (files, or folders searched for them), typed and checked.

    An ``InputError`` lists all problems of all files, and of the settings,
    profiles and templates they name: what ``render`` and ``digest`` check.
    """
    from generator.pipeline.checks import check_run

    options = Options(settings=settings, strict=strict)
    return check_run(record_files(paths), options, together=True)


def _options(
    options: Options | None, renderer: Renderer | None, choices: dict[str, Any]
) -> Options:
    """The run's one options value; a renderer made for template folders brings them along."""
    chosen = replace(options or Options(), **choices)
    if renderer is not None and not chosen.templates:
        chosen = replace(chosen, templates=renderer.template_dirs)
    return chosen


def _execution(
    options: Options,
    renderer: Renderer | None,
    executor: Executor | None,
    progress: Progress | None,
    pool: ProcessPoolExecutor | None,
) -> Execution:
    from generator.output.renderer import Renderer
    from generator.pipeline.stages import Execution

    chosen = renderer or Renderer(options.templates)
    return Execution(chosen, executor, options.jobs, progress, pool)


@contextmanager
def _workers(options: Options, executor: Executor | None,
             formats: list[str]) -> Iterator[ProcessPoolExecutor | None]:  # fmt: skip
    """Worker processes for files of ``formats`` (one a file), started before anything is
    read, so that they import the writers while this process reads; shut down however the
    run ends."""
    from generator.pipeline.tasks import pooled, start_workers

    count = pooled(formats, options.jobs)
    if executor is not None or not count:
        yield None
        return
    pool = start_workers(count)
    try:
        yield pool
    finally:
        pool.shutdown(cancel_futures=True)


def render(
    paths: Iterable[Path],
    options: Options | None = None,
    *,
    renderer: Renderer | None = None,
    executor: Executor | None = None,
    progress: Progress | None = None,
    **choices: Any,
) -> RenderResult:
    """Render ``options.docs`` of every record into ``options.out``.

    Outputs whose inputs have not changed since they were written are skipped
    (unless ``force``), without even reading their records; the others are
    rendered with ``jobs`` processes or on ``executor`` (see ``pipeline.tasks``).
    ``renderer`` keeps compiled templates, fonts and base files between calls.
    """
    chosen = _options(options, renderer, choices)
    chosen.check_formats()
    files = record_files(paths)
    state = OutputState(chosen.out)
    plan = plan_render(files, chosen, state)
    if chosen.docs and not plan.stale:  # every output was written before: the choices were valid
        kept = [w for found in plan.kept_warnings.values() for w in found]
        return RenderResult([], kept, list(plan.skipped))
    with _workers(chosen, executor, [f for pairs in plan.stale.values() for _, f in pairs]) as pool:
        chosen.check_docs()  # reads the document types (pydantic): after the workers start
        from generator.pipeline.stages import render_stale

        execution = _execution(chosen, renderer, executor, progress, pool)
        return render_stale(plan, chosen, state, execution)


def parse_period_option(text: str) -> Period:
    try:
        return parse_period(text)
    except PeriodError as e:
        raise UsageError(message("bad_period", value=text)) from e


def digest(
    paths: Iterable[Path],
    *,
    period: Period | str,
    registration: Registration | None = None,
    membership: Membership | str = Membership.DATE,
    options: Options | None = None,
    renderer: Renderer | None = None,
    executor: Executor | None = None,
    progress: Progress | None = None,
    parts: int | None = None,
    **choices: Any,
) -> DigestResult:
    """The periodic report of ``period`` from every record given (files or folders).

    Written as ``OUT/digest-<period>.<format>``. Records of the period are
    aggregated; earlier ones count for directives still open. With ``jobs`` > 1
    the formats are rendered side by side, and a long digest's PDF in parts: cut where it
    starts new pages (``parts`` of them at the most; 1: in one pass), laid out on the
    workers and joined. ``digest`` of the result is ``None`` when the outputs were up to
    date and nothing was read.
    """
    chosen = _options(options, renderer, choices)
    chosen.check_formats()
    if (chosen.pdf_variant or "").startswith("pdf/a-1"):
        # The chart is drawn in a transparency group, which PDF/A-1 forbids (PDF/A-2 allows).
        raise UsageError(message("variant_no_transparency", value=chosen.pdf_variant))
    if isinstance(period, str):
        period = parse_period_option(period)
    try:
        membership = Membership(membership)
    except ValueError as e:
        known = ", ".join(m.value for m in Membership)
        raise UsageError(message("unknown_membership", value=membership, known=known)) from e
    files = record_files(paths)
    number, date = (registration.number, registration.date) if registration else (None, None)
    state = OutputState(chosen.out)
    if parts is not None and parts < 1:
        raise UsageError(message("parts_at_least_one", value=parts))
    shaping = [f"number={number}", f"date={date}", f"by={membership}", f"parts={parts}"]
    plan = plan_digest(files, period, shaping, chosen, state)
    if not plan.stale:
        return DigestResult(None, [], list(plan.kept_warnings), list(plan.skipped))
    # A long digest's PDF in parts keeps every worker busy: they are started for it now.
    from generator.model.catalog import document_types

    long = document_types()["digest"].is_long(len(files))
    parted = "pdf" in plan.stale and parts != 1 and not chosen.pdf_variant and long
    laid_out = [*plan.stale, *(["pdf"] * (chosen.jobs - 1) if parted else [])]
    with _workers(chosen, executor, laid_out) as pool:
        from generator.model.meeting import Registration
        from generator.pipeline.stages import render_digest

        execution = _execution(chosen, renderer, executor, progress, pool)
        return render_digest(files, period=period, registration=registration or Registration(),
                             membership=membership, plan=plan, options=chosen, state=state,
                             execution=execution, parts=parts)  # fmt: skip


def sign(pdf: Path, options: SignOptions | None = None, *, pin: str, **choices: Any) -> Path:
    """Sign ``pdf`` with PAdES as ``role`` (``signer``, ``organization``, ``attachment``);
    returns the file written (``out``, else ``<name>.<role>.pdf`` beside the input, which
    is never changed unless ``out`` names it). The choices are one ``SignOptions`` value,
    or keywords replacing its fields (``key=generator.Key(pkcs12=Path("k.p12"))``).

    The signer's image goes in the field ``render`` left between the title and the name,
    the seal over its left third at its real size, each signature an incremental update;
    an attachment gets its number and symbol (``reference``) and the time at the top
    right of page 1. The images, the seal's size and the token come from the settings
    above the PDF (or ``settings``) unless given; the appearance rules from their
    profile. ``timestamp_url`` makes it B-T, ``long_term`` B-LT (revocation data of the
    chain to ``trust`` embedded: the ``revocation`` files given, and what is fetched),
    ``archive`` B-LTA. ``pin`` unlocks the token or the PKCS#12 file: scripts read it
    from where they keep secrets, never from a file.
    """
    from generator.pipeline.issuing import SignOptions, sign

    return sign(pdf, replace(options or SignOptions(), **choices), pin=pin)


def verify(pdf: Path, *, trust: Sequence[Path] = (), settings: Path | None = None,
           profile: str | None = None) -> Verification:  # fmt: skip
    """Every signature of ``pdf`` checked: who, when (in the profile's time zone), whether
    the file changed after it, whether it chains to ``trust``; ``.ok`` only when there is at
    least one and all are valid."""
    from generator.pipeline.issuing import verify as verify_pdf

    return verify_pdf(pdf, trust=trust, settings=settings, profile=profile)


def _check_profile(profile: Profile | str | Path | None) -> Profile | None:
    """A profile given by value, by built-in name or by file path (relative to here)."""
    from generator.inputs.locations import profile_file
    from generator.model.profiles import Profile, load_profile

    if profile is None or isinstance(profile, Profile):
        return profile
    return load_profile(profile_file(str(profile), Path.cwd(), Path(str(profile))))


def check_documents(paths: Iterable[Path], profile: Profile | str | Path | None = None
                    ) -> list[Checked]:  # fmt: skip
    """Each Word document judged against ``profile`` (guessed per document when ``None``):
    its findings, and the profile used. A file that is not a readable DOCX stops the run
    with an ``InputError`` naming it; every file is read before any finding is given."""
    from generator.checking.check import check_file

    chosen = _check_profile(profile)
    return [check_file(Path(path), chosen) for path in paths]


def check_document(path: Path, profile: Profile | str | Path | None = None) -> list[Problem]:
    """The findings of one Word document against ``profile`` (guessed when ``None``)."""
    return check_documents([path], profile)[0].problems


def import_document(path: Path, *, settings: Path | None = None, strict: bool = False
                    ) -> Record:  # fmt: skip
    """A notice or report in DOCX as a validated record, the same ``Record`` that
    ``validate`` gives for a record file, checked against ``settings`` (by default the
    nearest ``giaoban.yaml`` above the document). An ``InputError`` located in the document
    names each field the clerk still has to fill; paragraphs that could not be placed are
    kept in ``conclusions`` and are the record's warnings."""
    from generator.importing.record import import_record

    return import_record(Path(path), settings, strict)


def import_draft(path: Path) -> Imported:
    """A notice or report in DOCX read leniently, as ``giaoban import`` writes it: the
    record's fields as found (``Imported.data``, not validated), ``Imported.yaml()`` the
    record file's text, and the paragraphs that could not be placed (``Imported.unplaced``,
    kept in the YAML). A file that is not a readable notice or report is an ``InputError``."""
    from generator.importing.record import read_all

    return read_all([Path(path)])[0]
