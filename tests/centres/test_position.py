"""Where an inspection was recorded, against the centre: stored, shown, and acknowledged by
whoever approves a closure on it. Distances are checked against R times the angle along a
meridian (WGS84 mean radius), computed here."""

from __future__ import annotations

import math
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from degs.centres import services
from degs.centres.choices import CentreStatus, Decision, InspectionResult, Recommendation
from degs.centres.models import Centre, CentreEvent, Inspection
from degs.core.exceptions import PermissionDenied
from degs.directory import services as directory_services
from degs.directory.models import DistrictSetting
from tests.centres.test_services import ALL_FINE

pytestmark = pytest.mark.django_db

R = 6_371_008.8
JAMTARA = (Decimal("23.960000"), Decimal("86.800000"))


def north_of_jamtara(metres: float) -> tuple[Decimal, Decimal, int]:
    """A point ``metres`` due north of Jamtara town, to six decimals, and its distance."""
    lat = Decimal(str(round(23.96 + math.degrees(metres / R), 6)))
    return lat, JAMTARA[1], round(R * math.radians(float(lat) - 23.96))


@pytest.fixture
def at_jamtara(centres) -> Centre:
    Centre.objects.filter(pk=centres.centre_a1.pk).update(latitude=JAMTARA[0], longitude=JAMTARA[1])
    centres.centre_a1.refresh_from_db()
    return centres.centre_a1


def closure(world, centre: Centre, latitude=None, longitude=None) -> Inspection:
    inspection, _ = services.inspection_record(
        actor=world.csc_manager_a,
        centre=centre,
        client_token=uuid.uuid4(),
        finding=services.Finding(
            answers={**ALL_FINE, "operator_present": "no"},
            result=InspectionResult.NON_FUNCTIONAL,
            recommendation=Recommendation.CLOSURE,
            remarks="Shutter down; operator not found.",
        ),
        latitude=latitude,
        longitude=longitude,
        accuracy_m=20,
    )
    return inspection


def test_seventeen_km_away_is_flagged_with_its_distance(world, at_jamtara):
    lat, lon, expected = north_of_jamtara(17_000)
    inspection = closure(world, at_jamtara, lat, lon)
    assert (inspection.position_check, inspection.distance_m, inspection.distance_limit_m) == (
        "far",
        expected,
        500,
    )
    assert expected == 17_000
    event = CentreEvent.objects.get(centre=at_jamtara, action="inspected")
    assert (event.data["position_check"], event.data["distance_m"]) == ("far", 17_000)


def test_near_the_centre_is_within(world, at_jamtara):
    lat, lon, expected = north_of_jamtara(200)
    inspection = closure(world, at_jamtara, lat, lon)
    assert (inspection.position_check, inspection.distance_m) == ("within", expected)
    assert inspection.position_flagged is False


def test_the_limit_is_the_districts(world, at_jamtara):
    directory_services.district_setting_update(
        actor=world.dc_a, district=world.district_a, version=1, inspection_distance_m=20_000
    )
    lat, lon, _ = north_of_jamtara(17_000)
    inspection = closure(world, at_jamtara, lat, lon)
    assert (inspection.position_check, inspection.distance_limit_m) == ("within", 20_000)


@pytest.mark.parametrize("missing", ["inspection", "centre"])
def test_a_missing_position_is_not_checked_not_passed(world, centres, at_jamtara, missing):
    lat, lon, _ = north_of_jamtara(10)
    if missing == "inspection":
        inspection = closure(world, at_jamtara)
    else:
        inspection = closure(world, centres.centre_a1b, lat, lon)  # a centre without coordinates
    assert (inspection.position_check, inspection.distance_m) == ("not_checked", None)
    assert inspection.position_flagged is True


def test_approving_far_needs_the_acknowledgement_and_changes_nothing_without(world, at_jamtara):
    lat, lon, _ = north_of_jamtara(17_000)
    inspection = closure(world, at_jamtara, lat, lon)
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        services.inspection_decide(
            actor=world.dc_a, inspection=inspection, version=inspection.version, approve=True
        )
    assert "17,000 m" in refused.value.message_dict["acknowledge_position"][0]
    assert "500 m" in refused.value.message_dict["acknowledge_position"][0]
    inspection.refresh_from_db()
    at_jamtara.refresh_from_db()
    assert (inspection.decision, inspection.version) == (Decision.PENDING, 1)
    assert at_jamtara.status == CentreStatus.ACTIVE
    assert not CentreEvent.objects.filter(centre=at_jamtara, action="close").exists()
    services.inspection_decide(
        actor=world.dc_a,
        inspection=inspection,
        version=inspection.version,
        approve=True,
        acknowledge_position=True,
    )
    at_jamtara.refresh_from_db()
    assert at_jamtara.status == CentreStatus.CLOSED
    event = CentreEvent.objects.get(centre=at_jamtara, action="close")
    assert (event.data["position_check"], event.data["distance_m"]) == ("far", 17_000)


