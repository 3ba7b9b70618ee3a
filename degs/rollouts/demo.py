"""The rollouts app's demo data: each part's ``load`` in turn (``degs/rollouts/demos/``). Loading it
again changes nothing."""

from __future__ import annotations

from degs.rollouts.demos import programmes, steps


def load() -> list[str]:
    lines: list[str] = []
    for part in (
        programmes,
        steps,
    ):
        lines += part.load()
    return lines
