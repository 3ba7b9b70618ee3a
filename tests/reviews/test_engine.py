"""Reviews on the one workflow engine: a stale step names who changed the row, a refused step
changes nothing and writes no event, a step writes only its own columns, meetings keep events."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from degs.core.exceptions import InvalidTransition, PermissionDenied, StaleVersion
from degs.reviews import services, workflow
from degs.reviews.choices import DirectiveStatus, MeetingStatus
from degs.reviews.models import Directive, DirectiveEvent, Meeting, MeetingEvent


def _reported(world, reviews) -> Directive:
    directive = reviews.directive()
    services.directive_report(
        actor=world.csc_manager_a, directive=directive, percent=100, text="done"
    )
    return Directive.objects.get(pk=directive.pk)


def test_a_stale_directive_step_names_who_changed_it(world, reviews) -> None:
    seen = _reported(world, reviews)
    services.directive_transition(
        actor=world.dc_a, directive=seen, action="verify", version=seen.version
    )
    with pytest.raises(StaleVersion) as refused:
        services.directive_transition(
            actor=world.dio_a, directive=seen, action="send_back", version=seen.version, remark="no"
        )
    last = DirectiveEvent.objects.filter(directive=seen).latest("at", "pk")
    assert refused.value.extra["by"] == world.dc_a
    assert refused.value.extra["at"] == last.at
    assert world.dc_a.label in str(refused.value.message) or world.dc_a.username in str(
        refused.value.message
    )


def test_a_stale_meeting_step_names_who_changed_it(world, reviews) -> None:
    meeting = reviews.meeting
    seen = meeting.version
    services.meeting_update(actor=world.dio_a, meeting=meeting, version=seen, venue="Hall 2")
    with pytest.raises(StaleVersion) as refused:
        services.meeting_transition(
            actor=world.dio_a, meeting=meeting, action="draft_minutes", version=seen
        )
    assert refused.value.extra["by"] == world.dio_a
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.HELD


@pytest.mark.parametrize(
    ("who", "action", "error"),
    [
        ("csc_manager_a", "verify", PermissionDenied),  # the owner may not verify
        ("dc_a", "reopen", InvalidTransition),  # not from "reported complied"
        ("dc_a", "no_such_step", InvalidTransition),
    ],
)
def test_a_refused_directive_step_changes_nothing(world, reviews, who, action, error) -> None:
    directive = _reported(world, reviews)
    events = DirectiveEvent.objects.filter(directive=directive).count()
    with pytest.raises(error):
        services.directive_transition(
            actor=getattr(world, who),
            directive=directive,
            action=action,
            version=directive.version,
            remark="because",
        )
    after = Directive.objects.get(pk=directive.pk)
    assert (after.status, after.version) == (DirectiveStatus.REPORTED, directive.version)
    assert DirectiveEvent.objects.filter(directive=directive).count() == events


def test_a_refused_meeting_step_changes_nothing(world, reviews) -> None:
    meeting = reviews.next_meeting  # in two weeks: cannot be marked held yet
    events = MeetingEvent.objects.filter(meeting=meeting).count()
    with pytest.raises(InvalidTransition):
        services.meeting_transition(
            actor=world.dio_a, meeting=meeting, action="hold", version=meeting.version
        )
    after = Meeting.objects.get(pk=meeting.pk)
    assert (after.status, after.version) == (MeetingStatus.SCHEDULED, meeting.version)
    assert MeetingEvent.objects.filter(meeting=meeting).count() == events


def test_a_step_writes_only_its_own_columns(world, reviews) -> None:
    """``update_fields``: a change another user made to the text meanwhile is not overwritten."""
    seen = _reported(world, reviews)
    Directive.objects.filter(pk=seen.pk).update(text="Changed meanwhile")
    with CaptureQueriesContext(connection) as queries:
        services.directive_transition(
            actor=world.dc_a, directive=seen, action="verify", version=seen.version
        )
    updates = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "reviews_directive"')]
    assert len(updates) == 1
    assert '"status"' in updates[0] and '"text"' not in updates[0]
    after = Directive.objects.get(pk=seen.pk)
    assert (after.status, after.text) == (DirectiveStatus.CLOSED, "Changed meanwhile")


def test_meeting_steps_and_changes_leave_events(world, reviews) -> None:
    meeting = reviews.meeting
    services.meeting_transition(
        actor=world.dio_a, meeting=meeting, action="draft_minutes", version=meeting.version
    )
    meeting.refresh_from_db()
    services.meeting_transition(
        actor=world.dc_a,
        meeting=meeting,
        action="revise_minutes",
        version=meeting.version,
        remark="Add the BSNL figures",
    )
    rows = list(
        MeetingEvent.objects.filter(meeting=meeting).values_list(
            "action", "from_status", "to_status", "remark", "actor"
        )
    )
    assert rows == [
        ("create", "", MeetingStatus.HELD, "", None),
        ("draft_minutes", MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFTED, "", world.dio_a.pk),
        (
            "revise_minutes",
            MeetingStatus.MINUTES_DRAFTED,
            MeetingStatus.HELD,
            "Add the BSNL figures",
            world.dc_a.pk,
        ),
    ]
    # the meeting's own history still says who changed it and why
    assert meeting.history.first().history_change_reason == "Add the BSNL figures"


def test_the_report_path_is_a_step_of_the_table(world, reviews) -> None:
    directive = reviews.directive()
    services.directive_report(
        actor=world.csc_manager_a, directive=directive, percent=30, text="started"
    )
    services.directive_report(
        actor=world.csc_manager_a, directive=directive, percent=60, text="more"
    )
    services.directive_report(
        actor=world.csc_manager_a, directive=directive, percent=100, text="done"
    )
    rows = list(
        DirectiveEvent.objects.filter(directive=directive).values_list(
            "action", "from_status", "to_status", "actor"
        )
    )
    assert rows == [
        ("create", "", DirectiveStatus.OPEN, None),
        ("start", DirectiveStatus.OPEN, DirectiveStatus.IN_PROGRESS, world.csc_manager_a.pk),
        ("report", DirectiveStatus.IN_PROGRESS, DirectiveStatus.REPORTED, world.csc_manager_a.pk),
    ]
    for action, source, target, _actor in rows[1:]:
        step = workflow.DIRECTIVES.find(action, source)
        assert step is not None and step.target == target


def test_an_attendance_sheet_is_an_event_of_the_meeting(world, reviews) -> None:
    rows = [
        services.AttendanceRow(post=reviews.post_dio),
        services.AttendanceRow(post=reviews.post_bdo_a1, present=False),
    ]
    services.attendance_record(
        actor=world.dio_a, meeting=reviews.meeting, rows=rows, version=reviews.meeting.version
    )
    event = MeetingEvent.objects.filter(meeting=reviews.meeting).latest("at", "pk")
    assert (event.action, event.from_status, event.to_status, event.actor) == (
        "attendance",
        MeetingStatus.HELD,
        MeetingStatus.HELD,
        world.dio_a,
    )
    assert event.data == {"present": 1, "absent": 1}
