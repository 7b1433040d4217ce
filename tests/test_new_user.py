"""A new user's first run, end to end: init, new, fill in, validate, render, digest."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli.command import main

from readback import pdf_words

pytestmark = pytest.mark.slow


def test_a_new_user_from_init_to_digest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "hồ sơ"]) == 0
    monkeypatch.chdir(tmp_path / "hồ sơ")
    settings = Path("giaoban.yaml")
    text = settings.read_text(encoding="utf-8")
    text = text.replace("Đảng bộ tỉnh …", "Đảng bộ tỉnh Đồng Tháp")
    text = text.replace("place: Tên tỉnh", "place: Đồng Tháp")
    settings.write_text(text.replace("Nguyễn Văn A", "Lê Văn Bình"), "utf-8")
    assert main(["new", "--kind", "working_session", "--date", "2024-08-12"]) == 0
    record = Path("records/2024-08-12-lam-viec.yaml")
    answers = {
        "\ntitle:\n": "\ntitle: Buổi làm việc với Hội Nông dân tỉnh\n",
        "\nconvened_by:\n": "\nconvened_by: Thường trực Tỉnh ủy\n",
        "  - name:\n": "  - name: Phạm Thị Tố Hải\n",
        "\nconclusions:\n": "\nconclusions:\n  - Tiếp tục vận động hội viên.\n",
    }
    filled = record.read_text(encoding="utf-8")
    for blank, answer in answers.items():
        filled = filled.replace(blank, answer)
    record.write_text(filled, encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", "records"]) == 0
    assert "2 files checked: 0 errors, 0 warnings" in capsys.readouterr().out
    assert main(["render", "records", "--doc", "tb,bc", "-q"]) == 0
    assert len(list(Path("out").glob("*.pdf"))) == 4
    notice = " ".join(pdf_words(Path("out/2024-08-12-lam-viec.tb.pdf")))
    assert "Đồng Tháp" in notice and "Tiếp tục vận động hội viên." in notice
    assert main(["digest", "records", "--period", "2024-Q3", "-q"]) == 0
    digest = " ".join(pdf_words(Path("out/digest-2024-Q3.pdf"), ["STT"]))
    assert "quý III năm 2024" in digest and "Buổi làm việc với Hội Nông dân tỉnh" in digest
