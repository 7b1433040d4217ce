"""What a run must do, decided from content hashes before any record is read.

A plan names every output of the run, with the hash of what it would be made
from; an output is up to date when the output folder's state holds that hash
and the file is still as written. The plan is immutable: the pipeline renders
what it marks stale, and a run where nothing is stale ends here, without
importing what reads and renders records.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from generator.errors import InputError, Problem
from generator.inputs.locations import find_settings
from generator.model.periods import Period
from generator.pipeline.fingerprint import environment, inputs_hash, settings_hash
from generator.pipeline.options import Options
from generator.pipeline.results import Output
from generator.pipeline.state import OutputState, Reason, digest_state_key, state_key

K = TypeVar("K")
V = TypeVar("V")


#: A document type and a format: one output of a record.
Pair = tuple[str, str]


@dataclass(frozen=True)
class RenderPlan:
    out: Path
    #: The inputs' hash of each record file whose settings were found.
    keys: Mapping[Path, str]
    #: Outputs already up to date, left as they are.
    skipped: tuple[Output, ...]
    #: The warnings recorded for outputs left as they are, by record file.
    kept_warnings: Mapping[Path, tuple[Problem, ...]]
    #: What to render, by record file, and why.
    stale: Mapping[Path, Mapping[Pair, Reason]]


@dataclass(frozen=True)
class DigestPlan:
    out: Path
    settings: Path
    key: str
    targets: Mapping[str, Path]
    skipped: tuple[Output, ...]
    kept_warnings: tuple[Problem, ...]
    #: The formats to render, and why; empty when the report is up to date.
    stale: Mapping[str, Reason]


def _settings_of(file: Path, options: Options) -> Path | None:
    try:
        return options.settings or find_settings(file)
    except InputError:
        return None  # reported when the record is loaded


def _freeze(mapping: dict[K, V]) -> Mapping[K, V]:
    return MappingProxyType(mapping)


def plan_render(files: Sequence[Path], options: Options, state: OutputState) -> RenderPlan:
    shared = environment()
    settings_digests: dict[Path, str] = {}
    keys: dict[Path, str] = {}
    skipped: list[Output] = []
    kept: dict[Path, tuple[Problem, ...]] = {}
    stale: dict[Path, dict[Pair, Reason]] = {}
    pairs = [(doc, fmt) for doc in options.docs for fmt in options.formats]
    for file in files:
        settings_path = _settings_of(file, options)
        if settings_path is None:
            stale[file] = dict.fromkeys(pairs, Reason.NO_SETTINGS)
            continue
        if settings_path not in settings_digests:
            settings_digests[settings_path] = settings_hash(settings_path, options)
        key = keys[file] = inputs_hash([file], settings_digests[settings_path], options.shaping(),
                                       shared)  # fmt: skip
        for doc, fmt in pairs:
            name = state_key(file, doc, fmt)
            reason = Reason.FORCED if options.force else state.why_stale(name, key)
            if reason is None:
                entry = state.entries[name]
                skipped.append(Output(file, doc, fmt, options.out / entry.name))
                kept.setdefault(file, tuple(entry.warnings))
            else:
                stale.setdefault(file, {})[(doc, fmt)] = reason
    frozen = {file: _freeze(reasons) for file, reasons in stale.items()}
    return RenderPlan(options.out, _freeze(keys), tuple(skipped), _freeze(kept), _freeze(frozen))


def plan_digest(files: Sequence[Path], period: Period, registration_options: Sequence[str],
                options: Options, state: OutputState) -> DigestPlan:  # fmt: skip
    """``registration_options``: the number and date given to the report, part of its hash."""
    settings_path = options.settings or find_settings(files[0])
    out = options.out
    targets = {fmt: out / f"digest-{period}.{fmt}" for fmt in options.formats}
    shaping = [f"period={period}", *options.shaping(), *registration_options]
    key = inputs_hash(files, settings_hash(settings_path, options), shaping, environment())
    stale: dict[str, Reason] = {}
    skipped: list[Output] = []
    kept: list[Problem] = []
    for fmt in options.formats:
        name = digest_state_key(period, fmt)
        reason = Reason.FORCED if options.force else state.why_stale(name, key)
        if reason is None:
            skipped.append(Output(settings_path, "digest", fmt, targets[fmt]))
            kept.extend(state.entries[name].warnings)
        else:
            stale[fmt] = reason
    return DigestPlan(out, settings_path, key, _freeze(targets), tuple(skipped),
                      tuple(dict.fromkeys(kept)), _freeze(stale))  # fmt: skip
