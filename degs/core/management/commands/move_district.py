"""Move a district's laptop database into the state's (docs/laptop-to-state.md)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone

from degs.core.moving import MoveRefused, MoveReport, ProofFailed, move_district


class Command(BaseCommand):
    help = (
        "Move everything in a district's SQLite database (and its uploaded files) into this "
        "installation's database in one transaction: refused, with nothing written, on any "
        "clash of codes with rows already there; proven by counts and checksums per table."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("sqlite_path", type=Path, help="The laptop's database file.")
        parser.add_argument(
            "--media",
            type=Path,
            help="The laptop's uploaded files (default: the 'media' folder beside the file).",
        )
        parser.add_argument(
            "--report",
            type=Path,
            help="Where to write the report (default: beside the file, named by the time).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check, write and prove everything, then roll it back; copy no file.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The target database.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["sqlite_path"]
        media: Path | None = options["media"]
        if media is not None and not media.is_dir():
            raise CommandError(f"--media: {media} is not a folder.")
        if media is None:  # where the laptop keeps them: beside its database (DEGS_DATA_DIR)
            beside = path.resolve().parent / "media"
            media = beside if beside.is_dir() else None
        if media is not None and media.resolve() == Path(settings.MEDIA_ROOT).resolve():
            raise CommandError("The laptop's uploads cannot be this installation's own.")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        report_path: Path = options["report"] or path.with_name(f"{path.name}.move-{stamp}.txt")
        if not os.access(report_path.parent, os.W_OK):  # said now, not after a move is kept
            raise CommandError(f"The report cannot be written in {report_path.parent} (--report).")
        try:
            report = move_district(
                sqlite_path=path,
                media=media,
                dry_run=options["dry_run"],
                using=options["database"],
                say=self.stdout.write,
            )
        except (MoveRefused, ProofFailed) as error:
            self._show(error.report, report_path)
            if isinstance(error, MoveRefused):
                raise CommandError(
                    f"Refused: {len(error.report.clashes)} clash(es), "
                    f"{len(error.report.problems)} problem(s); nothing was written."
                ) from None
            raise CommandError("The proof failed: everything was rolled back.") from None
        self._show(report, report_path)

    def _show(self, report: MoveReport, report_path: Path) -> None:
        for problem in report.problems:
            self.stderr.write(f"refused: {problem}")
        for clash in report.clashes:
            self.stderr.write(f"clash: {clash.line()}")
        if report.tables and not report.problems and not report.clashes:
            for line in report.table_lines():
                self.stdout.write(line)
        for line in report.after:
            self.stdout.write(line)
        if report.numbers:
            self.stdout.write(
                f"{len(report.numbers)} numbers made from ids changed (listed in the report)."
            )
        report.write(report_path)
        self.stdout.write(
            f"{report.outcome or 'stopped'} in {report.seconds:.1f} s; "
            f"{report.files} files copied; report: {report_path}"
        )
