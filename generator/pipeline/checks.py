"""Everything a run reads, checked before anything renders, every problem at once.

The records (typed, cross-checked, their text findings), the settings they
use, and the profile file and templates those settings and the options name.
``validate`` runs these same checks, so a run that ``validate`` accepts does not
stop later on a broken profile or template, and a run with a bad record still
reports the broken profile beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from generator.documents.aggregation import naming_warnings
from generator.errors import InputError, Position, Problem, Severity
from generator.inputs.loading import SourceMap, load_yaml
from generator.inputs.locations import find_settings, folder_files
from generator.messages import message
from generator.model.profiles import load_profile, out_of_force
from generator.model.records import Checked, Record, load_record, load_records, read_all
from generator.model.references import reference_problems
from generator.model.settings import SAMPLE_VALUES, Settings, load_settings
from generator.output.templating import compile_template, make_environment
from generator.pipeline.options import Options

#: A record read whole, or checked and let go.
R = TypeVar("R", Record, Checked)


def _settings_files(files: Iterable[Path], options: Options) -> list[Path]:
    if options.settings is not None:
        return [options.settings]
    found: dict[Path, None] = {}
    for file in files:
        try:
            found[find_settings(file)] = None
        except InputError:
            continue  # reported with the record
    return list(found)


def check_settings(settings_files: Iterable[Path], options: Options) -> list[Problem]:
    """The problems of each settings file and of the profile and templates it names.

    Every template in the user's folders is compiled (the built-in ones are the
    project's own, compiled by its tests), so a syntax error in any of them is
    reported with the run's other problems.
    """
    problems: list[Problem] = []

    def collect(step: Callable[..., object], *args: object) -> None:
        try:
            step(*args)
        except InputError as e:
            problems.extend(e.problems)

    for path in settings_files:
        try:
            settings = load_settings(path)
            named = options.named(path, settings)
        except InputError as e:  # nothing more to check without the files it names
            problems.extend(e.problems)
            continue
        places = _Places(path)
        collect(_signing_modes, places, settings, named.profile)
        collect(_place_level, places, settings, named.profile)
        problems.extend(sample_values(places, settings))
        if named.templates:
            env = make_environment(named.templates)
            for folder in named.templates:
                for file in folder_files(folder):
                    if file.suffix == ".j2":
                        collect(compile_template, env, file.relative_to(folder).as_posix())
    return problems


class _Places:
    """Where each value of a settings file stands, read only when a finding needs it
    (load_settings has read the settings themselves)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._source: SourceMap | None = None

    def __call__(self, key: tuple[str, ...]) -> Position:
        if self._source is None:
            self._source = load_yaml(self.path).source
        return self._source.values.get(key, Position(self.path))


def sample_values(places: _Places, settings: Settings) -> list[Problem]:
    """Warnings for the settings that still hold what ``giaoban init`` wrote as a sample."""
    found = []
    for where, sample in SAMPLE_VALUES.items():
        value: object = settings
        for part in where:
            value = getattr(value, part, None)
        if value == sample:
            detail = message("sample_value", field=".".join(where), value=sample)
            found.append(Problem(places(where), detail, Severity.WARNING))
    return found


def _signing_modes(places: _Places, settings: Settings, profile_file: Path) -> None:
    """Every signer's mode has a form in the profile (HD36 gives none for ``q``, ``tuq``)."""
    profile = load_profile(profile_file)
    problems = []
    for where, signer in settings.signers().items():
        if signer.mode is not None and signer.mode.value not in profile.signature.prefixes:
            detail = message("sign_mode_unknown", mode=signer.mode.value, profile=profile.name,
                             known=", ".join(profile.signature.prefixes))  # fmt: skip
            key = (*where.split("."), "mode")
            problems.append(Problem(places(key), detail))
    if problems:
        raise InputError(problems)


def _place_level(places: _Places, settings: Settings, profile_file: Path) -> None:
    """A one-word place name without its administrative level ("Huế" for "Thành phố
    Huế"), where the profile asks for the level (HD05): a warning, the clerk knows the
    place. Raised as an ``InputError`` of warnings, collected with the settings' others."""
    profile = load_profile(profile_file)
    if not profile.date_line.place_with_level or len(settings.place.split()) != 1:
        return
    regulation = profile.in_force.regulation if profile.in_force else profile.name
    detail = message("place_without_level", place=settings.place, regulation=regulation)
    raise InputError([Problem(places(("place",)), detail, Severity.WARNING)])


