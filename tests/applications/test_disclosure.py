"""Who sees what of a citizen's application, per role and per field, on the page and in the
API, as the table in docs/accounts.md decides. The expected values are written out here from
what was filed (not read from the code that masks), so a change of the rule must change both.

An application is filed at centre A1 (run by the ``operator_a1`` persona) in block A1, and goes
to the circle officer's post (``co_a1``). Everyone else below neither filed nor acts on it.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from degs.accounts.roles import Role
from degs.applications.models import Application
from tests.applications.conftest import VALID_AADHAAR, file_one, issue
from tests.factories import UserFactory, grant

WHOLE, LIMITED, NONE = "whole", "limited", "none"

# The decision of docs/accounts.md: how each role sees an application filed in its area by
# another person, that it does not act on (except the two who do).
ACCESS = {
    "operator_a1": WHOLE,  # the operator of the centre that filed it
    "co_a1": WHOLE,  # holds the post the application is with
    "operator_a1b": NONE,  # runs another centre in the same panchayat
    "bdo_a1": LIMITED,  # block officer of the block
    "sdo_a": LIMITED,  # the appellate officer, before any appeal reaches the post
    "department_a": LIMITED,  # department officer of the district
    "dc_a": LIMITED,  # district administrators
    "dio_a": LIMITED,
    "csc_manager_a": LIMITED,
    "inspector_a": LIMITED,  # District Service Provider
    "viewer_a": LIMITED,  # read-only viewer
    "state_admin": LIMITED,
    "engineer_a": NONE,  # network engineer: no citizen's application
}

MOBILE = "9876501234"
LAST4 = VALID_AADHAAR[-4:]

# Field code -> (what the API's ``data`` holds for a whole reader, for a limited one); None:
# left out of ``data`` and named in ``withheld``.
API_DATA: dict[str, tuple[Any, Any]] = {
    "applicant_name": ("सुनीता देवी", "सुनीता देवी"),
    "father_name": ("रामेश्वर महतो", None),
    "date_of_birth": ("1990-01-25", "XX-XX-1990"),
    "mobile": (MOBILE, "XXXXXX1234"),
    "aadhaar": (f"XXXX XXXX {LAST4}", f"XXXX XXXX {LAST4}"),
    "pincode": ("815355", "815355"),
    "annual_income": (72000, None),
    "purpose": ("education", "education"),
}

# Field code -> (text the English page shows a whole reader, a limited one); None: the field's
# value is not on the page at all ("not shown").
PAGE_TEXT: dict[str, tuple[str, str | None]] = {
    "applicant_name": ("सुनीता देवी", "सुनीता देवी"),
    "father_name": ("रामेश्वर महतो", None),
    "date_of_birth": ("25-01-1990", "XX-XX-1990"),
    "mobile": (MOBILE, "XXXXXX1234"),
    "aadhaar": (f"XXXX XXXX {LAST4}", f"XXXX XXXX {LAST4}"),
    "pincode": ("815355", "815355"),
    "annual_income": ("72,000", None),
    "purpose": ("Education", "Education"),
}

SEEING = [role for role, access in ACCESS.items() if access != NONE]
CASES = [(role, code) for role in SEEING for code in API_DATA]


@pytest.fixture
def people(world, apps) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Every persona of ACCESS, by name."""
    other_operator = UserFactory(username="operator_a1b", full_name="Operator A1B")
    grant(other_operator, Role.KIOSK_OPERATOR, world.gp_a1)
    operator = apps.centres.operator_a1b
    operator.user = other_operator
    operator.save(update_fields=["user"])
    extra = {}
    for name, role in [
        ("department_a", Role.DEPARTMENT_OFFICER),
        ("inspector_a", Role.INSPECTOR),
        ("viewer_a", Role.VIEWER),
        ("engineer_a", Role.NETWORK_ENGINEER),
    ]:
        extra[name] = UserFactory(username=name, full_name=name)
        grant(extra[name], role, world.district_a)
    found = {
        "operator_a1": world.operator_a1,
        "co_a1": apps.co_a1,
        "operator_a1b": other_operator,
        "bdo_a1": world.bdo_a1,
        "sdo_a": apps.sdo_a,
        "dc_a": world.dc_a,
        "dio_a": world.dio_a,
        "csc_manager_a": world.csc_manager_a,
        "state_admin": world.state_admin,
        **extra,
    }
    assert set(found) == set(ACCESS)
    return found


@pytest.fixture
def filed(world, apps) -> Application:  # type: ignore[no-untyped-def]
    return file_one(world, apps)


