"""Run daily (cron or a systemd timer, see docs/operations.md): takes the automatic steps of
applications late enough for one and tells the officer and the supervising post of the others
past due. Running it twice in a day changes nothing more."""

from typing import Any

from django.core.management.base import BaseCommand

from degs.applications.services import applications_escalate


class Command(BaseCommand):
    help = "Escalate past-due applications and take automatic workflow steps."

    def handle(self, *args: Any, **options: Any) -> None:
        result = applications_escalate()
        self.stdout.write(f"escalated {result.escalated}, automatic steps {result.automatic}")
