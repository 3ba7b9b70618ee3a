"""The steps API: the list with the queues' filters (scoped), one step with its evidence, submit
as a multipart form with the photo, verify with the version seen, the submitter refused, and a
stale version answered 409 naming who changed it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from degs.rollouts.choices import StepStatus
from degs.rollouts.models import Step
from tests.rollouts.conftest import steps_for

pytestmark = pytest.mark.django_db


def jpeg() -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "orange").save(out, format="JPEG")
    out.seek(0)
    out.name = "p.jpg"
    return out


def test_submit_verify_and_refusals(world, roll, client_as) -> None:
    step = steps_for(roll.target_a1)["Delivered"]
    bdo = client_as(world.bdo_a1)
    listed = bdo.get(reverse("api:list_rollout_steps"), {"status": "pending"}).json()
    assert {row["target_id"] for row in listed["items"]} == {roll.target_a1.pk}
    assert len(listed["items"]) == 3
    url = reverse("api:submit_rollout_step", kwargs={"step_id": step.pk})
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    bad = bdo.post(url, {"version": 1, "done_on": yesterday})
    assert bad.status_code == 422 and "Attach a photo" in bad.content.decode()
    sent = bdo.post(
        url,
        {
            "version": 1,
            "done_on": yesterday,
            "latitude": "23.95",
            "longitude": "86.80",
            "photo": jpeg(),
        },
    )
    assert sent.status_code == 200, sent.content
    body = sent.json()
    assert body["status"] == "submitted" and body["evidence"][0]["kind"] == "photo"
    assert body["evidence"][0]["file_url"] == reverse(
        "rollouts:evidence_file", args=[body["evidence"][0]["id"]]
    )
    own = bdo.post(
        reverse("api:verify_rollout_step", kwargs={"step_id": step.pk}),
        {"version": 2},
        content_type="application/json",
    )
    assert own.status_code == 403
    dio = client_as(world.dio_a)
    verify = reverse("api:verify_rollout_step", kwargs={"step_id": step.pk})
    ok = dio.post(verify, {"version": 2}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["status"] == "verified"
    again = dio.post(
        reverse("api:return_rollout_step", kwargs={"step_id": step.pk}),
        {"version": 2, "remark": "blurred"},
        content_type="application/json",
    )
    assert again.status_code == 409 and "DIO A changed this at" in again.content.decode()
    assert Step.objects.get(pk=step.pk).status == StepStatus.VERIFIED
    other = client_as(world.bdo_b1)
    assert (
        other.get(reverse("api:get_rollout_step", kwargs={"step_id": step.pk})).status_code == 404
    )
