"""Every cache of the process, with one owner: what ``watch`` clears between rounds.

Settings, profiles, the configuration, the Vietnamese tables, font lookups and
the workers' writers are each read once per process and kept; a long-running
process that sees files change (``watch``) clears them all at once instead of
knowing each by name.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_CLEARERS: list[Callable[[], None]] = []


def bounded(maxsize: int | None) -> Callable[[Callable[..., T]], functools._lru_cache_wrapper[T]]:
    """``functools.lru_cache(maxsize)``, registered so that ``clear_all`` empties it too."""

    def decorate(function: Callable[..., T]) -> functools._lru_cache_wrapper[T]:
        wrapper = functools.lru_cache(maxsize)(function)
        _CLEARERS.append(wrapper.cache_clear)
        return wrapper

    return decorate


def cached(function: Callable[..., T]) -> functools._lru_cache_wrapper[T]:
    """``functools.cache``, registered so that ``clear_all`` empties it too."""
    return bounded(None)(function)


def clear_all() -> None:
    for clear in _CLEARERS:
        clear()


def cached_per_content(function: Callable[[Path], T]) -> Callable[[Path], T]:
    """Cached per file while its bytes stay the same, so a process that renders, sees a
    settings or profile file edited, and renders again (a script, ``watch``) reads it anew."""
    memo: dict[Path, tuple[bytes, T]] = {}

    @functools.wraps(function)
    def wrapper(path: Path) -> T:
        try:
            data = path.read_bytes()
        except OSError:
            return function(path)  # which reports why it cannot be read
        hit = memo.get(path)
        if hit is None or hit[0] != data:
            hit = memo[path] = (data, function(path))
        return hit[1]

    _CLEARERS.append(memo.clear)
    return wrapper
