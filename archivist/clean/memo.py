"""Memos of the per-line tests, by their argument (a line's text, mostly).

Pages of one site share their menus and footers, so the answers are kept
from one document to the next. A least-recently-used cache of fixed size
would thrash on a page with more distinct lines than it holds: each pass
asks about every line again, and each answer would have been evicted. These
memos evict nothing while a document is read; ``new_document`` empties those
that outgrew ``LIMIT`` before the next one, so memory stays bounded by the
larger of ``LIMIT`` and one document's lines.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

LIMIT = 1 << 16
_MEMOS: list[functools._lru_cache_wrapper[Any]] = []


def memo(fn: Callable[..., T]) -> functools._lru_cache_wrapper[T]:
    """``fn`` with its answers kept (an unbounded lru_cache: no eviction bookkeeping)."""
    kept = functools.lru_cache(maxsize=None)(fn)
    _MEMOS.append(kept)
    return kept


def new_document() -> None:
    """Called before each document: drop the memos that outgrew ``LIMIT``."""
    for kept in _MEMOS:
        if kept.cache_info().currsize > LIMIT:
            kept.cache_clear()


def memos() -> tuple[functools._lru_cache_wrapper[Any], ...]:
    """Every memo, for counting the work a document took (``cache_info().misses``)."""
    return tuple(_MEMOS)
