"""The values import: every bad row with its line, column and reason; the dry run's new,
changed and same; all or nothing; the same file again changes nothing; look-ups in a fixed
number of queries."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from degs.core.tabular import read_table
from degs.imports import services as imports
from degs.indicators import importing
from degs.indicators.models import DataValue, DataValueEvent
from degs.indicators.periods import Period

HEADER = list(importing.COLUMNS)


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


@pytest.fixture
def coded(world, catalogue):  # type: ignore[no-untyped-def]
    """LGD codes for the areas the rows name."""
    for area, code in [
        (world.district_a, "350"),
        (world.block_a1, "3501"),
        (world.block_a2, "3502"),
        (world.block_b1, "3601"),
        (world.gp_a1, "350101"),
        (world.gp_b1, "360101"),
    ]:
        area.lgd_code = code
        area.save(update_fields=["lgd_code"])
    return world


def table(*rows: tuple[str, ...]):  # type: ignore[no-untyped-def]
    out = io.StringIO()
    csv.writer(out).writerows([HEADER, *rows])
    return read_table("figures.csv", out.getvalue().encode())


def errors(report) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    return [(e.line, e.column) for e in report.errors]


def last_month() -> str:
    return Period.current().previous(1).code


GOOD = (
    ("aadhaar_enrolments", "3501", "2026-04", "", "1,250", "camp at the block"),
    ("pmgdisha_enrolled", "350101", "2026-04", "female", "40", ""),
    ("pmgdisha_enrolled", "350101", "2026-04", "male", "35", ""),
)


def test_good_rows_are_new_then_written_through_values_write(coded):
    report = imports.check_table(kind=importing.VALUES, actor=coded.dc_a, table=table(*GOOD))
    assert report.ok, [(e.line, e.column, str(e.message)) for e in report.errors]
    assert (report.to_create, report.to_update, report.unchanged) == (3, 0, 0)
    imports.apply_table(kind=importing.VALUES, actor=coded.dc_a, table=table(*GOOD))
    rows = {
        (v.element.code, v.area_id, v.category): (v.value, v.origin, v.district_id, v.comment)
        for v in DataValue.objects.select_related("element")
    }
    assert rows == {
        ("aadhaar_enrolments", coded.block_a1.pk, ""): (
            Decimal(1250),
            "import",
            coded.district_a.pk,
            "camp at the block",
        ),
        ("pmgdisha_enrolled", coded.gp_a1.pk, "female"): (
            Decimal(40),
            "import",
            coded.district_a.pk,
            "",
        ),
        ("pmgdisha_enrolled", coded.gp_a1.pk, "male"): (
            Decimal(35),
            "import",
            coded.district_a.pk,
            "",
        ),
    }
    assert DataValueEvent.objects.count() == 3


def test_the_same_file_again_changes_nothing(coded):
    imports.apply_table(kind=importing.VALUES, actor=coded.dc_a, table=table(*GOOD))
    versions = list(DataValue.objects.order_by("pk").values_list("pk", "version"))
    events = DataValueEvent.objects.count()
    again = imports.apply_table(kind=importing.VALUES, actor=coded.dc_a, table=table(*GOOD))
    assert (again.to_create, again.to_update, again.unchanged) == (0, 0, 3)
    assert list(DataValue.objects.order_by("pk").values_list("pk", "version")) == versions
    assert DataValueEvent.objects.count() == events


def test_a_changed_row_is_shown_as_changed_with_the_value_before(coded):
    imports.apply_table(kind=importing.VALUES, actor=coded.dc_a, table=table(*GOOD))
    changed = (GOOD[0], ("pmgdisha_enrolled", "350101", "2026-04", "female", "44", ""), GOOD[2])
    report = imports.check_table(kind=importing.VALUES, actor=coded.dc_a, table=table(*changed))
    assert (report.to_create, report.to_update, report.unchanged) == (0, 1, 2)
    assert report.preview == [
        {
            "line": 3,
            "action": "update",
            "element": "pmgdisha_enrolled",
            "lgd_code": "350101",
            "period": "2026-04",
            "category": "female",
            "value": "44",
            "previous": "40",
        }
    ]
    imports.apply_table(kind=importing.VALUES, actor=coded.dc_a, table=table(*changed))
    value = DataValue.objects.get(area=coded.gp_a1, category="female")
    assert (value.value, value.version) == (Decimal(44), 2)


def test_every_bad_row_is_reported_with_its_line_column_and_reason(coded):
    future = Period.current().next().next().code
    rows = (
        ("no_such_thing", "3501", "2026-04", "", "5", ""),  # 2 unknown element
        ("app_received", "3501", "2026-04", "", "5", ""),  # 3 computed element
        ("aadhaar_enrolments", "350101", "2026-04", "", "5", ""),  # 4 a panchayat, not a block
        ("aadhaar_enrolments", "3501", "2026-27-Q1", "", "5", ""),  # 5 a quarter, not a month
        ("aadhaar_enrolments", "3501", future, "", "5", ""),  # 6 not begun
        ("aadhaar_enrolments", "3501", "2026-13", "", "5", ""),  # 7 no such period
        ("aadhaar_enrolments", "3501", "2026-04", "female", "5", ""),  # 8 not split
        ("pmgdisha_enrolled", "350101", "2026-04", "", "5", ""),  # 9 split: no total
        ("aadhaar_enrolments", "3501", "2026-05", "", "-5", ""),  # 10 negative
        ("aadhaar_enrolments", "3501", "2026-06", "", "5.5", ""),  # 11 fractional
        ("aadhaar_enrolments", "3501", "2026-07", "", "five", ""),  # 12 not a number
        ("aadhaar_enrolments", "3601", "2026-04", "", "5", ""),  # 13 district B: not theirs
        ("aadhaar_enrolments", "9999", "2026-04", "", "5", ""),  # 14 no such code
        ("aadhaar_enrolments", "3501", "2026-08", "", "5", ""),  # 15 good
        ("aadhaar_enrolments", "3501", "2026-08", "", "6", ""),  # 16 the same key again
    )
    report = imports.check_table(kind=importing.VALUES, actor=coded.dc_a, table=table(*rows))
    assert errors(report) == [
        (2, "element"),
        (3, "element"),
        (4, "lgd_code"),
        (5, "period"),
        (6, "period"),
        (7, "period"),
        (8, "category"),
        (9, "category"),
        (10, "value"),
        (11, "value"),
        (12, "value"),
        (13, "lgd_code"),
        (14, "lgd_code"),
        (16, "element"),
    ]
    said = {e.line: str(e.message) for e in report.errors}
    assert said[2] == "No data element has this code."
    assert "not entered" in said[3]
    assert said[4] == "This figure is reported for each: Block."
    assert said[5] == "This figure is reported every: Month."
    assert said[6] == "This period has not begun yet."
    assert said[10] == "A figure cannot be below zero."
    assert said[11] == "Give a whole number."
    assert said[12] == "Give a number."
    assert said[13] == said[14] == "No area in your areas has this LGD code."
    assert said[16] == "This element, area, period and category are already on line 15."
    assert report.to_create == 1


def test_a_bad_row_writes_nothing(coded):
    rows = (*GOOD, ("aadhaar_enrolments", "3501", "2026-05", "", "-1", ""))
    report = imports.check_table(kind=importing.VALUES, actor=coded.dc_a, table=table(*rows))
    assert errors(report) == [(5, "value")]
    with pytest.raises(Exception):  # noqa: B017 - the framework refuses the whole file
        imports.apply_table(kind=importing.VALUES, actor=coded.dc_a, table=table(*rows))
    assert DataValue.objects.count() == 0


def test_a_block_officer_imports_only_their_block(coded):
    rows = (
        ("aadhaar_enrolments", "3501", "2026-04", "", "5", ""),
        ("aadhaar_enrolments", "3502", "2026-04", "", "5", ""),
    )
    report = imports.check_table(kind=importing.VALUES, actor=coded.bdo_a1, table=table(*rows))
    assert errors(report) == [(3, "lgd_code")]


def test_the_reasons_are_in_the_readers_language(coded):
    rows = (("no_such_thing", "3501", "2026-04", "", "5", ""),)
    report = imports.check_table(kind=importing.VALUES, actor=coded.dc_a, table=table(*rows))
    with translation.override("hi"):
        message = str(report.errors[0].message)
    assert message != "No data element has this code." and "डेटा" in message


def test_look_ups_take_the_same_queries_for_ten_rows_as_for_a_hundred(coded):
    def rows(n: int) -> list[tuple[str, ...]]:
        start = dt.date(2017, 4, 1)
        months = [Period.month(start.year + i // 12, (i % 12) + 1).code for i in range(n)]
        return [("aadhaar_enrolments", "3501", m, "", str(i), "") for i, m in enumerate(months)]

    imports.check_table(kind=importing.VALUES, actor=coded.dc_a, table=table(*rows(1)))
    counts = []
    for n in (10, 100):
        content = table(*rows(n))
        with CaptureQueriesContext(connection) as queries:
            report = imports.check_table(kind=importing.VALUES, actor=coded.dc_a, table=content)
        assert report.ok and report.to_create == n
        counts.append(len(queries))
    assert counts[0] == counts[1]
