"""Catalogue pages in both languages: the list, a service and its versions, and publishing a new
version through the form, with every refusal shown next to its input and nothing saved."""

from __future__ import annotations

import copy
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from degs.accounts.roles import Role
from degs.catalogue.demo import load_catalogue_demo
from degs.catalogue.demo_definitions import SERVICES
from degs.catalogue.forms import paise_from_rupees
from degs.catalogue.models import Service, ServiceVersion
from degs.directory.choices import AreaKind
from degs.directory.demo import load_designations
from tests.catalogue.conftest import edit, form_data, publish
from tests.factories import UserFactory, grant, make_area
from tests.hindi_crawl import speak

pytestmark = pytest.mark.django_db


# --- reading -----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "hi"])
@pytest.mark.parametrize(
    ("name", "with_pk"),
    [
        ("catalogue:service_list", False),
        ("catalogue:service_create", False),
        ("catalogue:service_detail", True),
        ("catalogue:service_edit", True),
        ("catalogue:version_detail", True),
    ],
)
def test_pages_in_both_languages(world, catalogue, client_as, language, name, with_pk):
    client = speak(client_as(world.state_admin), world.state_admin, language)
    kwargs = {"pk": catalogue.income.pk} if with_pk else {}
    if name == "catalogue:version_detail":
        kwargs["number"] = 1
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    text = response.content.decode()
    assert f'lang="{language}"' in text
    if name != "catalogue:service_create":
        assert ("आय प्रमाण पत्र" in text) == (language == "hi" or "edit" in name)


def test_list_shows_time_limit_fee_and_demo_badge_and_edit_links_only_to_managers(
    world, catalogue, client_as
):
    # given the state's demo service and one own service in each district
    text = client_as(world.bdo_a1).get(reverse("catalogue:service_list")).content.decode()
    # then a block officer sees the state's and their district's services, read only
    assert "Income certificate" in text
    assert "Tree felling permit" in text
    assert "Boat licence" not in text
    assert "Other state" not in text
    assert "30.00" in text
    assert "15 working days" in text
    assert text.count("demo values — confirm before use") == 1
    assert "/edit/" not in text
    assert reverse("catalogue:service_create") not in text
    # the DC of district A may change district A's own service, not the state's
    text = client_as(world.dc_a).get(reverse("catalogue:service_list")).content.decode()
    assert reverse("catalogue:service_edit", args=[catalogue.own_a.pk]) in text
    assert reverse("catalogue:service_edit", args=[catalogue.income.pk]) not in text
    # the state admin sees every district's own services too, and may change them all
    text = client_as(world.state_admin).get(reverse("catalogue:service_list")).content.decode()
    for service in (catalogue.income, catalogue.own_a, catalogue.own_b):
        assert reverse("catalogue:service_edit", args=[service.pk]) in text
    assert "Other state" not in text


def test_list_search(world, catalogue, client_as):
    client = client_as(world.state_admin)
    text = client.get(reverse("catalogue:service_list"), {"q": "boat"}).content.decode()
    assert "Boat licence" in text
    assert "Tree felling permit" not in text


def test_detail_shows_the_whole_definition_and_escapes_the_certificate(world, catalogue, client_as):
    response = client_as(world.bdo_a1).get(
        reverse("catalogue:service_detail", args=[catalogue.income.pk])
    )
    text = response.content.decode()
    assert response.status_code == 200
    for shown in (
        "Right to Service Act",
        "15 working days",
        "365 days",
        "Designation co",
        "Designation sdo",
        "Pragya Kendra operator",
        "22.00",
        "30.00",
        "annual_income",
        "परिवार की वार्षिक आय (₹)",
        "at most 100 characters",
        "Government scheme",
        "self_declaration",
        "Call for documents",
        "Documents called for",
        "At the kiosk",
        "Version 1",
    ):
        assert shown in text, shown
    assert "&lt;h1&gt;{{ service_name }}&lt;/h1&gt;" in text
    assert "<p>{{ applicant_name }}" not in text
    assert reverse("catalogue:service_edit", args=[catalogue.income.pk]) not in text


