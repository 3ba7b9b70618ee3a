"""Writes of IP phones: set up and changed by managers; their registration reported by the
call server (through a manager's API token)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.connectivity.models import IpPhone
from degs.connectivity.services.times import ahead_of_server
from degs.core.exceptions import PermissionDenied, StaleVersion
from degs.core.permissions import require_capability, user_can
from degs.core.text import clean_name, clean_text
from degs.directory.models import Office, Post

PHONE_FIELDS = {
    "office",
    "post",
    "extension",
    "place",
    "place_hi",
    "model_name",
    "mac_address",
    "is_active",
}


def _taken(extension: str) -> ValidationError:
    return ValidationError(
        {
            "extension": _("Extension %(extension)s is already given to another phone.")
            % {"extension": extension}
        }
    )


def _check(phone: IpPhone) -> None:
    if (
        phone.post_id is not None
        and phone.post is not None
        and phone.post.office_id != phone.office_id
    ):
        raise ValidationError({"post": _("Choose a post of this office.")})
    phone.full_clean(validate_constraints=False)
    if IpPhone.objects.filter(extension=phone.extension).exclude(pk=phone.pk).exists():
        raise _taken(phone.extension)


def _save(phone: IpPhone, actor: Any) -> None:
    _check(phone)
    phone._history_user = actor  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            phone.save()
    except IntegrityError as error:  # the same extension given twice at once
        raise _taken(phone.extension) from error


def _values(fields: dict[str, Any]) -> dict[str, Any]:
    values = dict(fields)
    if "extension" in values:
        values["extension"] = clean_text(values["extension"] or "")
    for key in ("place", "place_hi"):
        if key in values:
            values[key] = clean_name(values[key] or "")
    for key in ("model_name", "mac_address"):
        if key in values:
            values[key] = clean_text(values[key] or "")
    return values


@transaction.atomic
def phone_create(
    *,
    actor: Any,
    office: Office,
    extension: str,
    post: Post | None = None,
    place: str = "",
    place_hi: str = "",
    model_name: str = "",
    mac_address: str = "",
    is_active: bool = True,
) -> IpPhone:
    """Set up an IP phone in ``office`` (for one of its posts, or its desk), by a manager of
    its area. Extensions are unique across the install."""
    require_capability(actor, "connectivity.manage", office.area)
    values = _values(
        {
            "extension": extension,
            "place": place,
            "place_hi": place_hi,
            "model_name": model_name,
            "mac_address": mac_address,
        }
    )
    phone = IpPhone(office=office, post=post, is_active=is_active, **values)
    _save(phone, actor)
    return phone


@transaction.atomic
def phone_update(*, actor: Any, phone: IpPhone, version: int, **fields: Any) -> IpPhone:
    """Change a phone's particulars, checked against the version the editor saw."""
    if set(fields) - PHONE_FIELDS:
        raise ValidationError(_("These fields cannot be changed here."))
    locked = IpPhone.objects.select_for_update().get(pk=phone.pk)
    require_capability(actor, "connectivity.manage", locked.office.area)
    if locked.version != version:
        last = locked.history.first()
        extra = {"by": last.history_user, "at": last.history_date} if last else None
        raise StaleVersion(extra=extra)
    if "office" in fields and fields["office"].pk != locked.office_id:
        require_capability(actor, "connectivity.manage", fields["office"].area)
    for key, value in _values(fields).items():
        setattr(locked, key, value)
    locked.version += 1
    _save(locked, actor)
    return locked


@dataclass
class RegistrationResult:
    """What a call server's report changed: phones updated, reports older than (or as old as)
    what is held, and extensions not found among the caller's phones."""

    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


@transaction.atomic
def phone_registrations_apply(*, actor: Any, reports: list[dict[str, Any]]) -> RegistrationResult:
    """Apply the call server's registrations: each ``{extension, registered, at}`` sets the
    phone's ``is_registered`` (and, when registered, ``last_registered_at``) if it is newer
    than the last report applied. Sending the same reports twice changes nothing the second
    time; an older report never overwrites a newer one. Only the phones of the caller's areas
    where they manage phones are touched; others are answered as unknown."""
    if not user_can(actor, "connectivity.manage"):
        raise PermissionDenied
    now = timezone.now()
    errors: dict[str, Any] = {}
    for index, report in enumerate(reports):
        if ahead_of_server(report["at"], now):
            errors[f"reports.{index}.at"] = _("The time of the report cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    extensions = {r["extension"] for r in reports}
    phones = {
        p.extension: p
        for p in IpPhone.objects.visible_to(actor)
        .select_for_update(of=("self",))
        .select_related("office__area")
        .filter(extension__in=extensions)
    }
    result = RegistrationResult()
    # The newest report of each extension decides; the batch's order does not matter.
    for report in sorted(reports, key=lambda r: r["at"]):
        extension = report["extension"]
        phone = phones.get(extension)
        if phone is None:
            if extension not in result.unknown:
                result.unknown.append(extension)
            continue
        require_capability(actor, "connectivity.manage", phone.office.area)
        if (
            phone.registration_reported_at is not None
            and report["at"] <= phone.registration_reported_at
        ):
            result.unchanged.append(extension)
            continue
        phone.registration_reported_at = report["at"]
        phone.is_registered = bool(report["registered"])
        if phone.is_registered:
            phone.last_registered_at = report["at"]
        phone.save(
            update_fields=[
                "registration_reported_at",
                "is_registered",
                "last_registered_at",
                "updated_at",
            ]
        )
        result.updated.append(extension)
    result.updated = list(dict.fromkeys(result.updated))
    result.unchanged = [e for e in dict.fromkeys(result.unchanged) if e not in result.updated]
    return result
