"""Score the press-note import against annotated notes and print the table.

    manage.py score_pressnotes [FOLDER]

FOLDER holds ``NAME.txt`` and ``NAME.json`` pairs (default: the three samples shipped in
``degs/reviews/data/press_notes``). District names come from the directory, or from the demo
directory's areas when the database has none.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.db import DatabaseError

from degs.reviews.pressnote_scoring import Score, score_folder, total

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "press_notes"
DEMO_AREAS = Path(__file__).resolve().parents[3] / "directory" / "demo" / "areas.csv"


def district_names() -> list[str]:
    """The directory's districts; the demo directory's when the database has none yet."""
    from degs.reviews.selectors import district_names as in_directory

    try:
        names = in_directory()
    except DatabaseError:  # no database yet
        names = []
    if names:
        return names
    with DEMO_AREAS.open(encoding="utf-8") as rows:
        return [
            name
            for row in csv.DictReader(rows)
            if row["kind"] == "district"
            for name in (row["name"], row["name_hi"])
            if name
        ]


def _share(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.2f}"


class Command(BaseCommand):
    help = "Score the press-note import against annotated notes."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("folder", nargs="?", default=str(SAMPLES))

    def handle(self, *args: Any, **options: Any) -> None:
        scores = score_folder(Path(options["folder"]), district_names())
        head = (
            f"{'note':<24} {'orders P':>8} {'R':>5} {'addressee P':>11} {'R':>5} "
            f"{'deadline P':>10} {'R':>5} {'attendee P':>10} {'R':>5} chair date district   ms"
        )
        self.stdout.write(head)
        for item in [*scores, total(scores)]:
            self.stdout.write(self._row(item))

    def _row(self, s: Score) -> str:
        flags = (
            f"{'yes' if s.chair else 'no':>5} {'yes' if s.date else 'no':>4} "
            f"{'yes' if s.district else 'no':>8}"
            if s.name != "all"
            else f"{'':>5} {'':>4} {'':>8}"
        )
        ms = f"{s.seconds * 1000:5.1f}" if s.name != "all" else ""
        return (
            f"{s.name:<24} {_share(s.orders.precision):>8} {_share(s.orders.recall):>5} "
            f"{_share(s.addressees.precision):>11} {_share(s.addressees.recall):>5} "
            f"{_share(s.deadlines.precision):>10} {_share(s.deadlines.recall):>5} "
            f"{_share(s.attendees.precision):>10} {_share(s.attendees.recall):>5} {flags} {ms}"
        )
