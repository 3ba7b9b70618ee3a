"""A district's laptop database for tests/core/test_move_district.py, built in a process of its
own: ``python -m tests.core.move_laptop`` with ``DEGS_SQLITE_PATH`` (the file, made here) and
``DEGS_MEDIA_ROOT`` (its uploads) set, as ``build`` does.

The schema is made from the models (seconds, where running the migrations takes a minute), the
migrations are recorded as applied and the ledger's triggers and chart added as its migrations
add them, so that the file is what ``manage.py migrate`` makes at this release. The district
("District L" of "Test State", the state the tests' ``world`` builds) is then filled through the
apps' own services and the jurisdiction tests' makers (tests/*/scope.py): areas, users, posts,
a committee's meeting and its directives, centres and inspections, applications with documents
and a certificate, the ledger, links and outages, rollouts, assets, programme figures, a review
pack, notices, a deleted office's history and the admin's log.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

STATE = ("Test State", "99")  # as the tests' world names it
DISTRICT = ("District L", "9905")
USERNAMES = ("l_dc", "l_dio", "l_csc", "l_bdo", "l_operator")


def build(folder: Path) -> Path:
    """The laptop's database file (and its uploads in ``folder / "media"``), made by a
    process of its own so that nothing of this test process's database is touched."""
    path = folder / "degs.sqlite3"
    env = {
        k: v
        for k, v in os.environ.items()
        # its own database and cache: never the tests' PostgreSQL or a shared Redis
        if k not in {"DATABASE_URL", "DEGS_REDIS_URL", "PYTEST_VERSION", "PYTEST_XDIST_WORKER"}
    }
    env.update(
        DEGS_ENV="test",
        DEGS_SQLITE_PATH=str(path),
        DEGS_MEDIA_ROOT=str(folder / "media"),
        DEGS_DATA_DIR=str(folder / "data"),
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "tests.core.move_laptop"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if done.returncode:
        raise RuntimeError(f"the laptop was not built:\n{done.stdout}\n{done.stderr}")
    return path


def _schema() -> None:
    import importlib

    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.recorder import MigrationRecorder

    settings.MIGRATION_MODULES = {config.label: None for config in apps.get_app_configs()}
    call_command("migrate", run_syncdb=True, verbosity=0)
    settings.MIGRATION_MODULES = {}
    recorder = MigrationRecorder(connection)
    recorder.ensure_schema()
    for app_label, name in sorted(MigrationLoader(connection).graph.nodes):
        recorder.record_applied(app_label, name)
    with connection.cursor() as cursor:
        for name in ("0002_ledger_guards", "0004_sanction_months"):
            module = importlib.import_module(f"degs.finance.migrations.{name}")
            for statement in module.SQLITE:
                cursor.execute(statement)
    chart = importlib.import_module("degs.finance.migrations.0003_chart")
    chart.add_chart(apps, None)


def _fill() -> None:
    from django.contrib.admin.models import ADDITION, LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse
    from django.utils import timezone

    from degs.accounts.roles import Role
    from degs.accounts.services import notice_send
    from degs.applications.models import ApplicationDocument
    from degs.directory.choices import AreaKind, OfficeKind
    from degs.directory.models import Office
    from degs.finance.services.ledger import entry_reverse
    from degs.indicators.services.figures import rebuild
    from tests.factories import (
        UserFactory,
        grant,
        hold,
        make_area,
        make_designation,
        make_office,
        make_post,
    )
    from tests.scope_registry import MAKERS

    UserFactory.reset_sequence(70_000)  # never a name the state's tests give
    state = make_area(AreaKind.STATE, STATE[0], lgd_code=STATE[1], name_hi="परीक्षण राज्य")
    district = make_area(AreaKind.DISTRICT, DISTRICT[0], state, lgd_code=DISTRICT[1])
    block = make_area(AreaKind.BLOCK, "Block L1", district)
    make_area(AreaKind.BLOCK, "Block L2", district)
    dc_office = make_office(district, "Collectorate L", OfficeKind.DC_OFFICE)
    office = make_office(block, "Block Office L1")
    posts = {
        code: make_post(make_designation(code, role, level), area, where)
        for code, role, level, area, where in (
            ("dc", Role.DISTRICT_ADMIN, AreaKind.DISTRICT, district, dc_office),
            ("dio", Role.DISTRICT_ADMIN, AreaKind.DISTRICT, district, dc_office),
            ("csc_dm", Role.CSC_MANAGER, AreaKind.DISTRICT, district, None),
            ("bdo", Role.BLOCK_OFFICER, AreaKind.BLOCK, block, office),
        )
    }
    users = {name: UserFactory(username=name, full_name=name.upper()) for name in USERNAMES}
    for name, code in (("l_dc", "dc"), ("l_dio", "dio"), ("l_csc", "csc_dm"), ("l_bdo", "bdo")):
        hold(posts[code], users[name])
    grant(users["l_operator"], Role.KIOSK_OPERATOR, block)

    made = {}
    for n, (key, maker) in enumerate(MAKERS.items()):
        made[key] = maker.make(block, f"L{n:03d}")

    # An application of a village, with a document and a certificate.
    application = made["application_certificate"]  # filed, with its certificate
    village = made["area"]
    application.applicant_name = "Applicant L"
    application.submitted_at = timezone.now()  # filed: it has a number, made from its id
    application.data = {
        "applicant_name": "Applicant L",
        "village": {"id": village.pk, "name": village.name, "name_hi": village.name_hi},
    }
    application.save(update_fields=["applicant_name", "submitted_at", "data"])
    ApplicationDocument.objects.create(
        application=application,
        code="photo",
        file=SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff laptop photo"),
        content_type="image/jpeg",
        size=16,
        sha256="0" * 64,
        uploaded_by=users["l_operator"],
    )
    # Notices keyed and linked by ids.
    directive = made["directive"]
    notice_send(
        user=users["l_dc"],
        key=f"directive:{directive.pk}:assigned:1",
        text="Directive assigned",
        url=reverse("reviews:directive_detail", args=[directive.pk]),
    )
    notice_send(
        user=users["l_operator"],
        key=f"application:{application.pk}:2",
        text="Application decided",
        url=reverse("applications:application_detail", args=[application.pk]),
    )
    # The admin's log of a directive, and an office deleted (its history stays).
    LogEntry.objects.create(
        user=users["l_dc"],
        content_type=ContentType.objects.get_for_model(directive),
        object_id=str(directive.pk),
        object_repr=str(directive)[:200],
        action_flag=ADDITION,
    )
    gone = make_office(block, "Office closed", OfficeKind.PANCHAYAT_BHAWAN)
    Office.objects.filter(pk=gone.pk).delete()
    # A reversal in the ledger (a row referring to another of its table).
    entry_reverse(
        actor=None, entry=made["ledger_entry"], date=timezone.localdate(), reason="Entered twice"
    )
    # Figures of the district's areas, the district and the state.
    rebuild([district], months=2)


def main() -> None:
    import django

    django.setup()
    _schema()
    _fill()


if __name__ == "__main__":
    main()
