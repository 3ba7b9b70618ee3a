"""Run by ``tests/core/test_uploads.py`` as a process of its own, against the test's database
and media folder (from the environment).

``file ACTOR CENTRE SERVICE VILLAGE``: files one application with two documents and stops right
before the commit (after the documents' files and rows are written), printing ``written`` and
waiting for the test to kill it. The pause is this test process's own wrapper around the
documents' insert, not a lock held by the test: on SQLite a filing takes the write lock at
``BEGIN IMMEDIATE``, so a lock would stop it before any file is written. ``count``: prints the applications and documents in the
database as JSON.
"""

from __future__ import annotations

import json
import os
import sys
import time
from types import SimpleNamespace
from unittest import mock

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from degs.accounts.models import User  # noqa: E402
from degs.applications import services  # noqa: E402
from degs.applications.models import Application, ApplicationDocument  # noqa: E402
from degs.catalogue.models import Service  # noqa: E402
from degs.centres.models import Centre  # noqa: E402
from tests.applications.conftest import documents, form_values  # noqa: E402


def file(actor: int, centre: int, service: int, village: int) -> None:
    insert = ApplicationDocument.objects.bulk_create

    def insert_then_wait(rows, *args, **kwargs):  # type: ignore[no-untyped-def]
        created = insert(rows, *args, **kwargs)
        print("written", flush=True)
        time.sleep(600)  # the transaction stays open until the test kills this process
        return created

    with mock.patch.object(ApplicationDocument.objects, "bulk_create", insert_then_wait):
        services.application_submit(
            actor=User.objects.get(pk=actor),
            centre=Centre.objects.get(pk=centre),
            service=Service.objects.get(pk=service),
            values=form_values(SimpleNamespace(village_a1=SimpleNamespace(pk=village))),
            uploads=documents(),
        )
    print("committed", flush=True)


def count() -> None:
    print(
        json.dumps(
            {
                "applications": Application.objects.count(),
                "documents": ApplicationDocument.objects.count(),
            }
        )
    )


if __name__ == "__main__":
    if sys.argv[1] == "file":
        file(*(int(a) for a in sys.argv[2:6]))
    else:
        count()
