"""The whole transition table: every status, action and part is allowed or refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from degs.core.exceptions import InvalidTransition, PermissionDenied
from degs.reviews import services, workflow
from degs.reviews.choices import DirectiveStatus, MeetingStatus
from degs.reviews.models import Directive, Meeting

VERIFIER_ACTIONS = [t for t in workflow.DIRECTIVE_TRANSITIONS if workflow.VERIFIER in t.parts]


@pytest.mark.parametrize("status", DirectiveStatus.values)
@pytest.mark.parametrize("transition", VERIFIER_ACTIONS, ids=lambda t: t.action)
@pytest.mark.parametrize("who", ["dc_a", "dio_a", "csc_manager_a"])
def test_verifier_actions(world, reviews, status, transition, who) -> None:
    directive = reviews.directive()
    Directive.objects.filter(pk=directive.pk).update(status=status)
    directive.refresh_from_db()
    actor = getattr(world, who)
    # the chair (DC) and the district administration verify; the owner (CSC manager) may not
    may = who in {"dc_a", "dio_a"}
    if status not in transition.sources:
        with pytest.raises(InvalidTransition):
            services.directive_transition(
                actor=actor,
                directive=directive,
                action=transition.action,
                version=directive.version,
                remark="because",
            )
    elif not may:
        with pytest.raises(PermissionDenied):
            services.directive_transition(
                actor=actor,
                directive=directive,
                action=transition.action,
                version=directive.version,
                remark="because",
            )
    else:
        changed = services.directive_transition(
            actor=actor,
            directive=directive,
            action=transition.action,
            version=directive.version,
            remark="because",
        )
        assert changed.status == transition.target
        assert changed.events.last().action == transition.action


@pytest.mark.parametrize("status", DirectiveStatus.values)
@pytest.mark.parametrize("percent", [50, 100])
def test_owner_reports(world, reviews, status, percent) -> None:
    directive = reviews.directive()
    Directive.objects.filter(pk=directive.pk).update(status=status)
    directive.refresh_from_db()
    report = workflow.DIRECTIVES.find("report")
    assert report is not None
    if status not in report.sources:
        with pytest.raises(InvalidTransition):
            services.directive_report(
                actor=world.csc_manager_a, directive=directive, percent=percent, text="done"
            )
        return
    services.directive_report(
        actor=world.csc_manager_a, directive=directive, percent=percent, text="done"
    )
    directive.refresh_from_db()
    expected = DirectiveStatus.REPORTED if percent == 100 else DirectiveStatus.IN_PROGRESS
    assert directive.status == expected


@pytest.mark.parametrize("status", MeetingStatus.values)
@pytest.mark.parametrize("transition", workflow.MEETING_TRANSITIONS, ids=lambda t: t.action)
@pytest.mark.parametrize("who", ["dio_a", "dc_a", "csc_manager_a"])
def test_meeting_transitions(world, reviews, status, transition, who) -> None:
    meeting = reviews.meeting
    Meeting.objects.filter(pk=meeting.pk).update(status=status)
    meeting.refresh_from_db()
    actor = getattr(world, who)
    # the DIO is secretary and district admin; the DC chairs and administers; the CSC manager
    # is only a member
    allowed = who != "csc_manager_a"
    kwargs = {"actor": actor, "meeting": meeting, "action": transition.action,
              "version": meeting.version, "remark": "because"}  # fmt: skip
    if status not in transition.sources:
        with pytest.raises(InvalidTransition):
            services.meeting_transition(**kwargs)
    elif not allowed:
        with pytest.raises(PermissionDenied):
            services.meeting_transition(**kwargs)
    else:
        assert services.meeting_transition(**kwargs).status == transition.target


def test_transition_needing_a_remark_refuses_without_one(world, reviews) -> None:
    directive = reviews.directive()
    with pytest.raises(ValidationError):
        services.directive_transition(
            actor=world.dc_a, directive=directive, action="drop", version=directive.version
        )
