"""The outages pages in both languages (no English word on a Hindi page but the data's), the
report form (links offered, typed input kept when refused, the open outage named), the steps on
an outage's page, the list's filters and export, and the API."""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from degs.connectivity.choices import DetectedBy, LinkStatus, OutageStatus, Resolution
from degs.connectivity.models import Outage
from degs.connectivity.services import outages as services
from degs.directory.choices import SaturdayRule
from tests.hindi_crawl import data_words, english_words, speak

pytestmark = pytest.mark.django_db
IST = ZoneInfo("Asia/Kolkata")


@pytest.fixture
def down(net, world):  # type: ignore[no-untyped-def]
    """Link A1 down since Friday 13 November 2026, 17:00; A2 restored after 3 h 20 min."""
    world.state.saturdays_off = SaturdayRule.SECOND_FOURTH
    world.state.save(update_fields=["saturdays_off"])
    open_one = services.outage_open(
        actor=net.engineer_a,
        link=net.link_a1,
        detected_by=DetectedBy.ENGINEER,
        started_at=dt.datetime(2026, 11, 13, 17, tzinfo=IST),
        cause="fibre_cut",
        description="Fibre cut near the bridge",
    )
    closed = services.outage_open(
        actor=net.engineer_a,
        link=net.link_a2,
        detected_by=DetectedBy.OFFICE,
        started_at=dt.datetime(2026, 11, 20, 10, tzinfo=IST),
        cause="power",
    )
    closed = services.outage_restore(
        actor=net.engineer_a,
        outage=closed,
        resolution=Resolution.POWER_RESTORED,
        remark="Generator",
        restored_at=dt.datetime(2026, 11, 20, 13, 20, tzinfo=IST),
    )
    return open_one, closed


