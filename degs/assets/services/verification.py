"""Writes of the verification part: the yearly physical verification of an asset (financial
year April to March), with the condition found, a photo (``core.photos.check_photo``: only
the pixels are kept) and the phone's position when it gives one. Once per asset and year (the
table's constraint; a second one is refused with who verified it and when).

Who verifies: those holding ``assets.report`` at the asset's area (the office that holds it)
or ``assets.manage`` there."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.assets import workflow
from degs.assets.choices import AssetStatus, Condition
from degs.assets.models import Asset, Verification
from degs.core.formatting import format_date
from degs.core.geo import phone_position
from degs.core.models import HeldUpload
from degs.core.permissions import require_capability, user_can
from degs.core.photos import check_photo
from degs.core.text import clean_paragraphs
from degs.core.uploads import Accepted, NewFiles, held_file, held_release, hold
from degs.core.workflow import record_change
from degs.core.years import financial_year_label, financial_year_of

ALREADY = _("This asset was already verified for %(year)s (on %(day)s by %(who)s).")
NOT_VERIFIABLE = (AssetStatus.DISPOSED,)


def photo_hold(
    *, actor: Any, token: str, photo: UploadedFile | None, remove: Sequence[str] = ()
) -> tuple[dict[str, HeldUpload], list[str]]:
    """The verification form's photo held for the user while another field is corrected
    (``core.uploads.hold``); the messages of a photo refused."""

    def accept(file: UploadedFile) -> Accepted:
        content, content_type, _w, _h = check_photo(file, "photo")
        return Accepted(content, content_type, "png" if content_type == "image/png" else "jpg")

    uploads = [("photo", photo)] if photo is not None else []
    held, refused = hold(owner=actor, token=token, uploads=uploads, check=accept, remove=remove)
    problems = [str(m) for _c, _f, error in refused for m in error.message_dict.get("photo", [])]
    return held, problems


def _already(existing: Verification) -> ValidationError:
    who = existing.verified_by
    return ValidationError(
        ALREADY
        % {
            "year": financial_year_label(existing.year),
            "day": format_date(existing.verified_on),
            "who": getattr(who, "label", None) or getattr(who, "username", ""),
        }
    )


def verification_record(
    *,
    actor: Any,
    asset: Asset,
    condition: str,
    photo: UploadedFile | None = None,
    held: Sequence[HeldUpload] = (),
    verified_on: dt.date | None = None,
    latitude: Any = None,
    longitude: Any = None,
    remark: str = "",
) -> Verification:
    """Record this financial year's verification of ``asset``. A photo is required unless the
    asset was not found. ``verified_on`` (today by default) may not be in the future and
    names the year."""
    if actor is not None and not may_verify(actor, asset):
        require_capability(actor, workflow.REPORT, asset.area)
    today = timezone.localdate()
    day = verified_on or today
    errors: dict[str, list[Any]] = {}
    if condition not in Condition.values:
        errors["condition"] = [_("Choose what was found.")]
    if day > today:
        errors["verified_on"] = [_("A verification cannot be in the future.")]
    elif financial_year_of(day) != financial_year_of(today):
        errors["verified_on"] = [_("Record a verification of this financial year only.")]
    held_photo = next((row for row in held if row.code == "photo"), None)
    if photo is None and held_photo is not None:
        photo = held_file(held_photo)
    if photo is None and condition != Condition.NOT_FOUND:
        errors["photo"] = [_("Add a photo of the equipment as found.")]
    if errors:
        raise ValidationError(errors)
    place = phone_position(latitude, longitude)
    lat, lon = place["latitude"], place["longitude"]
    checked = check_photo(photo, "photo") if photo is not None else None
    year = financial_year_of(day)
    try:
        with transaction.atomic():
            locked = Asset.objects.select_for_update().select_related("area").get(pk=asset.pk)
            if locked.status in NOT_VERIFIABLE:
                raise ValidationError(
                    _("Equipment that is “%(status)s” is not verified.")
                    % {"status": locked.get_status_display()}
                )
            existing = (
                Verification.objects.filter(asset=locked, year=year)
                .select_related("verified_by")
                .first()
            )
            if existing is not None:
                raise _already(existing)
            row = Verification(
                asset=locked,
                year=year,
                verified_on=day,
                verified_by=actor,
                condition=condition,
                latitude=lat,
                longitude=lon,
                remark=clean_paragraphs(remark),
            )
            with NewFiles() as files:
                if checked is not None:
                    content, content_type, _w, _h = checked
                    row.photo_sha256 = hashlib.sha256(content).hexdigest()
                    files.write(
                        row.photo,
                        content,
                        extension="png" if content_type == "image/png" else "jpg",
                    )
                row.save()
            record_change(
                workflow.ASSETS,
                locked,
                actor=actor,
                action="verify",
                remark=row.remark,
                data={"year": year, "condition": condition, "verification": row.pk},
            )
            if held:
                held_release(held, owner=actor)
    except IntegrityError:
        # Two people verified it at the same moment: the first stands.
        existing = Verification.objects.filter(asset=asset, year=year).first()
        if existing is None:
            raise
        raise _already(existing) from None
    return row


def may_verify(user: Any, asset: Asset) -> bool:
    return user_can(user, workflow.REPORT, asset.area) or user_can(
        user, workflow.MANAGE, asset.area
    )
