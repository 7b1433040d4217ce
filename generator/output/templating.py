"""The one Jinja environment: strict, autoescaping, user templates first.

The user's template folders are searched before the built-in ones, and the
built-in ones are also reachable as ``builtin/NAME`` so an override can
``{% extends "builtin/documents/tb.html.j2" %}`` and change one block.
Template errors are reported at the template's own file and line.
"""

from __future__ import annotations

import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    select_autoescape,
)

from generator.errors import Position, Problem, TemplateError
from generator.messages import message
from generator.model.meeting import Person
from generator.output.chart import bar_chart_uri
from generator.resources import templates_dir
from generator.vietnamese.text import (
    date_prose,
    end_document,
    end_sentence,
    lower_first,
    number,
    roman,
    sentence,
    upper_first,
)


def person(p: Person) -> str:
    """ "Phạm Thị Tố Hải, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy"."""
    return ", ".join([p.name, *p.titles])


def make_environment(user_dirs: Sequence[Path] = ()) -> Environment:
    builtin = FileSystemLoader(templates_dir())
    loader = ChoiceLoader(
        [
            *(FileSystemLoader(d) for d in user_dirs),
            PrefixLoader({"builtin": builtin}),
            builtin,
        ]
    )
    env = Environment(
        loader=loader,
        autoescape=select_autoescape(
            enabled_extensions=("html", "html.j2"),
            disabled_extensions=("css.j2",),
            default_for_string=True,
            default=True,
        ),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(
        roman=roman,
        number=number,
        date_prose=date_prose,
        person=person,
        end_document=end_document,
        end_sentence=end_sentence,
        sentence=sentence,
        upper_first=upper_first,
        lower_first=lower_first,
        bar_chart=bar_chart_uri,
    )
    return env


def _template_position(error: BaseException) -> Position:
    """Where in a template a render-time error happened (Jinja keeps template frames)."""
    frames = traceback.extract_tb(error.__traceback__)
    for frame in reversed(frames):
        if frame.filename.endswith((".j2", ".html", ".css")):
            return Position(Path(frame.filename), frame.lineno or 0, 1)
    return Position(Path("<template>"))


def _searched(env: Environment) -> str:
    loader = env.loader
    dirs: list[str] = []
    if isinstance(loader, ChoiceLoader):
        for sub in loader.loaders:
            if isinstance(sub, FileSystemLoader):
                dirs.extend(str(p) for p in sub.searchpath)
    return ", ".join(dict.fromkeys(dirs))


def render_template(env: Environment, name: str, context: Mapping[str, Any]) -> str:
    """Render ``name``; any template fault becomes a ``TemplateError`` at its line."""
    try:
        return env.get_template(name).render(context)
    except TemplateSyntaxError as e:
        where = Position(Path(e.filename or name), e.lineno or 0, 1)
        detail = message("template_syntax", detail=e.message)
        raise TemplateError([Problem(where, detail)]) from e
    except TemplateNotFound as e:
        detail = message("template_not_found", name=e.name, searched=_searched(env))
        raise TemplateError([Problem(Position(Path(name)), detail)]) from e
    except UndefinedError as e:
        detail = message("template_undefined", detail=e.message)
        raise TemplateError([Problem(_template_position(e), detail)]) from e