@pytest.mark.parametrize("language", ["en", "hi"])
def test_pages_in_both_languages(world, net, down, client_as, language):  # type: ignore[no-untyped-def]
    open_one, closed = down
    services.escalation_sweep(now=dt.datetime(2026, 11, 16, 11, tzinfo=IST))
    client = speak(client_as(world.dio_a), world.dio_a, language)
    allowed = data_words()
    for url in (
        reverse("connectivity:outage_list"),
        reverse("connectivity:outage_list") + "?is_open=yes&overdue=yes",
        reverse("connectivity:outage_create"),
        reverse("connectivity:outage_detail", args=[open_one.pk]),
        reverse("connectivity:outage_detail", args=[closed.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'lang="{language}"' in html
        if language == "hi":
            assert english_words(html, allowed) == set(), url


def test_detail_says_how_long_and_whether_the_clocks_were_met(world, net, down, client_as):  # type: ignore[no-untyped-def]
    _, closed = down
    html = client_as(world.dio_a).get(closed.get_absolute_url()).content.decode()
    # 10:00 to 13:20 on Friday 20 November: 3 h 20 min; respond by 12:00 (restored first, at
    # 13:20: missed), restore by 18:00: met.
    assert "was down for 3 h 20 min" in html
    assert "20-11-2026 12:00 —" in html and "missed (20-11-2026 13:20)" in html
    assert "20-11-2026 18:00 —" in html and "met (20-11-2026 13:20)" in html


def test_list_filters_and_export(world, net, down, client_as):  # type: ignore[no-untyped-def]
    client = client_as(world.dio_a)
    url = reverse("connectivity:outage_list")
    html = client.get(url, {"is_open": "yes"}).content.decode()
    assert "BN-A1-001" in html and "BN-A2-001" not in html
    html = client.get(url, {"cause": "power"}).content.decode()
    assert "BN-A2-001" in html and "BN-A1-001" not in html
    html = client.get(url, {"area": world.block_a2.pk}).content.decode()
    assert "BN-A2-001" in html and "BN-A1-001" not in html
    # Overdue: A1's clocks ran out on 16 November; A2 acknowledged late (restored 13:20, respond
    # by 12:00) counts as late only through its restore, which was in time: not overdue.
    html = client.get(url, {"overdue": "yes"}).content.decode()
    assert "BN-A1-001" in html and "BN-A2-001" not in html
    rows = list(csv.reader(io.StringIO(client.get(url, {"format": "csv"}).content.decode())))
    assert len(rows) == 3 and {rows[1][1], rows[2][1]} == {"BN-A1-001", "BN-A2-001"}
    down_for = {r[1]: r[11] for r in rows[1:]}
    assert down_for["BN-A2-001"] == "3 h 20 min"
    book = load_workbook(io.BytesIO(client.get(url, {"format": "xlsx", "is_open": "no"}).content))
    values = list(book.active.values)
    assert len(values) == 2 and values[1][1] == "BN-A2-001"
    # The BDO of A1 sees A1's only.
    html = client_as(world.bdo_a1).get(url).content.decode()
    assert "BN-A1-001" in html and "BN-A2-001" not in html


def test_report_form_offers_own_links_and_records(world, net, client_as):  # type: ignore[no-untyped-def]
    client = client_as(world.bdo_a1)
    url = reverse("connectivity:outage_create")
    html = client.get(url, {"link": net.link_a1.pk}).content.decode()
    assert "BN-A1-001" in html and "BN-A2-001" not in html and "BN-B1-001" not in html
    assert f'value="{net.link_a1.pk}" selected' in html
    response = client.post(
        url,
        {
            "link": net.link_a1.pk,
            "started_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "cause": "power",
            "description": "No light on the ONT",
            "detected_by": "office",
            "provider_reference": "",
        },
    )
    outage = Outage.objects.get(link=net.link_a1)
    assert response.status_code == 302 and response["Location"] == outage.get_absolute_url()
    assert outage.detected_by == DetectedBy.OFFICE and outage.reported_by == world.bdo_a1
    net.link_a1.refresh_from_db()
    assert net.link_a1.status == LinkStatus.DOWN


def test_report_form_refused_keeps_what_was_typed_and_names_the_open_one(world, net, client_as):  # type: ignore[no-untyped-def]
    first = services.outage_open(actor=None, link=net.link_a1, detected_by=DetectedBy.PROBE)
    client = speak(client_as(net.engineer_a), net.engineer_a, "hi")
    # A link already down is no longer offered; posted anyway (a form drawn before), the
    # choice is refused. Through the service, the sentence names the open outage.
    response = client.post(
        reverse("connectivity:outage_create"),
        {
            "link": net.link_a2.pk,
            "started_at": "2999-01-01T10:00",
            "cause": "equipment",
            "description": "ONT बदला जाना है",
            "detected_by": "engineer",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "ONT बदला जाना है" in html
    assert "2999-01-01T10:00" in html
    assert not Outage.objects.filter(link=net.link_a2).exists()
    assert first.pk


def test_steps_on_the_page(world, net, down, client_as):  # type: ignore[no-untyped-def]
    open_one, _ = down
    client = client_as(net.engineer_a)
    step = reverse("connectivity:outage_step", args=[open_one.pk])
    html = client.get(open_one.get_absolute_url()).content.decode()
    assert 'value="acknowledge"' in html and 'value="restore"' in html
    assert 'value="cancel"' not in html  # managers only
    response = client.post(
        step, {"action": "acknowledge", "version": 1, "provider_reference": "DKT-77"}
    )
    assert response.status_code == 302
    # Restore without a remark: refused, the page again with the choice kept.
    response = client.post(
        step, {"action": "restore", "version": 2, "resolution": "replaced", "remark": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="replaced" selected' in html
    # Someone else's change: an old version is refused naming who.
    response = client.post(
        step,
        {"action": "restore", "version": 1, "resolution": "replaced", "remark": "New ONT"},
    )
    assert response.status_code in (400, 409)
    assert "Network Engineer A" in response.content.decode()
    response = client.post(
        step,
        {"action": "restore", "version": 2, "resolution": "replaced", "remark": "New ONT"},
    )
    assert response.status_code == 302
    open_one.refresh_from_db()
    assert open_one.status == OutageStatus.RESTORED and open_one.provider_reference == "DKT-77"
    # Out of reach: the engineer of district B gets 404.
    assert (
        client_as(net.engineer_b).post(step, {"action": "cancel", "version": 3}).status_code == 404
    )


# --- the API ---------------------------------------------------------------------------------


def test_api_open_acknowledge_restore(world, net, client_as):  # type: ignore[no-untyped-def]
    client = client_as(net.engineer_a)
    response = client.post(
        "/api/network/outages/",
        {"link": net.link_a1.pk, "cause": "fibre_cut", "description": "Cut"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "open" and body["link"]["circuit_id"] == "BN-A1-001"
    assert body["respond_due_at"] is not None
    pk = body["id"]
    again = client.post(
        "/api/network/outages/", {"link": net.link_a1.pk}, content_type="application/json"
    )
    assert again.status_code == 422 and f"no. {pk}" in again.content.decode()
    response = client.post(
        f"/api/network/outages/{pk}/acknowledge/",
        {"version": 1, "provider_reference": "D-1"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "acknowledged"
    response = client.post(
        f"/api/network/outages/{pk}/restore/",
        {"version": 2, "resolution": "repaired", "remark": "Spliced"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "restored"
    listed = client.get("/api/network/outages/", {"is_open": "false"}).json()
    assert [o["id"] for o in listed["items"]] == [pk]
    assert client.get(f"/api/network/outages/{pk}/").json()["resolution"] == "repaired"


def test_api_refusals(world, net, client_as):  # type: ignore[no-untyped-def]
    outage = services.outage_open(actor=None, link=net.link_a1, detected_by=DetectedBy.PROBE)
    client = client_as(net.engineer_b)
    assert client.get(f"/api/network/outages/{outage.pk}/").status_code == 404
    response = client.post(
        "/api/network/outages/", {"link": net.link_a1.pk}, content_type="application/json"
    )
    assert response.status_code == 404
    response = client_as(net.engineer_a).post(
        f"/api/network/outages/{outage.pk}/cancel/",
        {"remark": "not one"},
        content_type="application/json",
    )
    assert response.status_code == 403
    response = client_as(world.dio_a).post(
        f"/api/network/outages/{outage.pk}/cancel/",
        {"remark": "Wrong report"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "cancelled"


def test_list_queries_do_not_grow_with_rows(world, net, client_as):  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from degs.connectivity.models import Link

    client = client_as(world.dio_a)
    url = reverse("connectivity:outage_list")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    services.outage_open(actor=None, link=net.link_a1, detected_by=DetectedBy.PROBE)
    one = count()
    for i in range(6):
        link = Link.objects.create(
            provider=net.bsnl,
            sla=net.sla,
            circuit_id=f"BN-A2-1{i}",
            kind="broadband",
            committed_kbps=1000,
            office=world.office_a2,
            area=world.block_a2,
            status=LinkStatus.ACTIVE,
        )
        services.outage_open(actor=None, link=link, detected_by=DetectedBy.PROBE)
    assert count() == one