def _api(client, application: Application) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    response = client.get(f"/api/applications/{application.pk}/")
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize(("role", "code"), CASES, ids=[f"{r}-{c}" for r, c in CASES])
def test_each_role_sees_each_field_as_decided(people, filed, client, role, code):
    # given the application filed at centre A1, and a reader of the role
    client.force_login(people[role])
    whole = ACCESS[role] == WHOLE
    # when they read it through the API
    answer = _api(client, filed)
    # then the field is whole, masked or left out as the table says
    expected = API_DATA[code][0 if whole else 1]
    if expected is None:
        assert code not in answer["data"] and code in answer["withheld"]
    else:
        assert answer["data"][code] == expected and code not in answer["withheld"]
    assert answer["disclosure"] == ACCESS[role]
    # and the English page shows the same
    page = client.get(
        reverse("applications:application_detail", args=[filed.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    text = PAGE_TEXT[code][0 if whole else 1]
    if text is None:
        assert PAGE_TEXT[code][0] not in page
    else:
        assert text in page
    if not whole and text != PAGE_TEXT[code][0]:
        assert PAGE_TEXT[code][0] not in page  # the whole value is nowhere on the page


@pytest.mark.parametrize("role", SEEING)
def test_the_mobile_column_and_documents_follow_the_same_rule(people, filed, client, role):
    client.force_login(people[role])
    whole = ACCESS[role] == WHOLE
    answer = _api(client, filed)
    assert answer["mobile"] == (MOBILE if whole else "XXXXXX1234")
    assert answer["aadhaar_last4"] == LAST4
    id_proof = filed.documents.get(code="id_proof")
    url = reverse("applications:document_file", args=[filed.pk, id_proof.pk])
    page = client.get(reverse("applications:application_detail", args=[filed.pk])).content
    # the documents are listed by name to all who see the application; the files only to
    # those who act on it
    assert "Proof of identity" in page.decode()
    assert (url in page.decode()) is whole
    response = client.get(url)
    assert response.status_code == (200 if whole else 403)
    if not whole:
        assert b"%PDF" not in response.content
    # the receipt carries the masked mobile only, for every reader who sees the application
    receipt = client.get(reverse("applications:receipt", args=[filed.pk]))
    assert receipt.status_code == 200


@pytest.mark.parametrize("role", SEEING)
def test_no_full_mobile_anywhere_in_a_limited_readers_api_answers(people, filed, client, role):
    # the serialized body searched for the digits, wherever a field might carry them
    client.force_login(people[role])
    bodies = [
        client.get(f"/api/applications/{filed.pk}/").content.decode(),
        client.get("/api/applications/?limit=100").content.decode(),
        client.get("/api/applications/inbox/").content.decode(),
    ]
    flat = json.dumps([json.loads(b) for b in bodies], ensure_ascii=False)
    if ACCESS[role] == LIMITED:
        assert MOBILE not in flat and "रामेश्वर" not in flat and "72000" not in flat
    else:
        assert MOBILE in flat


@pytest.mark.parametrize("role", list(ACCESS))
def test_the_certificate_pdf_is_for_those_who_act_on_the_application(
    people, world, apps, client, role
):
    application = issue(apps, file_one(world, apps))
    client.force_login(people[role])
    response = client.get(reverse("applications:certificate_pdf", args=[application.pk]))
    assert response.status_code == {WHOLE: 200, LIMITED: 403, NONE: 404}[ACCESS[role]]


@pytest.mark.parametrize("role", [r for r, a in ACCESS.items() if a == NONE])
def test_not_yours_answers_404_like_not_there(people, world, apps, client, role):
    # given an application of centre A1, issued, with its documents
    application = issue(apps, file_one(world, apps))
    document = application.documents.first()
    assert document is not None
    client.force_login(people[role])
    missing = 987654321
    pages = [
        ("applications:application_detail", [application.pk], [missing]),
        ("applications:application_edit", [application.pk], [missing]),
        ("applications:receipt", [application.pk], [missing]),
        ("applications:certificate_pdf", [application.pk], [missing]),
        ("applications:document_file", [application.pk, document.pk], [missing, document.pk]),
    ]
    # then every page of it answers 404, as for one that does not exist
    for name, args, absent in pages:
        theirs = client.get(reverse(name, args=args))
        nobody = client.get(reverse(name, args=absent))
        assert theirs.status_code == nobody.status_code == 404, name
    for url in (f"/api/applications/{application.pk}/", f"/api/applications/{missing}/"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json() == client.get(f"/api/applications/{missing}/").json()
    act = client.post(
        f"/api/applications/{application.pk}/act/",
        {"action": "reject", "target": "rejected", "remark": "x", "version": 1},
        content_type="application/json",
    )
    assert act.status_code == 404
    # and no list shows it (those who see no application are refused the lists)
    listed = client.get("/api/applications/?limit=100")
    assert listed.status_code == 403 or application.pk not in [
        row["id"] for row in listed.json()["items"]
    ]
    kiosk = client.get(reverse("applications:application_list"))
    assert kiosk.status_code == 403 or str(application.number) not in kiosk.content.decode()


def test_an_operator_still_sees_every_application_of_their_own_centres(people, filed, client):
    client.force_login(people["operator_a1"])
    listed = client.get("/api/applications/?limit=100").json()
    assert [row["id"] for row in listed["items"]] == [filed.pk]
