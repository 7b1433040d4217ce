"""Loaded YAML to typed models, with every error at its line in the user's terms.

Pydantic reports all errors of a model at once with a path into the data; the
source map turns each path into ``file:line:col`` and the message catalog turns
each error type into a sentence a secretariat clerk understands.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.errors import InputError, Position, Problem
from generator.inputs.loading import LoadedFile, Path_, field_name
from generator.messages import message

M = TypeVar("M", bound=BaseModel)

_TYPE_NAMES: dict[str, str] = {
    "string_type": "type_text",
    "int_type": "type_whole_number",
    "int_parsing": "type_whole_number",
    "int_from_float": "type_whole_number",
    "float_type": "type_number",
    "float_parsing": "type_number",
    "list_type": "type_list",
    "dict_type": "type_mapping",
    "model_type": "type_mapping",
    "model_attributes_type": "type_mapping",
    "bool_type": "type_bool",
    "bool_parsing": "type_bool",
}

_RANGES = {"greater_than": ">", "greater_than_equal": "≥", "less_than": "<", "less_than_equal": "≤"}


def _type_name(value: Any) -> str:
    if value is None:
        return message("type_nothing")
    if isinstance(value, bool):
        return message("type_bool")
    if isinstance(value, int | float):
        return message("type_number")
    if isinstance(value, str):
        return message("type_text")
    if isinstance(value, list):
        return message("type_list")
    if isinstance(value, dict):
        return message("type_mapping")
    return message("type_other", name=type(value).__name__)


def _walk(model: type[BaseModel], loc: tuple[str | int, ...]) -> tuple[Path_, Any]:
    """``loc`` as the user wrote it (fields, list indexes, mapping keys, without pydantic's
    union tags and validator names), and the model that stands at its end."""
    current: Any = model
    kept: list[str | int] = []
    key_next = False
    for part in loc:
        if isinstance(part, int) or key_next:
            kept.append(part)
            key_next = False
            continue
        fields = getattr(current, "model_fields", None) or {}
        if part in fields:
            kept.append(part)
            annotation = fields[part].annotation
            current = _inner_model(annotation)
            key_next = _is_mapping(annotation)
    return tuple(kept), current


def _is_mapping(annotation: Any) -> bool:
    """Whether a field holds a mapping whose keys the user names (``components``)."""
    if get_origin(annotation) is dict:
        return True
    return any(_is_mapping(arg) for arg in get_args(annotation))


def _allowed_fields(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Field names allowed beside the unknown key at ``loc``, for a hint."""
    return list(getattr(_walk(model, loc[:-1])[1], "model_fields", {}))


def _field_path(model: type[BaseModel], loc: tuple[str | int, ...]) -> Path_:
    return _walk(model, loc)[0]


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def describe(error: ErrorDetails, model: type[BaseModel]) -> str:
    """One pydantic error as a sentence from the catalog."""
    kind = error["type"]
    loc = error["loc"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return message("missing", field=loc[-1] if loc else "?")
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc)
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = (
            message("did_you_mean", suggestion=close[0])
            if close
            else message("allowed_fields", allowed=", ".join(allowed))
        )
        return message("unknown_field", field=loc[-1], hint=hint)
    if kind in ("enum", "literal_error"):
        # pydantic's "'a', 'b' or 'c'" is English: the values alone, listed with commas
        values = re.findall(r"'[^']*'", str(ctx.get("expected", ""))) or ["?"]
        return message("choice", value=value, expected=", ".join(values))
    if kind in _TYPE_NAMES:
        return message("expected_type", expected=message(_TYPE_NAMES[kind]), got=_type_name(value))
    if kind == "bad_format":
        fields = ", ".join("{" + name + "}" for name in ctx.get("allowed", ()))
        return message("bad_format", value=value, allowed=fields)
    if kind == "no_such_day":
        return message("no_such_day", value=value)
    if kind == "one_line_spacing":
        return message("one_line_spacing")
    if kind == "line_below_size":
        return message("line_below_size", line=f"{ctx.get('line', 0):g}",
                       size=f"{ctx.get('size', 0):g}")  # fmt: skip
    if kind == "period_reversed":
        return message("period_reversed")
    if kind == "date_range":
        return message("date_range", value=value, first=ctx.get("first"), last=ctx.get("last"))
    if kind.startswith(("date_", "datetime_")) or kind == "invalid_date":
        return message("invalid_date", value=value)
    if kind.startswith("time_"):
        return message("invalid_time", value=value)
    if kind == "too_short":
        return message("too_short", min_length=ctx.get("min_length", 1))
    if kind == "string_too_short":
        return message("empty_text")
    if kind == "string_pattern_mismatch":
        return message("bad_id", value=value)
    if kind in _RANGES:
        limit = next(iter(ctx.values()), "?")
        return message("number_range", op=_RANGES[kind], limit=limit)
    if kind == "signer_needs_body":
        return message("signer_needs_body", mode=ctx.get("mode", "?"))
    if kind == "bad_period":
        return message("bad_period", value=value)
    return message("bad_value", detail=error["msg"])


def problems_of(
    error: ValidationError, model: type[BaseModel], loaded: LoadedFile
) -> list[Problem]:
    problems = []
    for item in error.errors():
        loc = tuple(item["loc"])
        detail = describe(item, model)
        if item["type"] == "extra_forbidden":
            where = loaded.source.key((*_field_path(model, loc[:-1]), loc[-1]))
        else:
            where = loaded.source.locate(loc, loaded.data)
            if item["type"] == "string_type" and isinstance(item.get("input"), dict):
                detail = _quoted_hint(loaded, where) or detail
            if item["type"] != "missing" and (path := _field_path(model, loc)):
                detail = f"{field_name(path)}: {detail}"
        problems.append(Problem(where, detail))
    return problems


def _quoted_hint(loaded: LoadedFile, where: Position) -> str | None:
    """For a text that YAML read as 'key: value' (it holds ": "), the line as it should be:
    the text in double quotes."""
    try:
        line = loaded.path.read_text(encoding="utf-8-sig").splitlines()[where.line - 1]
    except (OSError, IndexError, UnicodeDecodeError):
        return None
    match = re.match(r"^(\s*(?:- |[^:#\s][^:#]*: ))(.*\S)\s*$", line)
    if match is None:
        return None
    lead, text = match.groups()
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    return message("text_with_colon", line=f'{lead.strip()} "{quoted}"')


def validate_model(model: type[M], loaded: LoadedFile) -> M:
    """The file's data as ``model``, or an ``InputError`` listing every problem."""
    if not isinstance(loaded.data, dict):
        where = Position(loaded.path, 1, 1)
        raise InputError([Problem(where, message("not_mapping", got=_type_name(loaded.data)))])
    try:
        return model.model_validate(loaded.data)
    except ValidationError as e:
        raise InputError(problems_of(e, model, loaded)) from e
