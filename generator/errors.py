"""User-facing problems and the one exception hierarchy the CLI catches.

Every problem a user can fix carries where it is (file, line, column) so the
CLI can print ``file:line:col: error: message`` like a compiler. Problems are
collected, not raised one by one, so a run reports all of them at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from pathlib import Path

from generator import messages


class ExitCode(IntEnum):
    """Documented exit codes of the ``giaoban`` command (see README)."""

    OK = 0
    INVALID_INPUT = 1
    USAGE = 2
    OUTPUT = 3
    #: ``giaoban doctor`` found something that degrades output or speed.
    DEGRADED = 4
    #: ``init`` or ``new`` would overwrite a file that exists (giaoban never overwrites).
    EXISTS = 5
    #: ``verify`` found a signature that is not valid, or none at all.
    NOT_VALID = 6
    INTERNAL = 70
    INTERRUPTED = 130


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Position:
    """A place in a source file; line and column count from 1, as editors do."""

    path: Path
    line: int = 0
    column: int = 0
    #: A place in a document rather than a source file ("đoạn 12 (\"Đề nghị …\")"),
    #: shown in place of the line and column.
    where: str = ""

    def __str__(self) -> str:
        if self.where:
            return f"{self.path}:{self.where}"
        if self.line <= 0:
            return str(self.path)
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    position: Position
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        """As a terminal shows it: control characters from the input (a key holding NUL
        or an escape sequence) are written as escapes, never sent to the terminal."""
        severity = messages.message(f"severity_{self.severity.value}")
        return _printable(f"{self.position}: {severity}: {self.message}")

    def as_json(self) -> dict[str, str | int]:
        """The problem for scripts (``--json``) and the output folder's state."""
        where = self.position
        found: dict[str, str | int] = {"file": str(where.path), "line": where.line,
                                       "column": where.column, "severity": self.severity.value,
                                       "message": self.message}  # fmt: skip
        if where.where:
            found["where"] = where.where
        return found

    @classmethod
    def from_json(cls, data: dict[str, str | int]) -> Problem:
        where = Position(Path(str(data["file"])), int(data["line"]), int(data["column"]),
                         str(data.get("where", "")))  # fmt: skip
        return cls(where, str(data["message"]), Severity(str(data["severity"])))


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _printable(text: str) -> str:
    """Control characters as escapes; a file name's byte that is no UTF-8 (which Python
    holds as a lone surrogate, unprintable) as the byte's escape."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()) & 0xFF:02x}", text)


class GiaobanError(Exception):
    """Base of every error meant for the user rather than for a developer."""

    exit_code: ExitCode = ExitCode.INVALID_INPUT

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def lines(self) -> list[str]:
        return [self.message]


class InputError(GiaobanError):
    """One or more records, settings or profiles are wrong; nothing was written."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.position, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]

    def __reduce__(self) -> tuple[type[InputError], tuple[list[Problem]]]:
        # Raised in a worker process, it travels back pickled: rebuild it from
        # its problems, not from the joined message.
        return (type(self), (self.problems,))


class UsageError(GiaobanError):
    """The command was called with options that do not fit together."""

    exit_code = ExitCode.USAGE


class TemplateError(InputError):
    """A template could not be compiled or rendered; the position is in the template."""


class ExistsError(GiaobanError):
    """A file giaoban would create exists already; it is left as it is."""

    exit_code = ExitCode.EXISTS


class OutputError(GiaobanError):
    """An output could not be produced or written (disk, permissions, renderer)."""

    exit_code = ExitCode.OUTPUT


class CrashError(GiaobanError):
    """A worker process died (a crash in a C library): a bug to report, said as such
    with the document it was writing instead of a pool's "terminated abruptly"."""

    exit_code = ExitCode.INTERNAL
