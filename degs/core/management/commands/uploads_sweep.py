"""Remove uploaded files whose row was never committed (a killed worker, a cut connection, a
rollback), and files held for forms abandoned while being corrected; run hourly from cron
(docs/operations.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from degs.core.uploads import sweep


class Command(BaseCommand):
    help = (
        "Remove files written for rows that were never committed, once their intent is older "
        "than --older-than minutes; with --unreferenced, also every file that old under the "
        "upload folders that no row names; and files held for a form being corrected once "
        "the form is older than --held-hours."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than",
            type=int,
            default=60,
            help="Minutes a file must be old (default 60: longer than any request or task).",
        )
        parser.add_argument(
            "--unreferenced",
            action="store_true",
            help="Also walk the upload folders for files no row names (slow on big folders).",
        )

        parser.add_argument(
            "--held-hours",
            type=int,
            default=24,
            help="Hours a form's held files wait for its correction (default 24).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = sweep(
            older_than=dt.timedelta(minutes=max(0, options["older_than"])),
            unreferenced=options["unreferenced"],
            held_for=dt.timedelta(hours=max(0, options["held_hours"])),
        )
        for name in report.removed:
            self.stdout.write(f"removed {name}")
        self.stdout.write(
            f"Removed {len(report.removed)} files no row names; "
            f"{report.kept} written by committed rows were kept."
        )
