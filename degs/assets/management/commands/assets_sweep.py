"""Run every hour (cron, see docs/operations.md): each maintenance schedule whose day has come
opens its tickets, then every ticket past its own-by or resolve-by time is told to the
district's asset managers once. Running it twice opens and tells nothing the second time."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from degs.assets.services.schedules import sweep


class Command(BaseCommand):
    help = "Assets sweep: scheduled maintenance tickets, overdue ticket notices."

    def handle(self, *args: Any, **options: Any) -> None:
        opened, notices = sweep()
        self.stdout.write(f"tickets opened {opened}, notices {notices}")
