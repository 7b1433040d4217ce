"""The one Jinja environment: strict, autoescaping, user templates first.

The user's template folders are searched before the built-in ones, and the
built-in ones are also reachable as ``builtin/NAME`` so an override can
``{% extends "builtin/documents/tb.html.j2" %}`` and change one block.
Template errors are reported at the template's own file and line.
"""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
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
    pass_context,
    select_autoescape,
)
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from generator.errors import Position, Problem, TemplateError
from generator.messages import message
from generator.model.catalog import vocabulary
from generator.model.meeting import Figure, Person
from generator.output.chart import bar_chart_png, bar_chart_svg
from generator.resources import templates_dir
from generator.vietnamese.text import (
    clause,
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


class _FolderLoader(FileSystemLoader):
    """Templates from one folder, and only from inside it once links are resolved: a link
    in a templates folder to ``/etc`` cannot bring ``/etc/passwd`` into a document."""

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        if not any(real.is_relative_to(Path(d).resolve()) for d in self.searchpath):
            detail = message("template_outside", name=template, target=real)
            raise TemplateError([Problem(Position(Path(filename)), detail)])
        return source, filename, uptodate


def figure(f: Figure) -> str:
    """ "số hội viên mới 1.250 người", "tỷ lệ hộ khá 12,5%": a figure inside a sentence."""
    unit = "" if not f.unit else (f.unit if f.unit == "%" else f" {f.unit}")
    return f"{lower_first(f.label)} {number(f.value)}{unit}"


def due(deadline: dt.date | str) -> str:
    """A deadline as documents write it: 31/12/2024, or the words the record gives."""
    return deadline.strftime("%d/%m/%Y") if isinstance(deadline, dt.date) else deadline


def in_sentence(text: str) -> str:
    """A name list inside a sentence: "Các tổ chức …" becomes "các tổ chức …", while names
    of bodies ("Hội Nông dân tỉnh") keep their capitals."""
    first = text.split(" ", 1)[0]
    openers = vocabulary().common_openers
    return lower_first(text) if any(first == o.split(" ", 1)[0] for o in openers) else text


@pass_context
def _end_document(context: Context, text: str) -> str:
    """The closing mark is the profile's (``doc.end_mark``): a template written before HD05
    ends its content with ``| end_document`` and still gets the mark of the profile in use.
    A macro imported without the document's context cannot know it: an error, never a
    guess (HD05 ends with ".", NĐ30 and HD36 with "./.")."""
    doc = context.get("doc")
    mark = doc.get("end_mark") if isinstance(doc, Mapping) else None
    if not isinstance(mark, str):
        raise UndefinedError(message("end_mark_unknown"))
    return end_document(text, mark)


def make_environment(user_dirs: Sequence[Path] = ()) -> Environment:
    """The sandboxed environment of the user's template folders, then the built-in ones.

    Templates may come from a shared drive (a ``giaoban.yaml`` in a folder
    above the records names them), so they run in Jinja's immutable sandbox:
    they lay out the context's values with the filters below, and can reach
    neither Python's internals, nor files outside the template folders, nor
    change the data they are given.
    """
    builtin = _FolderLoader(templates_dir())
    loader = ChoiceLoader(
        [
            *(_FolderLoader(d) for d in user_dirs),
            PrefixLoader({"builtin": builtin}),
            builtin,
        ]
    )
    env = ImmutableSandboxedEnvironment(
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
        figure=figure,
        in_sentence=in_sentence,
        due=due,
        end_document=_end_document,
        end_sentence=end_sentence,
        sentence=sentence,
        clause=clause,
        upper_first=upper_first,
        lower_first=lower_first,
        bar_chart_svg=bar_chart_svg,
        bar_chart_png=bar_chart_png,
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


@contextmanager
def _reported(env: Environment, name: str) -> Iterator[None]:
    """Any template fault inside becomes a ``TemplateError`` at the template's line."""
    try:
        yield
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
    except SecurityError as e:
        detail = message("template_unsafe", detail=str(e))
        raise TemplateError([Problem(_template_position(e), detail)]) from e


def render_template(env: Environment, name: str, context: Mapping[str, Any]) -> str:
    with _reported(env, name):
        return env.get_template(name).render(context)


def compile_template(env: Environment, name: str) -> None:
    """Find and compile ``name``: its syntax errors are known before any document renders."""
    with _reported(env, name):
        env.get_template(name)
