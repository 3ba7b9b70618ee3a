"""Turn big plain tables into partitioned ones without stopping the application (docs/
partitions.md): the rows are copied beside the table while it is in use, then the two are swapped
under a lock held for a moment. The migrations do the same in place for small tables; this is for
the tables a migration left plain because they were already big."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from degs.core.partitions import (
    BATCH_ROWS,
    BY_TABLE,
    PartitionError,
    abandon,
    left_halfway,
    partition_table,
    partitions_of,
    state,
)


class Command(BaseCommand):
    help = (
        "Partition the named tables (default: every registered table still plain) by copying "
        "their rows beside them while they are in use and swapping under a short lock. "
        "--list shows each table's state."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "tables", nargs="*", metavar="TABLE", help=f"one of {', '.join(sorted(BY_TABLE))}"
        )
        parser.add_argument(
            "--batch",
            type=int,
            default=BATCH_ROWS,
            help=f"ids copied a transaction (default {BATCH_ROWS})",
        )
        parser.add_argument(
            "--keep-old",
            action="store_true",
            help="keep the old table as <table>__unpartitioned (without its foreign keys)",
        )
        parser.add_argument("--list", action="store_true", help="show each table's state and stop")
        parser.add_argument(
            "--abandon",
            action="store_true",
            help="clear what a conversion killed half-way left on the named tables (the trigger, "
            "the change log, the half-made copy) and stop",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Partitions are for PostgreSQL; SQLite keeps plain tables.")
        if options["list"]:
            for table, spec in sorted(BY_TABLE.items()):
                parts = partitions_of(table)
                halfway = (
                    "; a conversion was left half-way: --abandon it or run it again"
                    if state(table) == "plain" and left_halfway(table)
                    else ""
                )
                self.stdout.write(
                    f"{table}: {state(table)}, by {spec.column} a {spec.period.replace('_', ' ')}"
                    f", {len(parts)} partitions{halfway}"
                )
            return
        unknown = [t for t in options["tables"] if t not in BY_TABLE]
        if unknown:
            raise CommandError(f"Not a partitioned table: {', '.join(unknown)}.")
        if options["abandon"]:
            for table in options["tables"] or sorted(BY_TABLE):
                try:
                    cleared = abandon(table)
                except PartitionError as error:
                    raise CommandError(str(error)) from error
                self.stdout.write(f"{table}: {'cleared' if cleared else 'nothing to clear'}")
            return
        tables = options["tables"] or [t for t in sorted(BY_TABLE) if state(t) == "plain"]
        if not tables:
            self.stdout.write("Every table is partitioned already.")
            return
        for table in tables:
            shown = [0]

            def progress(rows: int, shown: list[int] = shown) -> None:
                if rows - shown[0] >= 1_000_000:
                    shown[0] = rows
                    self.stdout.write(f"  {rows} rows copied")

            try:
                partition_table(
                    table,
                    batch_rows=options["batch"],
                    keep_old=options["keep_old"],
                    say=self.stdout.write,
                    on_batch=progress,
                )
            except PartitionError as error:
                raise CommandError(str(error)) from error
