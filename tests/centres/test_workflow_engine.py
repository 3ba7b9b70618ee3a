"""The centres' status changes run on the shared engine (degs.core.workflow): a stale step names
who changed the row and when, a refused step changes nothing and writes no event, and a step
writes only its own columns (update_fields), so a concurrent change to another is kept."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from degs.centres import services, workflow
from degs.centres.choices import CentreStatus, Decision, IdStatus
from degs.centres.models import Centre, CentreEvent, Inspection, OperatorId
from degs.core.exceptions import InvalidTransition, StaleVersion
from tests.centres.test_services import closure_recommended

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _suspend(actor, centre, version, reason="Operator absent", **extra):
    return services.centre_transition(
        actor=actor,
        centre=centre,
        action="suspend",
        version=version,
        effective_on=TODAY(),
        reason=reason,
        **extra,
    )


def test_a_stale_step_names_who_changed_the_centre_and_when(world, centres) -> None:
    centre = centres.centre_a1
    seen = centre.version
    _suspend(world.csc_manager_a, centre, seen)
    with pytest.raises(StaleVersion) as caught:
        services.centre_transition(
            actor=world.csc_manager_a,
            centre=centre,
            action="close",
            version=seen,
            effective_on=TODAY(),
            reason="Closed",
        )
    last = CentreEvent.objects.get(centre=centre, action="suspend")
    assert caught.value.extra == {"by": world.csc_manager_a, "at": last.at}
    centre.refresh_from_db()
    assert centre.status == CentreStatus.SUSPENDED


def test_a_refused_step_changes_nothing_and_writes_no_event(world, centres) -> None:
    centre = centres.centre_a2  # proposed: it cannot be suspended
    before = Centre.objects.values().get(pk=centre.pk)
    events = CentreEvent.objects.count()
    with pytest.raises(InvalidTransition) as caught:
        _suspend(world.csc_manager_a, centre, centre.version)
    assert "cannot be changed this way" in str(caught.value.message)
    with pytest.raises(ValidationError) as invalid:
        services.centre_transition(
            actor=world.csc_manager_a,
            centre=centre,
            action="activate",
            version=centre.version,
            effective_on=TODAY() + dt.timedelta(days=400),
            reason=" ",
        )
    # the missing reason and the far date are told together, as before the engine
    assert {"reason", "effective_on"} <= set(invalid.value.message_dict)
    assert Centre.objects.values().get(pk=centre.pk) == before
    assert CentreEvent.objects.count() == events


def test_a_step_writes_only_its_columns(world, centres) -> None:
    centre = centres.centre_a1
    seen = centre.version
    # another writer changes a column the step does not touch, after the page was read
    Centre.objects.filter(pk=centre.pk).update(complaints_open=7, phone="9876500077")
    changed = _suspend(world.csc_manager_a, centre, seen)
    row = Centre.objects.get(pk=centre.pk)
    assert (row.status, row.version) == (CentreStatus.SUSPENDED, seen + 1)
    assert (row.complaints_open, row.phone) == (7, "9876500077")
    assert changed.history.first().history_user == world.csc_manager_a


def test_an_id_step_is_the_operators_event_and_a_stale_one_names_who(world, centres) -> None:
    record = services.operator_id_record(
        actor=world.csc_manager_a,
        operator=centres.operator_a1,
        id_type=centres.jharseva,
        applied_on=TODAY() - dt.timedelta(days=10),
    )
    seen = record.version
    services.operator_id_update(
        actor=world.csc_manager_a, record=record, version=seen, status=IdStatus.UNDER_PROCESS
    )
    event = CentreEvent.objects.get(operator=centres.operator_a1, action="id_changed")
    assert (event.action, event.centre_id, event.from_status, event.to_status) == (
        "id_changed",
        None,
        IdStatus.APPLIED,
        IdStatus.UNDER_PROCESS,
    )
    with pytest.raises(StaleVersion) as caught:
        services.operator_id_update(
            actor=world.csc_manager_a, record=record, version=seen, status=IdStatus.REJECTED
        )
    assert caught.value.extra == {"by": world.csc_manager_a, "at": event.at}
    assert OperatorId.objects.get(pk=record.pk).status == IdStatus.UNDER_PROCESS


def test_the_tables_answer_the_old_questions() -> None:
    assert workflow.id_status_allowed(IdStatus.REJECTED, IdStatus.APPLIED)
    assert workflow.id_status_allowed(IdStatus.ISSUED, IdStatus.ISSUED)
    assert not workflow.id_status_allowed(IdStatus.ISSUED, IdStatus.APPLIED)
    assert [t.action for t in workflow.centre_actions(CentreStatus.ACTIVE)] == ["suspend", "close"]
    reopen = workflow.centre_transition_for(CentreStatus.CLOSED, "reopen")
    assert reopen is not None and reopen.target == CentreStatus.PROPOSED


def test_a_decision_is_a_step_of_its_table(world, centres) -> None:
    inspection = closure_recommended(world, centres)
    events = CentreEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.inspection_decide(
            actor=world.dc_a, inspection=inspection, version=inspection.version, approve=False
        )
    assert "remark" in caught.value.message_dict
    assert Inspection.objects.get(pk=inspection.pk).decision == Decision.PENDING
    assert CentreEvent.objects.count() == events
    declined = services.inspection_decide(
        actor=world.dc_a,
        inspection=inspection,
        version=inspection.version,
        approve=False,
        remark="Seen open on a second visit.",
    )
    assert (declined.decision, declined.version) == (Decision.REJECTED, inspection.version + 1)
    event = CentreEvent.objects.get(action="recommendation_declined")
    assert (event.centre_id, event.from_status, event.to_status, event.data) == (
        centres.centre_a1.pk,
        "",
        "",
        {"inspection": inspection.pk},
    )
    # decided once: a second decision is refused and writes nothing
    with pytest.raises(InvalidTransition):
        services.inspection_decide(
            actor=world.dc_a,
            inspection=inspection,
            version=declined.version,
            approve=True,
            acknowledge_position=True,
        )
    assert CentreEvent.objects.count() == events + 1


def test_an_approval_writes_the_centres_line_only(world, centres) -> None:
    inspection = closure_recommended(world, centres)
    events = CentreEvent.objects.count()
    services.inspection_decide(
        actor=world.dc_a,
        inspection=inspection,
        version=inspection.version,
        approve=True,
        acknowledge_position=True,
    )
    assert list(CentreEvent.objects.filter(pk__gt=0).values_list("action", flat=True))[:1] == [
        "close"
    ]
    assert CentreEvent.objects.count() == events + 1
