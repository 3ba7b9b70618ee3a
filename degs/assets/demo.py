"""The assets app's demo data: each part's ``load`` in turn (``degs/assets/demos/``). Loading it
again changes nothing."""

from __future__ import annotations

from degs.assets.demos import procurement, register, tickets


def load() -> list[str]:
    lines: list[str] = []
    for part in (
        register,
        procurement,
        tickets,
    ):
        lines += part.load()
    return lines
