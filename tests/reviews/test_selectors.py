"""Reviews reads: carry-over holds only unfinished directives, a committee's meetings newest
first on every list, the attendance sheet starts with nobody ticked, the chair's queue of
reports awaiting verification."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from degs.reviews import selectors, services
from degs.reviews.choices import DirectiveStatus
from degs.reviews.models import Meeting


def test_a_directive_closed_after_the_meeting_is_not_carried_over(world, reviews) -> None:
    # given a directive of a meeting twenty days ago, closed after the later meeting met
    earlier = services.meeting_create(
        actor=None,
        committee=reviews.committee,
        date=timezone.localdate() - dt.timedelta(days=20),
    )
    closed = services.directive_create(
        actor=None,
        meeting=earlier,
        text="closed since",
        lead_post=reviews.post_csc,
        deadline_phrase="within a week",
    )
    services.directive_create(
        actor=None,
        meeting=earlier,
        text="still open",
        lead_post=reviews.post_csc,
        deadline_phrase="within a week",
    )
    reported = services.directive_create(
        actor=None,
        meeting=earlier,
        text="reported, not yet verified",
        lead_post=reviews.post_csc,
        deadline_phrase="within a week",
    )
    services.directive_report(actor=world.csc_manager_a, directive=closed, percent=100, text="ok")
    services.directive_report(actor=world.csc_manager_a, directive=reported, percent=100, text="ok")
    closed.refresh_from_db()
    services.directive_transition(
        actor=world.dc_a, directive=closed, action="verify", version=closed.version
    )
    # when yesterday's meeting lists what is carried over to it
    carried = selectors.carried_over(meeting=reviews.meeting)
    # then only what is not yet closed or dropped is there
    assert sorted(d.text for d in carried) == ["reported, not yet verified", "still open"]
    assert all(d.status != DirectiveStatus.CLOSED for d in carried)


def _scrambled_meetings(reviews) -> list[Meeting]:  # type: ignore[no-untyped-def]
    """Meetings recorded out of date order, two of them on the same day."""
    today = timezone.localdate()
    made = [reviews.meeting, reviews.next_meeting]
    for days in (40, 5, 90, 5, 40):
        made.append(
            services.meeting_create(
                actor=None, committee=reviews.committee, date=today - dt.timedelta(days=days)
            )
        )
    return made


def test_a_committees_meetings_are_newest_first_with_ties_by_id(world, reviews, client_as) -> None:
    made = _scrambled_meetings(reviews)
    # the expected order, worked out here: by date, newest first; same day: the later recorded
    expected = [m.pk for m in sorted(made, key=lambda m: (m.date, m.pk), reverse=True)]
    listed = selectors.meeting_list(user=world.dio_a, committee=reviews.committee)
    assert [m.pk for m in listed] == expected
    assert [m.pk for m in selectors.meeting_list(user=world.dio_a)] == expected
    page = client_as(world.dio_a).get(
        reverse("reviews:committee_detail", args=[reviews.committee.pk])
    )
    assert [m.pk for m in page.context["meetings"]] == expected
    body = page.content.decode()
    links = [body.index(f'href="/reviews/meetings/{pk}/"') for pk in expected]
    assert links == sorted(links)
    api = client_as(world.dio_a).get(
        "/api/reviews/meetings/", {"committee": reviews.committee.pk, "limit": 100}
    )
    assert [m["id"] for m in api.json()["items"]] == expected


def test_the_attendance_sheet_starts_with_nobody_ticked(world, reviews, client_as) -> None:
    sheet = selectors.attendance_sheet(meeting=reviews.meeting)
    assert sheet.rows
    assert [present for _post, present, _name in sheet.rows] == [False] * len(sheet.rows)
    page = client_as(world.dio_a).get(reverse("reviews:attendance", args=[reviews.meeting.pk]))
    assert page.status_code == 200
    assert "checked" not in page.content.decode()
    # once recorded, the sheet shows what was recorded
    services.attendance_record(
        actor=world.dio_a,
        meeting=reviews.meeting,
        rows=[
            services.AttendanceRow(post=reviews.post_dio),
            services.AttendanceRow(post=reviews.post_csc, present=False),
        ],
        version=reviews.meeting.version,
    )
    sheet = selectors.attendance_sheet(meeting=reviews.meeting)
    ticked = {post.pk: present for post, present, _name in sheet.rows}
    assert ticked[reviews.post_dio.pk] is True
    assert ticked[reviews.post_csc.pk] is False
    assert ticked[reviews.post_dc.pk] is False


def test_the_register_lists_newer_meetings_first_with_ties_by_id(world, reviews) -> None:
    made = _scrambled_meetings(reviews)
    held = [m for m in made if m.date <= timezone.localdate()]
    for meeting in held:
        for text in ("first", "second"):
            services.directive_create(
                actor=None,
                meeting=meeting,
                text=text,
                lead_post=reviews.post_csc,
                deadline_phrase="within a week",
            )
    # the meetings newest first (same day: the later recorded), each meeting's directives in order
    expected = [
        (m.pk, n) for m in sorted(held, key=lambda m: (m.date, m.pk), reverse=True) for n in (1, 2)
    ]
    listed = selectors.directive_list(user=world.dio_a)
    assert [(d.meeting_id, d.number) for d in listed] == expected


def test_the_home_counts_to_verify_only_where_the_user_verifies(world, reviews) -> None:  # type: ignore[no-untyped-def]
    """An administrator of one block who only views the district verifies none of the district
    committee's directives (``meeting_parts``): none is counted as waiting for them."""
    from degs.accounts.roles import Role
    from tests.factories import UserFactory, grant

    user = UserFactory()
    grant(user, Role.DISTRICT_ADMIN, world.block_a1)
    grant(user, Role.VIEWER, world.district_a)
    directive = reviews.directive()
    directive.__class__.objects.filter(pk=directive.pk).update(status=DirectiveStatus.REPORTED)
    assert selectors.home_section(user=user).to_verify == 0
    # the district's administrator verifies it
    admin = UserFactory()
    grant(admin, Role.DISTRICT_ADMIN, world.district_a)
    assert selectors.home_section(user=admin).to_verify == 1
