"""User-facing messages, looked up in the gettext catalogs of ``generator/locale``.

Code never builds user-facing sentences inline: it names a message and its
values, so a translation is a change to a catalog only (``giaoban.po`` per
language: symbolic ids, the English text a translation like any other). Counts
take their language's plural rule from the catalog (``count``), numbers their
decimal sign from Babel (``number``: "0,03" in Vietnamese). click's own words
come from the ``click`` catalog through the gettext domain that click itself
reads (see ``generator.cli.help``). The language comes from ``GIAOBAN_LANG``,
else from the locale (``vi*`` gives Vietnamese), else English.
"""

from __future__ import annotations

import errno
import gettext
import os
from functools import cache
from pathlib import Path
from typing import Literal

Language = Literal["en", "vi"]

#: The compiled catalogs (``make catalogs`` builds the .mo files from the .po files).
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "giaoban"

_current: Language | None = None


def _detect() -> Language:
    forced = os.environ.get("GIAOBAN_LANG", "")
    if forced in ("en", "vi"):
        return forced  # type: ignore[return-value]
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    return "en"


def set_language(language: Language | None) -> None:
    """Force a language (``None`` goes back to detecting it from the environment)."""
    global _current
    _current = language


def language() -> Language:
    return _current or _detect()


@cache
def catalog(lang: Language) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])


def is_message(text: str) -> bool:
    """Whether ``text`` is a message id (help texts are ids, or plain text)."""
    return bool(text) and catalog("en").gettext(text) != text  # "" is the catalog's header


def message(msg_id: str, /, **values: object) -> str:
    """The message ``msg_id`` in the current language, with ``values`` filled in."""
    text = catalog(language()).gettext(msg_id)
    if text == msg_id:
        raise KeyError(f"no message {msg_id!r} in the catalog")
    return text.format(**values)


def count(msg_id: str, n: int, /, **values: object) -> str:
    """``n`` things, as the language says it ("1 error", "2 errors"; "2 lỗi")."""
    return catalog(language()).ngettext(msg_id, msg_id, n).format(n=number(n), **values)


def number(value: float, decimals: int = 0) -> str:
    """A number with the language's decimal sign and digit grouping ("0,03" in Vietnamese)."""
    from babel.numbers import format_decimal  # only when a number is shown

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=language())


_OS_REASONS = {
    errno.ENOENT: "os_not_found",
    errno.EACCES: "os_permission",
    errno.EPERM: "os_permission",
    errno.ENOSPC: "os_disk_full",
    errno.EDQUOT: "os_disk_full",
    errno.EISDIR: "os_is_folder",
    errno.ENOTDIR: "os_not_folder",
    errno.EROFS: "os_read_only",
    errno.ENAMETOOLONG: "os_name_too_long",
}


def os_reason(error: OSError) -> str:
    """Why the system refused, in the user's language: the system's own text
    ("No such file or directory") is English whatever the locale."""
    msg_id = _OS_REASONS.get(error.errno or 0)
    if msg_id is not None:
        return message(msg_id)
    return message("os_other", code=errno.errorcode.get(error.errno or 0, error.errno))
