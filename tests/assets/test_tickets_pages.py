"""The tickets and schedules pages in both languages (no English word on a Hindi page but the
data's), the open form (typed input kept when refused), the steps on a ticket's page, the
list's filters and export, the queue and pending technical cases, and the API."""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from degs.assets.choices import AssetStatus, TicketKind, TicketStatus
from degs.assets.models import Ticket
from degs.assets.services import schedules as sweeps
from degs.assets.services import tickets as svc
from tests.hindi_crawl import data_words, english_words, speak

pytestmark = pytest.mark.django_db
IST = ZoneInfo("Asia/Kolkata")


@pytest.fixture
def tickets(world, kit):  # type: ignore[no-untyped-def]
    """A fault on A1's projector opened on Friday 13 November (long overdue), a technical case
    on the collectorate, resolved ticket on the UPS, and a maintenance schedule."""
    late = svc.ticket_open(
        actor=world.bdo_a1,
        title="Projector shows no picture",
        priority=kit.p1,
        asset=kit.projector_a1,
        opened_at=dt.datetime(2026, 11, 13, 17, tzinfo=IST),
    )
    case = svc.ticket_open(
        actor=world.dio_a,
        title="Server room air conditioning",
        priority=kit.p3,
        office=world.dc_office_a,
        kind=TicketKind.TECHNICAL_CASE,
    )
    done = svc.ticket_open(
        actor=kit.engineer_a, title="UPS beeps", priority=kit.p3, asset=kit.ups_a
    )
    done = svc.ticket_resolve(
        actor=kit.engineer_a,
        ticket=done,
        resolution="Battery replaced",
        vendor=kit.supplier,
        cost_paise=450_000,
    )
    schedule = sweeps.schedule_save(
        actor=world.dio_a,
        title="UPS battery check",
        title_hi="यूपीएस बैटरी जांच",
        priority=kit.p3,
        every_days=90,
        next_due_on=dt.date(2026, 12, 1),
        category=kit.ups,
        area=world.district_a,
    )
    sweeps.escalation_sweep()
    return late, case, done, schedule


