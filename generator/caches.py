"""Every cache of the process, with one owner: what ``watch`` clears between rounds.

Settings, profiles, the configuration, the Vietnamese tables, font lookups and
the workers' writers are each read once per process and kept; a long-running
process that sees files change (``watch``) clears them all at once instead of
knowing each by name.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_CLEARERS: list[Callable[[], None]] = []


def cached(function: Callable[..., T]) -> functools._lru_cache_wrapper[T]:
    """``functools.cache``, registered so that ``clear_all`` empties it too."""
    wrapper = functools.cache(function)
    _CLEARERS.append(wrapper.cache_clear)
    return wrapper


def clear_all() -> None:
    for clear in _CLEARERS:
        clear()
