"""Applications in the test state: the demo income certificate published for the state, a
circle (tehsil) coterminous with block A1 whose CO post two officers hold (a regular and an
additional charge), the SDO of district A as the appellate post, and the centres of the centres
fixture (centre A1 is run by the operator_a1 persona)."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from degs.accounts.models import User
from degs.accounts.roles import Role
from degs.applications import services
from degs.applications.models import Application, Certificate
from degs.catalogue import services as catalogue
from degs.catalogue.demo_definitions import CERTIFICATES, SERVICES
from degs.catalogue.models import Service, ServiceVersion
from degs.directory.choices import AreaKind, ChargeKind
from degs.directory.models import Post
from degs.directory.services import post_holding_start
from tests.centres.conftest import centres  # noqa: F401 - the fixture is used through ours
from tests.factories import UserFactory, hold, make_area, make_designation, make_post

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
VALID_AADHAAR = "234123412346"  # passes Verhoeff


@dataclass
class Apps:
    service: Service
    post_co_a1: Post
    co_a1: User
    co_a1_charge: User  # holds the same post on additional charge
    post_sdo_a: Post
    sdo_a: User
    centres: Any


def pdf(name: str = "proof.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def form_values(world: Any, **changes: Any) -> dict[str, Any]:
    values = {
        "applicant_name": "सुनीता देवी",
        "father_name": "रामेश्वर महतो",
        "date_of_birth": "1990-01-25",
        "mobile": "9876501234",
        "aadhaar": VALID_AADHAAR,
        "village": str(world.village_a1.pk),
        "pincode": "815355",
        "annual_income": "72000",
        "purpose": "education",
    }
    values.update(changes)
    return values


def documents() -> list[services.Upload]:
    return [
        services.Upload(code="id_proof", file=pdf()),
        services.Upload(code="self_declaration", file=pdf("declaration.pdf")),
    ]


def publish_demo_service(world: Any, code: str, **changes: Any) -> ServiceVersion:
    """Publish the demo service ``code`` for the state as the demo defines it (the CO
    designated, the SDO appellate), with ``changes``."""
    spec = copy.deepcopy(next(s for s in SERVICES if s["code"] == code))
    values = {
        "actor": None,
        "area": world.state,
        "code": spec["code"],
        "name": spec["name"],
        "name_hi": spec["name_hi"],
        "department": spec["department"],
        "department_hi": spec["department_hi"],
        "law": "Right to Service Act",
        "time_limit_days": spec["time_limit_days"],
        "designated": "co",
        "appellate": "sdo",
        "validity_days": spec["validity_days"],
        "definition": spec["definition"],
        "certificate_template": CERTIFICATES[code]["certificate"],
        "certificate_template_hi": CERTIFICATES[code]["certificate_hi"],
    }
    values.update(changes)
    return catalogue.service_publish(**values)


@pytest.fixture
def apps(world, centres) -> Apps:  # type: ignore[no-untyped-def]  # noqa: F811
    co = make_designation("co", Role.BLOCK_OFFICER, AreaKind.TEHSIL)
    sdo = make_designation("sdo", Role.BLOCK_OFFICER, AreaKind.SUBDIVISION)
    # Coterminous with block A1: the circle of the same name beside it.
    tehsil = make_area(AreaKind.TEHSIL, world.block_a1.name, world.district_a)
    post_co = make_post(co, tehsil)
    co_a1 = UserFactory(username="co_a1", full_name="CO A1")
    hold(post_co, co_a1)
    charge = UserFactory(username="co_a1_charge", full_name="CO A1 (charge)")
    post_holding_start(
        actor=None,
        post=post_co,
        user=charge,
        start_date=dt.date(2026, 1, 1),
        charge=ChargeKind.ADDITIONAL,
    )
    post_sdo = make_post(sdo, world.district_a)
    sdo_a = UserFactory(username="sdo_a", full_name="SDO A")
    hold(post_sdo, sdo_a)
    tehsil_b = make_area(AreaKind.TEHSIL, world.block_b1.name, world.district_b)
    hold(make_post(co, tehsil_b), UserFactory(username="co_b1", full_name="CO B1"))
    # The conftest's service has no Hindi department name (the demo's does).
    version = publish_demo_service(world, SERVICES[0]["code"], department_hi="")
    return Apps(
        service=version.service,
        post_co_a1=post_co,
        co_a1=co_a1,
        co_a1_charge=charge,
        post_sdo_a=post_sdo,
        sdo_a=sdo_a,
        centres=centres,
    )


def file_one(world: Any, apps: Apps, **changes: Any) -> Application:
    application, _created = services.application_submit(
        actor=world.operator_a1,
        centre=apps.centres.centre_a1,
        service=apps.service,
        values=form_values(world, **changes),
        uploads=documents(),
    )
    return application


def send_back(apps: Apps, application: Application, remark: str) -> Application:
    """The CO returns ``application`` to the kiosk with ``remark``."""
    return services.application_act(
        actor=apps.co_a1,
        application=application,
        action="return",
        target="at_kiosk",
        remark=remark,
        version=application.version,
    )


def issue(apps: Apps, application: Application) -> Application:
    """The CO verifies the application and issues its certificate."""
    for action, target in (("verify", "verified"), ("issue", "issued")):
        application = services.application_act(
            actor=apps.co_a1,
            application=application,
            action=action,
            target=target,
            version=application.version,
        )
    return application


def issue_certificate(world: Any, apps: Apps, **changes: Any) -> Certificate:
    """An application filed with ``changes`` and taken through to its certificate."""
    application = issue(apps, file_one(world, apps, **changes))
    return Certificate.objects.select_related("application").get(application=application)
