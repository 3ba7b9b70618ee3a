"""The assets demo's register part."""

from __future__ import annotations


def load() -> list[str]:
    return []
