"""The rollouts demo's steps part."""

from __future__ import annotations


def load() -> list[str]:
    return []
