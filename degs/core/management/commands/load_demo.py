from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from degs.core.registry import demo_loaders


class Command(BaseCommand):
    help = (
        "Load the demo: each app's demo loader (the registry's demo_loader, in the order their "
        "demo_after asks): the demo districts (Jamtara, East Singhbhum, Gonda, Churu), their "
        "users, the review meetings of the sample press notes, centres, services and "
        "applications. Safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for _label, loader in demo_loaders():
            for line in loader():
                self.stdout.write(line)
