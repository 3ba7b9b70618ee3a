"""Re-sign the certificates signed with another key than the current ``DEGS_CERTIFICATE_KEY``,
after the key is rotated (docs/operations.md, "Rotating the keys")."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.db.models import Count

from degs.applications import signing
from degs.applications.models import Certificate

BATCH = 500


class Command(BaseCommand):
    help = (
        "Sign again, with the current certificate key, every certificate signed with another "
        "key: each keeps its number and fields and gets a new QR payload, so that its PDF "
        "downloaded from now on verifies. Papers printed before keep the old QR code, which "
        "no longer verifies: print them again. Run it after rotating DEGS_CERTIFICATE_KEY; "
        "it can be stopped and run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count them, per key, changing nothing."
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        current = signing.key_id()
        stale = Certificate.objects.exclude(key_id=current)
        for row in stale.values("key_id").annotate(count=Count("pk")).order_by("key_id"):
            self.stdout.write(f"key {row['key_id']}: {row['count']} certificates")
        if dry_run:
            self.stdout.write(f"current key {current}: nothing changed (dry run)")
            return
        done = 0
        last = 0
        while True:
            # One batch at a time, each in its own transaction: a state's crores of
            # certificates are never held in one, and a stopped run goes on where it stopped.
            with transaction.atomic():
                batch = list(
                    stale.select_for_update()
                    .filter(pk__gt=last)
                    .order_by("pk")
                    .only("pk", "fields", "payload", "key_id")[:BATCH]
                )
                if not batch:
                    break
                for certificate in batch:
                    certificate.payload = signing.sign_payload(certificate.fields)
                    certificate.key_id = current
                Certificate.objects.bulk_update(batch, ["payload", "key_id"])
            done += len(batch)
            last = batch[-1].pk
        self.stdout.write(f"{done} certificates re-signed with key {current}")
