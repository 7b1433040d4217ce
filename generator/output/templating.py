"""The one Jinja environment: strict, autoescaping, user templates first.

The user's template folders are searched before the built-in ones, and the
built-in ones are also reachable as ``builtin/NAME`` so an override can
``{% extends "builtin/documents/tb.html.j2" %}`` and change one block.
Template errors are reported at the template's own file and line.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
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
from markupsafe import Markup

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
    joined,
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


def figure(f: Figure, stated: bool = False) -> str:
    """ "số hội viên mới 1.250 người", "tỷ lệ hộ khá 12,5%": a figure inside a sentence;
    ``stated``, a sentence of its own with its verb ("Tổng trị giá … đạt hàng chục tỷ
    đồng"). A count of nothing is "không phát sinh", never "0 vụ"."""
    said = vocabulary().figure_words
    if f.value == 0 and f.unit != "%":
        return f"{lower_first(f.label)} {said.nothing}"
    unit = "" if not f.unit else (f.unit if f.unit == "%" else f" {f.unit}")
    verb = f" {said.verb}" if stated else ""
    return f"{lower_first(f.label)}{verb} {number(f.value)}{unit}"


def due(deadline: dt.date | str) -> str:
    """A deadline as documents write it: 31/12/2024, or the words the record gives."""
    return deadline.strftime("%d/%m/%Y") if isinstance(deadline, dt.date) else deadline


def no_breaks(html: str) -> Markup:
    """A rendered part of a document with its unbreakable units joined (``joined``): the
    text between tags only, so markup and attributes stay as they are."""
    parts = re.split(r"(<[^>]*>)", str(html))
    return Markup("".join(p if p.startswith("<") else joined(p) for p in parts))


def in_sentence(text: str) -> str:
    """A name list inside a sentence: "Các tổ chức …" becomes "các tổ chức …", while names
    of bodies ("Hội Nông dân tỉnh") keep their capitals."""
    first = text.split(" ", 1)[0]
    openers = vocabulary().common_openers
    return lower_first(text) if any(first == o.split(" ", 1)[0] for o in openers) else text


#: Most items or characters one value of a template may grow to, and most characters a
#: document's HTML may have: a year's digest is a few hundred kilobytes.
MAX_TEMPLATE_ITEMS = 10_000_000
MAX_OUTPUT_CHARS = 64 * 1024 * 1024
#: A format asking a width or precision of eight digits or more ("%1000000000s",
#: "%.99999999f", "{:>99999999}"): eight digits in a text ("số tài khoản 12345678",
#: "10000000 đồng", a record's title) are no format, and pass.
_HUGE_WIDTH = re.compile(r"%[-+ #0]*\d{8,}|%[-+ #0]*\d*\.\d{8,}|\{[^{}]*:[^{}]*\d{8,}[^{}]*\}")


def _too_big(value: Any) -> bool:
    """An argument that asks for more than a document holds: a count, a width, a format."""
    if isinstance(value, int) and not isinstance(value, bool):
        return abs(value) > MAX_TEMPLATE_ITEMS
    return isinstance(value, str) and _HUGE_WIDTH.search(value) is not None


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes | list | tuple) else 0


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, also bounded in size: it blocks ``range(10**9)`` but not
    ``'a' * 10**9`` (36 s, 4.9 GB), ``2 ** 10**10``, ``'%999999999s' % x`` or a method
    such as ``center(10**9)``. Growth past ``MAX_TEMPLATE_ITEMS`` is refused."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if _grows_too_much(operator, left, right):
            raise SecurityError(message("template_too_big", limit=MAX_TEMPLATE_ITEMS))
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        if _too_big(getattr(value, "__self__", None)):  # "{:>999999999}".format(…)
            raise SecurityError(message("template_too_big", limit=MAX_TEMPLATE_ITEMS))
        return super().wrap_str_format(value)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if any(_too_big(a) for a in (*args, *kwargs.values())):
            raise SecurityError(message("template_too_big", limit=MAX_TEMPLATE_ITEMS))
        return super().call(__context, __obj, *args, **kwargs)


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _grows_too_much(operator: str, left: Any, right: Any) -> bool:
    """Whether ``left operator right`` makes a value past ``MAX_TEMPLATE_ITEMS``: text or a
    list repeated, a power of many digits, two long values joined, a format of huge width."""
    if operator == "*":
        return max(_size(left) * _count(right), _size(right) * _count(left)) > MAX_TEMPLATE_ITEMS
    if operator == "**":
        bits = abs(_count(left)).bit_length()
        return bits > 1 and _count(right) * bits > 4 * MAX_TEMPLATE_ITEMS
    if operator == "+":
        return _size(left) + _size(right) > MAX_TEMPLATE_ITEMS
    return operator == "%" and isinstance(left, str) and _too_big(left)


def _bounded_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses a huge count or width (``center(10**9)``, ``indent``, ``format``):
    Jinja calls filters directly, not through the sandbox's ``call``."""

    @functools.wraps(function)  # keeps Jinja's pass_context marks
    def bounded(*args: Any, **kwargs: Any) -> Any:
        if any(_too_big(a) for a in (*args[1:], *kwargs.values())):
            raise SecurityError(message("template_too_big", limit=MAX_TEMPLATE_ITEMS))
        return function(*args, **kwargs)

    return bounded


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
    env = _Sandbox(
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
    env.filters = {name: _bounded_filter(f) for name, f in env.filters.items()}
    env.filters.update(
        roman=roman,
        number=number,
        date_prose=date_prose,
        person=person,
        figure=figure,
        in_sentence=in_sentence,
        no_breaks=no_breaks,
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
    except (OverflowError, MemoryError, RecursionError) as e:  # range(10**9), a deep macro
        detail = message("template_unsafe", detail=message("template_too_big",
                                                           limit=MAX_TEMPLATE_ITEMS))  # fmt: skip
        raise TemplateError([Problem(_template_position(e), detail)]) from e


def render_template(env: Environment, name: str, context: Mapping[str, Any]) -> str:
    """The template's output, built piece by piece so that a loop that writes without end
    is stopped at ``MAX_OUTPUT_CHARS`` with the template's line."""
    with _reported(env, name):
        template = env.get_template(name)
        pieces: list[str] = []
        size = 0
        for piece in template.generate(context):
            size += len(piece)
            if size > MAX_OUTPUT_CHARS:
                where = Position(Path(template.filename or name))
                detail = message("template_output_too_big", limit=MAX_OUTPUT_CHARS)
                raise TemplateError([Problem(where, detail)])
            pieces.append(piece)
        return "".join(pieces)


def compile_template(env: Environment, name: str) -> None:
    """Find and compile ``name``: its syntax errors are known before any document renders."""
    with _reported(env, name):
        env.get_template(name)
