"""Monthly uptime (selectors/uptime.py): figures worked out by hand in hours.

June 2026 has 30 days: 720 hours in service for a link installed before it (the ``net``
fixture's links were installed on 15-01-2026; its SLA's short-drop rule is 5 minutes)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from degs.connectivity.choices import DetectedBy, LinkStatus, OutageStatus
from degs.connectivity.models import Link, LinkEvent, MaintenanceWindow, Outage, Provider
from degs.connectivity.selectors.uptime import (
    district_uptime,
    link_uptime,
    month_bounds,
    uptime_report,
)

pytestmark = pytest.mark.django_db

JUNE = dt.date(2026, 6, 1)
START, END = month_bounds(JUNE)
IST = timezone.get_fixed_timezone(330)
AFTER_JUNE = dt.datetime(2026, 7, 10, 12, 0, tzinfo=IST)


def at(day: int, hour: int, minute: int = 0, month: int = 6) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=IST)


def outage(link: Link, started: dt.datetime, restored: dt.datetime | None, **extra) -> Outage:  # type: ignore[no-untyped-def]
    return Outage.objects.create(
        link=link,
        started_at=started,
        restored_at=restored,
        detected_by=DetectedBy.ENGINEER,
        status=extra.pop("status", OutageStatus.RESTORED if restored else OutageStatus.OPEN),
        **extra,
    )


def window(
    link: Link | None, starts: dt.datetime, ends: dt.datetime, *, recorded: dt.datetime, **extra
) -> MaintenanceWindow:  # type: ignore[no-untyped-def]
    provider = extra.pop("provider", None) or (link.provider if link else None)
    made = MaintenanceWindow.objects.create(
        provider=provider,
        area=extra.pop("area", None) or link.area,  # type: ignore[union-attr]
        link=link,
        starts_at=starts,
        ends_at=ends,
        reason="Fibre re-routing",
    )
    MaintenanceWindow.objects.filter(pk=made.pk).update(created_at=recorded)
    return made


def figure(link: Link, *, now: dt.datetime = AFTER_JUNE) -> Decimal | None:
    link.refresh_from_db()
    return link_uptime(link, START, END, now=now).percent


def test_no_outage_is_100(net) -> None:  # type: ignore[no-untyped-def]
    uptime = link_uptime(net.link_a1, START, END, now=AFTER_JUNE)
    assert uptime.in_service_seconds == 720 * 3600
    assert uptime.down_seconds == 0
    assert uptime.percent == Decimal("100.00")


def test_three_hours_down_one_inside_maintenance(net) -> None:  # type: ignore[no-untyped-def]
    # 10:00-13:00 down; the window 12:00-14:00 was announced the day before: 2 hours count.
    outage(net.link_a1, at(10, 10), at(10, 13))
    window(net.link_a1, at(10, 12), at(10, 14), recorded=at(9, 9))
    uptime = link_uptime(net.link_a1, START, END, now=AFTER_JUNE)
    assert uptime.down_seconds == 2 * 3600
    assert uptime.percent == Decimal("99.72")  # (720 - 2) / 720 = 99.722…


def test_maintenance_recorded_after_it_started_is_downtime(net) -> None:  # type: ignore[no-untyped-def]
    outage(net.link_a1, at(10, 10), at(10, 13))
    window(net.link_a1, at(10, 12), at(10, 14), recorded=at(10, 12, 30))
    assert figure(net.link_a1) == Decimal("99.58")  # (720 - 3) / 720 = 99.583…


def test_provider_window_in_the_district_covers_the_link(net, world) -> None:  # type: ignore[no-untyped-def]
    outage(net.link_a1, at(10, 10), at(10, 13))
    window(
        None, at(10, 12), at(10, 14), recorded=at(9, 9), provider=net.bsnl, area=world.district_a
    )
    assert figure(net.link_a1) == Decimal("99.72")


def test_provider_window_in_the_links_own_block_covers_it_not_the_next_block(net, world) -> None:  # type: ignore[no-untyped-def]
    outage(net.link_a1, at(10, 10), at(10, 13))
    outage(net.link_a2, at(10, 10), at(10, 13))
    window(None, at(10, 12), at(10, 14), recorded=at(9, 9), provider=net.bsnl, area=world.block_a1)
    assert figure(net.link_a1) == Decimal("99.72")
    assert figure(net.link_a2) == Decimal("99.58")


def test_window_of_another_provider_or_district_does_not_cover(net, world) -> None:  # type: ignore[no-untyped-def]
    other = Provider.objects.create(code="swan", name="SWAN", network="swan")
    outage(net.link_a1, at(10, 10), at(10, 13))
    window(None, at(10, 12), at(10, 14), recorded=at(9, 9), provider=other, area=world.district_a)
    window(
        None, at(10, 12), at(10, 14), recorded=at(9, 9), provider=net.bsnl, area=world.district_b
    )
    window(net.link_a2, at(10, 10), at(10, 14), recorded=at(9, 9))
    assert figure(net.link_a1) == Decimal("99.58")


def test_drop_shorter_than_the_short_drop_rule_is_not_downtime(net) -> None:  # type: ignore[no-untyped-def]
    outage(net.link_a1, at(10, 10), at(10, 10, 4))  # 4 minutes, the rule is 5
    assert figure(net.link_a1) == Decimal("100.00")


def test_drop_as_long_as_the_rule_counts(net) -> None:  # type: ignore[no-untyped-def]
    outage(net.link_a1, at(10, 10), at(10, 10, 36))  # 36 minutes = 0.6 hour
    assert figure(net.link_a1) == Decimal("99.92")  # (720 - 0.6) / 720 = 99.9166…


def test_cancelled_outage_is_not_counted(net) -> None:  # type: ignore[no-untyped-def]
    outage(net.link_a1, at(10, 10), at(10, 16), status=OutageStatus.CANCELLED)
    assert figure(net.link_a1) == Decimal("100.00")


def test_link_installed_on_the_16th(net) -> None:  # type: ignore[no-untyped-def]
    Link.objects.filter(pk=net.link_a1.pk).update(install_date=dt.date(2026, 6, 16))
    outage(net.link_a1, at(20, 10), at(20, 16))  # 6 hours of the 15 days' 360
    net.link_a1.refresh_from_db()
    uptime = link_uptime(net.link_a1, START, END, now=AFTER_JUNE)
    assert uptime.in_service_seconds == 360 * 3600
    assert uptime.percent == Decimal("98.33")  # (360 - 6) / 360 = 98.333…


def test_without_install_date_the_first_active_status_counts(net) -> None:  # type: ignore[no-untyped-def]
    Link.objects.filter(pk=net.link_a1.pk).update(install_date=None)
    LinkEvent.objects.create(
        link=net.link_a1,
        action="commission",
        from_status="planned",
        to_status="active",
        at=at(21, 0),
    )
    net.link_a1.refresh_from_db()
    assert link_uptime(net.link_a1, START, END, now=AFTER_JUNE).in_service_seconds == 240 * 3600


def test_terminated_and_decommissioned_links_stop_counting(net) -> None:  # type: ignore[no-untyped-def]
    Link.objects.filter(pk=net.link_a1.pk).update(termination_date=dt.date(2026, 6, 21))
    Link.objects.filter(pk=net.link_a2.pk).update(
        status=LinkStatus.DECOMMISSIONED, status_since=at(11, 0)
    )
    net.link_a1.refresh_from_db()
    net.link_a2.refresh_from_db()
    assert link_uptime(net.link_a1, START, END, now=AFTER_JUNE).in_service_seconds == 480 * 3600
    assert link_uptime(net.link_a2, START, END, now=AFTER_JUNE).in_service_seconds == 240 * 3600


def test_link_not_in_service_has_no_figure(net) -> None:  # type: ignore[no-untyped-def]
    assert figure(net.link_gp_a1) is None  # planned
    Link.objects.filter(pk=net.link_a1.pk).update(install_date=dt.date(2026, 7, 2))
    assert figure(net.link_a1) is None  # installed after the month


def test_outage_across_the_month_start_counts_its_june_part(net) -> None:  # type: ignore[no-untyped-def]
    outage(net.link_a1, at(31, 22, month=5), at(1, 4))
    assert figure(net.link_a1) == Decimal("99.44")  # (720 - 4) / 720 = 99.444…


def test_open_outage_counts_until_now(net) -> None:  # type: ignore[no-untyped-def]
    outage(net.link_a1, at(30, 20), None)
    assert figure(net.link_a1) == Decimal("99.44")  # 20:00-24:00 on the 30th


def test_overlapping_outages_count_once(net) -> None:  # type: ignore[no-untyped-def]
    outage(net.link_a1, at(10, 10), at(10, 13), status=OutageStatus.RESTORED)
    outage(net.link_a1, at(10, 12), at(10, 14), status=OutageStatus.RESTORED)
    assert figure(net.link_a1) == Decimal("99.44")  # 10:00-14:00


def test_current_month_counts_up_to_now(net) -> None:  # type: ignore[no-untyped-def]
    now = at(11, 0)  # ten days into June
    outage(net.link_a1, at(10, 12), None)  # down for the last 12 hours
    uptime = link_uptime(net.link_a1, START, END, now=now)
    assert uptime.in_service_seconds == 240 * 3600
    assert uptime.percent == Decimal("95.00")  # (240 - 12) / 240


def test_report_per_provider_and_block_is_weighted_by_time_in_service(net, world) -> None:  # type: ignore[no-untyped-def]
    outage(net.link_a1, at(10, 10), at(10, 13))
    window(net.link_a1, at(10, 12), at(10, 14), recorded=at(9, 9))
    Link.objects.filter(pk=net.link_a2.pk).update(install_date=dt.date(2026, 6, 16))
    outage(net.link_a2, at(20, 0), at(20, 18))  # 18 of 360 hours: 95.00, below 98
    report = uptime_report(user=world.dc_a, month=JUNE, now=AFTER_JUNE)
    figures = {line.link.circuit_id: line.uptime.percent for line in report.links}
    assert figures == {
        "BN-A1-001": Decimal("99.72"),
        "BN-A2-001": Decimal("95.00"),
        "BN-GPA1-001": None,
    }
    (bsnl,) = report.providers
    # (720 + 360 - 2 - 18) / (720 + 360) = 1060 / 1080 = 98.148…
    assert bsnl.percent == Decimal("98.15")
    assert (bsnl.links, bsnl.with_figure, bsnl.meeting) == (3, 2, 1)
    blocks = {g.key.name: (g.percent, g.meeting) for g in report.blocks}
    assert blocks == {"Block A1": (Decimal("99.72"), 1), "Block A2": (Decimal("95.00"), 0)}
    assert [line.link.circuit_id for line in report.below_target_first] == [
        "BN-A2-001",
        "BN-A1-001",
        "BN-GPA1-001",
    ]


def test_report_holds_only_the_users_links(net, world) -> None:  # type: ignore[no-untyped-def]
    report = uptime_report(user=world.bdo_a1, month=JUNE, now=AFTER_JUNE)
    assert {line.link.circuit_id for line in report.links} == {"BN-A1-001", "BN-GPA1-001"}
    report = uptime_report(user=net.engineer_b, month=JUNE, now=AFTER_JUNE)
    assert {line.link.circuit_id for line in report.links} == {"BN-B1-001"}


def test_report_filters_by_area_and_provider(net, world) -> None:  # type: ignore[no-untyped-def]
    other = Provider.objects.create(code="swan", name="SWAN", network="swan")
    report = uptime_report(user=world.dc_a, month=JUNE, area=world.block_a2, now=AFTER_JUNE)
    assert [line.link.circuit_id for line in report.links] == ["BN-A2-001"]
    report = uptime_report(user=world.dc_a, month=JUNE, provider=other, now=AFTER_JUNE)
    assert report.links == []
    assert report.total.percent is None


def test_district_uptime(net, world) -> None:  # type: ignore[no-untyped-def]
    outage(net.link_a1, at(10, 0), at(10, 18))  # 18 of 1,440 hours for the two links of A
    with_outage = district_uptime(user=world.dc_a, month=JUNE)
    assert with_outage == Decimal("98.75")  # (1440 - 18) / 1440


def _queries(user, month) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        uptime_report(user=user, month=month, now=AFTER_JUNE)
    return len(queries)


def test_report_reads_a_fixed_number_of_queries(net, world) -> None:  # type: ignore[no-untyped-def]
    outage(net.link_a1, at(10, 10), at(10, 13))
    window(net.link_a1, at(10, 12), at(10, 14), recorded=at(9, 9))
    _queries(world.dc_a, JUNE)  # the user's jurisdiction, read once and kept
    few = _queries(world.dc_a, JUNE)
    assert few <= 8
    for n in range(20):
        link = Link.objects.create(
            provider=net.bsnl,
            sla=net.sla,
            circuit_id=f"EXTRA-{n}",
            kind=net.link_a1.kind,
            committed_kbps=1000,
            area=world.block_a2 if n % 2 else world.gp_a1,
            status=LinkStatus.ACTIVE,
            install_date=dt.date(2026, 1, 1),
        )
        outage(link, at(5 + n, 10), at(5 + n, 12))
    assert _queries(world.dc_a, JUNE) == few
