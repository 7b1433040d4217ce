"""YAML files to plain data, keeping the source position of every value.

PyYAML's own loaders lose positions, silently keep the last of two equal keys
and follow YAML 1.1, where ``14:00`` is the number 840 and ``no`` is false.
Here the document is composed into nodes with a resolver closer to YAML 1.2
(only ``true``/``false`` are booleans; dates stay text for the models to
parse with a clear error), then built into dicts and lists while a map from
each value's path to its position is filled in. Text is normalised to NFC.
"""

from __future__ import annotations

import math
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import InputError, Position, Problem
from generator.messages import message, os_reason

Path_ = tuple[str | int, ...]

#: Most values one file may expand to; bounds the cost of alias-heavy input.
MAX_VALUES = 200_000
#: Largest record or settings file read (a year of long meetings is far smaller).
MAX_FILE_BYTES = 2 * 1024 * 1024
#: Deepest nesting of lists and mappings (records need fewer than ten levels).
MAX_DEPTH = 64
#: Most characters of text one file may expand to (aliases repeat text without
#: growing the file): four times the largest file.
MAX_CHARS = 4 * MAX_FILE_BYTES

#: Characters no document can hold: C0 controls but tab and line breaks, DEL, C1
#: controls, the noncharacters U+FFFE and U+FFFF, and lone surrogates.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
#: Direction overrides and isolates: "abc" with U+202E before it prints reversed.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: Characters that print as nothing (zero-width space, joiners, direction marks, a BOM
#: inside text): Vietnamese needs none of them, and a value of only these looks empty.
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u061c]")


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.2 core-schema scalars: no sexagesimal numbers, no yes/no booleans."""


_Resolver.yaml_implicit_resolvers = {}
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


class _PyLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    yaml.constructor.SafeConstructor,
    _Resolver,
):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _Resolver.__init__(self)


#: Digits of the longest integer read: far past any count or sum, and short of Python's
#: 4,300-digit conversion limit.
MAX_DIGITS = 100


def _construct_int(loader: Any, node: yaml.ScalarNode) -> int:
    """YAML 1.2 integers: "08" is eight (PyYAML reads a leading zero as YAML 1.1 octal and
    fails on "08"); octal is written 0o17, hexadecimal 0x1F."""
    text = str(loader.construct_scalar(node)).replace("_", "")
    if len(text) > MAX_DIGITS:
        raise ValueError(f"more than {MAX_DIGITS} digits")
    if text[:2] in ("0o", "0x"):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text, 10)


_LOADERS: list[type[Any]] = [_PyLoader]
if yaml.__with_libyaml__:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _CLoader(CParser, yaml.constructor.SafeConstructor, _Resolver):
        """libyaml parses (ten times faster) and keeps marks; resolving stays ours."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            _Resolver.__init__(self)

    _LOADERS.insert(0, _CLoader)

for _loader in _LOADERS:
    _loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _new_loader(text: str) -> Any:
    """The fastest loader this PyYAML has: both build the same nodes and marks."""
    return _LOADERS[0](text)


def _step(node: Any, part: str | int) -> tuple[bool, Any]:
    """Whether ``part`` is in ``node``, and what it holds there."""
    if isinstance(node, dict):
        return part in node, node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return True, node[part]
    return False, None


def field_name(path: Path_) -> str:
    """``results.general[1]``: a path into the record as the user wrote it."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of a loaded file stands."""

    path: Path
    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)
    #: Decimal numbers as written ("1.250"): YAML reads them as 1.25, a Vietnamese clerk
    #: as one thousand two hundred fifty; the model decides.
    decimals: dict[Path_, str] = field(default_factory=dict)

    def locate(self, loc: Path_, data: Any) -> Position:
        """The best position for an error at ``loc`` (as pydantic reports it).

        Parts of ``loc`` that are not in the data (union tags) are skipped; a
        key that is missing points at the mapping that should hold it.
        """
        here: Path_ = ()
        node = data
        for part in loc:
            found, child = _step(node, part)
            if found:
                node = child
                here = (*here, part)
        return self.values.get(here, Position(self.path))

    def key(self, loc: Path_) -> Position:
        return self.keys.get(loc) or self.values.get(loc) or Position(self.path)


@dataclass
class LoadedFile:
    path: Path
    data: Any
    source: SourceMap
    #: Paths of the text values that were not NFC and were normalised.
    normalized: list[Path_] = field(default_factory=list)
    #: Paths of the text values that held invisible characters, removed.
    invisible: list[Path_] = field(default_factory=list)


def _position(path: Path, mark: Any) -> Position:
    if mark is None:
        return Position(path)
    return Position(path, mark.line + 1, mark.column + 1)


