"""The finance demo's statements part."""

from __future__ import annotations


def load() -> list[str]:
    return []
