"""Each service version's workflow (applications.workflow) as the one engine runs it: built from
the catalogue's steps, printed in the doc, and every step taken through core.workflow."""

from __future__ import annotations

from pathlib import Path

import pytest

from degs.applications import services
from degs.applications.choices import EventKind
from degs.applications.models import Application, ApplicationEvent
from degs.applications.workflow import OPERATOR, RESUBMIT, ServiceStep, build, workflow_of
from degs.catalogue.definition import parse_definition
from degs.catalogue.demo_definitions import SERVICES
from degs.core.exceptions import InvalidTransition, PermissionDenied
from tests.applications.conftest import file_one, form_values, send_back

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def _income_definition():  # type: ignore[no-untyped-def]
    service = next(s for s in SERVICES if s["code"] == "income_certificate")
    return parse_definition(service["definition"])


def test_the_doc_prints_the_demo_income_services_workflow() -> None:
    """docs/applications.md shows the table the code runs for the demo income service."""
    text = (ROOT / "docs" / "applications.md").read_text(encoding="utf-8")
    table = build(_income_definition()).markdown()
    assert table in text, f"docs/applications.md does not print the workflow; paste:\n{table}"


def test_each_catalogue_step_is_a_row_of_the_workflow() -> None:
    definition = _income_definition()
    flow = build(definition)
    rows = [t for t in flow.transitions if isinstance(t, ServiceStep)]
    assert len(rows) == len(definition.steps)
    for step, row in zip(definition.steps, rows, strict=True):
        assert (row.action, row.sources, row.target) == (step.action, (step.source,), step.target)
        assert row.parts == frozenset({step.designation})
        assert row.limit_days == step.days and row.auto_after_days == step.auto_after_days
        assert row.needs_remark == (step.action in ("return", "call_for_documents", "reject"))
    assert flow.status_field == "state" and flow.event_model is ApplicationEvent
    kiosk = flow.find(RESUBMIT, "at_kiosk")
    assert kiosk is not None and kiosk.target == "submitted" and kiosk.parts == {OPERATOR}
    # Built once per parsed version.
    assert workflow_of(definition) is workflow_of(definition)


def test_a_refused_step_changes_nothing_and_writes_no_event(world, apps) -> None:
    application = file_one(world, apps)
    before = Application.objects.values().get(pk=application.pk)
    events = ApplicationEvent.objects.count()
    with pytest.raises(InvalidTransition):  # no such step from "submitted"
        services.application_act(
            actor=apps.co_a1,
            application=application,
            action="issue",
            target="issued",
            version=application.version,
        )
    with pytest.raises(PermissionDenied):  # the SDO's post is not the application's
        services.application_act(
            actor=apps.sdo_a,
            application=application,
            action="verify",
            target="verified",
            version=application.version,
        )
    assert Application.objects.values().get(pk=application.pk) == before
    assert ApplicationEvent.objects.count() == events


def test_a_step_writes_only_the_fields_it_changes(world, apps) -> None:
    """The state and what follows from it are saved with update_fields: a column changed by
    someone else meanwhile (here the applicant's mobile) is not overwritten."""
    application = file_one(world, apps)
    Application.objects.filter(pk=application.pk).update(mobile="9000000001")
    services.application_act(
        actor=apps.co_a1,
        application=application,
        action="verify",
        target="verified",
        version=application.version,
    )
    application.refresh_from_db()
    assert application.state == "verified" and application.mobile == "9000000001"


def test_resubmission_is_the_kiosks_step_with_its_event(world, apps) -> None:
    application = send_back(apps, file_one(world, apps), "The photograph is unclear.")
    application = services.application_resubmit(
        actor=world.operator_a1,
        application=application,
        values=form_values(world),
        version=application.version,
        remark="Photograph replaced",
    )
    assert application.state == "submitted"
    event = application.events.order_by("-at", "-pk").first()
    assert event is not None
    assert (event.kind, event.action, event.from_status, event.to_status) == (
        EventKind.RESUBMITTED,
        "",
        "at_kiosk",
        "submitted",
    )
    assert event.remark == "Photograph replaced"
