"""A process's memo of reference data read on every filing and changed a few times a year:
a district's working calendar, a service and its current version.

Each entry is kept with the *generation* of reference data it was read under. The generation
lives in the shared cache (Redis when ``DEGS_REDIS_URL`` is set, so every app server sees the
same one); any change to such data calls ``reference_changed()`` — from the models' save and
delete signals and from the services that update rows in bulk — which starts a new generation:
the process that made the change sees it at once, the others within ``CHECK_SECONDS`` (each
process asks the cache for the generation at most that often). An entry is also dropped after
``MEMO_SECONDS`` whatever happens, so a change made behind the application's back (SQL by
hand) is seen within minutes.

Keep only data whose staleness for a second harms nobody. A user's jurisdiction (the areas and
roles their grants and posts give them) is kept only when the cache is shared
(``shared_cache()``), so that a revoked grant stops working everywhere within ``CHECK_SECONDS``;
with a per-process cache it is read on every request. Tokens and sessions are never kept.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction

from degs.core.db_router import primary_reads

T = TypeVar("T")
logger = logging.getLogger(__name__)

GENERATION_KEY = "degs:reference-generation"
MEMO_SECONDS = 300
CHECK_SECONDS = 1.0
MAX_ENTRIES = 2000

_entries: dict[Hashable, tuple[float, str, Any]] = {}
_checked: list[Any] = [-CHECK_SECONDS, ""]  # when this process last asked, and the answer


def shared_cache() -> bool:
    """Is the cache one every process of the site sees (not this process's own memory)?"""
    return not isinstance(caches[DEFAULT_CACHE_ALIAS], (LocMemCache, DummyCache))


def reference_generation() -> str:
    now = time.monotonic()
    if now - _checked[0] < CHECK_SECONDS:
        return str(_checked[1])
    try:
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
            generation = cache.get(GENERATION_KEY) or ""
    except Exception:  # the cache is unreachable: trust nothing kept, read everything afresh
        logger.warning("reference memo: the cache did not answer; reading afresh", exc_info=True)
        return uuid.uuid4().hex
    _checked[:] = [now, str(generation)]
    return str(generation)


def _new_generation() -> None:
    generation = uuid.uuid4().hex
    _entries.clear()
    _checked[:] = [time.monotonic(), generation]
    try:
        cache.set(GENERATION_KEY, generation, None)
    except Exception:  # the other processes then see the change within MEMO_SECONDS
        logger.warning("reference memo: could not tell other processes", exc_info=True)


def reference_changed(*_args: Any, **_kwargs: Any) -> None:
    """Reference data changed: every process reads it afresh. Called at once and again when
    the transaction commits, so that nothing read in between keeps uncommitted rows."""
    _new_generation()
    transaction.on_commit(_new_generation)


def remembered(key: Hashable, make: Callable[[], T]) -> T:
    """``make()``'s value, read once per generation (and at most every ``MEMO_SECONDS``)."""
    generation = reference_generation()
    now = time.monotonic()
    entry = _entries.get(key)
    if entry is not None and entry[1] == generation and now - entry[0] < MEMO_SECONDS:
        value: T = entry[2]
        return value
    with primary_reads():  # kept past the request: never an older copy from the read replica
        value = make()
    if len(_entries) >= MAX_ENTRIES:
        _entries.clear()
    _entries[key] = (now, generation, value)
    return value


def forget() -> None:
    """Drop this process's entries (a test starting afresh, as a new process would)."""
    _entries.clear()
    _checked[:] = [-CHECK_SECONDS, ""]
