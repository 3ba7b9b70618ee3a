"""Start the reminder tasks for every unfinished directive; run daily from cron or the worker."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from degs.reviews.services import reminders_sweep


class Command(BaseCommand):
    help = (
        "Advance recurring directives to the current period and queue reminders: assigned, "
        "due soon and overdue. Running it twice sends nothing twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Sweep as of this day (YYYY-MM-DD); default today.")

    def handle(self, *args: Any, **options: Any) -> None:
        day = dt.date.fromisoformat(options["date"]) if options["date"] else None
        queued = reminders_sweep(today=day)
        self.stdout.write(f"Queued reminder checks for {queued} unfinished directives.")
