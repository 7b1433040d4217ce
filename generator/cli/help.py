"""The command line's help in the user's language, looked up when it is shown.

Help texts and option descriptions are message ids of the catalog; they are
resolved when click formats the help, after ``--lang`` has been applied, so
``giaoban --lang vi render --help`` is Vietnamese throughout. click's own
words (the usage line, section titles, its error messages) go through the
``gettext`` function each click module imported; it is replaced here by a
lookup in ``CLICK_VI`` when the messages are Vietnamese.
"""

from __future__ import annotations

from typing import Any

import click

from generator.messages import CATALOG, CLICK_VI, language, message


def localized(text: Any) -> Any:
    """The catalog's text for a message id, anything else as it is."""
    return message(text) if isinstance(text, str) and text in CATALOG else text


class _CatalogText:
    """An attribute that holds a message id (or plain text) and reads in the current language."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = "_catalog_" + name

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        return self if obj is None else localized(getattr(obj, self.slot, None))

    def __set__(self, obj: object, value: Any) -> None:
        setattr(obj, self.slot, value)


class _Localized:
    """``help`` (and a textual ``show_default``) hold message ids, read when shown."""

    help: Any = _CatalogText()
    show_default: Any = _CatalogText()


class _LocalizedOptions:
    """Options listed with click's own help strings (--help, --version) in the user's
    language: click wrote them when the option was made, before ``--lang`` was read."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        assert isinstance(self, click.Command)
        records = [rv for p in self.get_params(ctx) if (rv := p.get_help_record(ctx))]
        if records:
            with formatter.section(_click_text("Options")):
                formatter.write_dl([(name, _click_text(text)) for name, text in records])
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)


class Command(_Localized, _LocalizedOptions, click.Command):
    def get_short_help_str(self, limit: int = 45) -> str:
        """The one-line summary in the command list: ``short_<name>`` of the catalog."""
        short = f"short_{self.name}"
        return message(short) if short in CATALOG else super().get_short_help_str(limit)


class Group(_Localized, _LocalizedOptions, click.Group):
    command_class = Command


class Option(_Localized, click.Option):
    pass


def _click_text(text: str) -> str:
    return CLICK_VI.get(text, text) if language() == "vi" else text


def localize_click() -> None:
    """Route click's own strings through ``CLICK_VI`` (once, at the CLI's import)."""
    for module in (click.core, click.exceptions, click.formatting, click.decorators,
                   click.types):  # fmt: skip
        if hasattr(module, "_"):
            module._ = _click_text  # type: ignore[attr-defined]
