"""Reviews API: create, list with filters, transition, updates; scoped; clear errors."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from degs.reviews.models import Directive, Meeting


def test_meeting_and_directive_through_the_api(world, reviews, client_as) -> None:
    client = client_as(world.dio_a)
    created = client.post(
        reverse("api:create_directive", args=[reviews.meeting.pk]),
        {"text_hi": "तत्काल रिपोर्ट दें", "lead_post_id": reviews.post_csc.pk,
         "deadline_phrase": "by the next meeting"},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["due_date"] == reviews.next_meeting.date.isoformat()
    listed = client.get(reverse("api:list_directives"), {"post": reviews.post_csc.pk}).json()
    assert [d["id"] for d in listed["items"]] == [body["id"]]
    # the CSC manager reports; the DC verifies
    update = client_as(world.csc_manager_a).post(
        reverse("api:create_update", args=[body["id"]]),
        {"percent": 100, "text": "done"},
        content_type="application/json",
    )
    assert update.status_code == 201
    version = Directive.objects.get(pk=body["id"]).version
    verified = client_as(world.dc_a).post(
        reverse("api:transition_directive", args=[body["id"]]),
        {"action": "verify", "version": version},
        content_type="application/json",
    )
    assert verified.json()["status"] == "closed"
    stale = client_as(world.dc_a).post(
        reverse("api:transition_directive", args=[body["id"]]),
        {"action": "reopen", "version": version, "remark": "x"},
        content_type="application/json",
    )
    assert stale.status_code == 409


def test_unknown_post_and_bad_deadline_are_422(world, reviews, client_as) -> None:
    client = client_as(world.dio_a)
    url = reverse("api:create_directive", args=[reviews.meeting.pk])
    for payload, field in (
        ({"text": "x", "lead_post_id": 999999, "deadline_phrase": "within a week"}, "lead_post"),
        (
            {"text": "x", "lead_post_id": reviews.post_csc.pk, "deadline_phrase": "soon-ish"},
            "deadline_phrase",
        ),
        (
            {"text": "", "lead_post_id": reviews.post_csc.pk, "deadline_phrase": "within a week"},
            "text",
        ),
    ):
        response = client.post(url, payload, content_type="application/json")
        assert response.status_code == 422, response.content
        assert field in response.json()["errors"]
    assert Directive.objects.count() == 0


def test_attendance_put_and_get(world, reviews, client_as) -> None:
    client = client_as(world.dio_a)
    url = reverse("api:put_attendance", args=[reviews.meeting.pk])
    response = client.put(
        url,
        {"version": reviews.meeting.version, "rows": [
            {"post_id": reviews.post_dio.pk}, {"invitee": "BSNL representative", "name": "A. Kumar"}]},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 200, response.content
    got = client.get(reverse("api:get_attendance", args=[reviews.meeting.pk])).json()
    assert {row["invitee"] for row in got} == {"", "BSNL representative"}


def test_other_district_cannot_see(world, reviews, client_as) -> None:
    client = client_as(world.bdo_b1)
    assert client.get(reverse("api:get_meeting", args=[reviews.meeting.pk])).status_code == 404
    assert client.get(reverse("api:list_meetings")).json()["count"] == 0


def test_a_meeting_time_with_a_zone_is_refused_before_anything_is_saved(
    world, reviews, client_as
) -> None:
    client = client_as(world.dio_a)
    url = reverse("api:create_meeting")
    meetings = Meeting.objects.count()
    for time in ("10:30:00+05:30", "05:00:00Z", "10:30+00:00"):
        response = client.post(
            url,
            {"committee_id": reviews.committee.pk, "date": "2026-11-20", "time": time},
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="hi",
        )
        assert response.status_code == 422, (time, response.content)
        assert "time" in str(response.json()["errors"])
        message = str(response.json()["errors"])
        assert "10:30" in message and "समय" in message  # says, in Hindi, what form to use
    assert Meeting.objects.count() == meetings
    # the district's local time, as the page takes it
    response = client.post(
        url,
        {"committee_id": reviews.committee.pk, "date": "2026-11-20", "time": "10:30"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["time"] == "10:30:00"
    assert Meeting.objects.get(pk=response.json()["id"]).time == dt.time(10, 30)
