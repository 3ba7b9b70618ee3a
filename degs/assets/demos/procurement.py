"""The assets demo's procurement part."""

from __future__ import annotations


def load() -> list[str]:
    return []
