"""JSON Schemas of records and settings, generated from the models, for editors.

The structure comes from the pydantic models, so it cannot drift from what
``validate`` accepts; the descriptions and examples come from
``config/fields.yaml``, in Vietnamese, for the clerks who see them as they type
(VS Code with the YAML extension, and any editor that speaks the YAML language
server). A field without a description there is a test failure, not a gap.
"""

from __future__ import annotations

from typing import Any, Literal

from generator.caches import cached
from generator.inputs.loading import load_yaml
from generator.model.meeting import Meeting
from generator.model.settings import Settings
from generator.model.strict import Strict
from generator.resources import config_dir

Kind = Literal["record", "settings"]
MODELS: dict[Kind, type[Strict]] = {"record": Meeting, "settings": Settings}
SCHEMA_FILES: dict[Kind, str] = {
    "record": "record.schema.json",
    "settings": "settings.schema.json",
}


@cached
def field_docs() -> dict[str, dict[str, Any]]:
    return dict(load_yaml(config_dir() / "fields.yaml").data)


def describe(model: str, field: str | None = None) -> str:
    """The description of a model (``field`` None) or of one of its fields ("" if none)."""
    entry = field_docs().get(model, {}).get("_" if field is None else field)
    if isinstance(entry, dict):
        return str(entry.get("description", ""))
    return str(entry or "")


def _annotate(schema: dict[str, Any], model: str) -> None:
    docs = field_docs().get(model, {})
    if "_" in docs:
        schema["description"] = docs["_"]
    for name, prop in schema.get("properties", {}).items():
        entry = docs.get(name)
        if isinstance(entry, dict):
            prop["description"] = entry["description"]
            if "example" in entry:
                prop["examples"] = [entry["example"]]


def _spoken(name: str) -> list[str]:
    """The Vietnamese words ``validate`` accepts for a closed list's codes ("sáng", "huyện")."""
    from generator.model.catalog import vocabulary

    tables = {"MeetingKind": "kinds", "Level": "levels", "PartOfDay": "parts_of_day",
              "DirectiveStatus": "statuses", "ReportKind": "report_kinds"}  # fmt: skip
    if name not in tables:
        return []
    found: list[str] = []
    for word in vocabulary().spoken(tables[name]).values():
        found += [word, word.lower(), word.removeprefix("cấp ")]
    return list(dict.fromkeys(found))


def json_schema(kind: Kind) -> dict[str, Any]:
    model = MODELS[kind]
    schema = model.model_json_schema()
    _annotate(schema, model.__name__)
    for name, definition in schema.get("$defs", {}).items():
        _annotate(definition, name)
        if "enum" in definition:  # the codes, and the words a clerk may type instead
            definition["enum"] = list(dict.fromkeys([*definition["enum"], *_spoken(name)]))
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
