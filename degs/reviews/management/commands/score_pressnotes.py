"""Score the press-note import against annotated notes and print the table.

    manage.py score_pressnotes [FOLDER ...]

Each FOLDER holds ``NAME.txt`` and ``NAME.json`` pairs. By default every annotated set shipped
with the suite: the three Jharkhand samples (``degs/reviews/data/press_notes``), the notes the
rules were tuned on (``other_states/tuning``) and the notes written apart from the rules to check
them (``other_states/check``). Each set gets its total, and all of them a total with the shares
of notes whose chair, date and district were read right. District names come from the directory,
or from the demo directory's areas when the database has none.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.db import DatabaseError

from degs.reviews.pressnote_scoring import Score, score_folder, total

DATA = Path(__file__).resolve().parents[2] / "data"
SAMPLES = DATA / "press_notes"
SETS = (
    SAMPLES,
    DATA / "other_states" / "tuning",
    DATA / "other_states" / "check",
    DATA / "other_states" / "check2",
)
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
        parser.add_argument("folder", nargs="*", default=[str(folder) for folder in SETS])

    def handle(self, *args: Any, **options: Any) -> None:
        names = district_names()
        head = (
            f"{'note':<24} {'orders P':>8} {'R':>5} {'addressee P':>11} {'R':>5} "
            f"{'deadline P':>10} {'R':>5} {'attendee P':>10} {'R':>5} chair date district   ms"
        )
        self.stdout.write(head)
        sets = []
        for folder in map(Path, options["folder"]):
            scores = score_folder(folder, names)
            for item in scores:
                self.stdout.write(self._row(item))
            sets.append(total(scores, f"= {folder.name}"))
            self.stdout.write(self._row(sets[-1]))
        if len(sets) > 1:
            self.stdout.write(self._row(total(sets)))

    def _row(self, s: Score) -> str:
        if s.notes == 1 and not s.name.startswith("=") and s.name != "all":
            flags = (
                f"{'yes' if s.chair else 'no':>5} {'yes' if s.date else 'no':>4} "
                f"{'yes' if s.district else 'no':>8}"
            )
            ms = f"{s.seconds * 1000:5.1f}"
        else:
            flags = (
                f"{s.chairs / s.notes:5.2f} {s.dates / s.notes:4.2f} {s.districts / s.notes:8.2f}"
            )
            ms = f"{s.notes:3d} notes"
        return (
            f"{s.name:<24} {_share(s.orders.precision):>8} {_share(s.orders.recall):>5} "
            f"{_share(s.addressees.precision):>11} {_share(s.addressees.recall):>5} "
            f"{_share(s.deadlines.precision):>10} {_share(s.deadlines.recall):>5} "
            f"{_share(s.attendees.precision):>10} {_share(s.attendees.recall):>5} {flags} {ms}"
        )
