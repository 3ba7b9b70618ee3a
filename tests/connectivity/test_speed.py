"""Speed tests: recorded by hand (kbps or Mbps, never in the future, on a link the reporter may
report on), listed with filters and exported, and the links whose latest test of the last 30
days is below the committed speed. Expected values worked out by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from degs.accounts.services import api_token_create
from degs.connectivity.models import Link, SpeedTest
from degs.connectivity.selectors import speed as selectors
from degs.connectivity.services import speed as services
from degs.core.exceptions import AlreadyRecorded, OutOfJurisdiction
from tests.hindi_crawl import data_words, english_words, speak

NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=ZoneInfo("Asia/Kolkata"))
DAY = dt.timedelta(days=1)


def _t(link: Link, at: dt.datetime, down: int) -> SpeedTest:
    return SpeedTest.objects.create(link=link, at=at, down_kbps=down)


@pytest.fixture
def tests(net):  # type: ignore[no-untyped-def]
    """Committed speed of links A1, A2 and B1: 10,000 kbps."""
    _t(net.link_a1, NOW - 10 * DAY, 12_000)
    _t(net.link_a1, NOW - 2 * DAY, 8_000)  # latest: 2,000 short
    _t(net.link_a2, NOW - 10 * DAY, 5_000)
    _t(net.link_a2, NOW - 2 * DAY, 10_000)  # latest: exactly committed, not below
    _t(net.link_b1, NOW - 3 * DAY, 2_500)  # latest: 7,500 short (district B)
    return net


def test_links_below_committed_with_the_shortfall(world, tests):
    rows = selectors.links_below_committed(user=world.state_admin, now=NOW)
    assert [(r.circuit_id, r.last_down_kbps, r.shortfall_kbps) for r in rows] == [
        ("BN-A1-001", 8_000, 2_000),
        ("BN-B1-001", 2_500, 7_500),
    ]
    rows = selectors.links_below_committed(user=world.dc_a, now=NOW)
    assert [r.circuit_id for r in rows] == ["BN-A1-001"]
    assert list(selectors.links_below_committed(user=world.bdo_b1, now=NOW)) == list(
        Link.objects.filter(pk=tests.link_b1.pk)
    )


def test_a_test_older_than_the_window_does_not_count(world, net):
    _t(net.link_a1, NOW - 31 * DAY, 1_000)  # 31 days: outside 30
    _t(net.link_a2, NOW - 29 * DAY, 1_000)  # 29 days: inside
    rows = selectors.links_below_committed(user=world.dc_a, now=NOW)
    assert [r.circuit_id for r in rows] == ["BN-A2-001"]


def test_links_out_of_service_are_not_listed(world, net):
    _t(net.link_a1, NOW - DAY, 1_000)
    Link.objects.filter(pk=net.link_a1.pk).update(status="decommissioned")
    assert list(selectors.links_below_committed(user=world.dc_a, now=NOW)) == []


def test_a_link_down_is_still_listed(world, net):
    _t(net.link_a1, NOW - DAY, 1_000)
    Link.objects.filter(pk=net.link_a1.pk).update(status="down")
    assert [
        r.shortfall_kbps for r in selectors.links_below_committed(user=world.dc_a, now=NOW)
    ] == [9_000]


# --- the service -----------------------------------------------------------------------------


def test_record_by_a_reporter_of_the_area(world, net):
    test = services.speed_test_record(
        actor=world.bdo_a1, link=net.link_a1, down_kbps=8_500, up_kbps=2_000, place=" Hall "
    )
    assert (test.recorded_by, test.source, test.place) == (world.bdo_a1, "hand", "Hall")
    assert abs((timezone.now() - test.at).total_seconds()) < 60


def test_record_refusals(world, net):
    with pytest.raises(OutOfJurisdiction):
        services.speed_test_record(actor=world.bdo_a1, link=net.link_a2, down_kbps=1_000)
    with pytest.raises(ValidationError) as error:
        services.speed_test_record(
            actor=world.dio_a, link=net.link_gp_a1, down_kbps=1_000
        )  # planned
    assert "link" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.speed_test_record(
            actor=world.bdo_a1,
            link=net.link_a1,
            down_kbps=1_000,
            at=timezone.now() + dt.timedelta(hours=1),
        )
    assert "at" in error.value.message_dict
    at = timezone.now() - dt.timedelta(minutes=5)
    services.speed_test_record(actor=world.bdo_a1, link=net.link_a1, down_kbps=1_000, at=at)
    with pytest.raises(AlreadyRecorded):
        services.speed_test_record(actor=world.bdo_a1, link=net.link_a1, down_kbps=1_000, at=at)
    assert SpeedTest.objects.count() == 1


# --- pages -----------------------------------------------------------------------------------


def test_form_takes_mbps_and_stores_kbps(world, net, client_as):
    client = client_as(world.bdo_a1)
    when = (timezone.localtime() - dt.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("connectivity:speed_create"),
        {"link": net.link_a1.pk, "unit": "mbps", "down": "8.5", "up": "1.25", "at": when},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    test = SpeedTest.objects.get()
    assert (test.down_kbps, test.up_kbps) == (8_500, 1_250)
    earlier = (timezone.localtime() - dt.timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("connectivity:speed_create"),
        {"link": net.link_a1.pk, "unit": "kbps", "down": "640", "at": earlier},
    )
    assert response.status_code == 302
    assert SpeedTest.objects.order_by("-pk").first().down_kbps == 640  # type: ignore[union-attr]


def test_form_offers_only_the_reporters_links(world, net, client_as):
    client = client_as(world.bdo_a1)
    body = client.get(reverse("connectivity:speed_create")).content.decode()
    assert "BN-A1-001" in body and "BN-A2-001" not in body and "BN-GPA1-001" not in body
    when = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("connectivity:speed_create"),
        {"link": net.link_a2.pk, "unit": "mbps", "down": "8", "at": when},
    )
    assert response.status_code == 200 and not SpeedTest.objects.exists()


def test_a_future_time_is_refused_on_the_form(world, net, client_as):
    when = (timezone.localtime() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client_as(world.bdo_a1).post(
        reverse("connectivity:speed_create"),
        {"link": net.link_a1.pk, "unit": "mbps", "down": "8", "at": when},
    )
    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()


def _recent(net):  # type: ignore[no-untyped-def]
    now = timezone.now()
    _t(net.link_a1, now - 2 * DAY, 8_000)
    _t(net.link_a1, now - 20 * DAY, 11_000)
    _t(net.link_a2, now - 1 * DAY, 9_999)
    _t(net.link_b1, now - 1 * DAY, 3_000)


def test_list_filters_and_export_agree(world, net, client_as):
    _recent(net)
    client = client_as(world.dc_a)
    url = reverse("connectivity:speed_list")
    below = client.get(url + "?below=yes").content.decode()
    assert "8,000" in below and "9,999" in below and "11,000" not in below
    assert "3,000" not in below  # district B
    since = (timezone.localdate() - dt.timedelta(days=5)).isoformat()
    recent = client.get(url + f"?tested_from={since}").content.decode()
    assert "11,000" not in recent and "8,000" in recent
    only_a2 = client.get(url + f"?link={net.link_a2.pk}").content.decode()
    assert "9,999" in only_a2 and "8,000" not in only_a2
    export = client.get(url + "?below=yes&format=csv")
    assert export.status_code == 200
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert sorted(r[4] for r in rows[1:]) == ["8000", "9999"]
    assert client.get(url + "?format=xlsx").status_code == 200


def test_below_committed_page(world, net, client_as):
    _recent(net)
    body = client_as(world.dc_a).get(reverse("connectivity:speed_below")).content.decode()
    # latest of A1 is 8,000 (2,000 short); of A2 9,999 (1 short); B1 is another district
    assert "BN-A1-001" in body and "2,000" in body
    assert "BN-A2-001" in body
    assert "BN-B1-001" not in body


@pytest.mark.parametrize("language", ["en", "hi"])
def test_speed_pages_in_both_languages(world, net, client_as, language):
    _recent(net)
    client = speak(client_as(world.dio_a), world.dio_a, language)
    for name in (
        "connectivity:speed_list",
        "connectivity:speed_create",
        "connectivity:speed_below",
    ):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert f'lang="{language}"' in response.content.decode()


# --- API -------------------------------------------------------------------------------------


def _api(user) -> Client:  # type: ignore[no-untyped-def]
    _token, raw = api_token_create(actor=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_api_records_lists_and_reads(world, net):
    client = _api(world.bdo_a1)
    made = client.post(
        "/api/network/speed-tests/",
        {"link": net.link_a1.pk, "down_kbps": 7_000, "latency_ms": 40},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    assert made.json()["below_committed"] is True
    other = client.post(
        "/api/network/speed-tests/",
        {"link": net.link_a2.pk, "down_kbps": 7_000},
        content_type="application/json",
    )
    assert other.status_code == 422
    items = client.get("/api/network/speed-tests/?below=true&limit=100").json()["items"]
    assert [i["down_kbps"] for i in items] == [7_000]
    one = client.get(f"/api/network/speed-tests/{made.json()['id']}/")
    assert one.status_code == 200
    below = client.get("/api/network/speed-tests/below-committed/").json()["items"]
    assert [(b["link"]["circuit_id"], b["shortfall_kbps"]) for b in below] == [("BN-A1-001", 3_000)]


def test_speed_pages_in_hindi_have_no_english_words(world, net, client_as):
    _recent(net)
    client = speak(client_as(world.dio_a), world.dio_a, "hi")
    for name in (
        "connectivity:speed_list",
        "connectivity:speed_create",
        "connectivity:speed_below",
    ):
        html = client.get(reverse(name)).content.decode()
        assert english_words(html, data_words()) == set(), name
