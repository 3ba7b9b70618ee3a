"""The catalogue (tests/indicators/conftest.py's ``catalogue``): the indicators by domain with
their formulas in words, the indicator form's errors on their fields (an unknown element named),
who may keep the catalogue, targets with a version (two at once keep one and tell the other who),
their scope, a directive following a target, the elements' pages, the API and the Hindi pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from degs.core.exceptions import StaleVersion
from degs.indicators.models import Indicator, Target
from degs.indicators.periods import Period
from degs.indicators.services import catalogue as services
from tests.hindi_crawl import data_words, english_words, speak


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


def test_the_list_shows_each_indicator_under_its_domain_with_its_formula_in_words(
    catalogue, world, client_as
):
    body = client_as(world.bdo_a1).get(reverse("indicators:indicator_list")).content.decode()
    # services_in_time is #{app_disposed_in_time} / #{app_disposed} x 100 (demos/elements.py)
    assert (
        "Applications disposed within time ÷ (Applications disposed) \N{MULTIPLICATION SIGN} 100"
        in body
    )
    assert "#{" not in body
    assert body.index("e-District services") < body.index("Applications disposed within time")
    assert "Add an indicator" not in body  # a block officer does not keep the catalogue


def test_the_indicator_page_shows_formula_direction_and_targets(catalogue, world, client_as):
    indicator = catalogue["indicator:services_pending_late"]
    services.target_set(
        actor=world.dc_a,
        indicator=indicator,
        area=world.district_a,
        period="2026-04",
        value=25,
        version=None,
    )
    body = (
        client_as(world.dc_a)
        .get(reverse("indicators:indicator_detail", args=[indicator.pk]))
        .content.decode()
    )
    assert "Applications pending beyond the time limit" in body
    assert "lower" in body  # higher_is_better False
    assert "District A" in body and "25" in body and "Set a target" in body


def _indicator_data(**values: str) -> dict[str, str]:
    data = {
        "code": "epos_share",
        "name": "Ration shops on ePoS",
        "name_hi": "ई-पॉस पर राशन दुकानें",
        "domain": "indicators",
        "numerator": "#{fps_on_epos}",
        "denominator": "#{fps_total}",
        "factor": "100",
        "decimals": "0",
        "position": "10",
        "higher_is_better": "on",
        "is_active": "on",
    }
    data.update(values)
    return data


def test_the_state_adds_an_indicator(catalogue, world, client_as):
    response = client_as(world.state_admin).post(
        reverse("indicators:indicator_create"), _indicator_data()
    )
    assert response.status_code == 302
    made = Indicator.objects.get(code="epos_share")
    assert (made.numerator, made.denominator, made.factor) == (
        "#{fps_on_epos}",
        "#{fps_total}",
        100,
    )
    assert made.history.get().history_user == world.state_admin


def test_an_unknown_element_is_named_on_its_field(catalogue, world, client_as):
    data = _indicator_data(denominator="#{fps_total} + #{no_such_shop}")
    response = client_as(world.state_admin).post(reverse("indicators:indicator_create"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["denominator"] == ["No data element has the code no_such_shop."]
    assert "numerator" not in form.errors
    assert not Indicator.objects.filter(code="epos_share").exists()


def test_a_formula_that_is_not_arithmetic_is_refused_on_its_field(catalogue, world, client_as):
    data = _indicator_data(numerator="#{fps_on_epos} +")
    response = client_as(world.state_admin).post(reverse("indicators:indicator_create"), data)
    assert response.context["form"].errors["numerator"] == [
        "The formula is not complete arithmetic."
    ]


def test_the_formula_error_is_in_the_users_language(catalogue, world, client_as):
    client = speak(client_as(world.state_admin), world.state_admin, "hi")
    data = _indicator_data(numerator="#{no_such_shop}")
    response = client.post(reverse("indicators:indicator_create"), data)
    message = response.context["form"].errors["numerator"][0]
    assert "no_such_shop" in message and "डेटा" in message


def test_a_district_may_not_change_the_states_catalogue(catalogue, world, client_as):
    client = client_as(world.dc_a)
    assert client.get(reverse("indicators:indicator_create")).status_code == 403
    indicator = catalogue["indicator:services_received"]
    assert client.get(reverse("indicators:indicator_edit", args=[indicator.pk])).status_code == 403
    element = catalogue["element:fps_total"]
    assert client.get(reverse("indicators:element_edit", args=[element.pk])).status_code == 403


# --- targets -----------------------------------------------------------------------------------


def test_two_people_setting_one_target_keep_one_and_the_other_is_told_who(catalogue, world):
    indicator = catalogue["indicator:aadhaar_enrolments"]
    first = services.target_set(
        actor=world.dc_a,
        indicator=indicator,
        area=world.block_a1,
        period="2026-27-Q1",
        value=500,
        version=None,
    )
    assert (first.version, first.period, first.value) == (
        1,
        Period(dt.date(2026, 4, 1), "quarter"),
        Decimal(500),
    )
    # The DIO opened the form before the DC saved: they saw no target.
    with pytest.raises(StaleVersion) as raised:
        services.target_set(
            actor=world.dio_a,
            indicator=indicator,
            area=world.block_a1,
            period="2026-27-Q1",
            value=600,
            version=None,
        )
    assert "DC A" in str(raised.value.message)
    assert Target.objects.get().value == Decimal(500)
    second = services.target_set(
        actor=world.dio_a,
        indicator=indicator,
        area=world.block_a1,
        period="2026-27-Q1",
        value=600,
        version=1,
    )
    assert (second.version, second.value, second.set_by) == (2, Decimal(600), world.dio_a)


def test_the_stale_target_is_said_on_the_form(catalogue, world, client_as):
    indicator = catalogue["indicator:aadhaar_enrolments"]
    services.target_set(
        actor=world.dio_a,
        indicator=indicator,
        area=world.district_a,
        period="2026-04",
        value=7,
        version=None,
    )
    response = client_as(world.dc_a).post(
        reverse("indicators:target_set", args=[indicator.pk]),
        {"area": world.district_a.pk, "period": "2026-04", "value": "8", "version": ""},
    )
    assert response.status_code == 200
    said = " ".join(response.context["form"].non_field_errors())
    assert "DIO A" in said
    assert Target.objects.get().value == Decimal(7)


def test_a_bad_period_is_a_clear_error_on_its_field(catalogue, world, client_as):
    indicator = catalogue["indicator:aadhaar_enrolments"]
    response = client_as(world.dc_a).post(
        reverse("indicators:target_set", args=[indicator.pk]),
        {"area": world.district_a.pk, "period": "April 2026", "value": "8"},
    )
    assert response.context["form"].errors["period"] == [
        "Write the period as a month (2026-04), a quarter (2026-27-Q1) or a financial year "
        "(2026-27)."
    ]
    assert not Target.objects.exists()


def test_targets_are_set_only_in_the_users_areas(catalogue, world, client_as):
    indicator = catalogue["indicator:aadhaar_enrolments"]
    response = client_as(world.dc_a).post(
        reverse("indicators:target_set", args=[indicator.pk]),
        {"area": world.district_b.pk, "period": "2026-04", "value": "8"},
    )
    assert "area" in response.context["form"].errors
    with pytest.raises(Exception) as raised:
        services.target_set(
            actor=world.dc_a,
            indicator=indicator,
            area=world.block_b1,
            period="2026-04",
            value=8,
            version=None,
        )
    assert type(raised.value).__name__ in {"OutOfJurisdiction", "Http404"}
    assert (
        client_as(world.bdo_a1)
        .get(reverse("indicators:target_set", args=[indicator.pk]))
        .status_code
        == 403
    )
    with pytest.raises(ValidationError):
        services.target_set(
            actor=world.dc_a,
            indicator=indicator,
            area=world.gp_a1,
            period="2026-04",
            value=8,
            version=None,
        )


def test_a_target_of_another_block_answers_404(catalogue, world, client_as):
    target = services.target_set(
        actor=world.dc_a,
        indicator=catalogue["indicator:aadhaar_enrolments"],
        area=world.block_a1,
        period="2026-04",
        value=8,
        version=None,
    )
    url = reverse("indicators:target_detail", args=[target.pk])
    assert client_as(world.bdo_b1).get(url).status_code == 404
    assert client_as(world.bdo_a1).get(url).status_code == 200


def test_a_directive_follows_a_target(catalogue, world, client_as):
    from degs.reviews import services as reviews

    committee = reviews.committee_create(
        actor=None, area=world.district_a, kind="executive", name="DeGS", chair_post=world.post_dc_a
    )
    meeting = reviews.meeting_create(actor=None, committee=committee, date=timezone.localdate())
    directive = reviews.directive_create(
        actor=None,
        meeting=meeting,
        text="Enrol every child in Aadhaar",
        lead_post=world.post_bdo_a1,
        deadline_phrase="within a month",
    )
    target = services.target_set(
        actor=world.dc_a,
        indicator=catalogue["indicator:aadhaar_enrolments"],
        area=world.district_a,
        period="2026-04",
        value=300,
        version=None,
    )
    client = client_as(world.dc_a)
    response = client.post(
        reverse("indicators:target_follow", args=[target.pk]), {"directive": directive.pk}
    )
    assert response.status_code == 302
    directive.refresh_from_db()
    assert directive.target == target
    page = client.get(reverse("indicators:target_detail", args=[target.pk])).content.decode()
    assert reverse("reviews:directive_detail", args=[directive.pk]) in page
    indicator_page = client.get(
        reverse("indicators:indicator_detail", args=[target.indicator_id])
    ).content.decode()
    assert reverse("reviews:directive_detail", args=[directive.pk]) in indicator_page


# --- elements ----------------------------------------------------------------------------------


def test_a_computed_elements_page_names_its_figure_source(catalogue, world, client_as):
    from degs.core.figures import figure_source

    element = catalogue["element:app_pending_beyond_limit"]
    source = figure_source("applications.pending_beyond_limit")
    body = (
        client_as(world.bdo_a1)
        .get(reverse("indicators:element_detail", args=[element.pk]))
        .content.decode()
    )
    if source is not None:
        assert str(source.label) in body
    assert "Pending beyond the time limit" in body  # the indicator that reads it


def test_an_entered_elements_page_says_who_reports_it_where_and_when(catalogue, world, client_as):
    element = catalogue["element:pmgdisha_enrolled"]
    body = (
        client_as(world.bdo_a1)
        .get(reverse("indicators:element_detail", args=[element.pk]))
        .content.decode()
    )
    assert "Gram panchayat" in body and "Women, Men, Transgender persons" in body
    assert ">10<" in body  # due days


def test_the_state_adds_a_data_element(catalogue, world, client_as):
    response = client_as(world.state_admin).post(
        reverse("indicators:element_create"),
        {
            "code": "istart_pitches",
            "name": "iStart pitches",
            "name_hi": "आईस्टार्ट प्रस्तुतियां",
            "domain": "indicators",
            "source": "entered",
            "period_type": "month",
            "over_time": "sum",
            "disaggregation": "",
            "entry_level": "district",
            "due_days": "10",
            "whole_numbers": "on",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert (
        catalogue["element:istart_mentees"].__class__.objects.filter(code="istart_pitches").exists()
    )


# --- the API -----------------------------------------------------------------------------------


def test_the_api_sets_a_target_and_answers_409_on_a_stale_version(catalogue, world, client_as):
    client = client_as(world.dc_a)
    indicator = catalogue["indicator:aadhaar_enrolments"]
    body = {"indicator": indicator.pk, "area": world.district_a.pk, "period": "2026-04", "value": 5}
    first = client.post("/api/figures/targets/", body, content_type="application/json")
    assert first.status_code == 200, first.content
    assert (first.json()["version"], first.json()["period"]) == (1, "2026-04")
    again = client.post("/api/figures/targets/", body, content_type="application/json")
    assert again.status_code == 409
    assert "DC A" in again.json()["detail"]
    listed = client.get("/api/figures/targets/").json()
    assert [t["id"] for t in listed["items"]] == [first.json()["id"]]
    assert client_as(world.bdo_b1).get("/api/figures/targets/").json()["items"] == []
    other = client.post(
        "/api/figures/targets/",
        {**body, "area": world.district_b.pk},
        content_type="application/json",
    )
    assert other.status_code == 422


def test_the_api_lists_elements_and_indicators(catalogue, world, client_as):
    client = client_as(world.bdo_a1)
    elements = client.get("/api/figures/elements/?limit=100").json()["items"]
    assert len(elements) == 25  # 11 entered + 14 computed (demos/elements.py)
    indicators = client.get("/api/figures/indicators/?limit=100").json()["items"]
    assert len(indicators) == 18
    one = catalogue["indicator:services_in_time"]
    got = client.get(f"/api/figures/indicators/{one.pk}/").json()
    assert (got["numerator"], got["denominator"], got["factor"]) == (
        "#{app_disposed_in_time}",
        "#{app_disposed}",
        100,
    )


# --- Hindi ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["indicator_list", "indicator_detail", "element_list", "element_detail", "target"]
)
def test_pages_in_hindi_have_no_english_words(catalogue, world, client_as, name):
    target = services.target_set(
        actor=world.dc_a,
        indicator=catalogue["indicator:aadhaar_enrolments"],
        area=world.district_a,
        period="2026-04",
        value=8,
        version=None,
    )
    url = {
        "indicator_list": reverse("indicators:indicator_list"),
        "indicator_detail": reverse(
            "indicators:indicator_detail", args=[catalogue["indicator:services_in_time"].pk]
        ),
        "element_list": reverse("indicators:element_list"),
        "element_detail": reverse(
            "indicators:element_detail", args=[catalogue["element:pmgdisha_enrolled"].pk]
        ),
        "target": reverse("indicators:target_detail", args=[target.pk]),
    }[name]
    client = speak(client_as(world.dc_a), world.dc_a, "hi")
    body = client.get(url).content.decode()
    assert english_words(body, data_words()) == set()


@pytest.mark.parametrize(
    ("name", "who"),
    [
        ("indicators:indicator_create", "state_admin"),
        ("indicators:element_create", "state_admin"),
        ("indicators:target_set", "dc_a"),
        ("indicators:import_values", "dc_a"),
    ],
)
def test_forms_in_hindi_have_no_english_words(catalogue, world, client_as, name, who):
    user = getattr(world, who)
    client = speak(client_as(user), user, "hi")
    args = [catalogue["indicator:services_in_time"].pk] if name == "indicators:target_set" else []
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    assert english_words(response.content.decode(), data_words()) == set()
