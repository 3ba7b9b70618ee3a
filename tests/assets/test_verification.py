"""Physical verification: once per asset and financial year (a second one names the first),
a photo required unless not found (only its pixels kept), who may verify, the "not verified
this year" list per office, and the page with a held photo."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from degs.assets.choices import Condition
from degs.assets.models import AssetEvent, Verification
from degs.assets.services.verification import verification_record
from degs.core.exceptions import OutOfJurisdiction
from degs.core.years import financial_year_label, financial_year_of

pytestmark = pytest.mark.django_db


def jpeg(name: str = "p.jpg") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "orange").save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def test_year_label() -> None:
    assert financial_year_label(2026) == "2026-27" and financial_year_label(2099) == "2099-00"


def test_once_a_year(world, kit) -> None:  # type: ignore[no-untyped-def]
    row = verification_record(
        actor=world.bdo_a1,
        asset=kit.projector_a1,
        condition=Condition.WORKING,
        photo=jpeg(),
        latitude="23.958000",
        longitude="86.802000",
    )
    assert row.year == financial_year_of() and len(row.photo_sha256) == 64 and row.photo
    assert str(row.latitude) == "23.958000"
    assert AssetEvent.objects.filter(asset=kit.projector_a1, action="verify").count() == 1
    with pytest.raises(ValidationError) as caught:
        verification_record(
            actor=world.dio_a, asset=kit.projector_a1, condition=Condition.FAULTY, photo=jpeg()
        )
    assert "already verified" in str(caught.value) and "BDO A1" in str(caught.value)
    assert Verification.objects.count() == 1


def test_photo_needed_unless_not_found(world, kit) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        verification_record(actor=world.dio_a, asset=kit.ups_a, condition=Condition.WORKING)
    assert "photo" in caught.value.message_dict
    with pytest.raises(ValidationError):
        verification_record(
            actor=world.dio_a,
            asset=kit.ups_a,
            condition=Condition.WORKING,
            photo=SimpleUploadedFile("x.jpg", b"not a picture"),
        )
    row = verification_record(actor=world.dio_a, asset=kit.ups_a, condition=Condition.NOT_FOUND)
    assert not row.photo


def test_who_may_verify(world, kit) -> None:  # type: ignore[no-untyped-def]
    # the block officer of A1 holds assets.report at A1, not at the collectorate's district
    with pytest.raises(OutOfJurisdiction):
        verification_record(
            actor=world.bdo_a1, asset=kit.ups_a, condition=Condition.WORKING, photo=jpeg()
        )
    with pytest.raises(OutOfJurisdiction):
        verification_record(
            actor=world.dio_a, asset=kit.projector_b1, condition=Condition.WORKING, photo=jpeg()
        )


def test_not_verified_list_per_office(world, kit, client_as) -> None:  # type: ignore[no-untyped-def]
    verification_record(
        actor=world.dio_a, asset=kit.ups_a, condition=Condition.WORKING, photo=jpeg()
    )
    page = client_as(world.dio_a).get(reverse("assets:verification_due")).content.decode()
    assert "JA-PRJ-0001" in page and "JA-UPS-0001" not in page
    page = client_as(world.bdo_a1).get(reverse("assets:verification_due")).content.decode()
    assert "JA-PRJ-0001" in page


def test_the_page_keeps_the_photo_and_refuses_a_second(world, kit, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as(world.bdo_a1)
    url = reverse("assets:verification_create", args=[kit.projector_a1.pk])
    form = client.get(url)
    assert form.status_code == 200 and "data-position-form" in form.content.decode()
    token = form.context["form"].initial["upload_token"]
    # the date is wrong: the form comes back, the photo held
    first = client.post(
        url,
        {
            "condition": "working",
            "verified_on": "2099-01-01",
            "upload_token": token,
            "photo": jpeg(),
        },
    )
    assert first.status_code == 400 and "Already attached" in first.content.decode()
    today = timezone.localdate()
    done = client.post(
        url, {"condition": "working", "verified_on": str(today), "upload_token": token}
    )
    assert done.status_code == 302
    row = Verification.objects.get(asset=kit.projector_a1)
    assert row.photo and row.verified_by == world.bdo_a1
    assert client.get(reverse("assets:verification_photo", args=[row.pk])).status_code == 200
    again = client.get(url)
    assert again.status_code == 200
    second = client.post(
        url,
        {"condition": "faulty", "verified_on": str(today), "upload_token": token, "photo": jpeg()},
    )
    assert second.status_code == 400 and "already verified" in second.content.decode()