def in_force_warnings(records: Iterable[Record], options: Options,
                      docs: Sequence[str] | None) -> list[Problem]:  # fmt: skip
    """Each registered document of ``docs`` (``None``: every one the record registers)
    dated outside its profile's period (an HD05 notice dated 2025, an HD36 one dated
    2026): the format is the issuing day's, not the meeting's."""
    found = []
    for record in records:
        try:
            profile = load_profile(options.named(record.settings_path, record.settings).profile)
        except InputError:
            continue  # reported with the settings
        for doc, registration in record.meeting.documents.items():
            if docs is not None and doc not in docs:
                continue
            if registration.date and (detail := out_of_force(profile, registration.date)):
                key = ("documents", doc, "date")
                where = record.source.values.get(key, Position(record.path))
                found.append(Problem(where, f"documents.{doc}.date: {detail}", Severity.WARNING))
    return found


def _attach(records: list[R], found: list[Problem], problems: list[Problem],
            strict: bool, path_of: Callable[[R], Path]) -> list[R]:  # fmt: skip
    """Warnings found beyond one record file (in its settings, across records) given to
    the records they concern (``path_of``: the file they stand in); errors under strict."""
    if strict:
        problems.extend(replace(p, severity=Severity.ERROR) for p in found)
    attached: list[R] = []
    for item in records:
        own = tuple(p for p in found if p.position.path == path_of(item))
        attached.append(item.with_warnings(own) if own else item)
    return attached


def check_run(files: Sequence[Path], options: Options, together: bool = False,
              dated: Sequence[str] | None = None) -> list[Record]:  # fmt: skip
    """The records of ``files``, or one ``InputError`` with every problem of the run.

    ``together``: the records are read as one set (``validate``, ``digest``), so what
    they say of one another is checked too: directive ids and the updates naming them.
    ``dated``: the document types whose registered dates must fall in their profile's
    period (``None``: all, as ``validate`` checks; a digest renders none of them).
    """
    problems: list[Problem] = []
    records = _read(lambda: load_records(files, options.settings, options.strict), problems)
    records = _with_settings(records, files, options, problems)
    out_of_period = in_force_warnings(records, options, dated)
    records = _attach(records, out_of_period, problems, options.strict, lambda r: r.path)
    if together:
        problems.extend(reference_problems(sorted(records, key=lambda r: r.held)))
        found = naming_warnings(records)
        records = _attach(records, found, problems, options.strict, lambda r: r.path)
    _stop_on_errors(problems)
    return records


def check_batch(files: Sequence[Path], options: Options,
                dated: Sequence[str] | None = None) -> list[Checked]:  # fmt: skip
    """``check_run`` for records rendered one by one (``render``): each is checked whole and
    let go, kept as a ``Checked`` until its documents are made."""
    problems: list[Problem] = []
    out_of_period: list[Problem] = []

    def check(path: Path) -> Checked:
        record = load_record(path, options.settings, options.strict)
        out_of_period.extend(in_force_warnings([record], options, dated))
        return record.checked()

    checked = _read(lambda: read_all(files, check), problems)
    checked = _with_settings(checked, files, options, problems)
    checked = _attach(checked, out_of_period, problems, options.strict, lambda r: r.path)
    _stop_on_errors(problems)
    return checked


def _read(read: Callable[[], list[R]], problems: list[Problem]) -> list[R]:
    try:
        return read()
    except InputError as e:
        problems.extend(e.problems)
        return []


def _with_settings(
    records: list[R], files: Sequence[Path], options: Options, problems: list[Problem]
) -> list[R]:
    """The settings' own problems: errors into ``problems``, warnings given to the records
    using those settings."""
    from_settings = check_settings(_settings_files(files, options), options)
    samples = [p for p in from_settings if p.severity is Severity.WARNING]
    problems.extend(p for p in from_settings if p.severity is Severity.ERROR)
    return _attach(records, samples, problems, options.strict, lambda r: r.settings_path)


def _stop_on_errors(problems: list[Problem]) -> None:
    if any(p.severity is Severity.ERROR for p in problems):
        raise InputError(dict.fromkeys(problems))
