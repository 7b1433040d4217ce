"""``giaoban init`` and ``giaoban new``: a working folder, and a record ready to fill in.

The files come from templates in ``templates/scaffold/``; their comments are
the field descriptions of ``config/fields.yaml`` (the same ones editors show
from the JSON Schema), so the skeleton, the schema and the models say the same
thing. Nothing existing is ever overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import textwrap
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator.errors import ExistsError, InputError
from generator.inputs.locations import SETTINGS_NAME, find_settings
from generator.messages import count
from generator.model.catalog import vocabulary
from generator.model.kinds import MeetingKind
from generator.model.periods import Period, likely_reviewed
from generator.model.schema import SCHEMA_FILES, Kind, describe, json_schema
from generator.model.settings import SAMPLE_VALUES
from generator.pipeline.writing import write_atomic
from generator.resources import example_record, templates_dir

SCHEMA_DIR = "schemas"
_WIDTH = 88


def _comment(model: str, field: str | None = None, indent: int = 0) -> str:
    text = describe(model, field)
    prefix = " " * indent + "# "
    return "\n".join(textwrap.wrap(text, _WIDTH - len(prefix), initial_indent=prefix,
                                   subsequent_indent=prefix))  # fmt: skip


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(templates_dir() / "scaffold"),
                      undefined=StrictUndefined, keep_trailing_newline=True)  # fmt: skip
    env.globals["c"] = _comment
    return env


def _render(name: str, **values: object) -> bytes:
    return _environment().get_template(name).render(**values).encode("utf-8")


def _refuse_existing(paths: list[Path]) -> None:
    existing = [p for p in paths if p.exists()]
    if existing:
        names = ", ".join(str(p) for p in existing)
        raise ExistsError(count("exists", len(existing), paths=names))


def schema_bytes(kind: Kind) -> bytes:
    return (json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _schema_ref(schema_file: Path, yaml_file: Path) -> str:
    return Path(os.path.relpath(schema_file, yaml_file.parent)).as_posix()


def write_schemas(folder: Path) -> list[Path]:
    """The schemas in ``folder/schemas/``, rewritten: they are generated, never edited."""
    written = []
    for kind, name in SCHEMA_FILES.items():
        path = folder / SCHEMA_DIR / name
        write_atomic(path, schema_bytes(kind))
        written.append(path)
    return written


@dataclass(frozen=True)
class NewRecord:
    path: Path
    schema: Path


def record_name(kind: MeetingKind, date: dt.date) -> str:
    return f"{date.isoformat()}-{vocabulary().kinds[kind].slug}"


def new_record(
    folder: Path,
    kind: MeetingKind,
    date: dt.date,
    base: Path | None = None,
    record_id: str | None = None,
) -> NewRecord:
    """A record skeleton ``folder/<date>-<kind>.yaml``; its schema in ``base/schemas/``.

    A second record of the same kind and day gets ``-2`` (then ``-3``…) unless
    ``record_id`` names it. ``base`` is the folder of the settings (the working
    folder); by default the nearest one above ``folder`` with a
    ``giaoban.yaml``, else ``folder``.
    """
    name = record_id or record_name(kind, date)
    path = folder / f"{name}.yaml"
    if record_id is None:
        stem, n = name, 2
        while path.exists():
            name, n = f"{stem}-{n}", n + 1
            path = folder / f"{name}.yaml"
    if base is None:
        try:
            base = find_settings(path).parent
        except InputError:
            base = folder
    _refuse_existing([path])
    schema = base / SCHEMA_DIR / SCHEMA_FILES["record"]
    reviewed = likely_reviewed(kind, date)
    content = _render("record.yaml.j2", schema=_schema_ref(schema, path), kind=kind.value,
                      date=date.isoformat(), id=name, period=reviewed or Period.quarter_of(date),
                      review=reviewed is not None,
                      filename=path.name)  # fmt: skip
    write_schemas(base)
    write_atomic(path, content)
    return NewRecord(path, schema)


def init_folder(folder: Path) -> list[Path]:
    """A working folder: settings, a real meeting as example record, templates/, a README."""
    settings = folder / SETTINGS_NAME
    readme = folder / "README.md"
    templates_readme = folder / "templates" / "README.md"
    example = folder / "records" / example_record().name
    _refuse_existing([settings, readme, templates_readme, example])
    schemas = write_schemas(folder)
    settings_schema = _schema_ref(folder / SCHEMA_DIR / SCHEMA_FILES["settings"], settings)
    samples = {"_".join(path): value for path, value in SAMPLE_VALUES.items()}
    write_atomic(settings, _render("giaoban.yaml.j2", schema=settings_schema, samples=samples))
    record_schema = _schema_ref(folder / SCHEMA_DIR / SCHEMA_FILES["record"], example)
    write_atomic(example, f"# yaml-language-server: $schema={record_schema}\n".encode()
                 + example_record().read_bytes())  # fmt: skip
    write_atomic(templates_readme, _render("templates-README.md.j2"))
    write_atomic(readme, _render("README.md.j2", example=example.name))
    return [settings, example, templates_readme, readme, *schemas]
