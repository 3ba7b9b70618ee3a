"""Run every five minutes (cron, see docs/operations.md): count every computed element's figure
source for this month and the last in each district (a changed count queues its figures),
then work the figures queue off. Running it twice changes nothing the second time."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from degs.directory.choices import AreaKind
from degs.directory.models import Area
from degs.indicators.periods import Period
from degs.indicators.services.figures import compute_sources, refresh_queued


class Command(BaseCommand):
    help = "Figures: count the computed elements of this month and the last, then refresh."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-sources", action="store_true", help="Only work the queue off.")

    def handle(self, *args: Any, **options: Any) -> None:
        changed = 0
        if not options["no_sources"]:
            this = Period.current()
            for district in Area.objects.filter(kind=AreaKind.DISTRICT, is_active=True):
                for month in (this.previous(), this):
                    changed += len(compute_sources(district, month))
        taken = 0
        while step := refresh_queued():
            taken += step
        self.stdout.write(f"computed elements changed {changed}, queued keys refreshed {taken}")
