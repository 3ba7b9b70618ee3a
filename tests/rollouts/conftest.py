"""A rollout in the test world (conftest.py's two districts).

"Projectors in every block office of district A": running, started 10 days ago and due in 20;
three milestones (delivered: a photo, weight 1; installed: a photo, weight 2; staff trained: a
document, weight 1); targets at the block offices of A1 and A2, in the set from the start, each
with its three steps pending. The BDO of A1 (``world.bdo_a1``) reports for A1; the DIO of A
(``world.dio_a``, district administration) verifies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from degs.rollouts.choices import EvidenceKind, ProgrammeKind, ProgrammeStatus
from degs.rollouts.models import Milestone, Programme, Step, Target


@dataclass
class Roll:
    programme: Programme
    delivered: Milestone
    installed: Milestone
    trained: Milestone
    target_a1: Target
    target_a2: Target


def steps_for(target: Target) -> dict[str, Step]:
    """The target's steps by milestone name."""
    return {s.milestone.name: s for s in target.steps.select_related("milestone")}


@pytest.fixture
def roll(world) -> Roll:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    start = today - dt.timedelta(days=10)
    programme = Programme.objects.create(
        code="projectors-a",
        name="Projectors in every block office",
        name_hi="हर प्रखंड कार्यालय में प्रोजेक्टर",
        kind=ProgrammeKind.PROJECTOR,
        area=world.district_a,
        starts_on=start,
        due_on=today + dt.timedelta(days=20),
        status=ProgrammeStatus.RUNNING,
    )
    delivered = Milestone.objects.create(
        programme=programme,
        order=1,
        name="Delivered",
        name_hi="पहुँचा",
        weight=1,
        evidence=EvidenceKind.PHOTO,
    )
    installed = Milestone.objects.create(
        programme=programme,
        order=2,
        name="Installed",
        name_hi="लगाया गया",
        weight=2,
        evidence=EvidenceKind.PHOTO,
    )
    trained = Milestone.objects.create(
        programme=programme,
        order=3,
        name="Staff trained",
        name_hi="कर्मचारी प्रशिक्षित",
        weight=1,
        evidence=EvidenceKind.DOCUMENT,
    )
    targets = []
    for office in (world.office_a1, world.office_a2):
        target = Target.objects.create(
            programme=programme, office=office, area=office.area, joined_on=start
        )
        Step.objects.bulk_create(
            Step(target=target, milestone=m) for m in (delivered, installed, trained)
        )
        targets.append(target)
    return Roll(programme, delivered, installed, trained, *targets)
