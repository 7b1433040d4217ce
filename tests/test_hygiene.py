"""Vietnamese text hygiene on real text: the seeds' defects, syllables, encodings."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from generator import InputError, validate
from generator.cli.command import main
from generator.commands.fix import fix_file
from generator.vietnamese.encodings import detect, tables
from generator.vietnamese.hygiene import check_text
from generator.vietnamese.syllables import is_acceptable_word, is_syllable, split_glued

from conftest import RECORD, write_yaml

SEEDS = Path(__file__).resolve().parent / "data" / "seeds"  # copies of shared/seeds


def findings(text: str) -> str:
    return "\n".join(check_text(text))


@pytest.mark.parametrize(
    ("defect", "expected"),
    [
        ("tiếp tụcthực hiện tốt", "“tụcthực” is no Vietnamese word: two words glued together"),
        ("Trưởng Ban Dân vận Tỉnh ủytrao đổi", "(“ủy trao”)"),
        ("xuyên suốt;khơi dậy", "missing space after punctuation"),
        ("thiết thực,hiệu quả", "missing space after punctuation"),
        ("hiệu quả.Các đơn vị", "missing space after punctuation"),
        ("đã  có nhiều", "doubled space"),
        ("Chiều nay ( 25/9)", "space just inside brackets"),
        ("nhiệm vụ , giải pháp", "space before punctuation"),
        ("nhiệm kỳ 2023 - 2028", "en dash"),
        ('phương châm "Hàng tuần"', "straight quote"),
        ("chính trị- xã hội", "a dash with a space on one side only"),
        ("vận động;\u00a0xây dựng", "no-break space"),
    ],
)  # fmt: skip
def test_each_defect_is_found(defect: str, expected: str) -> None:
    assert expected in findings(defect)


@pytest.mark.parametrize(
    "clean",
    [
        "Hội nghị giao ban khối Mặt trận Tổ quốc và các tổ chức chính trị – xã hội tỉnh quý III",
        "Nghị quyết số 01-NQ/TU; tổng trị giá 1,5 tỷ đồng; lúc 14:00; Ban Thường vụ Đoàn TNCSHCM",
        "Đ/c Nguyễn Thị Thanh Lịch, Phó Chủ tịch UBND tỉnh, HĐND, MTTQ, Liên hiệp các Hội KH&KT",
        "phương châm “Hàng tuần có 4 ngày làm việc ở cơ quan, 01 ngày làm việc ở cơ sở”./.",
        "nhiệm kỳ 2024 – 2029; thuở ấy, khuya, quyết, giữa, gì, nghiêng, người, chuyện, xoong",
    ],
)
def test_clean_text_has_no_findings(clean: str) -> None:
    assert check_text(clean) == []


def test_every_seed_defect_is_reported_and_the_corrected_examples_are_clean() -> None:
    text = (SEEDS / "provincial-q3-2024-briefing.txt").read_text("utf-8")
    report = findings(text)
    for token in ("tụcthực", "ủytrao", "tiếptục", ";khơi", ",hiệu quả", "đã\u00a0 có", "( 25/9)"):
        assert token in report, token
    examples = Path(__file__).resolve().parent.parent / "examples" / "records"
    assert all(record.warnings == () for record in validate([examples]))


@pytest.mark.parametrize(
    ("token", "ok"),
    [("tục", True), ("thực", True), ("tụcthực", False), ("tàp", False), ("quyết", True),
     ("gìn", True), ("nghiêng", True), ("MTTQ", True), ("HĐND", True), ("TNCSHCM", True),
     ("Lịch", True), ("tiếptục", False), ("ngyễn", False)],
)  # fmt: skip
def test_syllable_structure(token: str, ok: bool) -> None:
    assert is_acceptable_word(token) is ok


def test_stop_codas_take_only_sac_or_nang() -> None:
    assert is_syllable("tục") and is_syllable("túc")
    assert not is_syllable("tùc") and not is_syllable("tủc") and not is_syllable("tũc")
    assert split_glued("Tỉnhủy") == ("Tỉnh", "ủy")


@pytest.mark.parametrize(
    ("legacy", "encoding", "unicode"),
    [
        ("Céng hßa x· héi chñ nghÜa ViÖt Nam", "TCVN3", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("Ban D©n vËn TØnh ñy §ång Th¸p", "TCVN3", "Ban Dân vận Tỉnh ủy Đồng Tháp"),
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "VNI", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("Ñaûng boä tænh Ñoàng Thaùp", "VNI", "Đảng bộ tỉnh Đồng Tháp"),
    ],
)
def test_legacy_encodings_are_detected_and_converted(
    legacy: str, encoding: str, unicode: str
) -> None:
    found = detect(legacy)
    assert found is not None
    assert (found.encoding, found.converted) == (encoding, unicode)
    assert "looks like " + encoding in findings(legacy)


def test_unicode_text_is_never_taken_for_legacy() -> None:
    for name in ("provincial-q3-2024-briefing.txt", "provincial-2022-people-mobilization.txt"):
        assert detect((SEEDS / name).read_text("utf-8")) is None


@pytest.mark.skipif(shutil.which("iconv") is None, reason="needs glibc iconv")
def test_tcvn3_table_agrees_with_iconv() -> None:
    for source, letter in tables().tcvn3.items():
        byte = source.encode("cp1252", errors="ignore") or source.encode("latin-1")
        result = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=byte,
                                capture_output=True, check=True).stdout.decode()  # fmt: skip
        assert result == letter, source


def test_warnings_carry_field_and_line_and_strict_makes_them_errors(project: Path) -> None:
    path = write_yaml(project / "r.yaml", {**RECORD, "limitations": ["xuyên suốt;khơi dậy"]})
    (record,) = validate([path])
    (warning,) = record.warnings
    assert warning.severity.value == "warning"
    assert warning.message.startswith("limitations[0]: missing space after punctuation")
    text = path.read_text("utf-8").splitlines()
    assert warning.position.line == 1 + next(i for i, t in enumerate(text) if "khơi" in t)
    with pytest.raises(InputError) as caught:
        validate([path], strict=True)
    assert caught.value.problems[0].severity.value == "error"


def test_nfc_normalisation_is_reported(project: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Tỉnh ủy tổ chức hội nghị")
    path = write_yaml(project / "r.yaml", {**RECORD, "conclusions": [nfd]})
    (record,) = validate([path])
    assert any("conclusions[0]: text was not in Unicode NFC" in w.message for w in record.warnings)
    assert record.meeting.conclusions[0] == unicodedata.normalize("NFC", nfd)


def test_fix_converts_legacy_text_keeping_comments_and_layout(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = (project / "record.yaml").read_text("utf-8")
    legacy = source.replace("title:", "# Ghi chú: giữ nguyên dòng này\ntitle:", 1)
    legacy += "limitations:\n  - Ban D©n vËn TØnh ñy   # chép từ tệp .VnTime\n"
    path = project / "legacy.yaml"
    path.write_text(
        legacy.replace("limitations:\n- Một số mô hình chưa sát thực tế.\n", ""), "utf-8"
    )
    before = path.read_text("utf-8")
    assert main(["fix", str(path)]) == 0
    after = path.read_text("utf-8")
    assert "  - Ban Dân vận Tỉnh ủy   # chép từ tệp .VnTime" in after
    assert "# Ghi chú: giữ nguyên dòng này" in after
    assert len(after.splitlines()) == len(before.splitlines())
    assert (project / "legacy.yaml.bak").read_text("utf-8") == before
    assert "1 line converted" in capsys.readouterr().out
    (record,) = validate([path])
    assert record.meeting.limitations == ["Ban Dân vận Tỉnh ủy"]


@pytest.mark.parametrize(
    "text",
    [
        "Đoàn công tác làm việc với ông Müller tại Zürich.",
        "Bjørk, Ørsted, Gödel, naïve, façade, Ångström.",
    ],
)
def test_fix_never_touches_valid_text_in_any_latin_language(
    tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert findings(text) == "" or "TCVN3" not in findings(text)
    path = tmp_path / "r.yaml"
    path.write_text(f"limitations:\n  - {text}\n", encoding="utf-8")
    assert main(["fix", "--no-backup", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == f"limitations:\n  - {text}\n"


def test_fix_converts_only_the_legacy_run_of_a_mixed_line(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("title: Đoàn công tác ông Müller – hßa x· héi chñ nghÜa ViÖt Nam\n", "utf-8")
    assert main(["fix", str(path)]) == 0
    fixed = path.read_text(encoding="utf-8")
    assert fixed == "title: Đoàn công tác ông Müller – hòa xã hội chủ nghĩa Việt Nam\n"


def _tcvn3_bytes(text: str) -> bytes:
    """``text`` as a .VnTime font's file holds it (letters the table maps, the rest as is)."""
    letters = {letter: char for char, letter in tables().tcvn3.items() if len(letter) == 1}
    return "".join(letters.get(c, c) for c in text).encode("cp1252")


