"""Finding English in what a Vietnamese user reads (messages, help, comments)."""

from __future__ import annotations

import re
from functools import cache

from pydantic import BaseModel

from generator.cli.command import cli
from generator.model import meeting, settings
from generator.model.kinds import MeetingKind
from generator.output.signing import Role
from generator.vietnamese.syllables import is_syllable

#: Words a Vietnamese clerk sees in English on purpose: formats, names of things they
#: type or install, and the keys of their records (codes, not prose).
ALLOWED = {"YAML", "DOCX", "PDF", "UTF", "JSON", "TCVN", "VNI", "Unicode", "Windows",
           "Notepad", "Save", "as", "Encoding", "Word", "LibreOffice", "Ctrl", "giaoban",
           "WeasyPrint", "HarfBuzz", "dask", "distributed", "bash", "zsh", "fish", "tcp",
           "Tab", "Times", "New", "Roman", "Babel", "YYYY", "MM", "DD", "vi", "en", "tb",
           "bc", "docx", "pdf", "html", "hd36", "nd30", "ID", "CLI", "Jinja", "OOXML",
           "byte", "eval", "PAdES", "token", "pfx", *cli.commands}  # type: ignore[attr-defined]  # fmt: skip


_ALLOWED = frozenset(word.lower() for word in ALLOWED)


@cache
def _codes() -> set[str]:
    """The keys and codes a record or an option holds: typed by the user, never translated."""
    models = [m for module in (meeting, settings) for m in vars(module).values()
              if isinstance(m, type) and issubclass(m, BaseModel)]  # fmt: skip
    codes = {name for model in models for name in model.model_fields}
    codes |= (
        {k.value for k in MeetingKind}
        | {m.value for m in settings.SignMode}
        | {r.value for r in Role}
        | {"record", "settings", "out", "date"}
    )
    return codes


_CODE = re.compile(r"^[-'\"‘“(\[]|[/._=@{}<>:\\]|\d|^[A-ZĐ_]+\.*$")


def english_words(text: str) -> list[str]:
    """ASCII words that are no Vietnamese syllable and not on the list: English prose."""
    found = []
    for token in text.split():
        word = token.strip(",;:.!?()[]…*")
        if _CODE.search(word):  # options, paths, quoted values, codes, metavars
            continue
        if not word.isascii() or not word.isalpha() or word in _codes():
            continue
        if word.lower() not in _ALLOWED and not is_syllable(word.lower()):
            found.append(word)
    return found
