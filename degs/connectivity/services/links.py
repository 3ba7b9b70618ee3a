"""Writes of the links part: providers, their SLAs and contacts (state-wide master data), links
(circuits) with their status steps, and maintenance windows.

Providers, SLAs and provider contacts are the state's: only those holding
``connectivity.manage`` at a state-level area (or superusers) write them. A link is written by
those holding ``connectivity.manage`` at its site's area. Every change of a link checks the
version the user saw and is recorded (a ``LinkEvent`` and simple-history)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.accounts.models import User
from degs.connectivity import workflow
from degs.connectivity.choices import LinkStatus
from degs.connectivity.models import Link, MaintenanceWindow, Provider, ProviderContact, Sla
from degs.core.bilingual import Bilingual
from degs.core.exceptions import PermissionDenied
from degs.core.permissions import require_capability, user_can
from degs.core.text import clean_text
from degs.core.workflow import check_version, lock, record_change, record_event, transition
from degs.directory.choices import AreaKind
from degs.directory.models import Area, Office

MANAGE = workflow.MANAGE

# What a link's form and the API may set (status moves only through the workflow).
LINK_FIELDS = frozenset(
    {
        "provider",
        "circuit_id",
        "kind",
        "committed_kbps",
        "office",
        "panchayat",
        "install_date",
        "termination_date",
        "sla",
        "contact_name",
        "contact_phone",
    }
)
PROVIDER_FIELDS = frozenset({"code", "name", "name_hi", "network", "phone", "email", "is_active"})
SLA_FIELDS = frozenset(
    {
        "name",
        "name_hi",
        "target_uptime",
        "period",
        "clock",
        "day_starts",
        "day_ends",
        "respond_minutes",
        "restore_minutes",
        "escalate_every_minutes",
        "short_drop_minutes",
        "heartbeat_seconds",
        "missed_beats",
        "silence_minutes",
    }
)
CONTACT_FIELDS = frozenset({"area", "level", "name", "designation", "phone", "email", "user"})

DUPLICATE_CIRCUIT = _("This provider already has a link with this circuit ID.")


# --- state-wide master data ---------------------------------------------------------------------


def may_manage_providers(user: Any) -> bool:
    """Providers, SLAs and their contacts are the state's: ``connectivity.manage`` held at a
    state-level area (a district's DIO may not change what every district reads)."""
    if user is None:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_superuser", False):
        return True
    return any(user_can(user, MANAGE, state) for state in Area.objects.filter(kind=AreaKind.STATE))


def _require_state_manager(actor: Any) -> None:
    if not may_manage_providers(actor):
        raise PermissionDenied(
            _("Only the state's network administrators change providers and their SLAs.")
        )


def _full_clean(obj: Any, *, exclude: list[str] | None = None) -> None:
    obj.full_clean(exclude=exclude)


def _save_master(obj: Any, actor: Any) -> None:
    obj._history_user = actor
    obj.save()


def _clean_values(values: dict[str, Any], allowed: frozenset[str]) -> dict[str, Any]:
    unknown = set(values) - allowed
    if unknown:
        raise ValidationError(_("These fields cannot be set here."))
    return {k: clean_text(v) if isinstance(v, str) else v for k, v in values.items()}


@transaction.atomic
def provider_create(*, actor: User | None, **values: Any) -> Provider:
    """A provider (BSNL, the state WAN operator, a broadband vendor): state-wide."""
    _require_state_manager(actor)
    values = _clean_values(values, PROVIDER_FIELDS)
    values["code"] = str(values.get("code", "")).lower()
    provider = Provider(**values)
    _full_clean(provider)
    _save_master(provider, actor)
    return provider


@transaction.atomic
def provider_update(*, actor: User | None, provider: Provider, **values: Any) -> Provider:
    """Change a provider's particulars (its code too: links keep their provider)."""
    _require_state_manager(actor)
    values = _clean_values(values, PROVIDER_FIELDS)
    if "code" in values:
        values["code"] = str(values["code"]).lower()
    locked = Provider.objects.select_for_update().get(pk=provider.pk)
    for key, value in values.items():
        setattr(locked, key, value)
    _full_clean(locked)
    _save_master(locked, actor)
    return locked


@transaction.atomic
def sla_create(*, actor: User | None, provider: Provider, **values: Any) -> Sla:
    """A provider's service level (docs/connectivity.md says how each field is counted)."""
    _require_state_manager(actor)
    sla = Sla(provider=provider, **_clean_values(values, SLA_FIELDS))
    _check_sla(sla)
    _save_master(sla, actor)
    return sla


@transaction.atomic
def sla_update(*, actor: User | None, sla: Sla, **values: Any) -> Sla:
    """Change an SLA. Open outages keep the due times they were given when they opened."""
    _require_state_manager(actor)
    locked = Sla.objects.select_for_update().get(pk=sla.pk)
    for key, value in _clean_values(values, SLA_FIELDS).items():
        setattr(locked, key, value)
    _check_sla(locked)
    _save_master(locked, actor)
    return locked


def _check_sla(sla: Sla) -> None:
    errors: dict[str, Any] = {}
    try:
        sla.full_clean(validate_constraints=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    if sla.day_starts and sla.day_ends and sla.day_ends <= sla.day_starts:
        errors.setdefault("day_ends", []).append(_("The working day must end after it starts."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def provider_contact_create(
    *, actor: User | None, provider: Provider, **values: Any
) -> ProviderContact:
    """Who answers for a provider's links in an area, at one level of escalation."""
    _require_state_manager(actor)
    contact = ProviderContact(provider=provider, **_clean_values(values, CONTACT_FIELDS))
    _full_clean(contact)
    _save_master(contact, actor)
    return contact


@transaction.atomic
def provider_contact_update(
    *, actor: User | None, contact: ProviderContact, **values: Any
) -> ProviderContact:
    _require_state_manager(actor)
    locked = ProviderContact.objects.select_for_update().get(pk=contact.pk)
    for key, value in _clean_values(values, CONTACT_FIELDS).items():
        setattr(locked, key, value)
    _full_clean(locked)
    _save_master(locked, actor)
    return locked


# --- links ------------------------------------------------------------------------------------


def link_site(*, office: Office | None, panchayat: Area | None) -> Area:
    """The site's area: the office's area, or the gram panchayat chosen (exactly one)."""
    if office is not None and panchayat is not None:
        raise ValidationError({"panchayat": _("Choose an office or a gram panchayat, not both.")})
    if office is not None:
        return office.area
    if panchayat is None:
        raise ValidationError({"office": _("Choose the office or the gram panchayat it serves.")})
    if panchayat.kind != AreaKind.GRAM_PANCHAYAT:
        raise ValidationError({"panchayat": _("Choose a gram panchayat.")})
    return panchayat


def _link_values(values: dict[str, Any]) -> dict[str, Any]:
    values = _clean_values(values, LINK_FIELDS)
    if "circuit_id" in values:
        values["circuit_id"] = str(values["circuit_id"]).upper()
    for key in ("contact_name", "contact_phone"):
        if key in values and values[key] is None:
            values[key] = ""
    return values


def check_link(link: Link) -> None:
    """Every field's error at once: the model's checks, dates in order, the SLA the
    provider's, the circuit ID not already the provider's."""
    errors: dict[str, list[Any]] = {}
    try:
        link.full_clean(exclude=["area"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        errors.update({k: list(v) for k, v in error.message_dict.items()})
    if link.install_date and link.termination_date and link.termination_date < link.install_date:
        errors.setdefault("termination_date", []).append(
            _("A link cannot be terminated before it was installed.")
        )
    if link.sla is not None and link.provider_id and link.sla.provider_id != link.provider_id:
        errors.setdefault("sla", []).append(_("Choose one of this provider's SLAs."))
    if (
        link.provider_id
        and link.circuit_id
        and Link.objects.filter(provider_id=link.provider_id, circuit_id=link.circuit_id)
        .exclude(pk=link.pk)
        .exists()
    ):
        errors.setdefault("circuit_id", []).append(DUPLICATE_CIRCUIT)
    if errors:
        raise ValidationError(errors)


def _save_link(link: Link, actor: Any, fields: list[str] | None = None) -> None:
    link._history_user = actor  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            link.save(update_fields=fields) if fields else link.save()
    except IntegrityError as error:  # the same circuit saved a moment ago by someone else
        raise ValidationError({"circuit_id": [DUPLICATE_CIRCUIT]}) from error


@transaction.atomic
def link_create(
    *,
    actor: User | None,
    provider: Provider,
    circuit_id: str,
    kind: str,
    committed_kbps: int,
    office: Office | None = None,
    panchayat: Area | None = None,
    install_date: dt.date | None = None,
    termination_date: dt.date | None = None,
    sla: Sla | None = None,
    contact_name: str = "",
    contact_phone: str = "",
) -> Link:
    """A link (circuit) to an office or a gram panchayat building, as planned."""
    values = _link_values(
        {
            "provider": provider,
            "circuit_id": circuit_id,
            "kind": kind,
            "committed_kbps": committed_kbps,
            "install_date": install_date,
            "termination_date": termination_date,
            "sla": sla,
            "contact_name": contact_name,
            "contact_phone": contact_phone,
        }
    )
    area = link_site(office=office, panchayat=panchayat)
    if actor is not None:
        require_capability(actor, MANAGE, area)
    link = Link(office=office, area=area, status=LinkStatus.PLANNED, **values)
    check_link(link)
    _save_link(link, actor)
    record_event(
        workflow.LINKS.event_model,
        link,
        actor=actor,
        action="created",
        to_status=link.status,
    )
    return link


@transaction.atomic
def link_update(*, actor: User | None, link: Link, version: int, **values: Any) -> Link:
    """Change a link's particulars (not its status: ``link_transition``), checked against the
    version the user saw; the change is recorded with the fields it touched."""
    flow = workflow.LINKS
    locked: Link = lock(flow, link)
    if actor is not None:
        require_capability(actor, MANAGE, locked.area)
    check_version(flow, locked, version)
    values = _link_values(values)
    if "office" in values or "panchayat" in values:
        office = values.pop("office", None)
        panchayat = values.pop("panchayat", None)
        area = link_site(office=office, panchayat=panchayat)
        if actor is not None:
            require_capability(actor, MANAGE, area)
        values["office"], values["area"] = office, area
    changed = []
    for key, value in values.items():
        if getattr(locked, key) != value:
            changed.append(key)
            setattr(locked, key, value)
    if not changed:
        return locked
    check_link(locked)
    locked.version += 1
    _save_link(locked, actor)
    record_change(
        flow, locked, actor=actor, action="changed", data={"fields": sorted(set(changed))}
    )
    return locked


@transaction.atomic
def link_transition(
    *, actor: User | None, link: Link, action: str, version: int | None, remark: str = ""
) -> Link:
    """A status button of a link (``workflow.LINKS``): provision, commission, decommission
    (with a remark). The system's steps (silent, heard, fail, restore) are the health and
    outages parts'."""

    def gate(row: Link) -> None:
        if actor is not None:
            require_capability(actor, MANAGE, row.area)

    def apply(row: Link, step: Any) -> list[str]:
        row.status_since = timezone.now()
        fields = ["status_since"]
        if step.target == LinkStatus.ACTIVE and row.install_date is None:
            row.install_date = timezone.localdate()
            fields.append("install_date")
        if step.target == LinkStatus.DECOMMISSIONED and row.termination_date is None:
            row.termination_date = max(timezone.localdate(), row.install_date or dt.date.min)
            fields.append("termination_date")
        row._history_user = actor  # type: ignore[attr-defined]
        return fields

    changed: Link = transition(
        workflow.LINKS,
        link,
        action,
        actor=actor,
        version=version,
        remark=remark,
        gate=gate if actor is not None else None,
        apply=apply,
    )
    return changed


# --- maintenance windows ----------------------------------------------------------------------


@transaction.atomic
def maintenance_create(
    *,
    actor: User | None,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    reason: str | Bilingual,
    link: Link | None = None,
    provider: Provider | None = None,
    area: Area | None = None,
    now: dt.datetime | None = None,
) -> MaintenanceWindow:
    """Planned work announced before it starts, on one link or on every link of a provider in
    an area: not downtime. Refused when it ends before it starts, or when it has already
    started (work announced afterwards is an outage, not maintenance)."""
    now = now or timezone.now()
    if link is not None:
        provider, area = link.provider, link.area
    errors: dict[str, list[Any]] = {}
    if provider is None:
        errors["provider"] = [_("Choose the provider.")]
    if area is None:
        errors["area"] = [_("Choose the area.")]
    if area is not None and actor is not None:
        require_capability(actor, MANAGE, area)
    if ends_at <= starts_at:
        errors["ends_at"] = [_("The window must end after it starts.")]
    if starts_at < now:
        errors["starts_at"] = [
            _(
                "A window must be recorded before it starts: work announced after it began "
                "is not maintenance. Record an outage instead."
            )
        ]
    written = reason if isinstance(reason, Bilingual) else Bilingual(clean_text(reason), "")
    if not written.en:
        errors["reason"] = [_("Say what work is planned.")]
    if errors:
        raise ValidationError(errors)
    window = MaintenanceWindow(
        provider=provider,
        area=area,
        link=link,
        starts_at=starts_at,
        ends_at=ends_at,
        created_by=actor,
        **written.fields("reason"),
    )
    window.full_clean()
    window.save()
    if link is not None:
        record_change(
            workflow.LINKS,
            link,
            actor=actor,
            action="maintenance",
            data={"window": window.pk},
        )
    return window