def test_other_states_district_admin_and_other_districts_get_not_found(world, catalogue, client_as):
    client = client_as(catalogue.other_admin)
    text = client.get(reverse("catalogue:service_list")).content.decode()
    assert "Other state&#x27;s income" in text
    assert "Income certificate" not in text
    service = catalogue.income
    for url in (
        reverse("catalogue:service_detail", args=[service.pk]),
        reverse("catalogue:service_edit", args=[service.pk]),
        reverse("catalogue:version_detail", args=[service.pk, 1]),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code in (404, 405), url
    # a district sees neither another district's own service nor a missing one
    dc = client_as(world.dc_a)
    for pk in (catalogue.own_b.pk, 987654):
        assert dc.get(reverse("catalogue:service_detail", args=[pk])).status_code == 404
        assert dc.get(reverse("catalogue:service_edit", args=[pk])).status_code == 404
    assert (
        dc.get(reverse("catalogue:version_detail", args=[catalogue.own_a.pk, 9])).status_code == 404
    )


def test_anonymous_is_sent_to_sign_in(world, catalogue, client):
    pk = catalogue.income.pk
    for url in (
        reverse("catalogue:service_list"),
        reverse("catalogue:service_create"),
        reverse("catalogue:service_detail", args=[pk]),
        reverse("catalogue:service_edit", args=[pk]),
        reverse("catalogue:version_detail", args=[pk, 1]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login"))


def test_only_administrators_open_the_publishing_form(world, catalogue, client_as):
    for user in (world.bdo_a1, world.csc_manager_a, world.operator_a1):
        client = client_as(user)
        assert client.get(reverse("catalogue:service_create")).status_code == 403
        assert client.post(reverse("catalogue:service_create"), {}).status_code == 403
    client = client_as(world.bdo_a1)
    assert (
        client.get(reverse("catalogue:service_edit", args=[catalogue.own_a.pk])).status_code == 403
    )
    # the DC may change district A's own service, but only read the state's
    client = client_as(world.dc_a)
    assert (
        client.get(reverse("catalogue:service_edit", args=[catalogue.income.pk])).status_code == 403
    )
    assert (
        client.get(reverse("catalogue:service_edit", args=[catalogue.own_a.pk])).status_code == 200
    )


def test_a_user_without_any_area_cannot_read_the_catalogue(world, catalogue, client_as):
    nobody = UserFactory(username="nobody")
    assert client_as(nobody).get(reverse("catalogue:service_list")).status_code == 403


def test_list_query_count_does_not_grow(world, catalogue, client_as, django_assert_max_num_queries):
    client = client_as(world.state_admin)
    url = reverse("catalogue:service_list")
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        assert client.get(url).status_code == 200
    for n in range(15):
        publish(world.district_a, f"service_{n}", name=f"Service {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("catalogue:service_detail", args=[catalogue.income.pk]))


# --- publishing --------------------------------------------------------------------------------


def test_publishing_through_the_page_makes_version_2_and_keeps_version_1(
    world, catalogue, client_as
):
    # given the form as the page fills it from version 1
    client = client_as(world.state_admin)
    url, data = edit(client, catalogue.income)
    assert data["fee"] == "30.00"
    assert data["shares-0-rupees"] == "22.00"
    assert '"annual_income"' in data["fields_json"]
    # when the time limit is shortened, the fee raised to Rs 30.5 and the operator's share too
    data.update(
        time_limit_days="10",
        fee="30.5",
        **{"shares-0-rupees": "22.50"},
        note="Shorter limit, new fee",
    )
    response = client.post(url, data)
    # then version 2 is published and shown
    assert response.status_code == 302
    assert response["Location"] == reverse("catalogue:service_detail", args=[catalogue.income.pk])
    service = Service.objects.get(pk=catalogue.income.pk)
    assert service.current.number == 2
    assert service.current.time_limit_days == 10
    assert service.current.created_by == world.state_admin
    assert service.current.note == "Shorter limit, new fee"
    assert service.current.definition["fee_paise"] == 3050
    assert service.current.definition["shares"][0]["paise"] == 2250
    assert service.is_demo  # the box stayed ticked
    # and version 1 is untouched
    first = service.versions.get(number=1)
    assert first.time_limit_days == 15
    assert first.definition["fee_paise"] == 3000
    assert first.definition == SERVICES[0]["definition"]
    page = client.get(response["Location"]).content.decode()
    assert "Version 2 of the service is published." in page
    assert reverse("catalogue:version_detail", args=[service.pk, 1]) in page
    old = client.get(reverse("catalogue:version_detail", args=[service.pk, 1])).content.decode()
    assert "This is version 1" in old
    assert "15 working days" in old


def test_unchanged_form_needs_only_a_note(world, catalogue, client_as):
    client = client_as(world.state_admin)
    url, data = edit(client, catalogue.income)
    response = client.post(url, data)
    assert response.status_code == 200
    assert "note" in response.context["form"].errors
    data["note"] = "Confirmed"
    data.pop("is_demo")
    assert client.post(url, data).status_code == 302
    service = Service.objects.get(pk=catalogue.income.pk)
    assert service.current.number == 2
    assert not service.is_demo
    assert service.current.definition == SERVICES[0]["definition"]


def test_what_the_citizen_pays_is_edited_and_checked_against_the_fee(world, catalogue, client_as):
    client = client_as(world.state_admin)
    url, data = edit(client, catalogue.income)
    assert data["citizen_fee"] == "10.00"
    data.update(note="Citizen pays more", citizen_fee="40")
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "citizen_fee" in refused.context["form"].errors
    assert ServiceVersion.objects.filter(service=catalogue.income).count() == 1
    data.update(citizen_fee="15")
    assert client.post(url, data).status_code == 302
    assert Service.objects.get(pk=catalogue.income.pk).current.definition["citizen_paise"] == 1500
    url, data = edit(client, catalogue.income)
    data.update(note="Citizen pays all", citizen_fee="")
    assert client.post(url, data).status_code == 302
    assert "citizen_paise" not in Service.objects.get(pk=catalogue.income.pk).current.definition


def test_shares_that_do_not_add_up_are_refused_next_to_the_shares(world, catalogue, client_as):
    client = client_as(world.state_admin)
    url, data = edit(client, catalogue.income)
    data.update(note="x", **{"shares-1-rupees": "4.75"})
    response = client.post(url, data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "The shares add up to ₹30.75, not to the fee of ₹30.00." in text
    assert 'id="shares-errors"' in text
    assert 'value="4.75"' in text
    assert ServiceVersion.objects.filter(service=catalogue.income).count() == 1


def test_a_share_row_error_is_shown_on_its_row(world, catalogue, client_as):
    client = client_as(world.state_admin)
    url, data = edit(client, catalogue.income)
    # a blank row between filled ones is left out: the error still lands on the right row
    data.update(
        note="x",
        **{
            "shares-4-party": "Bad Code",
            "shares-4-label": "Someone",
            "shares-4-rupees": "0",
            "shares-5-party": "typo",
            "shares-5-rupees": "1.234",
        },
    )
    response = client.post(url, data)
    formset = response.context["formset"]
    assert "rupees" in formset.forms[5].errors
    assert "label" in formset.forms[5].errors
    data.update(**{"shares-5-party": "", "shares-5-rupees": ""})
    response = client.post(url, data)
    formset = response.context["formset"]
    assert "party" in formset.forms[4].errors
    assert not formset.forms[0].errors
    assert ServiceVersion.objects.filter(service=catalogue.income).count() == 1


def test_more_rows_for_the_split_without_javascript(world, catalogue, client_as):
    client = client_as(world.state_admin)
    url, data = edit(client, catalogue.income)
    assert data["shares-TOTAL_FORMS"] == "7"  # four shares and three empty rows
    data.update(fee="40", time_limit_days="12", more_rows="1", **{"shares-5-party": "bank"})
    response = client.post(url, data)
    # then the page comes back as typed, three rows longer, unchecked and unpublished
    assert response.status_code == 200
    formset, form = response.context["formset"], response.context["form"]
    assert len(formset.forms) == 10
    assert not form.is_bound
    assert 'value="bank"' in response.content.decode()
    assert 'value="40"' in response.content.decode()
    assert "invalid-feedback" not in response.content.decode()
    assert ServiceVersion.objects.filter(service=catalogue.income).count() == 1
    # and the rest of the split can be typed and published from there
    again = form_data(response)
    assert again["version"] == "1"
    again.update(
        note="Rs 40",
        **{"shares-5-label": "Bank", "shares-5-rupees": "10"},
    )
    assert client.post(url, again).status_code == 302
    assert Service.objects.get(pk=catalogue.income.pk).current.definition["shares"][-1] == {
        "party": "bank",
        "label": "Bank",
        "label_hi": "",
        "paise": 1000,
    }


def test_bad_json_names_the_line_and_keeps_what_was_typed(world, catalogue, client_as):
    client = client_as(world.state_admin)
    url, data = edit(client, catalogue.income)
    broken = '[\n  {"code": "caste", "label": "Caste"\n   "type": "text"}\n]'
    data.update(note="x", fields_json=broken)
    response = client.post(url, data)
    errors = response.context["form"].errors["fields_json"]
    assert any("Line 3, column 4" in e for e in errors)
    text = response.content.decode()
    assert "&quot;type&quot;: &quot;text&quot;}" in text
    assert 'aria-invalid="true"' in text
    assert ServiceVersion.objects.filter(service=catalogue.income).count() == 1
    data["documents_json"] = '{"code": "x"}'
    response = client.post(url, data)
    assert "Give a list" in response.context["form"].errors["documents_json"][0]


def test_definition_errors_land_on_their_inputs(world, catalogue, client_as):
    client = client_as(world.state_admin)
    url, data = edit(client, catalogue.income)
    definition = copy.deepcopy(SERVICES[0]["definition"])
    definition["workflow"]["steps"][6]["target"] = "verified"  # "issue" must lead to issued
    definition["workflow"]["steps"][0]["designation"] = "karmchari"
    definition["fields"][1]["type"] = "colour"
    data.update(
        note="x",
        fee="31",
        workflow_json=json.dumps(definition["workflow"]),
        fields_json=json.dumps(definition["fields"]),
        certificate_template="{{ favourite_colour }}",
    )
    response = client.post(url, data)
    errors = response.context["form"].errors
    assert any("fields[1].type" in e for e in errors["fields_json"])
    assert any(e.startswith("workflow.steps[6].target") for e in errors["workflow_json"])
    assert any("karmchari" in e for e in errors["workflow_json"])
    assert any("favourite_colour" in e for e in errors["certificate_template"])
    assert response.context["formset"].non_form_errors()
    assert ServiceVersion.objects.filter(service=catalogue.income).count() == 1


def test_fee_with_more_than_two_decimals_is_refused(world, catalogue, client_as):
    client = client_as(world.state_admin)
    url, data = edit(client, catalogue.income)
    data.update(note="x", fee="30.505")
    response = client.post(url, data)
    assert "two decimals" in response.context["form"].errors["fee"][0]
    assert 'value="30.505"' in response.content.decode()


def test_a_stale_version_is_refused(world, catalogue, client_as):
    # given the admin opened the form on version 1
    client = client_as(world.state_admin)
    url, data = edit(client, catalogue.income)
    # and someone else published version 2 meanwhile
    publish(world.state, "income_certificate")
    data.update(note="My change", time_limit_days="9")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Someone else changed this record after you opened it" in response.content.decode()
    assert 'value="My change"' in response.content.decode()
    service = Service.objects.get(pk=catalogue.income.pk)
    assert service.current.number == 2
    assert service.current.time_limit_days == 15


def test_a_new_district_service_through_the_page(world, catalogue, client_as):
    client = client_as(world.dc_a)
    url = reverse("catalogue:service_create")
    response = client.get(url)
    areas = list(response.context["form"].fields["area"].queryset)
    assert areas == [world.district_a]
    workflow = json.loads(form_data(response)["workflow_json"])
    for step in workflow["steps"]:
        step["designation"] = "co"
    data = {
        **form_data(response),
        "code": "well_permit",
        "name": "Well permit",
        "name_hi": "कुआँ अनुमति",
        "department": "Drinking Water",
        "law": "Right to Service Act",
        "time_limit_days": "21",
        "designated": "co",
        "fee": "20",
        "shares-0-party": "operator",
        "shares-0-label": "Operator",
        "shares-0-rupees": "15",
        "shares-1-party": "degs",
        "shares-1-label": "DeGS",
        "shares-1-rupees": "5.00",
        "fields_json": '[{"code": "owner", "label": "Owner", "type": "text", "required": true}]',
        "workflow_json": json.dumps(workflow),
        "certificate_template": "{{ owner }} {{ certificate_number }}",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    service = Service.objects.get(code="well_permit")
    assert service.area == world.district_a
    assert service.current.number == 1
    assert service.current.created_by == world.dc_a
    assert [s["paise"] for s in service.current.definition["shares"]] == [1500, 500]
    assert not service.is_demo
    # the same code again is refused on the code, and publishes nothing over the first
    data["name"] = "Another"
    response = client.post(url, data)
    assert "already a service with this code" in response.content.decode()
    assert Service.objects.get(code="well_permit").name == "Well permit"
    # and the DC cannot pick the state or another district
    data.update(area=str(world.state.pk), code="state_try")
    response = client.post(url, data)
    assert "area" in response.context["form"].errors
    assert not Service.objects.filter(code="state_try").exists()


def test_publishing_form_in_hindi_keeps_devanagari(world, catalogue, client_as):
    client = speak(client_as(world.state_admin), world.state_admin, "hi")
    url, data = edit(client, catalogue.income)
    assert "परिवार की वार्षिक आय" in data["fields_json"]  # not \\u escapes
    data.update(note="हिंदी में बदलाव", fee="x")
    response = client.post(url, data)
    text = response.content.decode()
    assert 'lang="hi"' in text
    assert "हिंदी में बदलाव" in text


@pytest.mark.parametrize(
    ("typed", "paise"),
    [("30", 3000), ("30.5", 3050), ("30.50", 3050), ("0.01", 1), ("1,200", 120000), (" 7 ", 700)],
)
def test_rupees_become_paise_exactly(typed, paise):
    assert paise_from_rupees(typed) == paise


@pytest.mark.parametrize("typed", ["30.505", "-5", "abc", "", "1e3", "30,5.5.5"])
def test_rupees_that_are_refused(typed):
    with pytest.raises(ValidationError):
        paise_from_rupees(typed)


def test_the_demo_catalogue_on_the_pages(db, client_as):
    load_designations()
    jharkhand = make_area(AreaKind.STATE, "Jharkhand", lgd_code="20", name_hi="झारखंड")
    admin = UserFactory(username="jh_admin")
    grant(admin, Role.STATE_ADMIN, jharkhand)
    load_catalogue_demo()
    client = client_as(admin)
    text = client.get(reverse("catalogue:service_list")).content.decode()
    assert text.count("demo values — confirm before use") == 4
    for service in Service.objects.all():
        response = client.get(reverse("catalogue:service_detail", args=[service.pk]))
        assert response.status_code == 200
        assert "Demo values: confirm the time limit" in response.content.decode()
        assert client.get(reverse("catalogue:service_edit", args=[service.pk])).status_code == 200
