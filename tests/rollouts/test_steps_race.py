"""Two verifiers act on the same submitted milestone at the same moment, each in their own
connection and transaction, both having seen the same version: one result, and the other is
told who changed it and when (the engine's stale-version sentence). On SQLite the same two
actions one after the other: test_steps.py."""

from __future__ import annotations

import datetime as dt
import io
import threading
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone
from PIL import Image

from degs.accounts.models import User
from degs.core.exceptions import StaleVersion
from degs.rollouts.choices import StepStatus
from degs.rollouts.models import Step, TargetEvent
from degs.rollouts.services import steps as services
from tests.rollouts.conftest import steps_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_verifiers_at_once_one_result(world, roll) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: two connections at once")
    out = io.BytesIO()
    Image.new("RGB", (32, 32), "green").save(out, format="JPEG")
    step = Step.objects.select_related("target__programme", "milestone").get(
        pk=steps_for(roll.target_a1)["Delivered"].pk
    )
    step = services.step_submit(
        actor=world.bdo_a1,
        step=step,
        version=step.version,
        done_on=timezone.localdate() - dt.timedelta(days=1),
        photo=SimpleUploadedFile("p.jpg", out.getvalue(), content_type="image/jpeg"),
    )
    seen = step.version
    barrier = threading.Barrier(2)
    results: list[Any] = []

    def act(user_id: int, action: str) -> None:
        try:
            user = User.objects.get(pk=user_id)
            row = Step.objects.select_related("target__programme", "milestone").get(pk=step.pk)
            barrier.wait(timeout=10)
            results.append(
                services.step_act(
                    actor=user, step=row, action=action, version=seen, remark="Photo blurred"
                )
            )
        except Exception as error:  # any other failure is shown by the assertion
            results.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=act, args=(world.dio_a.pk, "verify")),
        threading.Thread(target=act, args=(world.dc_a.pk, "return")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    done = [r for r in results if isinstance(r, Step)]
    refused = [r for r in results if isinstance(r, StaleVersion)]
    assert len(done) == 1 and len(refused) == 1, results
    winner = done[0]
    name = "DIO A" if winner.status == StepStatus.VERIFIED else "DC A"
    assert f"{name} changed this at" in str(refused[0].message)
    assert Step.objects.get(pk=step.pk).status == winner.status
    actions = TargetEvent.objects.filter(data__step=step.pk).values_list("action", flat=True)
    expected = "verify" if winner.status == StepStatus.VERIFIED else "return"
    assert sorted(actions) == sorted(["submit", expected])
