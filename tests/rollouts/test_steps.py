"""The steps part: a milestone submitted with its evidence by the block office, verified or
returned by a second person, the target done when its last milestone is verified (and no longer
when a verification is undone), the queues, the step's page and its evidence file.

conftest's ``roll``: projectors in the block offices of A1 and A2 (delivered: photo, weight 1;
installed: photo, weight 2; trained: document, weight 1), started 10 days ago."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from degs.core.exceptions import InvalidTransition, PermissionDenied, StaleVersion
from degs.core.models import HeldUpload
from degs.rollouts.choices import EvidenceKind, StepStatus
from degs.rollouts.models import Evidence, Step, Target
from degs.rollouts.selectors import steps as selectors
from degs.rollouts.services import steps as services
from tests.rollouts.conftest import steps_for

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def jpeg(colour: str = "red", *, gps: bool = False) -> SimpleUploadedFile:
    """A small JPEG, with EXIF (the camera's make and a GPS block) when ``gps``."""
    out = io.BytesIO()
    image = Image.new("RGB", (64, 48), colour)
    if gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # Make
        exif[0x8825] = {1: "N", 2: (23.0, 57.0, 0.0)}  # GPSInfo
        image.save(out, format="JPEG", exif=exif)
    else:
        image.save(out, format="JPEG")
    return SimpleUploadedFile("photo.jpg", out.getvalue(), content_type="image/jpeg")


def submit(step: Step, actor, **kwargs) -> Step:
    step = Step.objects.select_related("target__programme", "milestone").get(pk=step.pk)
    values = {
        "version": step.version,
        "done_on": timezone.localdate() - dt.timedelta(days=1),
    }
    if step.milestone.evidence == EvidenceKind.PHOTO and "photo" not in kwargs:
        values["photo"] = jpeg()
    if step.milestone.evidence == EvidenceKind.DOCUMENT and "document" not in kwargs:
        values["document"] = SimpleUploadedFile("t.pdf", PDF, content_type="application/pdf")
    values.update(kwargs)
    return services.step_submit(actor=actor, step=step, **values)


def fresh(step: Step) -> Step:
    return Step.objects.select_related("target__programme", "milestone").get(pk=step.pk)


def test_photo_submitted_without_its_metadata_with_the_phones_place(world, roll) -> None:
    step = steps_for(roll.target_a1)["Delivered"]
    upload = jpeg(gps=True)
    assert b"PhoneMaker" in upload.read()
    upload.seek(0)
    done = submit(
        step, world.bdo_a1, photo=upload, latitude=23.9512346, longitude=86.8012, accuracy_m=12
    )
    assert done.status == StepStatus.SUBMITTED and done.submitted_by == world.bdo_a1
    evidence = Evidence.objects.get(step=step)
    stored = evidence.file.read()
    assert b"PhoneMaker" not in stored and b"Exif" not in stored
    assert evidence.sha256 == hashlib.sha256(stored).hexdigest()
    assert evidence.size == len(stored) and evidence.content_type == "image/jpeg"
    assert evidence.latitude == Decimal("23.951235") and evidence.accuracy_m == 12
    assert abs(evidence.taken_at - timezone.now()) < dt.timedelta(minutes=1)


def test_submit_refusals_each_say_why_and_change_nothing(world, roll) -> None:
    step = steps_for(roll.target_a1)["Delivered"]
    today = timezone.localdate()
    not_photo = SimpleUploadedFile("x.jpg", b"<html>not a photo</html>", content_type="image/jpeg")
    with pytest.raises(ValidationError) as error:
        submit(step, world.bdo_a1, photo=not_photo, done_on=today + dt.timedelta(days=1))
    assert "not a JPEG or PNG" in error.value.message_dict["photo"][0]
    assert "after today" in error.value.message_dict["done_on"][0]
    with pytest.raises(ValidationError) as error:
        submit(step, world.bdo_a1, done_on=roll.programme.starts_on - dt.timedelta(days=1))
    assert "cannot be before it" in error.value.message_dict["done_on"][0]
    trained = steps_for(roll.target_a1)["Staff trained"]
    fake_pdf = SimpleUploadedFile("t.pdf", b"MZ\x90\x00 an exe", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        submit(trained, world.bdo_a1, document=fake_pdf)
    assert "is not a PDF" in error.value.message_dict["document"][0]
    assert fresh(step).status == StepStatus.PENDING and not Evidence.objects.exists()


def test_a_link_is_http_or_https_and_never_fetched(world, roll) -> None:
    step = steps_for(roll.target_a1)["Staff trained"]
    step.milestone.evidence = EvidenceKind.LINK
    step.milestone.save()
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "ftp://x.example/a"):
        with pytest.raises(ValidationError) as error:
            submit(step, world.bdo_a1, url=bad)
        assert "http://" in error.value.message_dict["url"][0]
    submit(step, world.bdo_a1, url="https://eoffice.example.gov.in/a1")
    assert Evidence.objects.get(step=step).url == "https://eoffice.example.gov.in/a1"


def test_the_submitter_never_verifies_their_own(world, roll) -> None:
    step = submit(steps_for(roll.target_a1)["Delivered"], world.dio_a)  # a manager may submit
    with pytest.raises(PermissionDenied) as error:
        services.step_verify(actor=world.dio_a, step=fresh(step), version=step.version)
    assert "another person has to verify it" in str(error.value)
    assert fresh(step).status == StepStatus.SUBMITTED
    # The database holds it too, written around the service.
    with pytest.raises(IntegrityError), transaction.atomic():
        Step.objects.filter(pk=step.pk).update(verified_by=world.dio_a)


def test_a_block_office_cannot_verify(world, roll) -> None:
    step = submit(steps_for(roll.target_a1)["Delivered"], world.dio_a)
    with pytest.raises(PermissionDenied):
        services.step_verify(actor=world.bdo_a1, step=fresh(step), version=step.version)


def test_last_milestone_verified_sets_the_target_done_and_reopen_clears_it(world, roll) -> None:
    today = timezone.localdate()
    days = {"Delivered": 5, "Installed": 3, "Staff trained": 4}  # days ago: the latest is 3
    steps = steps_for(roll.target_a1)
    for name, ago in days.items():
        submitted = submit(steps[name], world.bdo_a1, done_on=today - dt.timedelta(days=ago))
        services.step_verify(actor=world.dio_a, step=fresh(submitted), version=submitted.version)
        target = Target.objects.get(pk=roll.target_a1.pk)
        if name != "Staff trained":
            assert target.done_on is None
    assert Target.objects.get(pk=roll.target_a1.pk).done_on == today - dt.timedelta(days=3)
    assert roll.programme.progress() == (1, 2)
    installed = fresh(steps["Installed"])
    services.step_reopen(
        actor=world.dio_a, step=installed, version=installed.version, remark="Wrong office"
    )
    assert Target.objects.get(pk=roll.target_a1.pk).done_on is None
    assert fresh(installed).status == StepStatus.RETURNED and fresh(installed).verified_by is None
    assert roll.programme.progress() == (0, 2)


def test_return_needs_a_remark_and_the_step_may_be_submitted_again(world, roll) -> None:
    step = submit(steps_for(roll.target_a1)["Delivered"], world.bdo_a1)
    with pytest.raises(ValidationError) as error:
        services.step_return(actor=world.dio_a, step=fresh(step), version=step.version, remark="")
    assert "Say what is missing" in error.value.message_dict["remark"][0]
    returned = services.step_return(
        actor=world.dio_a, step=fresh(step), version=step.version, remark="Photo is blurred"
    )
    assert returned.status == StepStatus.RETURNED
    again = submit(returned, world.bdo_a1, photo=jpeg("blue"))
    assert again.status == StepStatus.SUBMITTED and again.evidence.count() == 2


def test_two_verifiers_with_the_same_version_one_result(world, roll) -> None:
    step = submit(steps_for(roll.target_a1)["Delivered"], world.bdo_a1)
    seen = step.version
    services.step_verify(actor=world.dio_a, step=fresh(step), version=seen)
    with pytest.raises(StaleVersion) as error:
        services.step_return(actor=world.dc_a, step=fresh(step), version=seen, remark="blurred")
    assert "DIO A changed this at" in str(error.value.message)
    assert fresh(step).status == StepStatus.VERIFIED


def test_other_district_does_not_see_or_act(world, roll, client_as) -> None:
    step = submit(steps_for(roll.target_a1)["Delivered"], world.bdo_a1)
    evidence = Evidence.objects.get(step=step)
    client = client_as(world.bdo_b1)
    assert client.get(reverse("rollouts:step_detail", args=[step.pk])).status_code == 404
    assert client.get(reverse("rollouts:evidence_file", args=[evidence.pk])).status_code == 404
    from degs.core.exceptions import OutOfJurisdiction

    with pytest.raises((OutOfJurisdiction, PermissionDenied, InvalidTransition)):
        submit(steps_for(roll.target_a1)["Installed"], world.bdo_b1)


def test_queues(world, roll) -> None:
    a1 = steps_for(roll.target_a1)
    todo = list(selectors.to_do(user=world.bdo_a1))
    assert {s.target_id for s in todo} == {roll.target_a1.pk}  # only the BDO's block
    assert [s.milestone.order for s in todo] == [1, 2, 3]
    first = submit(a1["Delivered"], world.bdo_a1)
    second = submit(a1["Installed"], world.bdo_a1)
    assert [s.pk for s in selectors.to_verify(user=world.dio_a)] == [first.pk, second.pk]
    assert list(selectors.to_verify(user=world.bdo_a1)) == []  # own, and no verify right
    assert len(selectors.to_do(user=world.bdo_a1)) == 1


def test_step_page_evidence_file_and_buttons(world, roll, client_as) -> None:
    step = submit(steps_for(roll.target_a1)["Delivered"], world.bdo_a1)
    evidence = Evidence.objects.get(step=step)
    client = client_as(world.dio_a)
    page = client.get(reverse("rollouts:step_detail", args=[step.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert reverse("rollouts:evidence_file", args=[evidence.pk]) in body
    assert 'value="verify"' in body and 'value="return"' in body
    photo = client.get(reverse("rollouts:evidence_file", args=[evidence.pk]))
    assert photo.status_code == 200 and photo["Content-Security-Policy"]
    assert photo["Content-Type"] == "image/jpeg"
    # The submitter sees no verify button (one client: signing in again switches the user).
    own = client_as(world.bdo_a1).get(reverse("rollouts:step_detail", args=[step.pk]))
    assert 'value="verify"' not in own.content.decode()
    client = client_as(world.dio_a)
    done = client.post(
        reverse("rollouts:step_act", args=[step.pk]), {"action": "verify", "version": step.version}
    )
    assert done.status_code == 302 and fresh(step).status == StepStatus.VERIFIED
    stale = client.post(
        reverse("rollouts:step_act", args=[step.pk]),
        {"action": "return", "version": step.version, "remark": "x"},
    )
    assert stale.status_code == 409 and "changed this at" in stale.content.decode()


def test_submit_form_keeps_the_photo_through_a_correction(world, roll, client_as) -> None:
    step = steps_for(roll.target_a1)["Delivered"]
    client = client_as(world.bdo_a1)
    url = reverse("rollouts:step_submit", args=[step.pk])
    form = client.get(url)
    assert form.status_code == 200
    body = form.content.decode()
    assert 'capture="environment"' in body and 'accept="image/*"' in body
    token = form.context["form"].initial["upload_token"]
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    wrong = client.post(
        url,
        {
            "version": 1,
            "done_on": tomorrow,
            "upload_token": token,
            "photo": jpeg(),
            "latitude": "23.95",
            "longitude": "86.80",
            "accuracy_m": "9",
        },
    )
    assert wrong.status_code == 400 and "after today" in wrong.content.decode()
    assert "Already attached" in wrong.content.decode()
    assert HeldUpload.objects.filter(owner=world.bdo_a1).count() == 1
    right = client.post(
        url,
        {
            "version": 1,
            "done_on": timezone.localdate(),
            "upload_token": token,
            "latitude": "23.95",
            "longitude": "86.80",
            "accuracy_m": "9",
        },
    )
    assert right.status_code == 302
    assert fresh(step).status == StepStatus.SUBMITTED
    assert Evidence.objects.get(step=step).latitude == Decimal("23.950000")
    assert not HeldUpload.objects.filter(owner=world.bdo_a1).exists()


def test_the_submitter_posting_verify_is_told_why(world, roll, client_as) -> None:
    step = submit(steps_for(roll.target_a2)["Delivered"], world.dio_a)
    client = client_as(world.dio_a)
    page = client.get(reverse("rollouts:step_detail", args=[step.pk]))
    assert 'value="verify"' not in page.content.decode()
    assert "another person verifies it" in page.content.decode()
    refused = client.post(
        reverse("rollouts:step_act", args=[step.pk]), {"action": "verify", "version": step.version}
    )
    assert refused.status_code == 400
    assert "another person has to verify it" in refused.content.decode()
    assert fresh(step).status == StepStatus.SUBMITTED
