"""Load data for the load test (``bench/load_test.py``): officer and kiosk accounts added to a
database that holds the demo (``manage.py load_demo``), and the plan the locust users read.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/degs_load_day \\
        .venv/bin/python bench/load/seed.py --officers 1000 --kiosks 200 --plan /tmp/plan.json

Every account it makes is named ``load.*`` and called "(load test data)": officers are given a
role in a Jharkhand district or block (``RoleGrant``, as an administrator grants one), kiosk
operators are the logins of the demo's own centre operators (``Operator.user``) with the kiosk
operator's role where their centre is. One password hash is computed and given to all (Argon2
takes a tenth of a second a hash; the logins during the test check it as any login does).
Run again, it adds only what is missing. The plan (JSON) lists the accounts by kind, the
centres and services the kiosks file at, the filter values of the registers, and the
application numbers and certificate payloads the citizens look up.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

PASSWORD = "load-test-2026"  # noqa: S105 - throwaway accounts of a throwaway database
PREFIX = "load."
MARK = "(load test data)"
# Officers by kind: (kind, role, share, where the role is given, the pages they read).
OFFICER_KINDS = [
    ("district", "district_admin", 0.10, "district"),
    ("csc", "csc_manager", 0.10, "district"),
    ("department", "department_officer", 0.10, "district"),
    ("block", "block_officer", 0.55, "block"),
    ("viewer", "viewer", 0.10, "district"),
    ("state", "state_admin", 0.05, "state"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--officers", type=int, default=1000)
    parser.add_argument("--kiosks", type=int, default=200)
    parser.add_argument("--plan", type=Path, required=True)
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from degs.accounts.models import RoleGrant, User
    from degs.applications import routing
    from degs.applications.models import Application, Certificate
    from degs.applications.services import form_areas
    from degs.catalogue.models import Service
    from degs.centres.models import Centre, Operator
    from degs.directory.models import Area

    state = Area.objects.get(kind="state", name="Jharkhand")
    districts = list(Area.objects.filter(kind="district", path__startswith=state.path))
    blocks = list(Area.objects.filter(kind="block", path__startswith=state.path).order_by("path"))
    places = {"state": [state], "district": districts, "block": blocks}
    hashed = make_password(PASSWORD)

    with transaction.atomic():
        have = set(
            User.objects.filter(username__startswith=PREFIX).values_list("username", flat=True)
        )
        officers: list[dict[str, str]] = []
        new_users: list[User] = []
        grants: list[tuple[str, str, Area]] = []
        number = 0
        for kind, role, share, where in OFFICER_KINDS:
            for i in range(round(args.officers * share)):
                number += 1
                username = f"{PREFIX}{kind}.{number:04d}"
                area = places[where][i % len(places[where])]
                officers.append({"username": username, "kind": kind})
                grants.append((username, role, area))
                if username not in have:
                    new_users.append(
                        User(
                            username=username,
                            full_name=f"Load officer {number:04d} {MARK}",
                            password=hashed,
                        )
                    )

        centres = list(
            Centre.objects.filter(
                status="active",
                area__path__startswith=state.path,
                operator__isnull=False,
                operator__is_active=True,
            )
            .select_related("operator", "area")
            .order_by("code")
        )
        kiosks: list[dict[str, object]] = []
        taken: set[int] = set()
        for centre in centres:
            operator = centre.operator
            if operator.pk in taken or len(kiosks) >= args.kiosks:
                continue
            if not form_areas(routing.place_of(centre.area)):
                continue  # no village or ward to choose: its form cannot be filed
            if operator.user_id and not operator.user.username.startswith(PREFIX):
                continue  # a demo login (operator.nala) stays the demo's
            taken.add(operator.pk)
            username = f"{PREFIX}kiosk.{len(kiosks) + 1:04d}"
            kiosks.append({"username": username, "centre": centre.pk, "operator": operator.pk})
            grants.append((username, "kiosk_operator", centre.area))
            if username not in have:
                new_users.append(
                    User(
                        username=username,
                        full_name=f"Load kiosk operator {len(kiosks):04d} {MARK}",
                        password=hashed,
                    )
                )
        User.objects.bulk_create(new_users)
        ids = dict(User.objects.filter(username__startswith=PREFIX).values_list("username", "pk"))
        RoleGrant.objects.bulk_create(
            [RoleGrant(user_id=ids[u], role=role, area=area) for u, role, area in grants],
            ignore_conflicts=True,
        )
        for kiosk in kiosks:
            Operator.objects.filter(pk=kiosk["operator"]).update(user_id=ids[kiosk["username"]])

    services = list(
        Service.objects.filter(
            is_active=True, current__isnull=False, area__path__startswith=state.path
        )
        .exclude(code="marriage_certificate")  # its form asks for a photo field as well
        .values_list("pk", flat=True)
    )
    applications = [
        {"number": a.number, "last4": a.mobile[-4:]}
        for a in Application.objects.filter(submitted_at__isnull=False).order_by("pk")[:500]
    ]
    certificates = list(Certificate.objects.values_list("payload", flat=True)[:500])
    plan = {
        "password": PASSWORD,
        "officers": officers,
        "kiosks": kiosks,
        "services": services,
        "applications": applications,
        "certificates": certificates,
        "blocks": [b.pk for b in blocks],
        "districts": [d.pk for d in districts],
    }
    args.plan.write_text(json.dumps(plan, indent=1))
    print(
        f"load data: {len(officers)} officers, {len(kiosks)} kiosks "
        f"({len(new_users)} accounts made now), {len(services)} services, "
        f"{len(applications)} applications and {len(certificates)} certificates to look up; "
        f"plan in {args.plan}"
    )


if __name__ == "__main__":
    main()
