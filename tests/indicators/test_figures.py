"""The maintained figures (``services.figures``) against sums worked by hand.

District A's block A1 holds two panchayats (the world's ``gp_a1`` and ``gp_a1b`` made here);
district B's ``gp_b1`` reports once so the state's row adds two districts. Periods are the
financial year 2025-26, long past its due days, so every report is due."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from degs.core.figures import FigureSource
from degs.directory.choices import AreaKind
from degs.directory.models import Area
from degs.indicators.choices import Origin, PeriodType
from degs.indicators.models import DataElement, DataValue, Figure, FigureQueue, Indicator, Target
from degs.indicators.periods import Period
from degs.indicators.selectors.targets import target_for
from degs.indicators.services import figures as service
from tests.factories import make_area

APR, MAY, JUN = Period.month(2025, 4), Period.month(2025, 5), Period.month(2025, 6)
Q1 = Period.parse("2025-26-Q1")
FY = Period.parse("2025-26")


def at(day: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(day + "T12:00"))


def put(
    element: DataElement,
    area: Area,
    period: Period,
    value: int,
    category: str = "",
    entered: str = "2025-04-01",
) -> DataValue:
    """One value written as the values part writes it: the row, then its key queued."""
    district = area if area.kind == AreaKind.DISTRICT else _district(area)
    row = DataValue.objects.create(
        element=element,
        area=area,
        district=district,
        period_type=period.type,
        period_start=period.start,
        category=category,
        value=Decimal(value),
        origin=Origin.FORM,
        entered_at=at(entered),
    )
    service.values_changed([(district.pk, element.pk, period)])
    return row


def _district(area: Area) -> Area:
    while area.kind != AreaKind.DISTRICT:
        assert area.parent is not None
        area = area.parent
    return area


def figure(indicator: Indicator, area: Area, period: Period) -> Figure:
    return Figure.objects.get(
        indicator=indicator, area=area, period_type=period.type, period_start=period.start
    )


@pytest.fixture
def filled(world: Any, catalogue: dict[str, Any], django_capture_on_commit_callbacks: Any) -> Any:
    gp_a1b = make_area(AreaKind.GRAM_PANCHAYAT, "Panchayat A1b", world.block_a1)
    trained = catalogue["element:pmgdisha_trained"]
    certified = catalogue["element:pmgdisha_certified"]
    total, epos = catalogue["element:fps_total"], catalogue["element:fps_on_epos"]
    with django_capture_on_commit_callbacks(execute=True):
        # Panchayat A1: April 10 women + 20 men on time; May a report of zero, late (due
        # 10 June); June not reported.
        put(trained, world.gp_a1, APR, 10, "female", "2025-05-05")
        put(trained, world.gp_a1, APR, 20, "male", "2025-05-06")
        put(trained, world.gp_a1, MAY, 0, "female", "2025-06-20")
        put(trained, world.gp_a1, MAY, 0, "male", "2025-06-20")
        # Panchayat A1b: April 5 + 5 + 1; May not reported; June 4 women (1 July, on time).
        put(trained, gp_a1b, APR, 5, "female", "2025-05-01")
        put(trained, gp_a1b, APR, 5, "male", "2025-05-01")
        put(trained, gp_a1b, APR, 1, "transgender", "2025-05-01")
        put(trained, gp_a1b, JUN, 4, "female", "2025-07-01")
        # District B: April 7 men.
        put(trained, world.gp_b1, APR, 7, "male", "2025-05-02")
        put(certified, world.gp_a1, APR, 6, "female")
        put(certified, world.gp_a1, APR, 9, "male")
        put(certified, gp_a1b, APR, 2, "female")
        # Ration shops, a stock per block: A1 reports April and May, A2 April and June.
        put(total, world.block_a1, APR, 10)
        put(epos, world.block_a1, APR, 4)
        put(total, world.block_a1, MAY, 10)
        put(epos, world.block_a1, MAY, 6)
        put(total, world.block_a2, APR, 20)
        put(epos, world.block_a2, APR, 20)
        put(total, world.block_a2, JUN, 20)
        put(epos, world.block_a2, JUN, 15)
    world.gp_a1b = gp_a1b
    return world


def test_a_count_adds_panchayats_up_and_zero_is_not_missing(filled: Any, catalogue: Any) -> None:
    trained = catalogue["indicator:pmgdisha_trained"]
    w = filled
    assert FigureQueue.objects.count() == 0  # worked off after the commit
    assert figure(trained, w.gp_a1, APR).value == 30
    assert figure(trained, w.gp_a1, MAY).value == 0  # a report of zero
    assert figure(trained, w.gp_a1, JUN).value is None  # not reported
    assert figure(trained, w.gp_a1b, MAY).value is None
    assert figure(trained, w.gp_a1b, JUN).value == 4
    assert figure(trained, w.block_a1, APR).value == 41
    assert figure(trained, w.block_a1, MAY).value == 0
    assert figure(trained, w.district_a, JUN).value == 4
    # The quarter adds its months.
    assert figure(trained, w.gp_a1, Q1).value == 30
    assert figure(trained, w.gp_a1b, Q1).value == 15
    assert figure(trained, w.block_a1, Q1).value == 45
    assert figure(trained, w.district_a, FY).value == 45
    # The state adds its two districts.
    assert figure(trained, w.state, APR).value == 48
    assert figure(trained, w.state, Q1).value == 52
    assert figure(trained, w.district_b, Q1).value == 7
    # Rows carry the area's parent and kind; a panchayat-level indicator has panchayat rows.
    row = figure(trained, w.gp_a1b, Q1)
    assert (row.parent_id, row.kind) == (w.block_a1.pk, AreaKind.GRAM_PANCHAYAT)
    assert figure(trained, w.state, Q1).parent_id is None


def test_shares_read_categories_and_unknown_stays_unknown(filled: Any, catalogue: Any) -> None:
    women = catalogue["indicator:pmgdisha_women_share"]
    certified = catalogue["indicator:pmgdisha_certified_share"]
    w = filled
    apr = figure(women, w.gp_a1, APR)
    assert (apr.numerator, apr.denominator, apr.value) == (10, 30, Decimal("33.3333"))
    assert figure(women, w.block_a1, APR).value == Decimal("36.5854")  # 15 / 41
    assert figure(women, w.gp_a1, MAY).value is None  # 0 / 0
    assert figure(women, w.gp_a1b, MAY).value is None  # not reported
    assert figure(certified, w.gp_a1, APR).value == 50
    assert figure(certified, w.gp_a1b, APR).value == Decimal("18.1818")  # 2 / 11
    assert figure(certified, w.block_a1, APR).value == Decimal("41.4634")  # 17 / 41
    assert figure(certified, w.gp_a1, MAY).value is None  # nothing certified reported


def test_a_stock_counts_each_area_at_its_last_month(filled: Any, catalogue: Any) -> None:
    share = catalogue["indicator:fps_epos_share"]
    w = filled
    assert figure(share, w.block_a1, Q1).value == 60  # May: 6 of 10
    assert figure(share, w.block_a2, Q1).value == 75  # June: 15 of 20
    # The district: A1 at May and A2 at June, 21 of 30 (not June alone, 15 of 20).
    district = figure(share, w.district_a, Q1)
    assert (district.numerator, district.denominator, district.value) == (21, 30, 70)
    assert figure(share, w.state, Q1).value == 70
    assert figure(share, w.district_a, JUN).value == 75
    # A block-level indicator has no panchayat rows.
    assert not Figure.objects.filter(indicator=share, kind=AreaKind.GRAM_PANCHAYAT).exists()


def test_reports_due_received_and_late(filled: Any, catalogue: Any) -> None:
    trained = catalogue["indicator:pmgdisha_trained"]
    women = catalogue["indicator:pmgdisha_women_share"]
    w = filled
    counts = lambda f: (f.expected, f.reported, f.late)  # noqa: E731
    assert counts(figure(trained, w.gp_a1, Q1)) == (3, 2, 1)
    assert counts(figure(trained, w.gp_a1b, Q1)) == (3, 2, 0)
    assert counts(figure(trained, w.block_a1, Q1)) == (6, 4, 1)
    assert counts(figure(trained, w.block_a2, Q1)) == (0, 0, 0)  # no panchayat
    assert counts(figure(trained, w.district_a, Q1)) == (6, 4, 1)
    assert counts(figure(trained, w.district_a, MAY)) == (2, 1, 1)
    assert counts(figure(trained, w.state, Q1)) == (9, 5, 1)  # three panchayats
    # An indicator's reports are its numerator's first element's.
    assert counts(figure(women, w.block_a1, APR)) == (2, 2, 0)


def test_reports_of_this_month_are_not_due(world: Any, catalogue: Any) -> None:
    trained = catalogue["element:pmgdisha_trained"]
    now = Period.current()
    put(trained, world.gp_a1, now, 3, "female", timezone.localdate().isoformat())
    service.refresh_queued()
    row = figure(catalogue["indicator:pmgdisha_trained"], world.gp_a1, now)
    assert (row.value, row.expected, row.reported) == (3, 0, 1)


def test_targets_fall_back_to_the_quarter_then_the_year_undivided(
    filled: Any, catalogue: Any
) -> None:
    trained = catalogue["indicator:pmgdisha_trained"]
    w = filled
    for area, period, value in (
        (w.block_a1, FY, 1200),
        (w.district_a, Q1, 300),
        (w.gp_a1, APR, 25),
    ):
        Target.objects.create(
            indicator=trained,
            area=area,
            period_type=period.type,
            period_start=period.start,
            value=value,
        )
    service.refresh(w.district_a, [APR, MAY, Q1, FY])
    assert figure(trained, w.gp_a1, APR).target == 25
    assert figure(trained, w.gp_a1, MAY).target is None
    assert figure(trained, w.block_a1, APR).target == 1200  # the year's, not divided
    assert figure(trained, w.district_a, APR).target == 300
    assert figure(trained, w.district_a, Q1).target == 300
    assert figure(trained, w.district_a, FY).target is None
    assert target_for(trained, w.block_a1, MAY) == 1200
    assert target_for(trained, w.district_a, FY) is None


def test_a_changed_value_changes_its_figures_and_the_state(
    filled: Any, catalogue: Any, django_capture_on_commit_callbacks: Any
) -> None:
    trained = catalogue["indicator:pmgdisha_trained"]
    w = filled
    row = DataValue.objects.get(
        area=w.gp_a1,
        period_start=APR.start,
        category="male",
        element=catalogue["element:pmgdisha_trained"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        row.value = Decimal(25)
        row.save()
        service.values_changed([(w.district_a.pk, row.element_id, APR)])
    assert figure(trained, w.block_a1, APR).value == 46
    assert figure(trained, w.block_a1, Q1).value == 50
    assert figure(trained, w.state, FY).value == 57
    with django_capture_on_commit_callbacks(execute=True):
        row.delete()
        service.values_changed([(w.district_a.pk, row.element_id, APR)])
    assert figure(trained, w.gp_a1, APR).value == 10


def test_demo_values_mark_their_figures(world: Any, catalogue: Any) -> None:
    trained = catalogue["element:pmgdisha_trained"]
    put(trained, world.gp_a1, APR, 3, "female")
    row = put(trained, world.gp_b1, APR, 3, "female")
    row.is_demo = True
    row.save()
    service.refresh_queued()
    indicator = catalogue["indicator:pmgdisha_trained"]
    assert not figure(indicator, world.gp_a1, APR).is_demo
    assert figure(indicator, world.gp_b1, APR).is_demo
    assert figure(indicator, world.state, APR).is_demo


def test_computed_sources_replace_their_counts(
    world: Any, catalogue: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    counts: dict[int, int] = {world.gp_a1.pk: 3, world.block_a2.pk: 2, world.gp_b1.pk: 9}
    source = FigureSource(
        "applications.pending_beyond_limit", "pending", lambda d, first, last: dict(counts)
    )
    monkeypatch.setattr(
        service,
        "figure_source",
        lambda code: source if code == "applications.pending_beyond_limit" else None,
    )
    pending = catalogue["indicator:services_pending_late"]
    service.compute_sources(world.district_a, APR)
    service.refresh_queued()
    # gp_b1 is district B's: not counted for district A.
    assert figure(pending, world.district_a, APR).value == 5
    assert figure(pending, world.block_a1, APR).value == 3
    assert (
        figure(pending, world.block_a1, APR).expected,
        figure(pending, world.block_a1, APR).reported,
    ) == (0, 0)
    counts.clear()
    counts[world.gp_a1.pk] = 4
    assert service.compute_sources(world.district_a, APR) == [
        catalogue["element:app_pending_beyond_limit"].pk
    ]
    service.refresh_queued()
    assert figure(pending, world.block_a2, APR).value == 0  # counted before, now none
    assert figure(pending, world.district_a, APR).value == 4
    row = DataValue.objects.get(area=world.block_a2, element__code="app_pending_beyond_limit")
    assert (row.value, row.origin, row.entered_by) == (0, Origin.COMPUTED, None)
    # Nothing changed: nothing queued.
    assert service.compute_sources(world.district_a, APR) == []
    assert not FigureQueue.objects.exists()


def test_a_count_of_no_rows_is_zero_and_an_unreported_figure_unknown(
    world: Any, catalogue: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = FigureSource("reviews.directives_overdue", "overdue", lambda d, first, last: {})
    monkeypatch.setattr(
        service,
        "figure_source",
        lambda code: source if code == "reviews.directives_overdue" else None,
    )
    service.compute_sources(world.district_a, APR)
    service.refresh(world.district_a, [APR])
    # No directive overdue anywhere in district A: 0, not "not worked out".
    assert figure(catalogue["indicator:directives_overdue"], world.district_a, APR).value == 0
    # Nobody reported iStart mentees: unknown, never 0.
    assert figure(catalogue["indicator:istart_mentees"], world.district_a, APR).value is None


def test_rebuild_is_idempotent_and_matches_the_refreshes(filled: Any) -> None:
    def rows() -> list[tuple[Any, ...]]:
        return sorted(
            Figure.objects.values_list(
                "indicator_id",
                "area_id",
                "period_type",
                "period_start",
                "parent_id",
                "kind",
                "numerator",
                "denominator",
                "value",
                "target",
                "expected",
                "reported",
                "late",
                "is_demo",
            )
        )

    today = timezone.localdate()
    months = (today.year - 2025) * 12 + today.month - 3  # back to April 2025
    service.rebuild(months=months)
    first = rows()
    assert len(first) > 0
    service.rebuild(months=months)
    assert rows() == first
    # The incremental refreshes made the same rows for the periods they touched.
    mine = [r for r in first if r[2] != PeriodType.MONTH or r[3] <= JUN.start]
    Figure.objects.all().delete()
    FigureQueue.objects.all().delete()
    keys = {(v.district_id, v.element_id, v.period) for v in DataValue.objects.all()}
    service.values_changed(keys)
    service.refresh_queued()
    touched = rows()
    assert touched
    assert set(touched) <= set(mine)


def test_the_commands(filled: Any, catalogue: Any) -> None:
    trained = catalogue["indicator:pmgdisha_trained"]
    Figure.objects.all().delete()
    today = timezone.localdate()
    months = (today.year - 2025) * 12 + today.month - 3
    out = io.StringIO()
    call_command(
        "indicators_rebuild",
        "--district",
        str(filled.district_a.pk),
        "--months",
        str(months),
        stdout=out,
    )
    assert "figures written" in out.getvalue()
    assert figure(trained, filled.block_a1, Q1).value == 45
    assert figure(trained, filled.state, Q1).value == 52  # the state adds district B too
    assert not Figure.objects.filter(area=filled.district_b).exists()
    with pytest.raises(CommandError):
        call_command("indicators_rebuild", "--district", str(filled.block_a1.pk))
    # Queued keys are worked off by the five-minute run.
    service.values_changed([(filled.district_b.pk, catalogue["element:pmgdisha_trained"].pk, APR)])
    call_command("indicators_refresh", stdout=out)
    assert not FigureQueue.objects.exists()
    assert figure(trained, filled.district_b, APR).value == 7


def test_one_refresh_task_per_transaction(
    world: Any, catalogue: Any, django_capture_on_commit_callbacks: Any
) -> None:
    element = catalogue["element:pmgdisha_trained"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        service.values_changed([(world.district_a.pk, element.pk, APR)])
        service.values_changed([(world.district_b.pk, element.pk, MAY)])
        # April, Q1 and 2025-26 for A; May, Q1 and 2025-26 for B.
        assert FigureQueue.objects.count() == 6
    assert len(callbacks) == 1
    assert not FigureQueue.objects.exists()  # the one task took both districts