def test_fix_converts_a_file_saved_in_tcvn3_itself(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not a paste: the whole file in the .VnTime fonts' 8-bit encoding, as old Word saved it."""
    text = (project / "record.yaml").read_text("utf-8").replace("Ủ", "ủ").replace("–", "-")
    text = text.replace("title:", "# hồ sơ chép từ máy cũ\ntitle:", 1)
    path = project / "tcvn3.yaml"
    raw = _tcvn3_bytes(text)
    path.write_bytes(raw)
    assert main(["validate", str(path)]) == 1
    assert f"giaoban fix {path}" in capsys.readouterr().err  # the advice names the way out
    assert main(["fix", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == text
    assert (project / "tcvn3.yaml.bak").read_bytes() == raw
    validate([path])


def test_fix_leaves_a_file_in_another_8bit_encoding_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.yaml"
    raw = "title: Réunion à Zürich\n".encode("latin-1")
    path.write_bytes(raw)
    assert main(["fix", str(path)]) == 1
    assert "UTF-8" in capsys.readouterr().err
    assert path.read_bytes() == raw and not (tmp_path / "r.yaml.bak").exists()


def test_fix_of_a_file_that_is_not_there_says_so(tmp_path: Path) -> None:
    """The library call (the command checks first): the loader's error, not a traceback."""
    with pytest.raises(InputError, match="file not found"):
        fix_file(tmp_path / "missing.yaml")
