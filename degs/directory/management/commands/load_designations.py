from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from degs.directory.demo import load_designations


class Command(BaseCommand):
    help = "Create or update the standard designations (DC, DIO, EDM, BDO, CO, ...)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = load_designations()
        self.stdout.write(f"{count} designations are in place.")
