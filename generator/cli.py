"""The ``giaoban`` command: parses options, calls the library, maps errors to exit codes.

Exit codes: 0 success; 1 invalid input (records, settings, profiles,
templates), nothing written; 2 wrong usage of the command; 3 an output could
not be written; 4 ``doctor`` found something that degrades output or speed;
70 an internal error (a bug); 130 interrupted.
"""

from __future__ import annotations

import datetime as dt
import os
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import click

from . import api, scaffold
from .batch import default_jobs
from .console import progress_display
from .errors import ExitCode, GiaobanError, InputError, Problem, Severity
from .fixing import fix_file
from .messages import Language, message, set_language
from .models import MeetingKind, Registration
from .records import warnings_of
from .rendering import FORMATS


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


records_argument = click.argument(
    "records", nargs=-1, required=True, type=click.Path(path_type=Path)
)
settings_option = click.option(
    "--settings",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Settings file (default: the nearest giaoban.yaml beside or above each record).",
)


formats_option = click.option(
    "--to",
    "formats",
    default=",".join(FORMATS),
    show_default=True,
    help="Output formats, comma-separated: docx, pdf.",
)
profile_option = click.option(
    "--profile", help="Format profile: hd36, nd30, or the path of a profile file."
)
out_option = click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("out"),
    show_default=True,
    help="Folder for the documents.",
)
quiet_option = click.option("-q", "--quiet", is_flag=True, help="Print nothing but problems.")
strict_option = click.option(
    "--strict", is_flag=True, help="Treat text warnings (typography, encodings) as errors."
)
jobs_option = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1),
    default=default_jobs,
    show_default="the number of CPUs",
    help="Render with this many processes.",
)
templates_option = click.option(
    "--templates",
    "templates",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="A folder of your templates, searched before the built-in ones (repeatable).",
)
variant_option = click.option(
    "--pdf-variant",
    metavar="VARIANT",
    help="Write the PDF as pdf/a-2b (archive copies), pdf/a-3b, pdf/ua-1 (accessible)… "
    "(WeasyPrint's variants).",
)
force_option = click.option(
    "--force", is_flag=True, help="Render again even the outputs that are up to date."
)


def _warn(warnings: Sequence[Problem]) -> None:
    """Findings grouped per file (they arrive sorted by position)."""
    current = None
    for warning in sorted(warnings, key=lambda w: (w.position, w.message)):
        if warning.position.path != current and current is not None:
            click.echo("", err=True)
        current = warning.position.path
        click.echo(str(warning), err=True)


def _report(
    written: Sequence[api.Output], skipped: Sequence[api.Output], out: Path, quiet: bool
) -> None:
    if not quiet:
        for output in written:
            click.echo(message("wrote", path=output.path))
        if written or not skipped:
            click.echo(message("render_summary", count=len(written), out=out))
        if skipped:
            click.echo(message("up_to_date", count=len(skipped), out=out))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="giaoban")
@click.option("--lang", type=click.Choice(["vi", "en"]), help="Language of messages.")
def cli(lang: Language | None) -> None:
    """Meeting records (YAML) to standard-format documents (DOCX and PDF).

    \b
    Examples:
      giaoban validate records/*.yaml
      giaoban render records/2024-09-25.yaml --doc tb,bc --out out/
    """
    if lang:
        set_language(lang)


@cli.command()
@records_argument
@settings_option
@strict_option
def validate(records: Sequence[Path], settings: Path | None, strict: bool) -> None:
    """Check records (files or folders) and their settings; print every finding.

    Each finding is printed as file:line:col: error|warning: message, grouped
    per file, then a count.

    \b
    Example:
      giaoban validate records/
      giaoban validate --strict records/2024-09-25.yaml
    """
    loaded = api.validate(records, settings=settings, strict=strict)
    warnings = warnings_of(loaded)
    _warn(warnings)
    summary = message("valid_summary", count=len(loaded), errors=0, warnings=len(warnings))
    click.echo(summary)


@cli.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(path_type=Path, dir_okay=False, exists=True))  # fmt: skip
@click.option("--no-backup", is_flag=True, help="Do not keep the original as FILE.bak.")
def fix(files: Sequence[Path], no_backup: bool) -> None:
    """Convert TCVN3/VNI (legacy) and non-NFC text in records to Unicode, in place.

    Comments and layout are kept; the original is kept as FILE.bak.

    \b
    Example:
      giaoban fix records/2009-04-01.yaml
    """
    for path in files:
        result = fix_file(path, backup=not no_backup)
        click.echo(message("fixed", path=path, lines=result.changed_lines,
                           backup=result.backup or "-"))  # fmt: skip


@cli.command()
@records_argument
@formats_option
@click.option(
    "--doc",
    "docs",
    default="tb",
    show_default=True,
    help="Document types, comma-separated: tb (notice of conclusions), bc (report).",
)
@profile_option
@out_option
@settings_option
@templates_option
@variant_option
@strict_option
@jobs_option
@force_option
@quiet_option
def render(records: Sequence[Path], formats: str, docs: str, profile: str | None, out: Path,
           settings: Path | None, templates: tuple[Path, ...], pdf_variant: str | None,
           strict: bool, jobs: int, force: bool, quiet: bool) -> None:  # fmt: skip
    """Render documents of each record (files, or folders of records) into --out.

    \b
    Examples:
      giaoban render records/2024-09-25.yaml
      giaoban render records/ --doc tb,bc --to pdf --profile nd30 --out out/
    """
    with progress_display(quiet) as progress:
        result = api.render(records, docs=_split(docs), formats=_split(formats), profile=profile,
                            out=out, settings=settings, templates=templates, strict=strict,
                            pdf_variant=pdf_variant, jobs=jobs, force=force,
                            progress=progress)  # fmt: skip
    _warn(result.warnings)
    _report(result.outputs, result.skipped, out, quiet)