@pytest.mark.parametrize("language", ["en", "hi"])
def test_pages_in_both_languages(world, kit, tickets, client_as, language):  # type: ignore[no-untyped-def]
    late, case, done, schedule = tickets
    client = speak(client_as(world.dio_a), world.dio_a, language)
    allowed = data_words() | {"Projector", "shows", "no", "picture", "Server", "room", "air"}
    allowed |= {"conditioning", "UPS", "beeps", "Battery", "replaced", "Jharkhand", "Digital"}
    allowed |= {"Supplies", "Epson", "APC", "Urgent", "Normal", "check", "battery"}
    for url in (
        reverse("assets:ticket_list"),
        reverse("assets:ticket_list") + "?overdue=yes&status=open",
        reverse("assets:ticket_queue"),
        reverse("assets:ticket_pending"),
        reverse("assets:ticket_create"),
        reverse("assets:ticket_create") + f"?asset={kit.projector_a1.pk}",
        reverse("assets:ticket_detail", args=[late.pk]),
        reverse("assets:ticket_detail", args=[case.pk]),
        reverse("assets:ticket_detail", args=[done.pk]),
        reverse("assets:schedule_list"),
        reverse("assets:schedule_create"),
        reverse("assets:schedule_detail", args=[schedule.pk]),
        reverse("assets:schedule_edit", args=[schedule.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'lang="{language}"' in html
        if language == "hi":
            assert english_words(html, allowed) == set(), url


def test_detail_shows_clocks_and_overdue(world, kit, tickets, client_as):  # type: ignore[no-untyped-def]
    late, _case, done, _s = tickets
    html = client_as(world.dio_a).get(late.get_absolute_url()).content.decode()
    assert "Overdue" in html and "working minutes used" in html
    html = client_as(world.dio_a).get(done.get_absolute_url()).content.decode()
    assert "Battery replaced" in html and "4,500.00" in html


def test_list_filters_queue_cases_and_export(world, kit, tickets, client_as):  # type: ignore[no-untyped-def]
    late, case, done, _s = tickets
    client = client_as(world.dio_a)
    url = reverse("assets:ticket_list")
    page = client.get(url, {"overdue": "yes"}).content.decode()
    assert late.get_absolute_url() in page and done.get_absolute_url() not in page
    page = client.get(url, {"tag": "ja-ups-0001"}).content.decode()
    assert done.get_absolute_url() in page and late.get_absolute_url() not in page
    page = client.get(url, {"office": world.office_a1.pk}).content.decode()
    assert late.get_absolute_url() in page and case.get_absolute_url() not in page
    response = client.get(url, {"status": "resolved", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2 and rows[1][0] == str(done.pk) and rows[1][-2] == "4500.0"
    response = client.get(url, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 4
    queue = client_as(kit.engineer_a).get(reverse("assets:ticket_queue")).content.decode()
    assert queue.index(late.get_absolute_url()) < queue.index(case.get_absolute_url())
    assert done.get_absolute_url() not in queue
    cases = client.get(reverse("assets:ticket_pending")).content.decode()
    assert case.get_absolute_url() in cases and late.get_absolute_url() not in cases
    # A block officer is no engineer: no queue.
    assert client_as(world.bdo_a1).get(reverse("assets:ticket_queue")).status_code == 403
    # Outside the district: not found.
    assert client_as(world.bdo_b1).get(late.get_absolute_url()).status_code == 404


def test_open_form_keeps_input_and_sends_for_repair(world, kit, client_as):  # type: ignore[no-untyped-def]
    client = speak(client_as(kit.engineer_a), kit.engineer_a, "hi")
    url = reverse("assets:ticket_create")
    typed = {"tag": "JA-XXX-9999", "title": "Lamp gone", "kind": "fault", "priority": kit.p1.pk}
    response = client.post(url, typed)
    assert response.status_code == 200 and "Lamp gone" in response.content.decode()
    assert not Ticket.objects.exists()
    response = client.post(url, {**typed, "tag": "ja-prj-0001", "send_for_repair": "on"})
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.asset == kit.projector_a1 and ticket.opened_by == kit.engineer_a
    kit.projector_a1.refresh_from_db()
    assert kit.projector_a1.status == AssetStatus.UNDER_REPAIR


def test_steps_on_the_page(world, kit, client_as):  # type: ignore[no-untyped-def]
    ticket = svc.ticket_open(
        actor=kit.engineer_a,
        title="Lamp",
        priority=kit.p1,
        asset=kit.projector_a1,
        send_for_repair=True,
    )
    client = client_as(kit.engineer_a)
    step = reverse("assets:ticket_step", args=[ticket.pk])
    assert client.post(step, {"action": "own", "version": 1}).status_code == 302
    # Stale: the page again, with who changed it.
    response = client.post(step, {"action": "resolve", "version": 1, "remark": "x"})
    assert response.status_code == 400 and "Engineer A changed this" in response.content.decode()
    response = client.post(step, {"action": "resolve", "version": 2, "cost": "12.345"})
    assert response.status_code == 400
    response = client.post(
        step,
        {
            "action": "resolve",
            "version": 2,
            "remark": "Lamp replaced",
            "cost": "1,250",
            "vendor": kit.supplier.pk,
            "back_in_use": "on",
        },
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.RESOLVED and ticket.cost_paise == 125_000
    kit.projector_a1.refresh_from_db()
    assert kit.projector_a1.status == AssetStatus.ISSUED


def test_api(world, kit, client_as):  # type: ignore[no-untyped-def]
    client = client_as(kit.engineer_a)
    response = client.post(
        "/api/assets/tickets/",
        {"asset": kit.projector_a1.pk, "title": "No picture", "priority": kit.p1.pk},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "open" and body["resolve_due_at"] is not None
    pk = body["id"]
    response = client.post(
        f"/api/assets/tickets/{pk}/act/",
        {"action": "own", "version": 1},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "owned"
    response = client.post(
        f"/api/assets/tickets/{pk}/act/",
        {"action": "resolve", "version": 2, "remark": "Cable", "cost_paise": 5000},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["cost_paise"] == 5000
    listed = client.get("/api/assets/tickets/", {"status": "resolved"}).json()
    assert [t["id"] for t in listed["items"]] == [pk]
    assert client.get(f"/api/assets/tickets/{pk}/").json()["resolution"] == "Cable"
    assert client_as(world.bdo_b1).get(f"/api/assets/tickets/{pk}/").status_code == 404
    client = client_as(kit.engineer_a)
    response = client.post(
        "/api/assets/tickets/",
        {"asset": kit.projector_b1.pk, "title": "x", "priority": kit.p1.pk},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert client.get("/api/assets/tickets/technical-cases/").json() == []
    manager = client_as(world.dio_a)
    response = manager.post(
        "/api/assets/schedules/",
        {
            "title": "Projector AMC visit",
            "category": kit.projector.pk,
            "area": world.district_a.pk,
            "every_days": 180,
            "next_due_on": "2027-01-10",
            "priority": kit.p3.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert [s["title"] for s in manager.get("/api/assets/schedules/").json()] == [
        "Projector AMC visit"
    ]


def test_home_shows_the_queue_with_fixed_queries(world, kit, client_as):  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def opened(n: int) -> None:
        for i in range(n):
            svc.ticket_open(
                actor=world.bdo_a1,
                title=f"Fault {i}",
                priority=kit.p1,
                asset=kit.projector_a1,
                opened_at=dt.datetime(2026, 11, 13, 17, tzinfo=IST),
            )

    def queries(user) -> int:  # type: ignore[no-untyped-def]
        client = client_as(user)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("dashboards:home")).status_code == 200
        return len(ctx.captured_queries)

    opened(1)
    few = [queries(kit.engineer_a), queries(world.bdo_a1)]
    opened(5)
    assert [queries(kit.engineer_a), queries(world.bdo_a1)] == few
    html = client_as(kit.engineer_a).get(reverse("dashboards:home")).content.decode()
    assert reverse("assets:ticket_queue") in html and "6 overdue" in html
    html = client_as(world.bdo_a1).get(reverse("dashboards:home")).content.decode()
    assert "Tickets I opened" in html and reverse("assets:ticket_queue") not in html
