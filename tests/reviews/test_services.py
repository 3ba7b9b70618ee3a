"""Reviews services: deadlines, reports, verification, conflicts, attachments, carry-over,
reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from degs.accounts.models import Notice
from degs.core.exceptions import (
    InvalidTransition,
    OutOfJurisdiction,
    PermissionDenied,
    StaleVersion,
)
from degs.reviews import selectors, services
from degs.reviews.choices import DirectiveStatus, MeetingStatus
from degs.reviews.models import Attachment, ComplianceUpdate, Directive, DirectiveEvent


def test_meeting_in_the_past_is_held_and_names_the_chair_of_the_day(world, reviews) -> None:
    assert reviews.meeting.status == MeetingStatus.HELD
    assert reviews.next_meeting.status == MeetingStatus.SCHEDULED
    assert reviews.meeting.chair_name == world.dc_a.label


@pytest.mark.parametrize(
    ("phrase", "days"),
    [("within a week", 7), ("एक सप्ताह के अंदर", 7), ("within 15 days", 15), ("15 दिनों के अंदर", 15)],
)
def test_phrase_deadline_is_resolved_against_the_meeting_date(reviews, phrase, days) -> None:
    directive = reviews.directive(deadline_phrase=phrase)
    expected = reviews.meeting.date + dt.timedelta(days=days)
    # a due date on a Sunday moves to the next working day
    while expected.weekday() == 6:
        expected += dt.timedelta(days=1)
    assert directive.due_date >= expected
    assert (directive.due_date - expected).days <= 3
    assert directive.deadline_phrase == phrase


def test_by_the_next_meeting_is_the_committees_next_meeting(reviews) -> None:
    for phrase in ("by the next meeting", "अगली बैठक तक"):
        assert reviews.directive(deadline_phrase=phrase).due_date == reviews.next_meeting.date


def test_a_month_keeps_the_calendar_day(reviews) -> None:
    directive = reviews.directive(deadline_phrase="एक माह के अंदर")
    assert directive.due_date.day >= reviews.meeting.date.day or directive.due_date.day <= 3


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"text": "", "text_hi": ""}, "text"),
        ({"deadline_phrase": "", "due_date": None}, "due_date"),
        ({"deadline_phrase": "पिछले तीन महीने"}, "deadline_phrase"),
        ({"deadline_phrase": "", "due_date": dt.date(2000, 1, 1)}, "due_date"),
    ],
)
def test_bad_directive_is_refused_and_nothing_saved(reviews, extra, field) -> None:
    with pytest.raises(ValidationError) as error:
        reviews.directive(**extra)
    assert field in error.value.message_dict
    assert Directive.objects.count() == 0


def test_no_directives_on_a_scheduled_meeting(reviews) -> None:
    with pytest.raises(InvalidTransition):
        services.directive_create(
            actor=None,
            meeting=reviews.next_meeting,
            text="x",
            lead_post=reviews.post_csc,
            deadline_phrase="within a week",
        )


def test_only_the_secretary_or_district_admin_records_directives(world, reviews) -> None:
    with pytest.raises(PermissionDenied):
        services.directive_create(
            actor=world.csc_manager_a,
            meeting=reviews.meeting,
            text="x",
            lead_post=reviews.post_csc,
            deadline_phrase="within a week",
        )
    made = services.directive_create(
        actor=world.dio_a,
        meeting=reviews.meeting,
        text="x",
        lead_post=reviews.post_csc,
        deadline_phrase="within a week",
    )
    assert made.events.get().action == "create"


def test_report_verify_and_events(world, reviews) -> None:
    directive = reviews.directive()
    # the holder reports progress, then completion
    services.directive_report(
        actor=world.csc_manager_a, directive=directive, percent=40, text="40 done"
    )
    directive.refresh_from_db()
    assert directive.status == DirectiveStatus.IN_PROGRESS
    services.directive_report(
        actor=world.csc_manager_a, directive=directive, percent=100, text="all done"
    )
    directive.refresh_from_db()
    assert directive.status == DirectiveStatus.REPORTED
    assert directive.reported_on == timezone.localdate()
    # someone who sees it but holds no assigned post cannot report; another block cannot see it
    with pytest.raises(PermissionDenied):
        services.directive_report(actor=world.dio_a, directive=directive, percent=10, text="x")
    with pytest.raises(OutOfJurisdiction):
        services.directive_report(actor=world.bdo_b1, directive=directive, percent=10, text="x")
    # the owner cannot verify; the DC (chair) can
    with pytest.raises(PermissionDenied):
        services.directive_transition(
            actor=world.csc_manager_a,
            directive=directive,
            action="verify",
            version=directive.version,
        )
    services.directive_transition(
        actor=world.dc_a, directive=directive, action="verify", version=directive.version
    )
    directive.refresh_from_db()
    assert directive.status == DirectiveStatus.CLOSED
    assert directive.finished_at is not None
    actions = list(
        DirectiveEvent.objects.filter(directive=directive).values_list("action", flat=True)
    )
    assert actions == ["create", "start", "report", "verify"]


def test_stale_version_is_refused_and_the_first_change_stands(world, reviews) -> None:
    directive = reviews.directive()
    services.directive_report(
        actor=world.csc_manager_a, directive=directive, percent=100, text="done"
    )
    seen = Directive.objects.get(pk=directive.pk)
    # the DC verifies; the DIO, who opened the page before, tries to send it back
    services.directive_transition(
        actor=world.dc_a, directive=seen, action="verify", version=seen.version
    )
    with pytest.raises(StaleVersion):
        services.directive_transition(
            actor=world.dio_a, directive=seen, action="send_back", version=seen.version, remark="no"
        )
    assert Directive.objects.get(pk=directive.pk).status == DirectiveStatus.CLOSED


def test_two_updates_at_once_are_both_kept(world, reviews) -> None:
    directive = reviews.directive()
    stale_copy = Directive.objects.get(pk=directive.pk)
    services.directive_report(
        actor=world.csc_manager_a, directive=directive, percent=20, text="first"
    )
    services.directive_report(
        actor=world.csc_manager_a, directive=stale_copy, percent=30, text="second"
    )
    assert list(directive.updates.values_list("text", flat=True)) == ["first", "second"]


def test_drop_and_reopen_need_a_reason(world, reviews) -> None:
    directive = reviews.directive()
    with pytest.raises(ValidationError):
        services.directive_transition(
            actor=world.dc_a, directive=directive, action="drop", version=directive.version
        )
    dropped = services.directive_transition(
        actor=world.dc_a,
        directive=directive,
        action="drop",
        version=directive.version,
        remark="merged",
    )
    assert dropped.status == DirectiveStatus.DROPPED
    reopened = services.directive_transition(
        actor=world.dc_a,
        directive=dropped,
        action="reopen",
        version=dropped.version,
        remark="again",
    )
    assert reopened.status == DirectiveStatus.REOPENED
    assert reopened.finished_at is None


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("letter.pdf", b"%PDF-1.4 test", True),
        ("photo.png", b"\x89PNG\r\n\x1a\n0000", True),
        ("photo.jpg", b"\xff\xd8\xff\xe0 0000", True),
        ("script.pdf", b"#!/bin/sh\nrm -rf /", False),
        ("virus.exe", b"MZ\x90\x00", False),
        ("notes.txt", b"hello", False),
    ],
)
def test_attachment_types_are_checked_by_content(world, reviews, name, content, ok) -> None:
    directive = reviews.directive()
    upload = SimpleUploadedFile(name, content)
    if ok:
        services.directive_report(
            actor=world.csc_manager_a,
            directive=directive,
            percent=10,
            text="see file",
            files=[upload],
        )
        assert Attachment.objects.get().filename == name
    else:
        with pytest.raises(ValidationError) as error:
            services.directive_report(
                actor=world.csc_manager_a, directive=directive, percent=10, text="x", files=[upload]
            )
        assert "attachments" in error.value.message_dict
        assert ComplianceUpdate.objects.count() == 0


def test_attachment_too_large_is_refused(world, reviews, settings) -> None:
    settings.DEGS_ATTACHMENT_MAX_BYTES = 100
    directive = reviews.directive()
    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 200)
    with pytest.raises(ValidationError):
        services.directive_report(
            actor=world.csc_manager_a, directive=directive, percent=10, text="x", files=[upload]
        )
    assert ComplianceUpdate.objects.count() == 0


def test_next_meeting_opens_with_unfinished_directives(world, reviews) -> None:
    done = reviews.directive(text="done one")
    reviews.directive(text="open one")
    reviews.directive(text="another open")
    services.directive_report(actor=world.csc_manager_a, directive=done, percent=100, text="ok")
    done.refresh_from_db()
    services.directive_transition(
        actor=world.dc_a, directive=done, action="verify", version=done.version
    )
    carried = selectors.carried_over(meeting=reviews.next_meeting)
    assert sorted(d.text for d in carried) == ["another open", "open one"]


def test_reminders_are_sent_once(world, reviews, django_capture_on_commit_callbacks) -> None:
    world.csc_manager_a.email = "csc@example.org"
    world.csc_manager_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        directive = reviews.directive()
    # assigned: one notice and one mail
    assert Notice.objects.filter(user=world.csc_manager_a).count() == 1
    assert len(mail.outbox) == 1
    # two days before the due date, the sweep reminds; a second sweep sends nothing more
    day = directive.due_date - dt.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_sweep(today=day)
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_sweep(today=day)
    assert Notice.objects.filter(user=world.csc_manager_a).count() == 2
    assert len(mail.outbox) == 2
    # once overdue, one more
    late = directive.due_date + dt.timedelta(days=1)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.reminders_sweep(today=late)
    keys = sorted(Notice.objects.values_list("key", flat=True))
    assert [k.split(":")[2] for k in keys] == ["assigned", "due_soon", "overdue"]
    assert len(mail.outbox) == 3


def test_recurring_directive_has_one_due_item_per_period(world, reviews) -> None:
    directive = reviews.directive(
        deadline_phrase="", recurrence="monthly", text="60 inspections every month"
    )
    assert directive.periods.count() == 1
    first = directive.periods.get()
    # the sweep in the next month adds that month's item; the directive stays due on the oldest
    next_month = first.due_on + dt.timedelta(days=1)
    services.directive_periods_advance(today=next_month)
    services.directive_periods_advance(today=next_month)
    assert directive.periods.count() == 2
    directive.refresh_from_db()
    assert directive.due_date == first.due_on
    services.directive_report(
        actor=world.csc_manager_a, directive=directive, percent=100, text="60 done"
    )
    directive.refresh_from_db()
    assert directive.status == DirectiveStatus.IN_PROGRESS
    assert directive.due_date == directive.periods.order_by("-starts_on").first().due_on


def test_attendance_names_the_holder_on_the_day(world, reviews) -> None:
    rows = [
        services.AttendanceRow(post=reviews.post_dio),
        services.AttendanceRow(post=reviews.post_bdo_a1, present=False),
        services.AttendanceRow(invitee="BSNL representative", name="A. Kumar"),
    ]
    services.attendance_record(
        actor=world.dio_a, meeting=reviews.meeting, rows=rows, version=reviews.meeting.version
    )
    page = selectors.meeting_page(meeting=reviews.meeting)
    assert [a.name for a in page.attendance_present] == ["DIO A", "A. Kumar"] or sorted(
        a.name for a in page.attendance_present
    ) == ["A. Kumar", "DIO A"]
    assert [a.post for a in page.attendance_absent] == [reviews.post_bdo_a1]
    with pytest.raises(StaleVersion):
        services.attendance_record(actor=world.dio_a, meeting=reviews.meeting, rows=rows, version=1)


def test_agenda_lines_split_by_language() -> None:
    lines = ["1. Kiosks and IDs", "", "- प्रज्ञा केंद्र एवं आईडी", "  •  e-Office  "]
    assert services.agenda_from_lines(lines) == [
        ("Kiosks and IDs", "", ""),
        ("", "प्रज्ञा केंद्र एवं आईडी", ""),
        ("e-Office", "", ""),
    ]


def test_posts_from_another_state_are_refused(world, reviews) -> None:
    from tests.factories import make_area, make_designation, make_post

    other_state = make_area("state", "Other State")
    far = make_area("district", "Far District", other_state)
    far_post = make_post(make_designation("dio"), far)
    with pytest.raises(ValidationError) as error:
        reviews.directive(lead_post=far_post)
    assert "lead_post" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.attendance_record(
            actor=world.dio_a,
            meeting=reviews.meeting,
            rows=[services.AttendanceRow(post=far_post)],
            version=reviews.meeting.version,
        )
    assert Directive.objects.count() == 0
    assert reviews.meeting.attendance.count() == 0


def test_the_chair_is_told_when_a_directive_is_reported_complied(
    world, reviews, django_capture_on_commit_callbacks
) -> None:
    directive = reviews.directive()
    # a report under 100% tells the chair nothing; a 100% report does, once, in both languages
    with django_capture_on_commit_callbacks(execute=True):
        services.directive_report(
            actor=world.csc_manager_a, directive=directive, percent=40, text="40 done"
        )
    assert not Notice.objects.filter(user=world.dc_a).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.directive_report(
            actor=world.csc_manager_a, directive=directive, percent=100, text="all done"
        )
    notice = Notice.objects.get(user=world.dc_a)
    assert notice.key.startswith(f"directive:{directive.pk}:report:")
    assert "awaiting your verification" in notice.text
    assert "सत्यापन" in notice.text_hi
    assert notice.url == f"/reviews/directives/{directive.pk}/"
    # the owner is not told of their own report
    assert not Notice.objects.filter(user=world.csc_manager_a, key__contains=":report:").exists()
