from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from degs.applications.demo import load_applications_demo
from degs.catalogue.demo import load_catalogue_demo
from degs.centres.demo import load_centres_demo
from degs.directory.demo import DEMO_PASSWORD, load_demo
from degs.reviews.demo import load_reviews_demo


class Command(BaseCommand):
    help = (
        "Load the demo districts (Jamtara, East Singhbhum, Gonda, Churu) and the review "
        "meetings of the sample press notes. Safe to run again."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = load_demo()
        directives = load_reviews_demo()
        centres = load_centres_demo()
        catalogue = load_catalogue_demo()
        applications = load_applications_demo()
        self.stdout.write(
            f"Demo loaded: {result['areas_total']} areas ({result['areas_created']} new), "
            f"{result['offices_created']} new offices, {result['posts_created']} new posts, "
            f"{result['holidays_created']} new holidays, {result['designations']} designations."
        )
        self.stdout.write(
            f"Review meetings of the sample press notes: {directives} new directives."
        )
        self.stdout.write(
            f"Service centres: {centres['centres']} new centres, {centres['operators']} "
            f"operators, {centres['operator_ids']} operator IDs, {centres['inspections']} "
            f"inspections; {centres['services']} services, {centres['id_types']} ID types, "
            f"{centres['checklist_items']} checklist questions, {centres['quotas']} quotas new."
        )
        self.stdout.write(
            f"Citizen services (demo values to confirm): {catalogue} new in Jharkhand; "
            f"{applications} new demo applications in Jamtara."
        )
        self.stdout.write("")
        self.stdout.write(f"Demo users (password for all: {DEMO_PASSWORD}):")
        self.stdout.write(f"  {'admin':<20} system administrator (Django admin at /admin/)")
        for user in result["users"]:  # type: ignore[attr-defined]
            self.stdout.write(f"  {user.username:<20} {user.role}")
