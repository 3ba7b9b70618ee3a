"""The indicators demo's figures (``degs.indicators.demos.values``) loaded on the demo
directory: a year of months, every value marked as demo, loading twice changes nothing, figures
for Jamtara's blocks; and the state's view of the demo (Jharkhand's districts only)."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest
from django.db.models import Count, Max

from degs.accounts.demo import load_users
from degs.accounts.models import User
from degs.dashboards.selectors.state import state_view
from degs.directory.choices import AreaKind
from degs.directory.demo import load_demo
from degs.directory.models import Area
from degs.indicators.choices import Origin, PeriodType
from degs.indicators.demo import load
from degs.indicators.demos.values import demo_months
from degs.indicators.models import DataValue, Figure, Target
from degs.indicators.periods import Period

pytestmark = pytest.mark.django_db

TODAY_LAST_MONTH = demo_months()[-1]


@pytest.fixture
def demo(db: None) -> dict[str, Any]:
    load_demo()
    load_users()
    started = time.monotonic()
    lines = load()
    return {"lines": lines, "seconds": time.monotonic() - started}


def test_a_year_of_months_marked_as_demo(demo: dict[str, Any]) -> None:
    print("indicators demo:", demo["lines"], f"{demo['seconds']:.1f} s")
    entered = DataValue.objects.exclude(origin=Origin.COMPUTED)
    assert entered.exists()
    assert not entered.exclude(is_demo=True, origin=Origin.DEMO).exists()
    months = sorted(set(entered.values_list("period_start", flat=True)))
    last = TODAY_LAST_MONTH.start
    # 12 months: the last month over and the 11 before; the last may be partly in yet
    assert months[-1] <= last and months[0] == TODAY_LAST_MONTH.previous(11).start
    assert len(months) >= 11
    districts = set(entered.values_list("district__name", flat=True))
    assert districts == {"Jamtara", "East Singhbhum"}
    # PMGDISHA per panchayat and by sex, Aadhaar per block, cameras per district
    kinds = dict(
        entered.values("element__code")
        .annotate(n=Count("area__kind", distinct=True))
        .values_list("element__code", "area__kind")
    )
    assert kinds["pmgdisha_trained"] == AreaKind.GRAM_PANCHAYAT
    assert kinds["aadhaar_enrolments"] == AreaKind.BLOCK
    assert kinds["cameras_working"] == AreaKind.DISTRICT
    assert set(
        entered.filter(element__code="pmgdisha_trained").values_list("category", flat=True)
    ) == {"female", "male", "transgender"}
    assert Target.objects.filter(
        period_type=PeriodType.YEAR, period_start=dt.date(2026, 4, 1), area__name="Jamtara"
    ).exists()


def test_loading_twice_changes_nothing(demo: dict[str, Any]) -> None:
    def state() -> tuple[Any, ...]:
        values = DataValue.objects.aggregate(n=Count("pk"), v=Max("version"), e=Max("entered_at"))
        return (
            values,
            Target.objects.count(),
            Target.objects.aggregate(v=Max("version")),
            sorted(
                Figure.objects.values_list(
                    "indicator_id",
                    "area_id",
                    "period_start",
                    "period_type",
                    "value",
                    "target",
                    "expected",
                    "reported",
                    "late",
                )
            ),
        )

    before = state()
    load()
    assert state() == before


def test_figures_for_jamtaras_blocks_show_reports_missing_and_late(demo: dict[str, Any]) -> None:
    jamtara = Area.objects.get(kind=AreaKind.DISTRICT, name="Jamtara")
    month = TODAY_LAST_MONTH.previous(2)  # well past its due day
    blocks = Figure.objects.filter(
        parent__path__startswith=jamtara.path,
        kind=AreaKind.BLOCK,
        indicator__code="pmgdisha_trained",
        period_type=PeriodType.MONTH,
        period_start=month.start,
    ).select_related("area")
    by_name = {f.area.name: f for f in blocks}
    assert {"Nala", "Kundahit", "Jamtara", "Fatehpur"} <= set(by_name)
    assert all(f.value is not None and f.is_demo for f in by_name.values())
    # Kundahit is behind: fewer of its panchayats' reports in, over the last quarter
    quarter = Period.quarter_of(month.start)
    shares = {
        f.area.name: f.reported / f.expected
        for f in Figure.objects.filter(
            area__in=[by_name["Kundahit"].area, by_name["Nala"].area],
            indicator__code="pmgdisha_trained",
            period_type=quarter.type,
            period_start=quarter.start,
        ).select_related("area")
        if f.expected
    }
    assert shares["Kundahit"] < shares["Nala"]
    district = Figure.objects.filter(
        area=jamtara, indicator__code="pmgdisha_trained", period_type=PeriodType.YEAR
    ).first()
    assert district is not None and district.expected > district.reported > 0
    assert district.late > 0


def test_the_state_view_of_the_demo(demo: dict[str, Any]) -> None:
    state = User.objects.get(username="state.jharkhand")
    view = state_view(user=state, indicator_code="aadhaar_enrolments")
    names = {s.district.name for s in view.standings}
    assert {"Jamtara", "East Singhbhum"} <= names and "Gonda" not in names
    assert view.state is not None and view.state.name == "Jharkhand" and view.whole_state
    ranked = [s for s in view.standings if s.rank is not None]
    assert ranked, "the demo's last month ranks its two districts"
    gonda = User.objects.get(username="dm.gonda")
    theirs = state_view(user=gonda, indicator_code="aadhaar_enrolments")
    assert [d.name for d in theirs.districts] == ["Gonda"]
    assert not {"Jamtara", "East Singhbhum"} & {s.district.name for s in theirs.standings}
