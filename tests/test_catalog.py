"""Every message id the code names exists in the catalog, in both languages, with the same
placeholders: a typo would otherwise surface as an internal error (exit 70) in front of
the user, or as a raw id in the help."""

from __future__ import annotations

import ast
import string
from pathlib import Path

from generator.inputs.validation import _TYPE_NAMES
from generator.messages import CATALOG, CLICK_VI
from generator.vietnamese.hygiene import _CHECKS

PACKAGE = Path(__file__).resolve().parent.parent / "generator"


def _named_ids() -> set[tuple[str, str]]:
    """(id, where) of every literal id passed to ``message`` or as a help text."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            where = f"{path.relative_to(PACKAGE)}:{node.lineno}"
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            first = node.args[0] if node.args else None
            if name == "message" and isinstance(first, ast.Constant):
                found.add((first.value, where))
            for keyword in node.keywords:
                if keyword.arg in ("help", "show_default") and isinstance(
                    keyword.value, ast.Constant
                ) and isinstance(keyword.value.value, str):  # fmt: skip
                    found.add((keyword.value.value, where))
    return found


def test_every_message_id_named_in_the_code_exists() -> None:
    named = _named_ids()
    assert len(named) > 100  # the walk found the calls
    missing = sorted(f"{where}: {msg_id}" for msg_id, where in named if msg_id not in CATALOG)
    assert missing == []


def test_ids_named_through_tables_exist() -> None:
    ids = {kind for kind, _pattern in _CHECKS} | set(_TYPE_NAMES.values())
    assert sorted(ids - set(CATALOG)) == []


def _fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_both_languages_fill_the_same_placeholders() -> None:
    for msg_id, texts in CATALOG.items():
        assert set(texts) == {"en", "vi"}, msg_id
        assert _fields(texts["en"]) == _fields(texts["vi"]), msg_id
    for english, vietnamese in CLICK_VI.items():
        assert _fields(english) == _fields(vietnamese), english


def test_the_catalog_is_complete_in_both_languages() -> None:
    for msg_id, texts in CATALOG.items():
        assert set(texts) == {"en", "vi"}, msg_id
        assert all(t.strip() for t in texts.values()), msg_id
    assert all(CLICK_VI.values())


#: Variants docs/glossary.md replaces with one term per concept.
DISCOURAGED = ("mẫu định dạng", "tệp cấu hình", "Tạo văn bản", "tạo văn bản", "tạo lại văn bản",
               "tự tạo lại", "các mục còn trống")  # fmt: skip


def test_the_vietnamese_texts_use_the_glossarys_terms() -> None:
    root = PACKAGE.parent
    texts = [t["vi"] for t in CATALOG.values()]
    texts += [p.read_text(encoding="utf-8") for p in (root / "templates" / "scaffold").iterdir()]
    texts.append((root / "config" / "fields.yaml").read_text(encoding="utf-8"))
    found = sorted({word for text in texts for word in DISCOURAGED if word in text})
    assert found == []
    glossary = (root / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert all(word in glossary for word in ("mẫu thể thức", "tệp thiết lập", "kết xuất"))
