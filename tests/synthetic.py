"""Synthetic meeting records for tests and benchmarks: plausible, varied, deterministic."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml

from generator.model.kinds import MeetingKind
from generator.model.periods import likely_reviewed

ORGANIZATIONS = [
    "Ủy ban MTTQ Việt Nam tỉnh",
    "Liên đoàn Lao động tỉnh",
    "Hội Nông dân tỉnh",
    "Hội Liên hiệp Phụ nữ tỉnh",
    "Hội Cựu chiến binh tỉnh",
    "Tỉnh Đoàn",
]
KINDS = ["briefing", "working_session", "six_month_review", "annual_review"]
LEVELS = ["province", "district", "commune"]


def synthetic_record(
    index: int, day: dt.date, rng: random.Random, tasks: int = 2
) -> dict[str, Any]:
    orgs = rng.sample(ORGANIZATIONS, 3)
    kind = rng.choice(KINDS)
    reviewed = likely_reviewed(MeetingKind(kind), day)  # a review states what it reviews
    return {
        "id": f"m{index:04d}",
        "title": f"Hội nghị giao ban khối Mặt trận Tổ quốc và các tổ chức chính trị – xã hội "
        f"số {index}",
        "kind": kind,
        **({"period": str(reviewed)} if reviewed else {}),
        "level": rng.choice(LEVELS),
        "convened_by": "Thường trực Tỉnh ủy",
        "date": day.isoformat(),
        "part_of_day": rng.choice(["morning", "afternoon"]),
        "chairs": [{"name": "Phạm Thị Tố Hải", "titles": ["Trưởng Ban Dân vận Tỉnh ủy"]}],
        "attendees": [{"name": "Trần Minh Sơn", "titles": ["Chủ tịch Ủy ban MTTQ tỉnh"]}],
        "organizations": orgs,
        "results": {
            "general": [f"Các đơn vị trong khối hoàn thành tốt nhiệm vụ trọng tâm đợt {index}."],
            "by_organization": [
                {
                    "organization": org,
                    "items": [f"tổ chức {rng.randint(2, 20)} hoạt động hướng về cơ sở"],
                    "figures": [
                        {"label": "Số hội viên mới", "value": rng.randint(10, 500), "unit": "người"}
                    ],
                }
                for org in orgs
            ],
        },
        "limitations": ["Một số mô hình chưa sát thực tế.", f"Hạn chế riêng của đợt {index}."],
        "proposals": [{"by": orgs[0], "content": f"đề xuất số {index}", "to": ["UBND tỉnh"]}],
        "conclusions": ["Tiếp tục đổi mới nội dung, phương thức hoạt động."],
        "directives": [
            {
                "content": f"nhiệm vụ {index}.{n} hướng về cơ sở",
                "assignees": [rng.choice(orgs)],
                "deadline": (day + dt.timedelta(days=rng.randint(10, 120))).isoformat(),
                "status": rng.choice(["assigned", "in_progress", "done"]),
            }
            for n in range(1, tasks + 1)
        ],
        # A meeting with more tasks than two reports on those of a meeting days before it.
        **(
            {
                "directive_updates": [
                    {
                        "directive": f"m{index - 3:04d}#{n}",
                        "status": "in_progress",
                        "note": f"đã triển khai nhiệm vụ {index - 3}.{n} tại cơ sở",
                    }
                    for n in range(1, tasks + 1)
                ]
            }
            if tasks > 2 and index > 3
            else {}
        ),
    }


def write_records(folder: Path, count: int, start: dt.date, days: int, seed: int = 1,
                  tasks: int = 2) -> list[Path]:  # fmt: skip
    """``count`` records dated within ``days`` days from ``start``, in ``folder``, with
    ``tasks`` tasks each."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(1, count + 1):
        day = start + dt.timedelta(days=(index * days) // (count + 1))
        path = folder / f"m{index:04d}.yaml"
        data = synthetic_record(index, day, rng, tasks)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        paths.append(path)
    return paths
