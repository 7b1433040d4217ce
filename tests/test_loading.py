"""YAML loading: positions for every value, duplicate keys, YAML 1.2 scalars, encodings."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.inputs.loading import load_yaml


def load(tmp_path: Path, text: str | bytes) -> object:
    path = tmp_path / "r.yaml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return load_yaml(path)


def test_positions_of_values_and_keys(tmp_path: Path) -> None:
    loaded = load(tmp_path, "title: Hội nghị\nchairs:\n  - name: A\n    titles: [x, y]\n")
    assert loaded.source.values[("title",)].line == 1
    assert loaded.source.values[("title",)].column == 8
    assert loaded.source.values[("chairs", 0, "name")].line == 3
    assert loaded.source.values[("chairs", 0, "titles", 1)].column == 17
    assert loaded.source.keys[("chairs", 0, "titles")].line == 4


def test_yaml_12_scalars(tmp_path: Path) -> None:
    loaded = load(tmp_path, "time: 14:00\nflag: no\nyes_: true\ndate: 2024-09-25\nn: 12\n")
    assert loaded.data == {
        "time": "14:00",
        "flag": "no",
        "yes_": True,
        "date": "2024-09-25",
        "n": 12,
    }


def test_text_is_normalised_to_nfc(tmp_path: Path) -> None:
    decomposed = "Tỉnh ủy".encode().decode("utf-8")
    import unicodedata

    nfd = unicodedata.normalize("NFD", decomposed)
    loaded = load(tmp_path, f"title: {nfd}\n")
    assert loaded.data["title"] == unicodedata.normalize("NFC", decomposed)


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load(tmp_path, "title: a\nkind: briefing\ntitle: b\n")
    (problem,) = caught.value.problems
    assert (problem.position.line, problem.position.column) == (3, 1)
    assert "'title'" in problem.message and "line 1" in problem.message


def test_syntax_error_has_its_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load(tmp_path, "title: a\nchairs:\n  - name: [unclosed\n")
    (problem,) = caught.value.problems
    assert problem.position.line >= 3
    assert "YAML syntax error" in problem.message


def test_utf8_bom_is_accepted_and_other_encodings_are_reported(tmp_path: Path) -> None:
    assert load(tmp_path, "\ufefftitle: Tỉnh ủy\n".encode()).data == {"title": "Tỉnh ủy"}
    with pytest.raises(InputError) as caught:
        load(tmp_path, "title: Tỉnh ủy\n".encode("utf-16"))
    assert "not UTF-8" in caught.value.problems[0].message


def test_empty_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty"):
        load(tmp_path, "")
    with pytest.raises(InputError, match="file not found"):
        load_yaml(tmp_path / "nope.yaml")


def test_alias_expansion_is_bounded(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, "
              f"*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 9)]  # fmt: skip
    with pytest.raises(InputError, match="expands to more than"):
        load(tmp_path, "\n".join(lines) + "\n")


def test_libyaml_and_python_parsers_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.inputs import loading

    text = "title: Hội nghị\nchairs:\n  - name: A\n    titles: [x, y]\ntime: 14:00\nn: 0x1f\n"
    results = []
    for loader in loading._LOADERS:
        monkeypatch.setattr(loading, "_new_loader", loader)
        loaded = load(tmp_path, text)
        results.append((loaded.data, loaded.source.values, loaded.source.keys))
    assert len(loading._LOADERS) == 2, "PyYAML here is built with libyaml"
    assert results[0] == results[1]


def test_tabs_in_indentation_are_reported_at_their_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load(tmp_path, "title: a\nchairs:\n\t- name: A\n")
    (problem,) = caught.value.problems
    assert (problem.position.line, problem.position.column) == (3, 1)
    assert "tab" in problem.message


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nested more than 64 levels"):
        load(tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n")


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    from generator.inputs.loading import MAX_FILE_BYTES

    with pytest.raises(InputError, match="more than the"):
        load(tmp_path, "a: " + "x" * MAX_FILE_BYTES + "\n")


def test_legacy_encoded_file_bytes_point_at_the_line(tmp_path: Path) -> None:
    raw = b"title: a\nplace: " + "Đông Tháp".encode("cp1258") + b"\n"
    with pytest.raises(InputError) as caught:
        load(tmp_path, raw)
    (problem,) = caught.value.problems
    assert problem.position.line == 2
    assert "not UTF-8" in problem.message


def problems_of(tmp_path: Path, text: str | bytes) -> list[str]:
    with pytest.raises(InputError) as refused:
        load(tmp_path, text)
    return [str(p) for p in refused.value.problems]


@pytest.mark.parametrize("escape", ["\\x0b", "\\x01", "\\x1b[31m", "\\uFFFF", "\\x7f", "\\x85"])
def test_control_characters_are_refused_at_their_line(tmp_path: Path, escape: str) -> None:
    (line,) = problems_of(tmp_path, f'title: ok\nlimitations: ["Tiếp {escape} tục"]\n')
    assert ":2:" in line and "invisible control character U+" in line


def test_control_characters_in_keys_are_printed_escaped(tmp_path: Path) -> None:
    lines = problems_of(tmp_path, '"\\0k\\x1b[2J": 1\n')
    assert all("\x1b" not in line and "\x00" not in line for line in lines)
    assert any("U+0000" in line for line in lines)


def test_a_recursive_alias_is_refused_not_a_crash(tmp_path: Path) -> None:
    (line,) = problems_of(tmp_path, "a: &a [*a]\n")
    assert "refers to the list or mapping that contains it" in line


def test_repeated_text_through_aliases_is_bounded_in_characters(tmp_path: Path) -> None:
    text = 'a: &a "' + "x" * 1_100_000 + '"\nb: [' + ", ".join(["*a"] * 2000) + "]\n"
    started = time.perf_counter()
    (line,) = problems_of(tmp_path, text)
    assert "characters of text" in line
    assert time.perf_counter() - started < 5  # refused in well under a second when quiet


def test_a_pipe_named_like_a_record_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "r.yaml"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        load_yaml(fifo)


def test_utf32_is_named_as_such(tmp_path: Path) -> None:
    (line,) = problems_of(tmp_path, "title: x\n".encode("utf-32"))
    assert "UTF-32" in line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("? [a, b]\n: c\n", "a list or mapping is used as a field name"),
        ("1: x\n", "field names must be text; 1 is not"),
        ("value: .nan\n", ".nan is not a number a document can print"),
        ("value: -.inf\n", "-.inf is not a number a document can print"),
    ],
)
def test_keys_and_numbers_a_document_cannot_hold(tmp_path: Path, text: str, expected: str) -> None:
    (line,) = problems_of(tmp_path, text)
    assert expected in line and "None" not in line


def test_integers_are_yaml_12_decimal_octal_and_hex(tmp_path: Path) -> None:
    """Regression (found by the property test): "08" made PyYAML's YAML 1.1 octal fail."""
    loaded = load(tmp_path, "n: 08\nx: 0x1F\no: 0o17\nv: -012\n")
    assert loaded.data == {"n": 8, "x": 31, "o": 15, "v": -12}
    (line,) = problems_of(tmp_path, "title:\n  08: null\n")
    assert "field names must be text; 08 is not" in line


def test_a_key_that_is_not_nfc_is_normalised(tmp_path: Path) -> None:
    """Regression (found by the property test): a key changed by NFC broke the text checks."""
    import unicodedata

    from generator.vietnamese.hygiene import check_file

    key = "\ufb2a"  # HEBREW LETTER SHIN WITH SHIN DOT, which NFC decomposes
    assert unicodedata.normalize("NFC", key) != key
    loaded = load(tmp_path, f"title:\n  {key}: null\n")
    assert list(loaded.data["title"]) == [unicodedata.normalize("NFC", key)]
    assert isinstance(check_file(loaded), list)  # no KeyError on the normalised key
