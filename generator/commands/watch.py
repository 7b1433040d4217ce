"""``giaoban watch``: render again whenever a record, the settings, a profile or a template changes.

Each round is an ordinary incremental ``render``: only the outputs whose
inputs changed are rendered again, and a bad record is reported without
ending the watch, so a clerk keeps the preview open while writing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator.api import RenderResult, record_files, render
from generator.caches import clear_all
from generator.errors import GiaobanError
from generator.inputs.locations import find_settings
from generator.output.renderer import Renderer
from generator.pipeline.fingerprint import named_by
from generator.pipeline.options import Options
from generator.resources import config_dir, templates_dir

#: Called after each round with its result, or the error that stopped it.
Report = Callable[[RenderResult | GiaobanError], None]


def watched_paths(paths: Sequence[Path], options: Options) -> list[Path]:
    """What a render of ``paths`` reads: records, settings and the profile file and
    templates they name, the templates given."""
    found: list[Path] = [Path(p).resolve() for p in paths]
    found += [t.resolve() for t in options.templates]
    found += [templates_dir(), config_dir()]
    try:
        files = record_files(paths)
    except GiaobanError:
        files = []
    settings_files = {options.settings} if options.settings else set()
    for file in files:
        try:
            settings_files.add(find_settings(file))
        except GiaobanError:
            continue
    for path in settings_files:
        found.append(path.resolve())
        named = named_by(path, options)
        if named is not None:
            found += [named.profile, *named.templates]
    unique = dict.fromkeys(p for p in found if p.exists())
    # A folder watched covers what is inside it.
    return [p for p in unique if not any(p != q and p.is_relative_to(q) for q in unique)]


def _roots(targets: Sequence[Path]) -> list[Path]:
    """What to ask the system to watch: folders, and the folder of each file named.

    A file itself cannot be watched: editors save by writing a new file and
    renaming it over the old one (as does ``sed -i``), and a watch on the old
    file would see nothing after the first save.
    """
    return list(dict.fromkeys(p if p.is_dir() else p.parent for p in targets))


def _relevant(targets: Sequence[Path], out: Path) -> Callable[[Any, str], bool]:
    """Changes to the files named or inside the folders named; never the outputs."""
    out = out.resolve()
    files = {p for p in targets if not p.is_dir()}
    folders = [p for p in targets if p.is_dir()]

    def keep(change: Any, path: str) -> bool:
        target = Path(path)
        if target.is_relative_to(out) or target.name.endswith((".part", ".bak", "~")):
            return False
        if target not in files and not any(target.is_relative_to(f) for f in folders):
            return False
        return target.suffix in (".yaml", ".yml", ".j2", ".html", ".css") or target.is_dir()

    return keep


def watch(
    paths: Sequence[Path],
    *,
    report: Report,
    options: Options | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Render now, then after every change, until ``stop`` is set (or Ctrl+C).

    Rounds run in this process with one warm renderer: a round usually
    re-renders one record, and fresh worker processes would each start
    WeasyPrint again.
    """
    from watchfiles import watch as changes_of

    options = options or Options()
    renderer = Renderer(options.templates)
    single = replace(options, jobs=1)

    def round_() -> None:
        # Settings, profiles and templates may have changed since the last round.
        clear_all()
        renderer.reload()
        try:
            report(render(paths, single, renderer=renderer))
        except GiaobanError as e:
            report(e)

    round_()
    targets = watched_paths(paths, options)
    for _changes in changes_of(*_roots(targets), watch_filter=_relevant(targets, options.out),
                               stop_event=stop, debounce=300):  # fmt: skip
        round_()  # Ctrl+C ends the loop with KeyboardInterrupt: the command exits 130