def test_declining_needs_no_acknowledgement(world, at_jamtara):
    inspection = closure(world, at_jamtara)
    declined = services.inspection_decide(
        actor=world.dc_a,
        inspection=inspection,
        version=inspection.version,
        approve=False,
        remark="Inspect again with the position.",
    )
    assert declined.decision == Decision.REJECTED


def test_only_the_district_administration_sets_the_limit(world, centres):
    with pytest.raises(PermissionDenied):
        directory_services.district_setting_update(
            actor=world.csc_manager_a,
            district=world.district_a,
            version=1,
            inspection_distance_m=20_000,
        )
    with pytest.raises(ValidationError):
        directory_services.district_setting_update(
            actor=world.dc_a, district=world.district_a, version=1, inspection_distance_m=10
        )
    assert not DistrictSetting.objects.exists()


# --- pages -------------------------------------------------------------------------------------


def speak(client, user, language: str):  # type: ignore[no-untyped-def]
    client.force_login(user)
    client.cookies["degs_language"] = language
    return client


@pytest.mark.parametrize(
    ("language", "heading", "distance"),
    [("en", "Recorded far from the centre", "17,000 m"), ("hi", "केंद्र से दूर दर्ज", "17,000 मीटर")],
)
def test_the_approver_sees_the_warning_in_their_language(
    client, world, at_jamtara, language, heading, distance
):
    lat, lon, _ = north_of_jamtara(17_000)
    inspection = closure(world, at_jamtara, lat, lon)
    page = speak(client, world.dc_a, language).get(
        reverse("centres:inspection_detail", args=[inspection.pk])
    )
    text = page.content.decode()
    assert heading in text and distance in text
    assert 'name="acknowledge_position"' in text
    listed = client.get(reverse("centres:inspections")).content.decode()
    assert 'data-position="far"' in listed and distance in listed


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Tick that you have seen this"), ("hi", "टिक करें")],
)
def test_approving_without_ticking_is_refused_with_a_clear_message(
    client, world, at_jamtara, language, message
):
    lat, lon, _ = north_of_jamtara(17_000)
    inspection = closure(world, at_jamtara, lat, lon)
    url = reverse("centres:inspection_decide", args=[inspection.pk])
    body = {"version": "1", "approve": "1", "order_reference": "DC/A/41", "remark": "Shut."}
    refused = speak(client, world.dc_a, language).post(url, body)
    assert refused.status_code == 400
    text = refused.content.decode()
    assert message in text
    assert 'value="DC/A/41"' in text  # what was typed is kept
    at_jamtara.refresh_from_db()
    assert at_jamtara.status == CentreStatus.ACTIVE
    approved = client.post(url, {**body, "acknowledge_position": "on"})
    assert approved.status_code == 302
    at_jamtara.refresh_from_db()
    assert at_jamtara.status == CentreStatus.CLOSED


def test_district_settings_page(client, world, centres):
    url = reverse("directory:district_settings", args=[world.district_a.pk])
    assert speak(client, world.csc_manager_a, "en").get(url).status_code == 403
    speak(client, world.dc_a, "hi")
    assert "निरीक्षण" in client.get(url).content.decode()
    other = reverse("directory:district_settings", args=[world.district_b.pk])
    assert client.get(other).status_code == 404
    bad = client.post(url, {"version": "1", "inspection_distance_m": "abc"})
    assert bad.status_code == 400
    saved = client.post(url, {"version": "1", "inspection_distance_m": "750"})
    assert saved.status_code == 302
    assert DistrictSetting.objects.get(district=world.district_a).inspection_distance_m == 750
    stale = client.post(url, {"version": "1", "inspection_distance_m": "900"})
    assert stale.status_code == 400
    assert DistrictSetting.objects.get(district=world.district_a).inspection_distance_m == 750
