"""Run nightly (cron, see docs/operations.md), or by hand at any time: compute every figure
source and work out every figure of the last months again (``services.figures.rebuild``).
Running it twice gives the same rows."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from degs.directory.choices import AreaKind
from degs.directory.models import Area
from degs.indicators.services.figures import rebuild


class Command(BaseCommand):
    help = "Figures: rebuild every figure of the last months (all districts, or --district)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--district", type=int, action="append", help="A district's id (may be repeated)."
        )
        parser.add_argument(
            "--months", type=int, default=12, help="How many months back (default 12)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not 1 <= options["months"] <= 120:
            raise CommandError("--months must be 1 to 120.")
        districts = None
        if options["district"]:
            districts = list(
                Area.objects.filter(kind=AreaKind.DISTRICT, pk__in=options["district"])
            )
            missing = set(options["district"]) - {d.pk for d in districts}
            if missing:
                raise CommandError(f"No district with id {sorted(missing)}.")
        written = rebuild(districts, months=options["months"])
        self.stdout.write(f"figures written {written}")
