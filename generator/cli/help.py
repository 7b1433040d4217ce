"""The command line's help in the user's language, looked up when it is shown.

Help texts and option descriptions are message ids of the catalog; they are
resolved when click formats the help, after ``--lang`` has been applied, so
``giaoban --lang vi render --help`` is Vietnamese throughout. click's own
words (the usage line, section titles, its error messages) go through
``gettext.gettext``, as click calls it: the command binds gettext's domain to
giaoban's ``click`` catalog and sets ``LANGUAGE`` to the chosen language
(``speak``), the standard way a program picks the language of its messages.
"""

from __future__ import annotations

import datetime as dt
import gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from generator.messages import LOCALE_DIR, is_message, language, message
from generator.model.dates import FIRST_DATE, LAST_DATE, BadDate, parse_date

CLICK_DOMAIN = "click"


def localized(text: Any) -> Any:
    """The catalog's text for a message id, anything else as it is."""
    return message(text) if isinstance(text, str) and is_message(text) else text


class _CatalogText:
    """An attribute that holds a message id (or plain text) and reads in the current language."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = "_catalog_" + name

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        return self if obj is None else localized(getattr(obj, self.slot, None))

    def __set__(self, obj: object, value: Any) -> None:
        setattr(obj, self.slot, value)


class _Localized:
    """``help``, ``metavar`` (and a textual ``show_default``) hold message ids, read when
    shown: click would otherwise name a value by its type in English (TEXT, INTEGER)."""

    help: Any = _CatalogText()
    show_default: Any = _CatalogText()
    metavar: Any = _CatalogText()


class _LocalizedOptions:
    """Options listed with click's own help strings (--help, --version) in the user's
    language: click wrote them when the option was made, before ``--lang`` was read."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        assert isinstance(self, click.Command)
        records = [rv for p in self.get_params(ctx) if (rv := p.get_help_record(ctx))]
        if records:
            with formatter.section(gettext.gettext("Options")):
                formatter.write_dl([(name, gettext.gettext(text) if text else text)
                                    for name, text in records])  # fmt: skip
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)


class _LocalizedUsage:
    """The usage line's ``[OPTIONS]`` in the user's language."""

    options_metavar: Any = _CatalogText()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "metavar_options")
        super().__init__(*args, **kwargs)


class Command(_Localized, _LocalizedUsage, _LocalizedOptions, click.Command):
    def get_short_help_str(self, limit: int = 45) -> str:
        """The one-line summary in the command list: ``short_<name>`` of the catalog."""
        short = f"short_{self.name}"
        return message(short) if is_message(short) else super().get_short_help_str(limit)


class Group(_Localized, _LocalizedUsage, _LocalizedOptions, click.Group):
    command_class = Command


class Option(_Localized, click.Option):
    pass


class Argument(_Localized, click.Argument):
    pass


class LocalPath(click.Path):
    """A path option named in the user's language ("THƯ_MỤC"), in its help and its errors:
    click names it when the option is made, before ``--lang`` is read."""

    name: Any = _CatalogText()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(path_type=Path, **kwargs)
        folder, file = self.dir_okay and not self.file_okay, self.file_okay and not self.dir_okay
        self.name = "type_folder" if folder else "type_file" if file else "type_path"


class Day(click.ParamType):  # type: ignore[type-arg]  # generic from click 8.3 on
    """A date option: YYYY-MM-DD or DD/MM/YYYY, checked as records' dates are."""

    name: Any = _CatalogText()

    def __init__(self) -> None:
        self.name = "metavar_date"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> dt.date:  # fmt: skip
        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(str(value))
        except BadDate as e:
            self.fail(message(e.kind, value=e.value, first=FIRST_DATE.year, last=LAST_DATE.year),
                      param, ctx)  # fmt: skip


class WholeNumber(click.IntRange):
    """A whole number of at least 1 (and at most ``maximum``), named in the user's language
    in errors."""

    name: Any = _CatalogText()

    def __init__(self, maximum: int | None = None) -> None:
        super().__init__(min=1, max=maximum)
        self.name = "type_integer"


def localize_click() -> None:
    """click's words from giaoban's ``click`` catalog (once, at the CLI's import)."""
    gettext.bindtextdomain(CLICK_DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(CLICK_DOMAIN)


@contextmanager
def speaking() -> Iterator[None]:
    """gettext's ``LANGUAGE`` follows giaoban's language while a command runs (and is
    given back after, for scripts that call ``main`` more than once)."""
    before = os.environ.get("LANGUAGE")
    speak()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = before


def speak() -> None:
    """Make click's words the language of giaoban's messages (after ``--lang``, too)."""
    os.environ["LANGUAGE"] = language()
