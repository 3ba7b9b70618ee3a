"""An application's form values are text: a list, object or true/false sent
through the API is refused with a message on its field, never stored as its Python spelling
("['a']"); a number field also takes a JSON whole number; strings keep working."""

from __future__ import annotations

import base64
import datetime as dt
import uuid

import pytest

from degs.applications.models import Application
from degs.applications.validation import clean_values
from degs.catalogue.definition import parse_definition
from degs.catalogue.demo_definitions import SERVICES
from tests.applications.conftest import PDF, form_values

DEFINITION = parse_definition(SERVICES[0]["definition"])
NOT_TEXT = [["a"], {"a": "b"}, True, False, 1.5, ["सुनीता"]]


def _clean(**values: object):
    return clean_values(
        DEFINITION,
        values,
        today=dt.date(2026, 12, 1),
        find_area=lambda key: {"id": key, "name": "x", "name_hi": "x"},
    )


@pytest.mark.parametrize("wrong", [*NOT_TEXT, 5], ids=repr)
def test_a_text_field_refuses_what_is_not_text(wrong) -> None:
    cleaned = _clean(applicant_name=wrong)
    assert "applicant_name" not in cleaned.values
    assert cleaned.errors["applicant_name"] == [
        "Give text here (in quotes), not a list, object, number or true/false."
    ]


@pytest.mark.parametrize("wrong", NOT_TEXT, ids=repr)
def test_every_kind_of_field_refuses_what_is_not_text(wrong) -> None:
    """Each field of the demo service (text, date, number, choice, area, mobile, PIN, Aadhaar)."""
    codes = [f.code for f in DEFINITION.fields if f.type != "file"]
    cleaned = _clean(**dict.fromkeys(codes, wrong))
    assert set(cleaned.errors) == set(codes) and not cleaned.values


def test_a_number_field_takes_a_json_number_and_strings_keep_working() -> None:
    assert _clean(annual_income=72000).values["annual_income"] == 72000
    assert _clean(annual_income="72,000").values["annual_income"] == 72000
    assert _clean(applicant_name="सुनीता देवी").values["applicant_name"] == "सुनीता देवी"
    assert "applicant_name" in _clean(applicant_name="a\x00b").errors


@pytest.mark.django_db
@pytest.mark.parametrize("wrong", [["a"], {"first": "a"}, 7, True, "a\x00b"], ids=repr)
def test_the_api_answers_422_on_the_field_and_files_nothing(world, apps, client_as, wrong):
    body = {
        "centre": apps.centres.centre_a1.pk,
        "service": apps.service.pk,
        "values": form_values(world, applicant_name=wrong),
        "documents": [
            {"code": "id_proof", "content_base64": base64.b64encode(PDF).decode()},
            {"code": "self_declaration", "content_base64": base64.b64encode(PDF).decode()},
        ],
        "client_token": str(uuid.uuid4()),
    }
    client = client_as(world.operator_a1)
    response = client.post("/api/applications/", body, content_type="application/json")
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["applicant_name"]
    assert not Application.objects.exists()
    body["values"]["applicant_name"] = "सुनीता देवी"
    assert (
        client.post("/api/applications/", body, content_type="application/json").status_code == 201
    )
