"""The example records: made from the seeds with their text kept exact."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from generator import Renderer, render, validate

from readback import docx_words, pdf_words

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples" / "records").glob("*.yaml"))
#: Invented examples of the seeds' kinds of meeting (no seed text to keep).
INVENTED = {
    "2024-02-20-lam-viec-huyen-thap-muoi.yaml",
    "2025-01-10-tong-ket-khoi-dan-van-2024.yaml",
}
SEEDED = [p for p in EXAMPLES if p.name not in INVENTED]
SEEDS = Path(__file__).resolve().parent / "data" / "seeds"  # copies of shared/seeds

#: Each example and its seed article, with the corrections its YAML comments note:
#: (defect in the article, corrected text, words of the comment that notes it).
SOURCES = {
    "2023-02-06-lam-viec-dan-van-2022.yaml": (
        "provincial-2022-people-mobilization.txt",
        [("2023 - 2028", "2023 – 2028", '("2023 - 2028")')],
    ),
    "2023-12-01-giao-ban-hoi-quan-chung.yaml": (
        "provincial-2023-associations.txt",
        [
            ("chính trị- xã hội", "chính trị - xã hội", '"các đoàn thể chính trị- xã hội"'),
            ("vận động;\xa0xây", "vận động; xây", 'không ngắt dòng sau "các cuộc vận động;"'),
        ],
    ),
    "2024-09-25-giao-ban-quy-3.yaml": (
        "provincial-q3-2024-briefing.txt",
        [
            ("tiếp tụcthực", "tiếp tục thực", '"tiếp tụcthực hiện"'),
            ("đã\xa0 có", "đã có", '"đã  có"'),
            (";khơi", "; khơi", '";khơi dậy"'),
            ("Tỉnh ủytrao", "Tỉnh ủy trao", '"Tỉnh ủytrao đổi"'),
            ("tiếptục", "tiếp tục", '"tiếptục"'),
            (",hiệu quả", ", hiệu quả", '",hiệu quả"'),
        ],
    ),
}

PROSE_KEYS = {"title", "general", "limitations", "conclusions", "content", "titles"}


def prose(data: object, key: str = "") -> Iterator[str]:
    """The running-text values of a record (not names of organizations or codes)."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield from prose(v, k)
    elif isinstance(data, list):
        for item in data:
            yield from prose(item, key)
    elif isinstance(data, str) and (key in PROSE_KEYS or key == "attendees"):
        yield data


def test_every_seed_has_an_example() -> None:
    assert sorted(p.name for p in SEEDED) == sorted(SOURCES)
    assert len(EXAMPLES) == len(SOURCES) + len(INVENTED)


@pytest.mark.parametrize("example", SEEDED, ids=lambda p: p.stem)
def test_example_text_is_the_seed_text(example: Path) -> None:
    seed_name, corrections = SOURCES[example.name]
    seed = (SEEDS / seed_name).read_text(encoding="utf-8")
    corrected = seed
    comments = example.read_text(encoding="utf-8")
    for defect, fix, note in corrections:
        assert defect in seed, f"the noted defect {defect!r} is not in the seed"
        assert note in comments, f"the correction of {defect!r} is not noted in a comment"
        corrected = corrected.replace(defect, fix)
    data = yaml.safe_load(comments)
    fragments = list(prose(data))
    assert len(fragments) >= 8
    for fragment in fragments:
        variants = {
            fragment,
            fragment[:1].lower() + fragment[1:],
            fragment[:1].upper() + fragment[1:],
        }
        assert any(v in corrected for v in variants), fragment


def test_examples_validate_and_render(tmp_path: Path, renderer: Renderer) -> None:
    loaded = validate(EXAMPLES)
    assert len(loaded) == 5 and all(r.warnings == () for r in loaded)  # without a warning
    outputs = render(EXAMPLES, docs=("tb", "bc"), out=tmp_path, renderer=renderer).outputs
    assert len(outputs) == 20
    q3 = tmp_path / "2024-09-25-giao-ban-quy-3.tb.pdf"
    text = " ".join(pdf_words(q3))
    assert "tiếp tục thực hiện tốt phương châm hướng về cơ sở" in text
    assert "tụcthực" not in text and "ủytrao" not in text
    assert "“Hàng tuần có 4 ngày làm việc ở cơ quan, 01 ngày làm việc ở cơ sở”" in text
    for output in outputs:
        if output.format == "pdf":
            docx = output.path.with_suffix(".docx")
            assert docx_words(docx) == pdf_words(output.path), output.path.name