def encoding_problem(path: Path, raw: bytes) -> Problem:
    """What the bytes of ``path`` are, since they are not UTF-8: UTF-16, UTF-32, no text
    at all, or another 8-bit encoding (then where the first byte that is not UTF-8 is)."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return Problem(Position(path, 1, 1), message("utf32"))
    head = raw[:200]
    # UTF-16 text (mostly ASCII) has its zero bytes all at even or all at odd offsets
    zeros = (head[0::2].count(0), head[1::2].count(0))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        max(zeros) > len(head) // 4 and min(zeros) <= max(zeros) // 10
    ):
        return Problem(Position(path, 1, 1), message("utf16"))
    if b"\x00" in head:
        return Problem(Position(path, 1, 1), message("binary_file"))
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        prefix = raw[: error.start].decode("utf-8-sig")  # valid up to the bad byte
        where = _line_column(path, prefix, len(prefix))
        return Problem(where, message("not_utf8", offset=error.start, path=path))
    raise ValueError("the bytes are UTF-8")


def read_text(path: Path) -> str:
    """The file's text; UTF-8 with or without BOM, or a clear error."""
    return decode_text(path, read_bytes(path))


def decode_text(path: Path, raw: bytes) -> str:
    """The text of the bytes of ``path``: UTF-8 with or without BOM, or a clear error."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError([encoding_problem(path, raw)]) from e


def read_bytes(path: Path) -> bytes:
    """The file's bytes, if it is a file of a record's size that can be read."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # a pipe would block the read forever
            raise InputError([Problem(Position(path), message("not_a_file"))])
        size = status.st_size
        if size > MAX_FILE_BYTES:
            detail = message("too_big", size=size, limit=MAX_FILE_BYTES)
            raise InputError([Problem(Position(path), detail)])
        return path.read_bytes()
    except FileNotFoundError as e:
        raise InputError([Problem(Position(path), message("file_not_found"))]) from e
    except OSError as e:
        raise InputError(
            [Problem(Position(path), message("file_unreadable", reason=os_reason(e)))]
        ) from e


def read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes, else
    ``None``: for the files giaoban keeps for itself (caches, state), where anything else
    is damage to ignore. A FIFO is never read (that would block forever) and the checks
    are made on the file opened, not on its name."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
            return None
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(limit + 1)
        return data if len(data) <= limit else None
    except OSError:
        return None
    finally:
        os.close(fd)


def _bad_tagged(tag: str, text: object, error: Exception) -> str:
    """Why a scalar could not be read as its (explicit or resolved) type."""
    if tag == "int" and "digits" in str(error):
        return message("too_many_digits", limit=MAX_DIGITS)
    return message("bad_tagged_value", tag=tag, value=str(text)[:80])


class _Builder:
    def __init__(self, path: Path, loader: yaml.constructor.SafeConstructor) -> None:
        self.path = path
        self.loader = loader
        self.source = SourceMap(path)
        self.problems: list[Problem] = []
        self.normalized: list[Path_] = []
        self.invisible: list[Path_] = []
        self.count = 0
        self.chars = 0
        #: The collections being built, innermost last: an alias to one of them never ends.
        self.open: set[int] = set()

    def build(self, node: yaml.Node, at: Path_) -> Any:
        where = _position(self.path, node.start_mark)
        self.count += 1
        if self.count > MAX_VALUES:
            raise InputError([Problem(where, message("too_many_values", limit=MAX_VALUES))])
        self.source.values.setdefault(at, where)
        if isinstance(node, yaml.CollectionNode):
            if id(node) in self.open:
                raise InputError([Problem(where, message("recursive_alias"))])
            self.open.add(id(node))
            try:
                if isinstance(node, yaml.MappingNode):
                    return self._mapping(node, at)
                return [self.build(item, (*at, i)) for i, item in enumerate(node.value)]
            finally:
                self.open.discard(id(node))
        try:
            value = self.loader.construct_object(node, deep=True)
        except (ValueError, LookupError, TypeError, ArithmeticError, AttributeError) as e:
            # An explicit tag with a value it cannot have ("!!int abc", "!!bool maybe",
            # "!!timestamp 2024-02-30"), or an integer past Python's 4,300 digits.
            tag = node.tag.rsplit(":", 1)[-1]
            self.problems.append(Problem(where, _bad_tagged(tag, node.value, e)))
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.problems.append(Problem(where, message("not_finite", value=node.value)))
        elif isinstance(value, float):
            self.source.decimals[at] = str(node.value)
        if isinstance(value, str):
            return self._text(value, at, where)
        return value

    def _text(self, value: str, at: Path_, where: Position) -> str:
        """A text value, checked and normalised; where it was not NFC, or held characters
        that print as nothing, is remembered."""
        normal = self._checked(value, where)
        if normal != unicodedata.normalize("NFC", value):
            self.invisible.append(at)
        elif normal != value:
            self.normalized.append(at)
        return normal

    def _checked(self, text: str, where: Position) -> str:
        """Any text of the file, a key or a value: bounded, free of control characters, NFC."""
        self.chars += len(text)
        if self.chars > MAX_CHARS:
            raise InputError([Problem(where, message("too_much_text", limit=MAX_CHARS))])
        control = _CONTROL.search(text)
        if control is not None:
            code = f"{ord(control.group()):04X}"
            self.problems.append(Problem(where, message("control_char", code=code)))
        bidi = _BIDI.search(text)
        if bidi is not None:
            code = f"{ord(bidi.group()):04X}"
            self.problems.append(Problem(where, message("bidi_char", code=code)))
        return _INVISIBLE.sub("", unicodedata.normalize("NFC", text))

    def _mapping(self, node: yaml.MappingNode, at: Path_) -> dict[str, Any]:
        self.loader.flatten_mapping(node)
        result: dict[str, Any] = {}
        first_seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            key_pos = _position(self.path, key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(key_pos, message("complex_key")))
                continue
            key = self.loader.construct_object(key_node)
            if not isinstance(key, str):
                self.problems.append(
                    Problem(key_pos, message("non_string_key", key=key_node.value))
                )
                continue
            key = self._checked(key, key_pos)
            if key in first_seen:
                first_line = first_seen[key].line
                self.problems.append(
                    Problem(key_pos, message("duplicate_key", key=key, first_line=first_line))
                )
                continue
            first_seen[key] = key_pos
            self.source.keys[(*at, key)] = key_pos
            result[key] = self.build(value_node, (*at, key))
        return result


