"""Filing reads the district's calendar and posts and the service through each process's memo
(degs.core.memo). A change to any of them applies to the next application filed, not minutes
later; and filing stays within a fixed number of queries."""

from __future__ import annotations

import base64
import datetime as dt
import uuid

import pytest
from django.utils import timezone

from degs.applications.models import Application
from degs.directory.models import Holiday
from degs.directory.selectors import working_calendar
from tests.applications.conftest import PDF, file_one, form_values
from tests.factories import make_post

pytestmark = pytest.mark.django_db


def test_a_holiday_declared_between_two_filings_moves_the_second_due_date(world, apps):
    first = file_one(world, apps)
    today = timezone.localdate()
    calendar = working_calendar(area=world.district_a, start=today, end=first.due_date)
    working = next(
        today + dt.timedelta(days=n)
        for n in range(1, 10)
        if calendar.is_working_day(today + dt.timedelta(days=n))
    )
    Holiday.objects.create(area=world.district_a, date=working, name="Declared today")
    second = file_one(world, apps)
    assert second.due_date > first.due_date


def test_a_post_closed_or_made_between_two_filings_routes_the_next_one(world, apps):
    assert file_one(world, apps).assigned_post == apps.post_co_a1
    apps.post_co_a1.is_active = False
    apps.post_co_a1.save()
    assert file_one(world, apps).assigned_post is None
    nearer = make_post(apps.post_co_a1.designation, world.block_a1)
    assert file_one(world, apps).assigned_post == nearer


def _body(world, apps):  # type: ignore[no-untyped-def]
    content = base64.b64encode(PDF).decode()
    return {
        "centre": apps.centres.centre_a1.pk,
        "service": apps.service.pk,
        "values": form_values(world),
        "documents": [
            {"code": "id_proof", "content_base64": content},
            {"code": "self_declaration", "content_base64": content},
        ],
        "client_token": str(uuid.uuid4()),
    }


def test_a_service_withdrawn_between_two_filings_refuses_the_next(world, apps, client_as):
    client = client_as(world.operator_a1)
    filed = client.post("/api/applications/", _body(world, apps), content_type="application/json")
    assert filed.status_code == 201
    apps.service.is_active = False
    apps.service.save()
    refused = client.post("/api/applications/", _body(world, apps), content_type="application/json")
    assert refused.status_code == 400, refused.content
    assert Application.objects.count() == 1


def test_filing_through_the_api_runs_a_fixed_number_of_queries(
    world, apps, client_as, django_assert_num_queries
):
    client = client_as(world.operator_a1)
    client.post("/api/applications/", _body(world, apps), content_type="application/json")
    # The session and user (2), the user's areas (1), the centre (1), the centre's areas and
    # the chosen village (1), the API's savepoint for the request and the filing's own inside it
    # (2), the application, documents, ledger and event (4), the two releases (2). Service,
    # calendar and posts come from the memo.
    with django_assert_num_queries(13):
        response = client.post(
            "/api/applications/", _body(world, apps), content_type="application/json"
        )
    assert response.status_code == 201
    assert response.json()["events"][0]["kind"] == "filed"
