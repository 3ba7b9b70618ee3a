"""The steps demo on the test world's rollout, its district called Jamtara: a photo for the
verified milestone without evidence, the next milestones submitted (two) and one returned with
a remark where there are three targets; loading again makes nothing new."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from degs.rollouts.choices import StepStatus
from degs.rollouts.demos import steps as demo
from degs.rollouts.models import Evidence, Step, TargetEvent
from tests.rollouts.conftest import steps_for

pytestmark = pytest.mark.django_db


def test_demo_evidence_queue_and_idempotent(world, roll) -> None:
    world.district_a.name = "Jamtara"
    world.district_a.save(update_fields=["name"])
    delivered = steps_for(roll.target_a1)["Delivered"]
    Step.objects.filter(pk=delivered.pk).update(
        status=StepStatus.VERIFIED, done_on=timezone.localdate() - dt.timedelta(days=3)
    )
    lines = demo.load()
    assert lines, lines
    photo = Evidence.objects.get(step=delivered)
    assert photo.file.read(3) == b"\xff\xd8\xff" and len(photo.sha256) == 64
    a1, a2 = steps_for(roll.target_a1), steps_for(roll.target_a2)
    # A1's next is "Installed"; A2's is "Delivered" (both photos); only A1 has a reporter.
    assert a1["Installed"].status == StepStatus.SUBMITTED
    assert a1["Installed"].submitted_by == world.bdo_a1
    counts = (Evidence.objects.count(), TargetEvent.objects.count())
    assert demo.load() == []
    assert (Evidence.objects.count(), TargetEvent.objects.count()) == counts
    assert a2["Delivered"].status in (StepStatus.PENDING, StepStatus.SUBMITTED)
