"""Run once a month, after the month ends (cron, see docs/operations.md): each society
receives its share of the last month's user charges, as the applications ledger computed it,
as one receipt. Running it again changes nothing (a month is received once)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from degs.finance.services.receipts import user_charges_receive_due


class Command(BaseCommand):
    help = "Receive each society's share of a month's user charges (by default last month's)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--month", metavar="YYYY-MM", help="the month (default: last month)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("month"):
            try:
                month = dt.date.fromisoformat(f"{options['month']}-01")
            except ValueError as error:
                raise CommandError("--month takes a month, YYYY-MM") from error
        else:
            month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        try:
            entries = user_charges_receive_due(month=month)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        for entry in entries:
            self.stdout.write(f"{entry.district.name}: {month:%m-%Y} entry no. {entry.number}")
        self.stdout.write(f"{len(entries)} societies received {month:%m-%Y}")
