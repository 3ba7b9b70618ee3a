"""The API: catalogue read, filing (201 then 200 on the same token), acting (409 when stale),
verification without sign-in."""

from __future__ import annotations

import base64
import uuid

import pytest

from degs.applications import services
from degs.applications.models import Application
from tests.applications.conftest import PDF, file_one, form_values

pytestmark = pytest.mark.django_db


def _body(world, apps, token):
    return {
        "centre": apps.centres.centre_a1.pk,
        "service": apps.service.pk,
        "values": form_values(world),
        "documents": [
            {"code": "id_proof", "content_base64": base64.b64encode(PDF).decode()},
            {"code": "self_declaration", "content_base64": base64.b64encode(PDF).decode()},
        ],
        "client_token": str(token),
    }


def test_catalogue_is_readable(world, apps, client_as):
    response = client_as(world.operator_a1).get("/api/catalogue/services/")
    assert response.status_code == 200
    assert response.json()[0]["definition"]["fee_paise"] == 3000


def test_filing_is_idempotent_and_errors_name_fields(world, apps, client_as):
    client = client_as(world.operator_a1)
    token = uuid.uuid4()
    first = client.post(
        "/api/applications/", _body(world, apps, token), content_type="application/json"
    )
    again = client.post(
        "/api/applications/", _body(world, apps, token), content_type="application/json"
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"] and Application.objects.count() == 1
    bad = _body(world, apps, uuid.uuid4())
    bad["values"]["pincode"] = "12"
    refused = client.post("/api/applications/", bad, content_type="application/json")
    assert refused.status_code == 422 and list(refused.json()["errors"]) == ["pincode"]


def test_acting_checks_the_version(world, apps, client_as):
    application = file_one(world, apps)
    client = client_as(apps.co_a1)
    url = f"/api/applications/{application.pk}/act/"
    ok = client.post(
        url,
        {"action": "verify", "target": "verified", "version": application.version},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["state"] == "verified"
    stale = client.post(
        url,
        {"action": "reject", "target": "rejected", "remark": "x", "version": application.version},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert client_as(world.bdo_b1).get(f"/api/applications/{application.pk}/").status_code == 404


def test_verification_needs_no_sign_in(world, apps, client):
    application = file_one(world, apps)
    from degs.applications import services

    services.application_act(
        actor=None, application=application, action="verify", target="verified", version=None
    )
    services.application_act(
        actor=None, application=application, action="issue", target="issued", version=None
    )
    payload = Application.objects.get(pk=application.pk).certificate.payload
    answer = client.get("/api/certificates/verify/", {"payload": payload}).json()
    assert answer["status"] == "issued" and answer["valid"]
    tampered = payload[:-3] + ("A" if payload[-3] != "A" else "B") + payload[-2:]
    assert (
        client.get("/api/certificates/verify/", {"payload": tampered}).json()["status"] == "invalid"
    )


def test_verification_by_number_needs_the_second_fact_and_shows_little(world, apps, client):
    """Certificate numbers are counted through (service prefix, year, row id, check digit):
    the issue's harvest asked the API for every number and got each holder's name."""
    issued = []
    for mobile in ("9876501234", "9876505678"):
        application = file_one(world, apps, mobile=mobile)
        for action, target in (("verify", "verified"), ("issue", "issued")):
            services.application_act(
                actor=None, application=application, action=action, target=target, version=None
            )
        issued.append(Application.objects.get(pk=application.pk).certificate)
    url = "/api/certificates/verify/"
    # a number alone is refused before anything is looked up, whether it exists or not
    for number in (issued[0].number, issued[0].number[:-1] + "X"):
        alone = client.get(url, {"number": number})
        assert alone.status_code == 422
        assert [e["loc"] for e in alone.json()["errors"]] == [["query", "last4"]]
    # the number with the holder's digits confirms the certificate, its service and dates only
    answer = client.get(url, {"number": issued[1].number, "last4": "5678"}).json()
    assert answer["status"] == "issued" and answer["valid"] and answer["number"] == issued[1].number
    assert answer["fields"] == {
        "c": issued[1].number,
        "s": apps.service.code,
        "sn": "Income certificate",
        "sh": "आय प्रमाण पत्र",
        "i": issued[1].issued_on.isoformat(),
        "v": issued[1].valid_until.isoformat(),
    }
    # another certificate's digits, or a number nobody holds, answer exactly alike
    unissued = issued[1].number[:-4] + str((int(issued[1].number[-4:]) + 7) % 10000).zfill(4)
    alike = [
        client.get(url, {"number": number, "last4": last4}).json()
        for number, last4 in ((issued[1].number, "1234"), (unissued, "5678"), ("X", "5678"))
    ]
    assert alike[0] == alike[1] == alike[2]
    assert alike[0]["status"] == "unknown" and alike[0]["fields"] is None
