"""Where the built-in templates and configuration live.

In a wheel they travel inside the package (``generator/_data``); in a source
checkout or an editable install they are the top-level ``templates/`` and
``config/`` folders, where template authors edit them.
"""

from __future__ import annotations

from pathlib import Path

from generator.caches import cached

#: The ``generator`` package itself (its code is part of every output's inputs).
PACKAGE_DIR = Path(__file__).resolve().parent


@cached
def data_dir(name: str) -> Path:
    for candidate in (PACKAGE_DIR / "_data" / name, PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"giaoban is installed without its {name}/ folder")


#: The real meeting ``giaoban init`` puts in a new folder as its example record.
EXAMPLE_RECORD = "2024-09-25-giao-ban-quy-3.yaml"


def example_record() -> Path:
    return data_dir("examples") / "records" / EXAMPLE_RECORD


def templates_dir() -> Path:
    return data_dir("templates")


def config_dir() -> Path:
    return data_dir("config")


def package_version(name: str) -> str | None:
    """The installed version of a distribution, ``None`` if it is not installed."""
    from importlib import metadata  # 25 ms to import: only when outputs are hashed

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None
