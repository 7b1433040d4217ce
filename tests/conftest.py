"""Shared fixtures: a complete test record, its settings, and rendered outputs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from generator import Renderer, render
from generator.inputs.locations import builtin_profiles
from generator.messages import set_language
from generator.model.profiles import Profile, load_profile

os.environ.setdefault("GIAOBAN_LANG", "en")

SETTINGS = {
    "profile": "hd36",
    "parent_body": "Đảng bộ tỉnh Đồng Tháp",
    "issuing_body": "Tỉnh ủy",
    "issuer_symbol": "TU",
    "place": "Đồng Tháp",
    "signer": {
        "mode": "tm",
        "on_behalf_of": "Ban Thường vụ",
        "title": "Phó Bí thư",
        "name": "Nguyễn Văn An",
    },
    "recipients": ["Ban Thường vụ Tỉnh ủy (b/c)", "Các tổ chức chính trị - xã hội tỉnh"],
    "archive": "Văn phòng Tỉnh ủy",
}

RECORD = {
    "title": "Hội nghị giao ban khối Mặt trận Tổ quốc và các tổ chức chính trị – xã hội "
    "tỉnh quý IV năm 2024",
    "kind": "briefing",
    "convened_by": "Thường trực Tỉnh ủy",
    "period": "2024-Q4",
    "date": "2025-01-03",
    "part_of_day": "morning",
    "place": "Hội trường Tỉnh ủy",
    "chairs": [
        {
            "name": "Phạm Thị Tố Hải",
            "titles": ["Ủy viên Ban Thường vụ Tỉnh ủy", "Trưởng Ban Dân vận Tỉnh ủy"],
        }
    ],
    "attendees": [
        {"name": "Trần Minh Sơn", "titles": ["Chủ tịch Ủy ban MTTQ Việt Nam tỉnh"]},
        "đại diện lãnh đạo các ban Đảng",
    ],
    "organizations": ["Ủy ban MTTQ Việt Nam tỉnh", "Hội Nông dân tỉnh"],
    "reports": [{"title": "báo cáo kết quả quý IV năm 2024", "presented_by": "Ban Dân vận"}],
    "results": {
        "general": [
            f"Kết quả thứ {i}: các đơn vị trong khối đã có nhiều hình thức đổi mới, sáng tạo "
            "nhằm thu hút đoàn viên, hội viên tích cực tham gia các cuộc vận động."
            for i in range(1, 9)
        ],
        "by_organization": [
            {"organization": "Hội Nông dân tỉnh", "items": ["vận động nông dân sản xuất giỏi"]}
        ],
    },
    "limitations": ["Một số mô hình chưa sát thực tế."],
    "proposals": [{"by": "Hội Nông dân tỉnh", "content": "hỗ trợ vốn vay", "to": ["UBND tỉnh"]}],
    "conclusions": ["Tiếp tục đổi mới nội dung, phương thức hoạt động."],
    "directives": [
        {
            "content": f"nhiệm vụ số {i} cần triển khai trong quý I năm 2025",
            "assignees": ["Hội Nông dân tỉnh"],
            "deadline": "2025-03-31",
        }
        for i in range(1, 9)
    ],
    "documents": {"tb": {"number": 5, "date": "2025-01-05"}, "bc": {"number": 12}},
}


def write_yaml(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    set_language("en")
    yield
    set_language(None)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder with settings and one valid record, ``record.yaml``."""
    write_yaml(tmp_path / "giaoban.yaml", SETTINGS)
    write_yaml(tmp_path / "record.yaml", RECORD)
    return tmp_path


@pytest.fixture(scope="session")
def renderer() -> Renderer:
    return Renderer()


@dataclass(frozen=True)
class Rendered:
    """The test record's TB and BC in one profile: ``files["tb.pdf"]`` and so on."""

    profile: Profile
    files: dict[str, Path]


@pytest.fixture(scope="session", params=["hd05", "hd36", "nd30"])
def rendered(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, renderer: Renderer
) -> Rendered:
    folder = tmp_path_factory.mktemp(request.param)
    write_yaml(folder / "giaoban.yaml", SETTINGS)
    write_yaml(folder / "record.yaml", RECORD)
    outputs = render(
        [folder / "record.yaml"],
        docs=("tb", "bc"),
        profile=request.param,
        out=folder / "out",
        renderer=renderer,
    ).outputs
    files = {f"{o.doc}.{o.format}": o.path for o in outputs}
    return Rendered(load_profile(builtin_profiles()[request.param]), files)
