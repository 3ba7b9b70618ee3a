"""The rollouts demo's programmes part."""

from __future__ import annotations


def load() -> list[str]:
    return []
