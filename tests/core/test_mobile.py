"""One reading of an Indian mobile number, as people write it, for every field that takes one:
the operator's and the centre's (pages, services, imports), a user's, and an application's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from degs.accounts.forms import UserCreateForm
from degs.applications.validation import clean_values
from degs.catalogue.choices import FieldType
from degs.catalogue.definition import Definition, FormField
from degs.centres import importing
from degs.centres import services as centres
from degs.centres.forms import CentreForm, OperatorForm
from degs.core.tabular import Row
from degs.directory.importing import ImportReport

# The same number written the ways it is written on forms, letterheads and phones; each is
# 98765 43210, whose ten digits are read off by eye.
WRITTEN = [
    "9876543210",
    "98765 43210",
    "98765-43210",
    "+91 98765 43210",
    "+91-98765-43210",
    "+91 9876543210",
    "+919876543210",
    "91 98765 43210",
    "919876543210",
    "0091 98765 43210",
    "098765 43210",
    "09876543210",
    " 98765\u00a043210 ",
    "(+91) 98765 43210",
    "९८७६५ ४३२१०",
]
TEN_DIGITS = "9876543210"
# Not a mobile: too short, too long, a landline-like start, another country, letters.
NOT_MOBILE = [
    "98765",
    "98765 4321",
    "98765 432100",
    "58765 43210",
    "+1 98765 43210",
    "+92 98765 43210",
    "0657 243123",
    "9876x43210",
]


def _form_field(form: type, name: str):  # type: ignore[no-untyped-def]
    return form.base_fields[name]


FORM_FIELDS = [(OperatorForm, "mobile"), (CentreForm, "phone"), (UserCreateForm, "mobile")]


@pytest.mark.parametrize(("form", "name"), FORM_FIELDS)
@pytest.mark.parametrize("written", WRITTEN)
def test_every_mobile_form_field_takes_the_number_as_written(form, name, written):
    assert _form_field(form, name).clean(written) == TEN_DIGITS


@pytest.mark.parametrize(("form", "name"), FORM_FIELDS)
@pytest.mark.parametrize("written", NOT_MOBILE)
def test_every_mobile_form_field_refuses_what_is_not_a_mobile(form, name, written):
    with pytest.raises(ValidationError) as refused:
        _form_field(form, name).clean(written)
    assert "10-digit Indian mobile number" in " ".join(refused.value.messages)


def _application_mobile(written: str) -> tuple[object, list[str]]:
    field = FormField(
        code="mobile", label="Mobile", label_hi="मोबाइल", type=FieldType.MOBILE, required=True
    )
    definition = Definition(
        fee_paise=0, shares=(), fields=(field,), documents=(), states=(), steps=()
    )
    cleaned = clean_values(
        definition, {"mobile": written}, today=dt.date(2026, 1, 1), find_area=lambda _v: None
    )
    return cleaned.values.get("mobile"), cleaned.errors.get("mobile", [])


@pytest.mark.parametrize("written", WRITTEN)
def test_an_applications_mobile_takes_the_number_as_written(written):
    assert _application_mobile(written) == (TEN_DIGITS, [])


@pytest.mark.parametrize("written", NOT_MOBILE)
def test_an_applications_mobile_refuses_what_is_not_a_mobile(written):
    value, errors = _application_mobile(written)
    assert value is None and errors


@pytest.mark.parametrize("written", WRITTEN)
def test_an_import_reads_the_number_as_written(written):
    report = ImportReport()
    row = Row(line=2, values={"mobile": written})
    assert importing._check_mobile(row, "mobile", report) == TEN_DIGITS
    assert report.ok


@pytest.mark.parametrize("written", NOT_MOBILE)
def test_an_import_refuses_what_is_not_a_mobile(written):
    report = ImportReport()
    assert importing._check_mobile(Row(line=2, values={"mobile": written}), "mobile", report) == ""
    assert not report.ok


@pytest.mark.django_db
@pytest.mark.parametrize("written", ["+91 98765 43210", "098765-43210"])
def test_the_operator_service_stores_ten_digits(world, written):
    operator = centres.operator_create(
        actor=None, area=world.gp_a1, name="Asha Kumari", mobile=written
    )
    operator.refresh_from_db()
    assert operator.mobile == TEN_DIGITS
