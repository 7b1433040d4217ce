"""The ``giaoban`` command: parses options, calls the library, maps errors to exit codes.

Exit codes: 0 success; 1 invalid input (records, settings, profiles,
templates), nothing written; 2 wrong usage of the command; 3 an output could
not be written; 4 ``doctor`` found something that degrades output or speed;
5 ``init``/``new`` would overwrite a file that exists (or ``sign`` its default output);
6 ``verify`` found a signature not valid, or none; 70 an internal error (a bug);
130 interrupted.

Every text a user reads comes from the message catalog: help texts and option
descriptions are message ids (``help_…``, ``opt_…``) resolved when shown, see
``cli.help``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import faulthandler
import functools
import io
import json
import os
import re
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import click

from generator import api
from generator.cli import completion as complete
from generator.cli.help import (
    Argument,
    Day,
    Group,
    LocalPath,
    Option,
    WholeNumber,
    localize_click,
    speak,
    speaking,
)
from generator.cli.progress import progress_display
from generator.errors import ExitCode, GiaobanError, InputError, Problem, Severity, UsageError
from generator.messages import Language, count, message, number, set_language
from generator.model.kinds import MAX_NUMBER, MeetingKind, Membership
from generator.output.formats import FORMATS
from generator.pipeline.tasks import default_jobs

# Commands import what they use beyond this, so that a run which finds its
# outputs up to date, or only prints help, starts quickly.

localize_click()
option = functools.partial(click.option, cls=Option)


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


records_argument = click.argument(
    "records",
    nargs=-1,
    required=True,
    type=LocalPath(),
    cls=Argument,
    metavar="metavar_records",
)
settings_option = option("--settings", type=LocalPath(dir_okay=False), help="opt_settings")
formats_option = option(
    "--to",
    "formats",
    default=",".join(FORMATS),
    show_default=True,
    help="opt_to",
    metavar="metavar_list",
    shell_complete=complete.formats,
)
docs_option = option("--doc", "docs", default="tb", show_default=True, help="opt_doc",
                     metavar="metavar_list", shell_complete=complete.docs)  # fmt: skip
profile_option = option("--profile", help="opt_profile", metavar="metavar_profile",
                        shell_complete=complete.profiles)  # fmt: skip
out_option = option(
    "--out",
    type=LocalPath(file_okay=False),
    default=Path("out"),
    show_default=True,
    help="opt_out",
)
quiet_option = option("-q", "--quiet", is_flag=True, help="opt_quiet")
verbose_option = option("-v", "--verbose", is_flag=True, help="opt_verbose")
json_option = option("--json", "as_json", is_flag=True, help="opt_json")
strict_option = option("--strict", is_flag=True, help="opt_strict")
jobs_option = option(
    "-j",
    "--jobs",
    type=WholeNumber(),
    metavar="metavar_number",
    default=default_jobs,
    show_default="opt_jobs_default",
    help="opt_jobs",
)
templates_option = option(
    "--templates",
    "templates",
    multiple=True,
    type=LocalPath(file_okay=False, exists=True),
    help="opt_templates",
)
variant_option = option("--pdf-variant", metavar="metavar_variant", help="opt_variant")
force_option = option("--force", is_flag=True, help="opt_force")
scheduler_option = option("--scheduler", metavar="metavar_address", help="opt_scheduler")


@contextmanager
def _executor(scheduler: str | None) -> Iterator[Any]:
    """The executor of a dask.distributed cluster at ``scheduler`` (``tcp://host:8786``), or
    ``None``: the run's own processes."""
    if scheduler is None:
        yield None
        return
    from generator.pipeline.cluster import cluster_executor

    with cluster_executor(scheduler, notify=functools.partial(click.echo, err=True)) as executor:
        yield executor


def _render_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options ``render`` and ``watch`` share, in the order help lists them."""
    for decorate in reversed((records_argument, docs_option, formats_option, profile_option,
                              out_option, settings_option, templates_option, variant_option,
                              strict_option)):  # fmt: skip
        command = decorate(command)
    return command


def _output_json(output: api.Output) -> dict[str, str]:
    return {"record": str(output.record), "doc": output.doc, "format": output.format,
            "path": str(output.path)}  # fmt: skip


def _echo_json(data: dict[str, object]) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@contextmanager
def _json_errors(as_json: bool) -> Iterator[None]:
    """With --json, a failed run still prints a JSON result (then fails as usual), whatever
    stopped it: invalid input, a usage error, an output that could not be written, a bug."""
    try:
        yield
    except InputError as e:
        if as_json:
            _echo_json({"ok": False, "exit_code": int(e.exit_code),
                        "errors": [p.as_json() for p in e.problems]})  # fmt: skip
        raise
    except GiaobanError as e:
        if as_json:
            _echo_json({"ok": False, "exit_code": int(e.exit_code), "errors": [],
                        "message": e.message})  # fmt: skip
        raise
    except Exception as e:
        if as_json:
            detail = message("internal_error", error=f"{type(e).__name__}: {e}")
            _echo_json({"ok": False, "exit_code": int(ExitCode.INTERNAL), "errors": [],
                        "message": detail})  # fmt: skip
        raise


def _warn(warnings: Sequence[Problem]) -> None:
    """Findings grouped per file (they arrive sorted by position)."""
    current = None
    for warning in sorted(warnings, key=lambda w: (w.position, w.message)):
        if warning.position.path != current and current is not None:
            click.echo("", err=True)
        current = warning.position.path
        click.echo(str(warning), err=True)


def _report(result: api.RenderResult | api.DigestResult, out: Path, quiet: bool,
            verbose: bool, started: float) -> None:  # fmt: skip
    if quiet:
        return
    for output in result.outputs:
        click.echo(message("wrote", path=output.path))
        if verbose and output.reason:
            click.echo(f"  ({message(output.reason)})")
    if verbose:
        for output in result.skipped:
            click.echo(message("kept", path=output.path))
    if result.outputs or not result.skipped:
        click.echo(message("render_summary", files=count("n_files", len(result.outputs)), out=out))
    if result.skipped:
        click.echo(message("up_to_date", files=count("n_files", len(result.skipped)), out=out))
    if verbose:
        click.echo(message("elapsed", seconds=number(time.perf_counter() - started, 2)))


def _set_language(_ctx: click.Context, _param: click.Parameter, value: Language | None) -> None:
    if value:
        set_language(value)
        speak()


@click.group(cls=Group, help="help_cli", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="giaoban")
@option("--lang", type=click.Choice(["vi", "en"]), help="opt_lang", is_eager=True,
        expose_value=False, callback=_set_language)  # fmt: skip
def cli() -> None:
    """The group: ``--lang`` is applied as soon as it is read, before any help is shown."""


@cli.command(help="help_validate")
@records_argument
@settings_option
@strict_option
@json_option
@verbose_option
def validate(records: Sequence[Path], settings: Path | None, strict: bool, as_json: bool,
             verbose: bool) -> None:  # fmt: skip

    from generator.model.records import warnings_of

    with _json_errors(as_json):
        loaded = api.validate(records, settings=settings, strict=strict)
    warnings = warnings_of(loaded)
    if as_json:
        _echo_json({"ok": True, "files": [str(r.path) for r in loaded],
                    "warnings": [w.as_json() for w in warnings]})  # fmt: skip
        return
    _warn(warnings)
    if verbose:
        for record in loaded:
            click.echo(message("checked", path=record.path, id=record.id))
    click.echo(
        message(
            "valid_summary",
            files=count("n_files", len(loaded)),
            errors=count("n_errors", 0),
            warnings=count("n_warnings", len(warnings)),
        )
    )


@cli.command(help="help_fix")
@click.argument("files", nargs=-1, required=True, cls=Argument, metavar="metavar_files",
                type=LocalPath(dir_okay=False, exists=True))  # fmt: skip
@option("--no-backup", is_flag=True, help="opt_no_backup")
def fix(files: Sequence[Path], no_backup: bool) -> None:
    from generator.commands.fix import fix_file

    for path in files:
        result = fix_file(path, backup=not no_backup)
        if result.changed_lines == 0:
            click.echo(message("nothing_to_fix", path=path))
        elif result.backup is None:
            click.echo(
                message("fixed_no_backup", path=path, lines=count("n_lines", result.changed_lines))
            )
        else:
            click.echo(message("fixed", path=path, lines=count("n_lines", result.changed_lines),
                               backup=result.backup))  # fmt: skip


@cli.command(help="help_render")
@_render_options
@jobs_option
@force_option
@scheduler_option
@json_option
@quiet_option
@verbose_option
def render(records: Sequence[Path], docs: str, formats: str, profile: str | None, out: Path,
           settings: Path | None, templates: tuple[Path, ...], pdf_variant: str | None,
           strict: bool, jobs: int, force: bool, scheduler: str | None, as_json: bool,
           quiet: bool, verbose: bool) -> None:  # fmt: skip
    started = time.perf_counter()
    options = api.Options(docs=_split(docs), formats=_split(formats), profile=profile, out=out,
                          settings=settings, templates=templates, strict=strict,
                          pdf_variant=pdf_variant, jobs=jobs, force=force)  # fmt: skip
    with (_json_errors(as_json), progress_display(quiet or as_json) as progress,
          _executor(scheduler) as executor):  # fmt: skip
        result = api.render(records, options, progress=progress, executor=executor)
    if as_json:
        _echo_json({"ok": True, "written": [_output_json(o) for o in result.outputs],
                    "up_to_date": [_output_json(o) for o in result.skipped],
                    "warnings": [w.as_json() for w in result.warnings]})  # fmt: skip
        return
    _warn(result.warnings)
    _report(result, out, quiet, verbose, started)


@cli.command(help="help_digest")
@records_argument
@option("--period", required=True, help="opt_period", metavar="metavar_period",
        shell_complete=complete.periods)  # fmt: skip
@formats_option
@profile_option
@out_option
@settings_option
@option("--number", type=WholeNumber(MAX_NUMBER), metavar="metavar_number", help="opt_number")
@option("--by", "membership", type=click.Choice([m.value for m in Membership]), default="date",
        show_default=True, help="opt_by")  # fmt: skip
@option("--date", "issued", type=Day(), help="opt_report_date")
@templates_option
@variant_option
@strict_option
@jobs_option
@option("--parts", type=WholeNumber(), metavar="metavar_number", help="opt_parts")
@force_option
@scheduler_option
@quiet_option
@verbose_option
def digest(records: Sequence[Path], period: str, formats: str, profile: str | None, out: Path,
           settings: Path | None, number: int | None, membership: str, issued: dt.date | None,
           templates: tuple[Path, ...], pdf_variant: str | None, strict: bool, jobs: int,
           parts: int | None, force: bool, scheduler: str | None, quiet: bool,
           verbose: bool) -> None:  # fmt: skip

    from generator.model.meeting import Registration

    started = time.perf_counter()
    registration = Registration(number=number, date=issued)
    options = api.Options(formats=_split(formats), profile=profile, out=out, settings=settings,
                          templates=templates, strict=strict, pdf_variant=pdf_variant, jobs=jobs,
                          force=force)  # fmt: skip
    with progress_display(quiet) as progress, _executor(scheduler) as executor:
        result = api.digest(records, period=period, registration=registration, options=options,
                            membership=membership, progress=progress, parts=parts,
                            executor=executor)  # fmt: skip
    _warn(result.warnings)
    if result.digest and not quiet:
        made = result.digest
        after = "left_out_after_review" if made.reviews_after else "left_out_after"
        reviews = ", ".join(r.path.name for r in made.reviews_after)
        for msg_id, left_out in (("left_out_before", made.left_out_before),
                                 (after, made.left_out_after),
                                 ("left_out_elsewhere", made.left_out_elsewhere)):  # fmt: skip
            if left_out:
                names = ", ".join(r.path.name for r in left_out)
                click.echo(message(msg_id, records=count("n_records", len(left_out)),
                                   period=period, names=names, reviews=reviews))  # fmt: skip
    _report(result, out, quiet, verbose, started)


@cli.command(help="help_watch")
@_render_options
def watch(records: Sequence[Path], docs: str, formats: str, profile: str | None, out: Path,
          settings: Path | None, templates: tuple[Path, ...], pdf_variant: str | None,
          strict: bool) -> None:  # fmt: skip
    from generator.commands.watch import watch as watch_records

    def report(outcome: api.RenderResult | GiaobanError) -> None:
        stamp = dt.datetime.now().strftime("%H:%M:%S")
        if isinstance(outcome, GiaobanError):
            for line in outcome.lines():
                click.echo(line, err=True)
            click.echo(message("watch_failed", time=stamp), err=True)
            return
        _warn(outcome.warnings)
        for output in outcome.outputs:
            click.echo(message("wrote", path=output.path))
        click.echo(message("watch_round", time=stamp, files=count("n_files", len(outcome.outputs)),
                           kept=count("n_files", len(outcome.skipped))))  # fmt: skip

    options = api.Options(docs=_split(docs), formats=_split(formats), profile=profile, out=out,
                          settings=settings, templates=templates, strict=strict,
                          pdf_variant=pdf_variant)  # fmt: skip
    watch_records(records, report=report, options=options)


@cli.command(help="help_check")
@click.argument("files", nargs=-1, required=True, cls=Argument, metavar="metavar_docx",
                type=LocalPath(dir_okay=False, exists=True))  # fmt: skip
@option("--profile", help="opt_check_profile", metavar="metavar_profile",
        shell_complete=complete.profiles)  # fmt: skip
@option("--strict", is_flag=True, help="opt_check_strict")
@json_option
@quiet_option
@verbose_option
def check(files: Sequence[Path], profile: str | None, strict: bool, as_json: bool, quiet: bool,
          verbose: bool) -> None:  # fmt: skip
    with _json_errors(as_json):
        results = api.check_documents(files, profile)
    problems = [p for r in results for p in r.problems]
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    failed = errors or (strict and warnings)
    if as_json:
        code = ExitCode.INVALID_INPUT if failed else ExitCode.OK
        _echo_json({"ok": not failed, "exit_code": int(code), "files": [
            {"file": str(r.path), "profile": r.profile.name, "guessed": r.guessed,
             "findings": [p.as_json() for p in r.problems]} for r in results]})  # fmt: skip
    else:
        for result in results:
            if result.guessed and not quiet:
                rules = result.profile.in_force
                regulation = rules.regulation if rules else result.profile.name
                click.echo(message("check_guessed", path=result.path, name=result.profile.name,
                                   regulation=regulation))  # fmt: skip
            for problem in result.problems:
                click.echo(str(problem))
            if verbose and not result.problems:
                click.echo(message("check_conforms", path=result.path, name=result.profile.name))
        if not quiet:
            click.echo(message("check_summary", files=count("n_files", len(results)),
                               errors=count("n_errors", errors),
                               warnings=count("n_warnings", warnings)))  # fmt: skip
    if failed:
        click.get_current_context().exit(int(ExitCode.INVALID_INPUT))


@cli.command("import", help="help_import")
@click.argument("files", nargs=-1, required=True, cls=Argument, metavar="metavar_docx",
                type=LocalPath(dir_okay=False, exists=True))  # fmt: skip
@option("--dir", "folder", type=LocalPath(file_okay=False), help="opt_import_dir")
@option("--id", "record_id", metavar="metavar_name", help="opt_import_id")
@option("--kind", type=click.Choice([k.value for k in MeetingKind]), help="opt_import_kind")
@json_option
@quiet_option
@verbose_option
def import_(files: Sequence[Path], folder: Path | None, record_id: str | None, kind: str | None,
            as_json: bool, quiet: bool, verbose: bool) -> None:  # fmt: skip
    from generator.commands.importing import import_documents

    started = time.perf_counter()
    if record_id is not None and len(files) > 1:
        raise UsageError(message("import_id_one_document", n=len(files)))
    if record_id is not None and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}", record_id):
        raise UsageError(message("bad_id", value=record_id))
    if folder is None:
        folder = Path("records") if Path("records").is_dir() else Path()
    with _json_errors(as_json):
        written = import_documents(files, folder, record_id, kind)
    if as_json:
        _echo_json({"ok": True, "records": [
            {"file": str(w.imported.source), "files": [str(s) for s in w.imported.sources],
             "record": str(w.path), "doc": w.imported.doc,
             "documents": sorted(w.imported.data.get("documents", {})),
             "fields": list(w.imported.data),
             "not_placed": [{"file": str(source), "paragraph": p.index, "text": p.text}
                            for source, p in w.imported.kept()],
             "notes": [{"file": str(source), "paragraph": p.index, "note": message(note)}
                       for source, p, note in w.imported.noted()]}
            for w in written]})  # fmt: skip
        return
    for w in written:
        if not quiet:
            docs = ", ".join(i.doc or "" for i in (w.imported, *w.imported.merged))
            click.echo(message("import_wrote", path=w.path, doc=docs,
                               source=", ".join(map(str, w.imported.sources))))  # fmt: skip
            if verbose:
                click.echo(message("import_found", fields=", ".join(w.imported.data)))
        for source, p in w.imported.kept():
            where = message("check_at_paragraph", n=p.index, text=p.excerpt())
            click.echo(message("import_not_placed", path=source, where=where), err=True)
        for source, p, note in w.imported.noted():
            where = message("check_at_paragraph", n=p.index, text=p.excerpt())
            click.echo(f"  {source}:{where}: {message(note)}", err=True)
    if verbose and not quiet:
        click.echo(message("elapsed", seconds=number(time.perf_counter() - started, 2)))


@cli.command(help="help_init")
@click.argument("folder", required=False, default=".", cls=Argument, metavar="metavar_folder",
                type=LocalPath(file_okay=False))  # fmt: skip
def init(folder: Path) -> None:
    from generator.commands import scaffold

    created = scaffold.init_folder(folder)
    for path in created:
        click.echo(message("created", path=path))
    click.echo(message("init_next", settings=created[0], records=folder / "records"))


@cli.command(help="help_new")
@option("--kind", type=click.Choice([k.value for k in MeetingKind]), default="briefing",
        show_default=True, help="opt_kind")  # fmt: skip
@option("--date", "day", type=Day(), help="opt_new_date")
@option("--dir", "folder", type=LocalPath(file_okay=False), help="opt_dir")
@option("--id", "record_id", metavar="metavar_name", help="opt_new_id")
def new(kind: str, day: dt.date | None, folder: Path | None, record_id: str | None) -> None:
    from generator.commands import scaffold
    from generator.inputs.validation import ID_PATTERN, id_problem

    if folder is None:
        folder = Path("records") if Path("records").is_dir() else Path()
    date = day or dt.date.today()
    if record_id is not None and not re.fullmatch(ID_PATTERN, record_id):
        raise UsageError(id_problem(record_id))
    created = scaffold.new_record(folder, MeetingKind(kind), date, record_id=record_id)
    click.echo(message("created", path=created.path))
    click.echo(message("new_next", path=created.path))


@cli.command(help="help_schema")
@click.argument("kind", type=click.Choice(["record", "settings"]), default="record")
def schema(kind: Literal["record", "settings"]) -> None:
    from generator.commands import scaffold

    # bytes: JSON is UTF-8 (RFC 8259) whatever the terminal's encoding
    click.echo(scaffold.schema_bytes(kind), nl=False)


@cli.command(help="help_doctor")
@templates_option
def doctor(templates: tuple[Path, ...]) -> None:
    from generator.commands.doctor import diagnose

    report = diagnose(templates)
    for finding in report.findings:
        mark = "ok " if finding.ok else "!! "
        click.echo(f"{mark}{finding.label}: {finding.detail}")
    problems = sum(not f.ok for f in report.findings)
    if problems:
        click.echo(message("doctor_summary_bad", problems=count("n_problems", problems)))
        click.get_current_context().exit(int(ExitCode.DEGRADED))
    click.echo(message("doctor_summary_ok"))


trust_option = option("--trust", type=LocalPath(dir_okay=False, exists=True), multiple=True,
                      metavar="metavar_file", help="opt_trust")  # fmt: skip


@cli.command(help="help_sign")
@click.argument("pdf", cls=Argument, metavar="metavar_pdf",
                type=LocalPath(dir_okay=False, exists=True))  # fmt: skip
@option("--as", "role", required=True, help="opt_as",
        type=click.Choice(["signer", "organization", "attachment"]))  # fmt: skip
@option("--pkcs11-lib", metavar="metavar_library", help="opt_pkcs11_lib",
        shell_complete=complete.pkcs11_libraries)  # fmt: skip
@option("--token-label", metavar="metavar_name", help="opt_token_label")
@option("--key-id", metavar="metavar_hex", help="opt_key_id")
@option("--pkcs12", type=LocalPath(dir_okay=False, exists=True), metavar="metavar_file",
        help="opt_pkcs12")  # fmt: skip
@option("--image", type=LocalPath(dir_okay=False, exists=True), metavar="metavar_png",
        help="opt_image")  # fmt: skip
@option("--reference", metavar="metavar_reference", help="opt_reference")
@option("--timestamp-url", metavar="metavar_url", help="opt_timestamp_url")
@option("--long-term", is_flag=True, help="opt_long_term")
@option("--archive", is_flag=True, help="opt_archive")
@trust_option
@option("--revocation", type=LocalPath(dir_okay=False, exists=True), multiple=True,
        metavar="metavar_file", help="opt_revocation")  # fmt: skip
@option("--out", type=LocalPath(dir_okay=False), metavar="metavar_pdf", help="opt_sign_out")
@settings_option
@profile_option
def sign(pdf: Path, role: str, pkcs11_lib: str | None, token_label: str | None,
         key_id: str | None, pkcs12: Path | None, image: Path | None, reference: str | None,
         timestamp_url: str | None, long_term: bool, archive: bool, trust: tuple[Path, ...],
         revocation: tuple[Path, ...], out: Path | None, settings: Path | None,
         profile: str | None) -> None:  # fmt: skip
    from generator.commands.signing import read_pin
    from generator.pipeline.issuing import Key, SignOptions

    key = Key(pkcs11_library=pkcs11_lib, token_label=token_label, key_id=key_id, pkcs12=pkcs12)
    options = SignOptions(role=role, key=key, out=out, settings=settings, profile=profile,
                          image=image, reference=reference, timestamp_url=timestamp_url,
                          long_term=long_term, archive=archive, trust=trust,
                          revocation=revocation)  # fmt: skip
    written = api.sign(pdf, options, pin=read_pin())
    click.echo(message("signed", path=written, role=message(f"role_{role}")))


@cli.command(help="help_verify")
@click.argument("pdf", cls=Argument, metavar="metavar_pdf",
                type=LocalPath(dir_okay=False, exists=True))  # fmt: skip
@trust_option
@settings_option
@profile_option
def verify(pdf: Path, trust: tuple[Path, ...], settings: Path | None,
           profile: str | None) -> None:  # fmt: skip
    from generator.commands.signing import describe

    result = api.verify(pdf, trust=trust, settings=settings, profile=profile)
    for line in describe(result):
        click.echo(line)
    if not result.ok:
        click.get_current_context().exit(int(ExitCode.NOT_VALID))


@cli.command(help="help_completion")
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> None:
    from click.shell_completion import get_completion_class

    completer = get_completion_class(shell)
    assert completer is not None
    click.echo(completer(cli, {}, "giaoban", "_GIAOBAN_COMPLETE").source())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit code instead of raising."""
    _degrade_streams()
    if sys.__stderr__ is not None:  # a crash in a C library says where, never a silent 139
        with contextlib.suppress(ValueError, io.UnsupportedOperation):
            faulthandler.enable(sys.__stderr__)
    with speaking():
        return _run(argv)


def _degrade_streams() -> None:
    """A terminal or pipe in an encoding without Vietnamese letters (latin-1, cp1252) gets
    "?" for the letters it lacks instead of a crash on the first message (click already
    writes UTF-8 to a stream that claims ASCII)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            "Việt – “ệ”".encode(stream.encoding or "ascii")
        except (UnicodeEncodeError, LookupError):
            if isinstance(stream, io.TextIOWrapper):
                stream.reconfigure(errors="replace")


def _run(argv: Sequence[str] | None) -> int:
    try:
        result = cli.main(args=list(argv) if argv is not None else None, prog_name="giaoban",
                          standalone_mode=False)  # fmt: skip
    except click.ClickException as e:
        e.show()
        return e.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt):
        return int(ExitCode.INTERRUPTED)
    except GiaobanError as e:
        for line in e.lines():
            click.echo(line, err=True)
        if isinstance(e, InputError):
            errors = sum(p.severity is Severity.ERROR for p in e.problems)
            warnings = len(e.problems) - errors
            click.echo(
                message(
                    "problem_count",
                    errors=count("n_errors", errors),
                    warnings=count("n_warnings", warnings),
                ),
                err=True,
            )
        return int(e.exit_code)
    except Exception as e:  # a bug of ours: say so plainly, details on request
        if os.environ.get("GIAOBAN_DEBUG"):
            traceback.print_exc()
        click.echo(message("internal_error", error=f"{type(e).__name__}: {e}"), err=True)
        return int(ExitCode.INTERNAL)
    # click returns an exit code (from --help, --version) or the command's None.
    return result if isinstance(result, int) else int(ExitCode.OK)
