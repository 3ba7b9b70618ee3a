"""The demo's programme figures: a year of monthly values (the twelve months up to the last
month over) for Jamtara and East Singhbhum, for every entered element at its level (PMGDISHA by
sex per panchayat; Aadhaar and ration shops per block; iStart and the command centre's cameras
per district), targets for the financial years those months fall in, and the maintained
figures worked out from them.

Made up, plausible and marked as such (``is_demo``, origin "demo"): seeded by element, area and
month, so loading twice (the same day) changes nothing. Each place has a steady trend; some
panchayats miss some months, a few reports come in late, and one block of each district
(Kundahit, Gurabandha) is clearly behind: fewer reports, more of them late, lower figures.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from degs.core.scoping import under_q
from degs.directory.choices import AreaKind
from degs.directory.models import Area
from degs.indicators.choices import Category, Origin, PeriodType, Source
from degs.indicators.models import DataElement, DataValue, FigureQueue, Indicator, Target
from degs.indicators.periods import Period
from degs.indicators.services.catalogue import target_set
from degs.indicators.services.figures import rebuild
from degs.indicators.services.values import ValueRow, values_write

DISTRICTS = ("Jamtara", "East Singhbhum")
STATE = "Jharkhand"
# The block of each district that is clearly behind.
BEHIND = {"Jamtara": "Kundahit", "East Singhbhum": "Gurabandha"}
# Cameras installed at each district's command centre.
CAMERAS = {"Jamtara": 120, "East Singhbhum": 460}

# Yearly targets: indicator code -> (district target, block target or None). Counts are the
# year's goal; shares are percentages every month should reach.
TARGETS: dict[str, tuple[str, str | None]] = {
    "pmgdisha_trained": ("24000", None),
    "pmgdisha_certified_share": ("80", None),
    "pmgdisha_women_share": ("50", None),
    "aadhaar_enrolments": ("60000", "9000"),
    "aadhaar_updates": ("150000", None),
    "fps_epos_share": ("98", "98"),
    "cameras_working_share": ("90", None),
    "istart_mentees": ("150", None),
}
# Districts' targets scale with their size: East Singhbhum's counts are this much Jamtara's.
SCALE = {"Jamtara": Decimal(1), "East Singhbhum": Decimal("2.5")}


def demo_months(today: dt.date | None = None) -> list[Period]:
    """The twelve months up to the last month over, oldest first."""
    last = Period.of(PeriodType.MONTH, today or timezone.localdate()).previous()
    return last.trend(12)


def _rng(*parts: object) -> random.Random:
    return random.Random("|".join(str(p) for p in parts))  # noqa: S311 - made-up figures


def _whole(x: float) -> Decimal:
    return Decimal(max(round(x), 0))


class _Maker:
    """The rows of one district."""

    def __init__(self, district: Area, months: list[Period]) -> None:
        self.district = district
        self.months = months
        areas = list(
            Area.objects.filter(
                path__startswith=district.path,
                is_active=True,
                kind__in=[AreaKind.BLOCK, AreaKind.GRAM_PANCHAYAT],
            ).order_by("path")
        )
        self.blocks = [a for a in areas if a.kind == AreaKind.BLOCK]
        block_of = {b.path: b for b in self.blocks}
        self.panchayats = [a for a in areas if a.kind == AreaKind.GRAM_PANCHAYAT]
        self.block_of = {
            p.pk: next((b for path, b in block_of.items() if p.path.startswith(path)), None)
            for p in self.panchayats
        }
        self.behind = BEHIND.get(district.name, "")

    def is_behind(self, area: Area) -> bool:
        block = area if area.kind == AreaKind.BLOCK else self.block_of.get(area.pk)
        return block is not None and block.name == self.behind

    def _key(self, area: Area) -> str:
        return f"{self.district.name}/{area.kind}/{area.name}"

    def missing(self, area: Area, month: Period, what: str) -> bool:
        chance = 0.35 if self.is_behind(area) else 0.05
        return _rng("missing", what, self._key(area), month.code).random() < chance

    def rows(self, elements: dict[str, DataElement]) -> list[ValueRow]:
        rows: list[ValueRow] = []
        for i, month in enumerate(self.months):
            growth = 1 + 0.025 * i
            for gp in self.panchayats:
                if self.missing(gp, month, "pmgdisha"):
                    continue
                rows.extend(self._pmgdisha(elements, gp, month, growth))
            for block in self.blocks:
                if not self.missing(block, month, "block"):
                    rows.extend(self._block(elements, block, month, growth))
            rows.extend(self._district(elements, month, growth))
        return rows

    def _pmgdisha(
        self, elements: dict[str, DataElement], gp: Area, month: Period, growth: float
    ) -> Iterable[ValueRow]:
        base = _rng("pmgdisha", self._key(gp)).uniform(18, 55)
        if self.is_behind(gp):
            base *= 0.55
        r = _rng("pmgdisha", self._key(gp), month.code)
        enrolled = base * growth * r.uniform(0.85, 1.15)
        trained = enrolled * r.uniform(0.78, 0.95)
        certified = trained * r.uniform(0.70 if not self.is_behind(gp) else 0.5, 0.9)
        women = r.uniform(0.46, 0.6)
        for code, total in (
            ("pmgdisha_enrolled", enrolled),
            ("pmgdisha_trained", trained),
            ("pmgdisha_certified", certified),
        ):
            female = _whole(total * women)
            male = _whole(total) - female
            yield ValueRow(elements[code], gp, month, Category.FEMALE, female)
            yield ValueRow(elements[code], gp, month, Category.MALE, max(male, Decimal(0)))
            if r.random() < 0.04:  # rarely: a report with no transgender person is left out
                yield ValueRow(elements[code], gp, month, Category.TRANSGENDER, Decimal(1))

    def _block(
        self, elements: dict[str, DataElement], block: Area, month: Period, growth: float
    ) -> Iterable[ValueRow]:
        behind = self.is_behind(block)
        steady = _rng("block", self._key(block))
        r = _rng("block", self._key(block), month.code)
        factor = 0.5 if behind else 1.0
        enrol = steady.uniform(350, 900) * factor * growth * r.uniform(0.88, 1.12)
        updates = steady.uniform(900, 2200) * factor * growth * r.uniform(0.88, 1.12)
        centres = steady.randint(5, 12) - (3 if behind else 0) + r.choice((0, 0, 0, -1))
        shops = steady.randint(70, 150)
        share = (0.62 if behind else 0.86) + 0.008 * self.months.index(month)
        on_epos = min(shops, round(shops * min(share, 0.995) * r.uniform(0.99, 1.0)))
        yield ValueRow(elements["aadhaar_enrolments"], block, month, "", _whole(enrol))
        yield ValueRow(elements["aadhaar_updates"], block, month, "", _whole(updates))
        yield ValueRow(elements["aadhaar_centres_working"], block, month, "", _whole(centres))
        yield ValueRow(elements["fps_total"], block, month, "", Decimal(shops))
        yield ValueRow(elements["fps_on_epos"], block, month, "", Decimal(on_epos))

    def _district(
        self, elements: dict[str, DataElement], month: Period, growth: float
    ) -> Iterable[ValueRow]:
        r = _rng("district", self.district.name, month.code)
        installed = CAMERAS.get(self.district.name, 100)
        working = installed * r.uniform(0.78, 0.95)
        mentees = _rng("district", self.district.name).uniform(8, 16) * growth * r.uniform(0.8, 1.2)
        d = self.district
        yield ValueRow(elements["istart_mentees"], d, month, "", _whole(mentees))
        yield ValueRow(elements["cameras_installed"], d, month, "", Decimal(installed))
        yield ValueRow(elements["cameras_working"], d, month, "", _whole(working))

    def entered_at(
        self, element: DataElement | int, area: Area, period: Period, due_days: int
    ) -> dt.datetime:
        """When the report came in: a few days after the month, a few after their due day
        (more of them in the block behind)."""
        code = element if isinstance(element, int) else element.pk
        r = _rng("entered", code, self._key(area), period.code)
        late_chance = 0.4 if self.is_behind(area) else 0.06
        days = due_days + r.randint(3, 20) if r.random() < late_chance else r.randint(1, due_days)
        day = period.end + dt.timedelta(days=days)
        return timezone.make_aware(dt.datetime.combine(day, dt.time(11, 30)))


def load_values(today: dt.date | None = None) -> tuple[int, int, int]:
    """Write the demo values, back-date them to when each would have come in, set the targets
    and work out the figures. Returns (values written, targets set, figure rows written)."""
    today = today or timezone.localdate()
    months = demo_months(today)
    districts = list(
        Area.objects.filter(kind=AreaKind.DISTRICT, name__in=DISTRICTS, parent__name=STATE)
    )
    if not districts:
        return 0, 0, 0
    elements = {
        e.code: e for e in DataElement.objects.filter(source=Source.ENTERED, is_active=True)
    }
    now = timezone.now()
    written = 0
    with transaction.atomic():
        makers = [_Maker(d, months) for d in districts]
        for maker in makers:
            rows = [r for r in maker.rows(elements) if _came_in(maker, r, now)]
            written += values_write(actor=None, rows=rows, origin=Origin.DEMO, is_demo=True)
            _back_date(maker, elements, months)
        targets = _targets(districts, months)
        # The rebuild below works out every figure these values feed.
        FigureQueue.objects.filter(district__in=districts).delete()
    figures = rebuild(districts, months=13) if written or targets else 0
    return written, targets, figures


def _came_in(maker: _Maker, row: ValueRow, now: dt.datetime) -> bool:
    """A report the seeded entry date puts in the future has not come in yet."""
    return maker.entered_at(row.element, row.area, row.period, row.element.due_days) <= now


def _back_date(maker: _Maker, elements: dict[str, DataElement], months: list[Period]) -> None:
    due_days = {e.pk: e.due_days for e in elements.values()}
    areas = {a.pk: a for a in [*maker.blocks, *maker.panchayats, maker.district]}
    rows = list(
        DataValue.objects.filter(
            district=maker.district,
            is_demo=True,
            origin=Origin.DEMO,
            period_type=PeriodType.MONTH,
            period_start__gte=months[0].start,
        ).only("pk", "element_id", "area_id", "period_type", "period_start", "entered_at")
    )
    # One UPDATE per day of entry (a few hundred), not one CASE over every row.
    by_day: dict[dt.datetime, list[int]] = defaultdict(list)
    for row in rows:
        area = areas.get(row.area_id)
        if area is None:
            continue
        period = Period(row.period_start, row.period_type)
        when = maker.entered_at(row.element_id, area, period, due_days.get(row.element_id, 10))
        if row.entered_at != when:
            by_day[when].append(row.pk)
    for when, pks in by_day.items():
        for start in range(0, len(pks), 900):
            DataValue.objects.filter(pk__in=pks[start : start + 900]).update(entered_at=when)


def _targets(districts: list[Area], months: list[Period]) -> int:
    years = sorted({Period.year_of(m.start) for m in months})
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=list(TARGETS))}
    existing = {
        (t.indicator_id, t.area_id, t.period_start): t
        for t in Target.objects.filter(
            indicator__in=indicators.values(),
            period_type=PeriodType.YEAR,
        ).filter(under_q("area__path", [d.path for d in districts]))
    }
    changed = 0
    for district in districts:
        blocks = list(
            Area.objects.filter(path__startswith=district.path, kind=AreaKind.BLOCK, is_active=True)
        )
        for code, (for_district, for_block) in TARGETS.items():
            indicator = indicators.get(code)
            if indicator is None:
                continue
            is_count = not indicator.denominator
            scale = SCALE.get(district.name, Decimal(1)) if is_count else Decimal(1)
            places: list[tuple[Area, Decimal]] = [(district, Decimal(for_district) * scale)]
            if for_block is not None:
                places += [(b, Decimal(for_block)) for b in blocks]
            for area, value in places:
                for year in years:
                    row = existing.get((indicator.pk, area.pk, year.start))
                    if row is not None and row.value == value:
                        continue
                    target_set(
                        actor=None,
                        indicator=indicator,
                        area=area,
                        period=year,
                        value=value,
                        version=row.version if row else None,
                    )
                    changed += 1
    return changed