_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


def _line_column(path: Path, text: str, offset: int) -> Position:
    line_start = text.rfind("\n", 0, offset) + 1
    return Position(path, text.count("\n", 0, offset) + 1, offset - line_start + 1)


def _check_layout(path: Path, text: str) -> None:
    """Tabs in indentation, and nesting too deep to compose safely, before parsing."""
    problems = [
        Problem(_line_column(path, text, m.end() - 1), message("tab_indent"))
        for m in _TAB_INDENT.finditer(text)
    ]
    if problems:
        raise InputError(problems)
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_LOADERS[0]):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    where = _position(path, event.start_mark)
                    raise InputError([Problem(where, message("too_deep", limit=MAX_DEPTH))])
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # the parse below reports it with its position


#: PyYAML's words for the usual mistakes, and the catalog's sentence for each.
_SYNTAX_CAUSES = {
    "mapping values are not allowed here": "yaml_colon_in_text",
    "did not find expected key": "yaml_indentation",
    "expected <block end>": "yaml_indentation",
    "did not find expected '-' indicator": "yaml_indentation",
    "found unexpected end of stream": "yaml_unclosed_quote",
}


def _syntax_message(error: yaml.MarkedYAMLError) -> str:
    """The usual cause in the user's language; PyYAML's own words only for the rare rest."""
    said = f"{error.context or ''} {error.problem or ''}"
    for words, msg_id in _SYNTAX_CAUSES.items():
        if words in said:
            return message(msg_id)
    return message("yaml_syntax", problem=error.problem or error.context or "?")


def load_yaml(path: Path) -> LoadedFile:
    """Load one YAML file; every problem in it is reported in one ``InputError``."""
    return parse_yaml(path, read_text(path))


def parse_yaml(path: Path, text: str) -> LoadedFile:
    """Load the text of the YAML file ``path`` (its problems are reported at its lines)."""
    _check_layout(path, text)
    loader = _new_loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise InputError([Problem(_position(path, mark), _syntax_message(e))]) from e
    except yaml.reader.ReaderError as e:  # a character YAML refuses: at its line, in words
        character = e.character if isinstance(e.character, int) else ord(e.character)
        offset = e.position  # libyaml counts bytes of UTF-8, PyYAML characters
        if not isinstance(loader, _PyLoader):
            offset = len(text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "ignore"))
        where = _line_column(path, text, offset)
        raise InputError([Problem(where, message("control_char", code=f"{character:04X}"))]) from e
    except yaml.YAMLError as e:
        raise InputError([Problem(Position(path), message("yaml_syntax", problem=e))]) from e
    if node is None:
        raise InputError([Problem(Position(path, 1, 1), message("empty_file"))])
    builder = _Builder(path, loader)
    try:
        data = builder.build(node, ())
    except yaml.constructor.ConstructorError as e:
        raise InputError(
            [Problem(_position(path, e.problem_mark), message("yaml_syntax", problem=e.problem))]
        ) from e
    finally:
        loader.dispose()
    if builder.problems:
        raise InputError(builder.problems)
    return LoadedFile(path, data, builder.source, builder.normalized, builder.invisible)
