"""The rollouts app's demo data."""

from __future__ import annotations


def load() -> list[str]:
    return []
