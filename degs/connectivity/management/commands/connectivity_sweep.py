"""Run every minute (cron, see docs/operations.md): links whose probe stopped reporting turn
"not reporting", then get an outage; outages' escalations; heartbeats rolled up by hour and day;
raw heartbeats past their days pruned. Running it twice changes nothing the second time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from degs.connectivity.services import health


class Command(BaseCommand):
    help = "Probe sweep: not reporting, outages, escalations, heartbeat roll-ups and pruning."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--rollup-since",
            metavar="YYYY-MM-DD",
            help="also roll up the hours of every heartbeat received since this date (after "
            "the sweep was stopped for more than two hours)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("rollup_since"):
            try:
                day = dt.date.fromisoformat(options["rollup_since"])
            except ValueError as error:
                raise CommandError("--rollup-since takes a date, YYYY-MM-DD") from error
            since = timezone.make_aware(dt.datetime.combine(day, dt.time()))
            changed = health.rollup_hours(since=since)
            days = health.rollup_days(touched=changed)
            self.stdout.write(f"rolled up: hours {len(changed)}, days {days}")
        result = health.sweep()
        self.stdout.write(", ".join(f"{key} {value}" for key, value in result.as_dict().items()))
