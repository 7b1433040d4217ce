"""The gettext catalogs: every message id the code names exists in both languages, with the
same placeholders, and the compiled catalogs are those of the sources. A typo would
otherwise surface as an internal error (exit 70) in front of the user, or as a raw id in
the help."""

from __future__ import annotations

import ast
import io
import string
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from generator.errors import Severity
from generator.inputs.validation import _TYPE_NAMES
from generator.messages import LOCALE_DIR, catalog, count, set_language
from generator.vietnamese.hygiene import _CHECKS

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
SOURCES = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))


@cache
def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _ours(lang: str) -> Catalog:
    return _read(LOCALE_DIR / lang / "LC_MESSAGES" / "giaoban.po")


def _ids(lang: str) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in _ours(lang) if m.id}


def _named_ids() -> set[tuple[str, str]]:
    """(id, where) of every literal id passed to ``message``/``count`` or as a help text."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            where = f"{path.relative_to(PACKAGE)}:{node.lineno}"
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            first = node.args[0] if node.args else None
            ours = name == "message" or (name == "count" and isinstance(func, ast.Name))
            if ours and isinstance(first, ast.Constant):
                found.add((first.value, where))
            for keyword in node.keywords:
                if keyword.arg in ("help", "show_default", "metavar") and isinstance(
                    keyword.value, ast.Constant
                ) and isinstance(keyword.value.value, str):  # fmt: skip
                    found.add((keyword.value.value, where))
    return found


def test_every_message_id_named_in_the_code_exists() -> None:
    named = _named_ids()
    assert len(named) > 100  # the walk found the calls
    missing = sorted(f"{where}: {msg_id}" for msg_id, where in named if msg_id not in _ids("en"))
    assert missing == []


def test_ids_named_through_tables_exist() -> None:
    ids = {kind for kind, _pattern in _CHECKS} | set(_TYPE_NAMES.values())
    ids |= {f"severity_{s.value}" for s in Severity}
    assert sorted(ids - _ids("en")) == []


def _fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def _texts(message: object) -> list[str]:
    string_ = message.string  # type: ignore[attr-defined]
    return list(string_) if isinstance(string_, tuple | list) else [string_]


def test_both_languages_hold_the_same_ids_and_fill_the_same_placeholders() -> None:
    assert _ids("en") == _ids("vi")
    english = {m.id if isinstance(m.id, str) else m.id[0]: m for m in _ours("en") if m.id}
    for vietnamese in _ours("vi"):
        if not vietnamese.id:
            continue
        msg_id = vietnamese.id if isinstance(vietnamese.id, str) else vietnamese.id[0]
        wanted = set().union(*(_fields(t) for t in _texts(english[msg_id])))
        for text in _texts(vietnamese):
            assert text.strip(), msg_id
            assert _fields(text) == wanted, msg_id


def test_clicks_words_keep_clicks_placeholders() -> None:
    for item in _read(LOCALE_DIR / "vi" / "LC_MESSAGES" / "click.po"):
        if item.id:
            ids = [item.id] if isinstance(item.id, str) else list(item.id)
            wanted = set().union(*(_fields(i) for i in ids))
            for text in _texts(item):
                assert text and _fields(text) <= wanted, item.id


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_the_compiled_catalogs_are_those_of_the_sources(source: Path) -> None:
    """``make catalogs`` was run after the last edit of the .po file."""
    compiled = io.BytesIO()
    write_mo(compiled, _read(source))
    assert source.with_suffix(".mo").read_bytes() == compiled.getvalue(), "run make catalogs"


def test_counts_follow_each_languages_plural_rule() -> None:
    try:
        set_language("en")
        assert [count("n_errors", n) for n in (0, 1, 2)] == ["0 errors", "1 error", "2 errors"]
        assert count("n_files", 1234) == "1,234 files"
        set_language("vi")
        assert [count("n_errors", n) for n in (1, 2)] == ["1 lỗi", "2 lỗi"]
        assert count("n_files", 1234) == "1.234 tệp"
    finally:
        set_language(None)
    assert catalog("vi").ngettext("n_errors", "n_errors", 5) == "{n} lỗi"


#: Variants docs/glossary.md replaces with one term per concept.
DISCOURAGED = ("mẫu định dạng", "tệp cấu hình", "Tạo văn bản", "tạo văn bản", "tạo lại văn bản",
               "tự tạo lại", "các mục còn trống", "chứng chỉ số", "chữ ký điện tử",
               "tem thời gian")  # fmt: skip


def test_the_vietnamese_texts_use_the_glossarys_terms() -> None:
    root = PACKAGE.parent
    texts = [t for m in _ours("vi") if m.id for t in _texts(m)]
    texts += [p.read_text(encoding="utf-8") for p in (root / "templates" / "scaffold").iterdir()]
    texts.append((root / "config" / "fields.yaml").read_text(encoding="utf-8"))
    found = sorted({word for text in texts for word in DISCOURAGED if word in text})
    assert found == []
    glossary = (root / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert all(word in glossary for word in ("mẫu thể thức", "tệp thiết lập", "kết xuất"))
