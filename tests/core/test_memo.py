"""The memo of reference data: read once per generation, afresh after a change here at once,
after a change in another process within a second, and never kept beyond its time."""

from __future__ import annotations

import itertools

import pytest
from django.core.cache import cache

from degs.core import memo


@pytest.fixture
def clock(monkeypatch):  # type: ignore[no-untyped-def]
    """A monotonic clock the test moves by hand."""
    now = [1000.0]
    monkeypatch.setattr(memo.time, "monotonic", lambda: now[0])
    memo.forget()
    return now


def _counter():  # type: ignore[no-untyped-def]
    count = itertools.count(1)
    return lambda: next(count)


@pytest.mark.django_db
def test_a_value_is_read_once_until_reference_data_changes(clock):
    read = _counter()
    assert memo.remembered("k", read) == 1
    assert memo.remembered("k", read) == 1
    memo.reference_changed()
    assert memo.remembered("k", read) == 2


def test_a_change_in_another_process_is_seen_within_the_check_interval(clock):
    read = _counter()
    assert memo.remembered("k", read) == 1
    cache.set(memo.GENERATION_KEY, "made by another process", None)
    assert memo.remembered("k", read) == 1  # not asked again yet
    clock[0] += memo.CHECK_SECONDS
    assert memo.remembered("k", read) == 2


def test_an_entry_is_dropped_after_its_time_whatever_happens(clock):
    read = _counter()
    assert memo.remembered("k", read) == 1
    clock[0] += memo.MEMO_SECONDS - 1
    assert memo.remembered("k", read) == 1
    clock[0] += 1
    assert memo.remembered("k", read) == 2


def test_the_memo_never_grows_past_its_size(clock):
    for n in range(memo.MAX_ENTRIES + 5):
        memo.remembered(("k", n), lambda n=n: n)
    assert len(memo._entries) <= memo.MAX_ENTRIES


def test_an_unreachable_cache_means_reading_afresh(clock, monkeypatch):
    def down(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise ConnectionError("cache down")

    read = _counter()
    monkeypatch.setattr(memo.cache, "get", down)
    assert memo.remembered("k", read) == 1
    assert memo.remembered("k", read) == 2