@cli.command()
@records_argument
@click.option(
    "--period",
    required=True,
    help="2024-Q3 (quarter), 2024-H1 / 2024-H2 (half), 2024-9M (nine months), 2024.",
)
@formats_option
@profile_option
@out_option
@settings_option
@click.option("--number", type=click.IntRange(1), help="The report's registered number.")
@click.option(
    "--date",
    "issued",
    type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]),
    help="The report's date (YYYY-MM-DD or DD/MM/YYYY).",
)
@templates_option
@variant_option
@strict_option
@jobs_option
@force_option
@quiet_option
def digest(records: Sequence[Path], period: str, formats: str, profile: str | None, out: Path,
           settings: Path | None, number: int | None, issued: dt.datetime | None,
           templates: tuple[Path, ...], pdf_variant: str | None, strict: bool, jobs: int,
           force: bool, quiet: bool) -> None:  # fmt: skip
    """Render the periodic report of every meeting held in --period.

    RECORDS are files or folders (searched recursively). Records before the
    period count for directives still open; the others are left out.

    \b
    Examples:
      giaoban digest records/ --period 2024-Q3
      giaoban digest records/ --period 2024 --to pdf --number 12 --date 2025-01-05
    """
    registration = Registration(number=number, date=issued.date() if issued else None)
    with progress_display(quiet) as progress:
        result = api.digest(records, period=period, formats=_split(formats), profile=profile,
                            out=out, settings=settings, registration=registration,
                            templates=templates, strict=strict, pdf_variant=pdf_variant,
                            jobs=jobs, force=force, progress=progress)  # fmt: skip
    _warn(result.warnings)
    left_out = result.digest.left_out if result.digest else []
    if left_out and not quiet:
        names = ", ".join(r.path.name for r in left_out)
        click.echo(message("left_out", count=len(left_out), period=period, names=names))
    _report(result.outputs, result.skipped, out, quiet)


@cli.command()
@click.argument("folder", required=False, default=".",
                type=click.Path(path_type=Path, file_okay=False))  # fmt: skip
def init(folder: Path) -> None:
    """Create a working folder: settings, records/ with an example, templates/, a README.

    Existing files are never overwritten. The settings and the record start
    with a line that lets editors (VS Code with the YAML extension) complete
    and check them against schemas/.

    \b
    Examples:
      giaoban init
      giaoban init ho-so-2024
    """
    created = scaffold.init_folder(folder)
    for path in created:
        click.echo(message("created", path=path))
    click.echo(message("init_next", settings=created[0], records=folder / "records"))


@cli.command()
@click.option("--kind", type=click.Choice([k.value for k in MeetingKind]), default="briefing",
              show_default=True, help="Kind of meeting.")  # fmt: skip
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]),
              help="Date of the meeting (YYYY-MM-DD or DD/MM/YYYY; default today).")  # fmt: skip
@click.option("--dir", "folder", type=click.Path(path_type=Path, file_okay=False),
              help="Where to write it (default: records/ if it exists, else here).")  # fmt: skip
def new(kind: str, day: dt.datetime | None, folder: Path | None) -> None:
    """Write a new record, every field explained, named from its date and kind.

    \b
    Examples:
      giaoban new --kind briefing --date 2024-09-25
      giaoban new --kind working_session --date 12/10/2024 --dir records/2024
    """
    if folder is None:
        folder = Path("records") if Path("records").is_dir() else Path()
    date = day.date() if day else dt.date.today()
    created = scaffold.new_record(folder, MeetingKind(kind), date)
    click.echo(message("created", path=created.path))
    click.echo(message("new_next", path=created.path))


@cli.command()
@click.argument("kind", type=click.Choice(["record", "settings"]), default="record")
def schema(kind: Literal["record", "settings"]) -> None:
    """Print the JSON Schema of records or of the settings (for editors and validators).

    \b
    Examples:
      giaoban schema record > record.schema.json
      giaoban schema settings
    """
    click.echo(scaffold.schema_bytes(kind).decode("utf-8"), nl=False)


@cli.command()
def doctor() -> None:
    """Report the fonts, libraries, profiles and templates giaoban will use.

    Exits with code 4 when something that degrades the documents or the speed
    is missing (a font without Vietnamese letters, the HarfBuzz subsetter).

    \b
    Example:
      giaoban doctor
    """
    from .doctor import diagnose

    report = diagnose()
    for finding in report.findings:
        mark = "ok " if finding.ok else "!! "
        click.echo(f"{mark}{finding.label}: {finding.detail}")
    problems = sum(not f.ok for f in report.findings)
    if problems:
        click.echo(message("doctor_summary_bad", count=problems))
        click.get_current_context().exit(int(ExitCode.DEGRADED))
    click.echo(message("doctor_summary_ok"))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit code instead of raising."""
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
            click.echo(message("problem_count", errors=errors, warnings=warnings), err=True)
        return int(e.exit_code)
    except Exception as e:  # a bug of ours: say so plainly, details on request
        if os.environ.get("GIAOBAN_DEBUG"):
            traceback.print_exc()
        click.echo(message("internal_error", error=f"{type(e).__name__}: {e}"), err=True)
        return int(ExitCode.INTERNAL)
    # click returns an exit code (from --help, --version) or the command's None.
    return result if isinstance(result, int) else int(ExitCode.OK)
