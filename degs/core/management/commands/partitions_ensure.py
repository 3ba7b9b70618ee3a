"""Run daily (cron, see docs/partitions.md): make the partitions of the coming months of every
partitioned table, and drop the empty old partitions of raw heartbeats. Running it twice, or on
two machines at once, makes nothing twice. Does nothing on SQLite."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from degs.core.partitions import AHEAD_MONTHS, BY_TABLE, PartitionError, ensure_partitions
from degs.core.tasks import partitions_ensure


class Command(BaseCommand):
    help = (
        "Make the partitions of the coming months (and, with --since, of past months whose rows "
        "sit in the default partition). --queue hands the work to the task worker instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--ahead",
            type=int,
            default=AHEAD_MONTHS,
            help=f"months ahead to make partitions for (default {AHEAD_MONTHS})",
        )
        parser.add_argument(
            "--since",
            metavar="YYYY-MM-DD",
            help="also make the partitions of every period from this day on; rows of those "
            "periods in the default partition move into them (a history loaded from years back)",
        )
        parser.add_argument(
            "--table", action="append", choices=sorted(BY_TABLE), help="only this table"
        )
        parser.add_argument(
            "--queue", action="store_true", help="queue the task for the worker and return"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["queue"]:
            if options["since"] or options["table"]:
                raise CommandError("--queue takes only --ahead.")
            result = partitions_ensure.enqueue(ahead=options["ahead"])
            self.stdout.write(f"Queued the partitions task ({result.id}).")
            return
        try:
            since = dt.date.fromisoformat(options["since"]) if options["since"] else None
        except ValueError as error:
            raise CommandError("--since takes a date, YYYY-MM-DD") from error
        try:
            done = ensure_partitions(ahead=options["ahead"], since=since, tables=options["table"])
        except PartitionError as error:
            raise CommandError(str(error)) from error
        made = [name for name in done if not name.startswith("-")]
        dropped = [name[1:] for name in done if name.startswith("-")]
        self.stdout.write(
            f"made {len(made)}: {', '.join(made) or '-'}; dropped {len(dropped)} (empty): "
            f"{', '.join(dropped) or '-'}"
        )
