"""The assets demo's tickets part (after the register and procurement demos): Jamtara's ticket
priorities, the district technical committee's pending technical cases, faults on projectors,
UPS and a BharatNet link's router (some overdue, some resolved with the vendor and cost), and
the schedules of UPS battery checks and projector AMC visits with their tickets opened by the
sweep. A second load makes nothing new (rows are found by their titles)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from degs.accounts.models import User
from degs.assets.choices import AssetStatus, TicketKind
from degs.assets.models import Asset, Category, Priority, Schedule, Supplier, Ticket
from degs.assets.services import schedules as schedule_services
from degs.assets.services import tickets as services
from degs.connectivity.models import Link
from degs.directory.choices import AreaKind, OfficeKind
from degs.directory.models import Area, Office

MANAGER = "dio.jamtara"
ENGINEER = "engineer.jamtara"

PRIORITIES = (
    # code, rank, name, Hindi, minutes to own, minutes to resolve
    ("urgent", 1, "Urgent", "अति आवश्यक", 60, 480),
    ("high", 2, "High", "उच्च", 120, 960),
    ("normal", 3, "Normal", "सामान्य", 480, 2400),
)

CASES = (
    # title, details, days ago
    (
        "Server room of the collectorate: air conditioning not working",
        "The e-District server room is above 32 °C in the afternoons; the committee to decide "
        "repair or replacement.",
        40,
    ),
    (
        "Replacement of the SWAN switch at the collectorate",
        "The 24-port switch drops links every few days; the vendor's report awaits review.",
        25,
    ),
    (
        "Condemnation of old desktops at the block offices",
        "Desktops bought in 2014 beyond repair; list to be placed before the committee.",
        12,
    ),
)


def _priorities() -> dict[str, Priority]:
    found: dict[str, Priority] = {}
    for code, rank, name, name_hi, own, resolve in PRIORITIES:
        found[code], _made = Priority.objects.get_or_create(
            code=code,
            defaults={
                "rank": rank,
                "name": name,
                "name_hi": name_hi,
                "own_minutes": own,
                "resolve_minutes": resolve,
            },
        )
    return found


def _open(title: str, **fields: Any) -> tuple[Ticket, bool]:
    """The ticket of this title, or a new one."""
    existing = Ticket.objects.filter(title=title).first()
    if existing is not None:
        return existing, False
    return services.ticket_open(title=title, **fields), True


def load() -> list[str]:
    jamtara = Area.objects.filter(kind=AreaKind.DISTRICT, name="Jamtara").first()
    manager = User.objects.filter(username=MANAGER).first()
    if jamtara is None or manager is None:
        return []
    engineer = User.objects.filter(username=ENGINEER).first() or manager
    priority = _priorities()
    now = timezone.now()
    made = 0
    collectorate = (
        Office.objects.filter(area=jamtara, kind=OfficeKind.DC_OFFICE).order_by("pk").first()
    )
    if collectorate is not None:
        for title, details, days in CASES:
            _t, new = _open(
                title,
                actor=manager,
                priority=priority["normal"],
                office=collectorate,
                kind=TicketKind.TECHNICAL_CASE,
                description=details,
                opened_at=now - dt.timedelta(days=days),
            )
            made += new
    assets = Asset.objects.filter(district=jamtara).exclude(
        status__in=(AssetStatus.CONDEMNED, AssetStatus.DISPOSED)
    )
    projectors = list(assets.filter(model__category__code="projector").order_by("tag")[:3])
    ups = list(assets.filter(model__category__code="ups").order_by("tag")[:2])
    vendor = Supplier.objects.order_by("pk").first()
    faults: list[tuple[str, Asset, str, int]] = []
    if projectors:
        faults.append(("Projector shows no picture", projectors[0], "urgent", 6))
    if len(projectors) > 1:
        faults.append(("Projector lamp flickers", projectors[1], "normal", 1))
    if ups:
        faults.append(("UPS beeps and does not hold the load", ups[0], "high", 9))
    for title, asset, code, days in faults:
        ticket, new = _open(
            title,
            actor=engineer,
            priority=priority[code],
            asset=asset,
            opened_at=now - dt.timedelta(days=days),
        )
        made += new
        if new and title.startswith("UPS"):
            ticket = services.ticket_own(actor=engineer, ticket=ticket)
            services.ticket_resolve(
                actor=engineer,
                ticket=ticket,
                resolution="Two 12 V 7 Ah batteries replaced by the vendor.",
                vendor=vendor,
                cost_paise=3_200_00,
            )
    link = Link.objects.filter(area__path__startswith=jamtara.path).order_by("circuit_id").first()
    if link is not None:
        _t, new = _open(
            "BharatNet router at the panchayat hangs; restart needed daily",
            actor=engineer,
            priority=priority["high"],
            link=link,
            opened_at=now - dt.timedelta(days=3),
        )
        made += new
    schedules = 0
    for code, title, title_hi, every, lead in (
        ("ups", "UPS battery check", "यूपीएस बैटरी जांच", 90, 7),
        ("projector", "Projector AMC visit", "प्रोजेक्टर एएमसी दौरा", 180, 14),
    ):
        category = Category.objects.filter(code=code).first()
        if category is None or Schedule.objects.filter(title=title, area=jamtara).exists():
            continue
        schedule_services.schedule_save(
            actor=manager,
            title=title,
            title_hi=title_hi,
            priority=priority["normal"],
            every_days=every,
            next_due_on=timezone.localdate() + dt.timedelta(days=3),
            lead_days=lead,
            category=category,
            area=jamtara,
            vendor=vendor,
        )
        schedules += 1
    opened = schedule_services.schedules_sweep(now=now)
    return [f"assets tickets: {made} tickets, {schedules} schedules, {opened} maintenance tickets"]
