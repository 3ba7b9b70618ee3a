"""The register import: offices by code or by LGD code and name, row errors, new tags given
out, a second import of the same file changes nothing, an export imports back unchanged,
bulk writes (no query per row)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from degs.assets import importing
from degs.assets.models import Asset, AssetEvent, EquipmentModel
from degs.core.exceptions import ImportRejected
from degs.core.tabular import read_table
from degs.directory.models import Office
from degs.imports import services as imports

pytestmark = pytest.mark.django_db

HEADER = list(importing.COLUMNS)


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


@pytest.fixture
def coded(world):  # type: ignore[no-untyped-def]
    Office.objects.filter(pk=world.office_a1.pk).update(code="JH-BLK-A1")
    world.block_a2.lgd_code = "654321"
    world.block_a2.save(update_fields=["lgd_code"])
    return world


def row(**values: str) -> list[str]:
    base = dict.fromkeys(HEADER, "")
    base.update(
        {
            "category_code": "projector",
            "make": "Epson",
            "model": "EB-X51",
            "serial": "NEW-0001",
            "office_code": "JH-BLK-A1",
            "funding": "e_district",
            "supplier_gstin": "20AAACJ1234K1Z5",
            "order_kind": "gem_order",
            "order_number": "GEMC-1",
            "purchased_on": "10-04-2026",
            "warranty_until": "09-04-2029",
            "cost_rupees": "42,500.50",
        }
    )
    base.update(values)
    return [base[c] for c in HEADER]


def table(*rows: list[str]):  # type: ignore[no-untyped-def]
    lines = [",".join(HEADER)] + [",".join(f'"{c}"' for c in r) for r in rows]
    return read_table("register.csv", ("\n".join(lines) + "\n").encode())


def test_import_adds_then_changes_nothing(coded, kit) -> None:  # type: ignore[no-untyped-def]
    rows = (
        row(),
        row(serial="NEW-0002", office_code="", lgd_code="654321", office_name="Block Office A2"),
        row(tag="JA-PRJ-0001", serial="X51A0001", office_code="", cost_rupees="40000"),
        row(serial="NEW-0003", category_code="ups", make="APC", model="BR1500", status="issued"),
    )
    report = imports.apply_table(kind=importing.REGISTER, actor=coded.dio_a, table=table(*rows))
    assert (report.to_create, report.to_update, report.unchanged) == (3, 1, 0), report.errors
    new = Asset.objects.get(serial="NEW-0001")
    assert new.tag == "DIS-PROJECTOR-0001" and new.cost_paise == 4_250_050
    assert Asset.objects.get(serial="NEW-0002").office == coded.office_a2
    assert Asset.objects.get(serial="NEW-0002").tag == "DIS-PROJECTOR-0002"
    assert Asset.objects.get(tag="JA-PRJ-0001").cost_paise == 4_000_000
    ups = Asset.objects.get(serial="NEW-0003")
    assert ups.status == "issued" and EquipmentModel.objects.filter(name="BR1500").exists()
    assert AssetEvent.objects.filter(action="register").count() == 3
    again = imports.apply_table(kind=importing.REGISTER, actor=coded.dio_a, table=table(*rows))
    assert (again.to_create, again.to_update, again.unchanged) == (0, 0, 4)
    assert Asset.objects.count() == 3 + 3


def test_row_errors(coded, kit) -> None:  # type: ignore[no-untyped-def]
    rows = (
        row(category_code="fridge"),
        row(serial="", tag=""),
        row(serial="E3", office_code="NOPE"),
        row(serial="E4", funding="lottery"),
        row(serial="E5", cost_rupees="12.345"),
        row(serial="E6", purchased_on="31-02-2026"),
        row(serial="E7", supplier_gstin="27AAPFU0939F1ZV"),
        row(serial="E8", office_code="", lgd_code="654321", office_name="Nowhere"),
        row(
            tag="JA-UPS-0001",
            serial="BX0001",
            category_code="ups",
            make="APC",
            model="BX1100C",
            office_code="",
            status="issued",
        ),
        row(tag="JB-PRJ-0001", serial="X51B0001", office_code=""),
        row(serial="E9", make="APC", model="BX1100C"),
    )
    report = imports.check_table(kind=importing.REGISTER, actor=coded.dio_a, table=table(*rows))
    found = {(e.line, e.column) for e in report.errors}
    assert found == {
        (2, "category_code"),
        (3, "tag"),
        (4, "office_code"),
        (5, "funding"),
        (6, "cost_rupees"),
        (7, "purchased_on"),
        (8, "supplier_gstin"),
        (9, "office_name"),
        (10, "status"),
        (11, "tag"),
        (12, "category_code"),
    }
    with pytest.raises(ImportRejected):
        imports.apply_table(kind=importing.REGISTER, actor=coded.dio_a, table=table(*rows))
    assert Asset.objects.count() == 3


def test_export_imports_back_unchanged(coded, kit, client_as) -> None:  # type: ignore[no-untyped-def]
    content = client_as(coded.dio_a).get(reverse("assets:asset_list") + "?format=csv").content
    report = imports.check_table(
        kind=importing.REGISTER, actor=coded.dio_a, table=read_table("a.csv", content)
    )
    assert report.ok, report.errors
    assert (report.to_create, report.to_update, report.unchanged) == (0, 0, 2)


def test_no_query_per_row(coded, kit) -> None:  # type: ignore[no-untyped-def]
    def run(n: int) -> int:
        rows = [row(serial=f"Q{n}-{i}") for i in range(n)]
        with CaptureQueriesContext(connection) as queries:
            imports.apply_table(kind=importing.REGISTER, actor=coded.dio_a, table=table(*rows))
        return len(queries)

    run(1)
    assert run(3) == run(30)


def test_a_block_officer_may_not_import(coded, kit, client_as) -> None:  # type: ignore[no-untyped-def]
    assert not imports.may_import(coded.bdo_a1, "asset_register")
    assert imports.may_import(coded.dio_a, "asset_register")
    assert client_as(coded.bdo_a1).get(reverse("assets:asset_import")).status_code == 403
