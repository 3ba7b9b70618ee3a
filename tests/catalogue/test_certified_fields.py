"""A service marks the fields its certificate certifies, and the catalogue refuses to publish a
certificate template that leaves one out: in the service and on the publishing page, in the
user's language, with nothing published and nothing typed lost."""

from __future__ import annotations

import copy
from html import unescape
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from degs.catalogue.definition import parse_definition
from degs.catalogue.demo_definitions import CERTIFICATES, SERVICES
from degs.catalogue.models import ServiceVersion
from tests.catalogue.conftest import edit, publish
from tests.hindi_crawl import speak

pytestmark = pytest.mark.django_db

INCOME = CERTIFICATES["income_certificate"]["certificate"]
INCOME_HI = CERTIFICATES["income_certificate"]["certificate_hi"]


def _definition() -> dict[str, Any]:
    return copy.deepcopy(SERVICES[0]["definition"])


# --- the definition ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "certified"),
    [
        ("income_certificate", {"annual_income", "purpose"}),
        ("caste_certificate", {"caste", "category"}),
        ("residence_certificate", {"years_resident"}),
        ("marriage_certificate", {"spouse_name", "marriage_date"}),
    ],
)
def test_each_demo_service_certifies_its_facts_and_the_holder(code, certified) -> None:
    spec = next(s for s in SERVICES if s["code"] == code)
    marked = {f.code for f in parse_definition(spec["definition"]).certified_fields}
    assert marked == certified | {"applicant_name", "father_name", "village"}


def test_certified_is_true_or_false() -> None:
    definition = _definition()
    definition["fields"][0]["certified"] = "yes"
    with pytest.raises(ValidationError) as refused:
        parse_definition(definition)
    assert "fields[0].certified" in refused.value.message_dict


@pytest.mark.parametrize("code", ["mobile", "aadhaar"])
def test_a_mobile_or_an_aadhaar_number_is_never_certified(code) -> None:
    definition = _definition()
    index = next(i for i, f in enumerate(definition["fields"]) if f["code"] == code)
    definition["fields"][index]["certified"] = True
    with pytest.raises(ValidationError) as refused:
        parse_definition(definition)
    assert f"fields[{index}].certified" in refused.value.message_dict


# --- publishing --------------------------------------------------------------------------------


def test_a_template_without_a_certified_field_is_refused_and_nothing_published(
    world,
    catalogue,
) -> None:
    service = catalogue.income
    before = list(ServiceVersion.objects.filter(service=service).values_list("pk", flat=True))
    without_income = INCOME.replace("{{ annual_income }}", "")
    with pytest.raises(ValidationError) as refused:
        publish(world.state, service.code, certificate_template=without_income, note="x")
    (message,) = refused.value.message_dict["certificate_template"]
    assert "Annual income of the family (₹)" in message and "{{ annual_income }}" in message
    assert "Purpose" not in message  # only what is missing is named
    assert "certificate_template_hi" not in refused.value.message_dict
    service.refresh_from_db()
    assert list(service.versions.values_list("pk", flat=True)) == before
    assert service.current_id == before[-1]


def test_the_refusal_is_in_hindi_for_a_hindi_reader(world, catalogue) -> None:
    without_purpose = INCOME_HI.replace("{{ purpose }}", "")
    with translation.override("hi"), pytest.raises(ValidationError) as refused:
        publish(world.state, "income_certificate", certificate_template_hi=without_purpose)
    (message,) = refused.value.message_dict["certificate_template_hi"]
    assert message.startswith("प्रमाण पत्र में वह नहीं है जो यह सेवा प्रमाणित करती है: प्रयोजन।")


def test_an_expiring_certificate_must_say_until_when(world, catalogue) -> None:
    without_end = INCOME.replace("{{ valid_until }}", "")
    with pytest.raises(ValidationError) as refused:
        publish(world.state, "income_certificate", certificate_template=without_end)
    assert "{{ valid_until }}" in refused.value.message_dict["certificate_template"][0]
    # a certificate that does not expire need not
    version = publish(
        world.state, "income_certificate", certificate_template=without_end, validity_days=None
    )
    assert version.number == 2


@pytest.mark.parametrize(
    "template",
    [
        "",  # the default template, which states them all
        "<h1>{{ service_name }}</h1>{{ certified_facts }}<p>{{ valid_until }}</p>",
    ],
)
def test_the_default_template_and_the_facts_table_state_every_fact(
    world,
    catalogue,
    template,
) -> None:
    version = publish(world.state, "income_certificate", certificate_template=template)
    assert version.certificate_template == template


def test_the_publishing_page_refuses_it_in_hindi_and_keeps_what_was_typed(
    world,
    catalogue,
    client_as,
) -> None:
    client = speak(client_as(world.state_admin), world.state_admin, "hi")
    url, data = edit(client, catalogue.income)
    typed = INCOME.replace("{{ purpose }}", "").replace("{{ annual_income }}", "")
    data.update(note="आय हटाई", certificate_template=typed)
    response = client.post(url, data)
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert (
        "प्रमाण पत्र में वह नहीं है जो यह सेवा प्रमाणित करती है: परिवार की वार्षिक आय (₹), प्रयोजन।"
        " इसमें {{ annual_income }}, {{ purpose }} जोड़ें।"
    ) in page
    assert response.context["form"]["certificate_template"].value() == typed
    assert response.context["form"]["note"].value() == "आय हटाई"
    assert ServiceVersion.objects.filter(service=catalogue.income).count() == 1
