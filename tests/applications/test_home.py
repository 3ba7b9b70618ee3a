"""Each role's home page: the user's own queue first, with counts past the time limit, each
count a link to the rows it counts; the pending report's rows link to their applications; the
state's disposal ranking lists every district."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from degs.accounts.roles import Role
from degs.applications import services
from degs.applications.models import Application
from degs.directory.choices import AreaKind
from tests.applications.conftest import file_one, issue, send_back
from tests.factories import hold, make_area, make_designation, make_post

pytestmark = pytest.mark.django_db


def _past_due(application: Application, days: int = 1) -> None:
    """Put the application's step and its service's time limit ``days`` in the past."""
    past = timezone.localdate() - dt.timedelta(days=days)
    Application.objects.filter(pk=application.pk).update(step_due=past, due_date=past)


def _link(body: str, text: str) -> str:
    """The href of the link whose text holds ``text``."""
    for href, inner in re.findall(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', body, re.S):
        if text in re.sub(r"<[^>]+>", "", inner):
            return href.replace("&amp;", "&")
    raise AssertionError(f"no link with {text!r}")


def _rows(client, url: str, applications: list[Application]) -> set[int]:  # type: ignore[no-untyped-def]
    """Which of ``applications`` the page at ``url`` lists (by their numbers)."""
    page = client.get(url)
    assert page.status_code == 200, url
    body = page.content.decode()
    return {a.pk for a in applications if a.number in body}


def test_the_circle_officers_home_shows_their_queue_first_with_links(world, apps, client_as):
    # Given three applications with the CO's post, two of them past the step's time limit
    filed = [file_one(world, apps) for _ in range(3)]
    _past_due(filed[0])
    _past_due(filed[1], days=3)
    client = client_as(apps.co_a1)
    # When the CO opens the home page
    body = client.get(reverse("dashboards:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # Then the queue comes first, above the area and post figures
    assert body.index("Applications in my inbox") < body.index("My posts")
    assert body.index("Applications in my inbox") < body.index("My areas")
    # (the circle holds no panchayat or centre: no row of zeros for it)
    assert "Service centres in my areas" not in body
    # and each count is a link to the rows it counts
    inbox = _link(body, "past the time limit")
    assert "2 past the time limit" in re.sub(r"<[^>]+>", "", body)
    assert _rows(client, inbox, filed) == {filed[0].pk, filed[1].pk}
    everything = reverse("applications:inbox")
    assert everything in body
    assert _rows(client, everything, filed) == {a.pk for a in filed}


def test_certificates_issued_this_month_count_and_link(world, apps, client_as):
    # Given an application the CO has taken through to a certificate
    application = file_one(world, apps)
    other = file_one(world, apps)
    issue(apps, application)
    application.refresh_from_db()
    assert application.state == "issued"
    client = client_as(apps.co_a1)
    body = client.get(reverse("dashboards:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    link = _link(body, "issued by me this month")
    assert "1 certificate issued by me this month" in re.sub(r"\s+", " ", body)
    assert _rows(client, link, [application, other]) == {application.pk}
    # and the block officer sees the block's certificate figures
    bdo = client_as(world.bdo_a1)
    body = bdo.get(reverse("dashboards:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Certificates issued this month" in body
    issued = next(
        href.replace("&amp;", "&") for href in re.findall(r'href="([^"]*state=issued[^"]*)"', body)
    )
    assert _rows(bdo, issued, [application, other]) == {application.pk}


def test_the_district_sees_pending_and_beyond_the_limit_linked(world, apps, client_as):
    filed = [file_one(world, apps) for _ in range(3)]
    _past_due(filed[2])
    client = client_as(world.dc_a)
    body = client.get(reverse("dashboards:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Applications in my areas" in body
    beyond = next(
        href.replace("&amp;", "&") for href in re.findall(r'href="([^"]*late=1[^"]*)"', body)
    )
    assert _rows(client, beyond, filed) == {filed[2].pk}
    pending = next(
        href.replace("&amp;", "&") for href in re.findall(r'href="([^"]*state=open[^"]*)"', body)
    )
    assert _rows(client, pending, filed) == {a.pk for a in filed}


def test_the_operator_sees_returned_applications_linked(world, apps, client_as):
    returned = file_one(world, apps)
    waiting = file_one(world, apps)
    send_back(apps, returned, "Fix the name")
    services.application_act(
        actor=apps.co_a1,
        application=waiting,
        action="call_for_documents",
        target="documents_called",
        remark="Land record",
        version=waiting.version,
    )
    client = client_as(world.operator_a1)
    body = client.get(reverse("dashboards:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _rows(client, _link(body, "returned for correction"), [returned, waiting]) == {
        returned.pk
    }
    assert _rows(client, _link(body, "awaiting documents"), [returned, waiting]) == {waiting.pk}


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured.captured_queries)


def test_the_circle_officers_home_asks_a_fixed_number_of_queries(world, apps, client_as):
    client = client_as(apps.co_a1)
    file_one(world, apps)
    few = _queries(client, reverse("dashboards:home"))
    for _ in range(6):
        _past_due(file_one(world, apps))
    assert _queries(client, reverse("dashboards:home")) == few
    # The officer's inbox and the other apps' blocks: the network block alone reads a dozen
    # (its counts, this month's uptime, the officer's queue of outages and tests), the figures
    # still owed four (the posts, their elements, the areas, the reports in), each fixed.
    assert few <= 46


def test_the_pending_report_by_officer_links_each_row_to_its_applications(world, apps, client_as):
    filed = [file_one(world, apps) for _ in range(3)]
    _past_due(filed[0])
    client = client_as(world.dc_a)
    body = client.get(
        reverse("applications:report_pending") + "?by=officer", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    row = _link(body, apps.post_co_a1.label)
    assert _rows(client, row, filed) == {a.pk for a in filed}
    beyond = next(
        href.replace("&amp;", "&") for href in re.findall(r'href="([^"]*late=1[^"]*)"', body)
    )
    assert _rows(client, beyond, filed) == {filed[0].pk}


def test_the_states_disposal_ranking_lists_every_district(world, apps, client_as):
    # Given one application decided in district A, none in district B (nor in a third)
    from tests.factories import make_area

    make_area("district", "District C", world.state, name_hi="जिला सी")
    application = file_one(world, apps)
    services.application_act(
        actor=apps.co_a1,
        application=application,
        action="reject",
        target="rejected",
        remark="Not eligible",
        version=application.version,
    )
    body = (
        client_as(world.state_admin)
        .get(reverse("applications:report_disposal"), HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
    rows = re.findall(r"<tr><td>(\d+)</td><td>([^<]+)</td><td[^>]*>(\d+)</td>", body)
    assert [(rank, name, decided) for rank, name, decided in rows] == [
        ("1", "District A", "1"),
        ("2", "District B", "0"),
        ("3", "District C", "0"),
    ]


def test_the_home_page_asks_no_query_per_post_or_area(world, apps, client_as):
    """More blocks under district A, and more posts the circle officer holds: the same queries
    for the DC, the circle officer and the state administrator."""
    file_one(world, apps)
    users = (world.dc_a, apps.co_a1, world.state_admin)
    few = [_queries(client_as(user), reverse("dashboards:home")) for user in users]
    bdo = make_designation("bdo", Role.BLOCK_OFFICER, AreaKind.BLOCK)
    for n in range(4):
        block = make_area(AreaKind.BLOCK, f"Block X{n}", world.district_a)
        make_area(AreaKind.GRAM_PANCHAYAT, f"Panchayat X{n}", block)
        hold(make_post(bdo, block), apps.co_a1)
    assert [_queries(client_as(user), reverse("dashboards:home")) for user in users] == few


def test_the_reports_ask_no_query_per_row(world, apps, client_as):
    """Pending by officer, block and service, and the disposal ranking of the state and of
    district A: as many queries with six posts, blocks and districts as with one."""
    filed = [file_one(world, apps) for _ in range(6)]
    Application.objects.update(decided_on=timezone.localdate())
    pending = reverse("applications:report_pending")
    disposal = reverse("applications:report_disposal")
    pages = [
        (world.dc_a, f"{pending}?by=officer"),
        (world.dc_a, f"{pending}?by=block"),
        (world.dc_a, f"{pending}?by=service"),
        (world.state_admin, disposal),
        (world.dc_a, f"{disposal}?district={world.district_a.pk}"),
    ]
    few = [_queries(client_as(user), url) for user, url in pages]
    bdo = make_designation("bdo", Role.BLOCK_OFFICER, AreaKind.BLOCK)
    for n, application in enumerate(filed[1:]):
        block = make_area(AreaKind.BLOCK, f"Block X{n}", world.district_a)
        Application.objects.filter(pk=application.pk).update(
            assigned_post=make_post(bdo, block), block=block
        )
        make_area(AreaKind.DISTRICT, f"District X{n}", world.state)
    assert [_queries(client_as(user), url) for user, url in pages] == few
