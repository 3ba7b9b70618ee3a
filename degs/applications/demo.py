"""Demo applications in Jamtara: about 150 filed over the last seven weeks at active centres,
through the same services as the pages, then dated back to the day each was filed. Older ones
are decided (issued with a signed certificate, rejected, some after being returned to the kiosk);
recent ones wait with the circle officers, a few past due. The demo operator's Nala kiosk has
its own share, so the CO of Nala finds work in the inbox. Applicants are labelled "Demo applicant
N", not invented names. Loading twice adds nothing."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from degs.applications import routing, services, signing
from degs.applications.models import Application, Certificate, LedgerEntry
from degs.catalogue.models import Service
from degs.centres.choices import CentreStatus
from degs.centres.models import Centre
from degs.directory.models import Area

SEED = 5
COUNT = 150
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _values(rng: random.Random, number: int, service: Service, village: str) -> dict[str, Any]:
    values: dict[str, Any] = {
        "applicant_name": f"Demo applicant {number:03d}",
        "father_name": f"Demo guardian {number:03d}",
        "date_of_birth": dt.date(
            1960 + rng.randrange(45), rng.randrange(1, 13), rng.randrange(1, 28)
        ).isoformat(),
        "mobile": f"9{rng.randrange(10**8, 10**9)}",
        "village": village,
        "pincode": "815351",
        "annual_income": str(rng.randrange(24, 300) * 1000),
        "purpose": rng.choice(["education", "scheme", "other"]),
    }
    definition = service.current.parsed()  # type: ignore[union-attr]
    for field in definition.fields:
        if field.code not in values and field.type == "choice":
            values[field.code] = field.options[0].value
        elif field.code not in values and field.type == "text":
            values[field.code] = "Demo"
        elif field.code not in values and field.type == "date":
            values[field.code] = "2020-02-14"
    return values


def _uploads(service: Service) -> list[services.Upload]:
    definition = service.current.parsed()  # type: ignore[union-attr]
    return [
        services.Upload(
            code=d.code, file=SimpleUploadedFile(f"{d.code}.pdf", PDF, "application/pdf")
        )
        for d in definition.documents
        if d.required
    ]


def _back_date(application: Application, days: int) -> None:
    """Move the application's filing ``days`` back, with its dates, events and ledger."""
    shift = dt.timedelta(days=days)
    filed = timezone.localdate() - shift
    limit = application.service_version.time_limit_days
    calendar = routing.calendar_for(routing.place_of(application.area), filed, limit)
    if application.submitted_at is not None:
        application.submitted_at = application.submitted_at - shift
    application.created_at = application.created_at - shift
    application.due_date = calendar.add_working_days(filed, limit)
    if application.step_started:
        application.step_started = filed
        days_here = routing.step_days(application.definition, application.state)
        application.step_due = calendar.add_working_days(filed, days_here) if days_here else None
    application.save()
    LedgerEntry.objects.filter(application=application).update(posted_on=filed)
    application.events.update(at=F("at") - shift)


def _decide(application: Application, rng: random.Random, age: int) -> None:
    """Take the application through its workflow as the system, then date the decision."""
    roll = rng.random()
    if roll < 0.12:
        services.application_act(
            actor=None,
            application=application,
            action="return",
            target="at_kiosk",
            remark="Father's name differs from the ID proof.",
            version=None,
        )
        application.refresh_from_db()
        services.application_resubmit(
            actor=None,
            application=application,
            values={**application.data, "village": str(application.data["village"]["id"])},
            version=None,
            remark="Corrected",
        )
        application.refresh_from_db()
    if 0.12 <= roll < 0.22:
        services.application_act(
            actor=None,
            application=application,
            action="reject",
            target="rejected",
            remark="Income proof does not match the declaration.",
            version=None,
        )
    else:
        services.application_act(
            actor=None, application=application, action="verify", target="verified", version=None
        )
        application.refresh_from_db()
        services.application_act(
            actor=None, application=application, action="issue", target="issued", version=None
        )
    application.refresh_from_db()
    took = rng.choice([3, 5, 8, 10, 12, 14, 18, 24])
    decided = min(
        timezone.localdate(),
        timezone.localdate() - dt.timedelta(days=age) + dt.timedelta(days=took),
    )
    application.decided_on = decided
    application.within_limit = decided <= application.due_date  # type: ignore[operator]
    application.save(update_fields=["decided_on", "within_limit"])
    certificate = Certificate.objects.filter(application=application).first()
    if certificate is not None:
        version = application.service_version
        certificate.issued_on = decided
        certificate.valid_until = (
            decided + dt.timedelta(days=version.validity_days) if version.validity_days else None
        )
        certificate.fields = services.certificate_fields(
            application,
            certificate.number,
            decided,
            certificate.valid_until,
            certificate.officer_post,
        )
        certificate.payload = signing.sign_payload(certificate.fields)
        certificate.save()
    application.events.exclude(kind="filed").update(
        at=timezone.make_aware(dt.datetime.combine(decided, dt.time(11, 30)))
    )


@transaction.atomic
def load_applications_demo() -> int:
    """File the demo applications once; returns how many were made."""
    if Application.objects.exists():
        return 0
    district = Area.objects.filter(kind="district", name="Jamtara").first()
    if district is None:
        return 0
    offered = list(
        Service.objects.filter(area__path=district.path[:9], current__isnull=False).order_by("code")
    )
    income = next((s for s in offered if s.code == "income_certificate"), None)
    if income is None:
        return 0
    centres = list(
        Centre.objects.under(district.path)
        .filter(status=CentreStatus.ACTIVE, operator__isnull=False)
        .select_related("area", "operator")
        .order_by("code")
    )
    own = [c for c in centres if c.operator and c.operator.user_id]
    rng = random.Random(SEED)  # noqa: S311 - the same demo every time, not a secret
    villages: dict[int, str] = {}
    made = 0
    for number in range(1, COUNT + 1):
        centre = own[0] if own and number % 5 == 0 else rng.choice(centres)
        if centre.pk not in villages:
            areas = services.form_areas(routing.place_of(centre.area))
            villages[centre.pk] = next(iter(areas), "")
        if not villages[centre.pk]:
            continue
        service = income if number % 3 else rng.choice(offered)
        try:
            application, _created = services.application_submit(
                actor=None,
                centre=centre,
                service=service,
                values=_values(rng, number, service, villages[centre.pk]),
                uploads=_uploads(service),
            )
        except services.ApplicationRefused:
            continue
        age = rng.randrange(0, 50)
        _back_date(application, age)
        if age > 12 and rng.random() < 0.9:
            _decide(application, rng, age)
        made += 1
    return made


def load() -> list[str]:
    """The applications app's demo loader (``manage.py load_demo``)."""
    applications = load_applications_demo()
    return [f"Demo applications: {applications} new in Jamtara."]
