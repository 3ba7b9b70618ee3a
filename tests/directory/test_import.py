import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from degs.core.exceptions import ImportRejected
from degs.core.tabular import read_table
from degs.directory import importing
from degs.directory.models import Area, Office
from degs.imports.models import ImportBatch

HEADER = "kind,lgd_code,name,name_hi,parent_kind,parent_lgd_code,parent_name,is_sample\n"


def _csv(body: str) -> bytes:
    return (HEADER + body).encode()


def test_good_file_imports_everything(world) -> None:
    content = _csv(
        "gram_panchayat,,Kurwa,कुरवा,block,,Block A1,false\n"
        "village,,Kurwa Tola,कुरवा टोला,gram_panchayat,,Kurwa,false\n"
    )
    report = importing.areas_import(actor=world.dc_a, table=read_table("a.csv", content))
    assert (report.to_create, report.errors) == (2, [])
    tola = Area.objects.get(name="Kurwa Tola")
    assert tola.parent.name == "Kurwa" and tola.parent.parent == world.block_a1


def test_one_bad_row_refuses_the_file_with_line_and_reason(world) -> None:
    before = Area.objects.count()
    content = _csv(
        "gram_panchayat,,Good One,गुड,block,,Block A1,false\n"
        "gram_panchayat,12ab,Bad Code,खराब,block,,Block A1,false\n"
        "gram_panchayat,,Lost,खोया,block,,No Such Block,false\n"
    )
    table = read_table("areas.csv", content)
    report = importing.areas_check(actor=world.dc_a, table=table)
    assert [(e.line, e.column) for e in report.errors] == [(3, "lgd_code"), (4, "parent_name")]
    assert "digits" in str(report.errors[0].message)
    with pytest.raises(ImportRejected):
        importing.areas_import(actor=world.dc_a, table=table)
    assert Area.objects.count() == before


def test_errors_read_in_hindi(world) -> None:
    table = read_table("a.csv", _csv("gram_panchayat,12ab,Bad,खराब,block,,Block A1,false\n"))
    report = importing.areas_check(actor=world.dc_a, table=table)
    with translation.override("hi"):
        message = str(report.errors[0].message)
    assert any("\u0900" <= ch <= "\u097f" for ch in message), message


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("hamlet,,X,एक्स,block,,Block A1,false", "kind"),
        ("gram_panchayat,,,एक्स,block,,Block A1,false", "name"),
        ("gram_panchayat,,X,Latin only,block,,Block A1,false", "name_hi"),
        ("gram_panchayat,,X,एक्स,district,,District A,false", "parent_kind"),
        ("gram_panchayat,,X,एक्स,block,,,false", "parent_name"),
        ("gram_panchayat,,X,एक्स,block,,Block A1,maybe", "is_sample"),
        ("gram_panchayat,,X,एक्स,block,,Block B1,false", "parent_name"),  # other district
        ("state,,New State,नया राज्य,,,,false", "kind"),  # only a state admin adds states
        ("gram_panchayat,,X,एक्स,block,,Block A1,false,surplus", ""),
    ],
)
def test_each_kind_of_bad_row(world, row: str, column: str) -> None:
    report = importing.areas_check(actor=world.dc_a, table=read_table("a.csv", _csv(row + "\n")))
    assert [e.column for e in report.errors] == [column]
    assert report.errors[0].line == 2


def test_unknown_and_missing_columns(world) -> None:
    content = b"kind,nam,parent_name\nblock,X,District A\n"
    report = importing.areas_check(actor=world.dc_a, table=read_table("a.csv", content))
    columns = {e.column for e in report.errors}
    assert columns == {"nam", "name"}


def test_duplicate_rows_in_file(world) -> None:
    content = _csv(
        "gram_panchayat,,Same,सेम,block,,Block A1,false\n"
        "gram_panchayat,,Same,सेम,block,,Block A1,false\n"
    )
    report = importing.areas_check(actor=world.dc_a, table=read_table("a.csv", content))
    assert [(e.line, e.column) for e in report.errors] == [(3, "name")]


def test_not_utf8_is_refused_clearly(world) -> None:
    with pytest.raises(ImportRejected) as info:
        read_table("a.csv", HEADER.encode() + "gram_panchayat,,नाला".encode("utf-16"))
    assert "UTF-8" in str(info.value.message)


def test_xlsx_with_numeric_lgd_codes(world) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["gram_panchayat", 112233, "Numeric", "संख्या", "block", None, "Block A1", False])
    buffer = io.BytesIO()
    book.save(buffer)
    report = importing.areas_import(actor=world.dc_a, table=read_table("a.xlsx", buffer.getvalue()))
    assert report.ok and Area.objects.get(name="Numeric").lgd_code == "112233"


def test_export_then_import_changes_nothing(world) -> None:
    content, _type = importing.export_table(kind="areas", user=world.dc_a, under=None, fmt="csv")
    report = importing.areas_check(actor=world.dc_a, table=read_table("x.csv", content))
    assert report.ok, report.errors
    assert (report.to_create, report.to_update) == (0, 0)
    assert report.unchanged == Area.objects.visible_to(world.dc_a).count()


def test_import_updates_names_by_lgd_code(world) -> None:
    content = _csv("block,555,Renamed,नया नाम,district,,District A,false\n")
    importing.areas_import(actor=world.dc_a, table=read_table("a.csv", content))
    area = Area.objects.get(lgd_code="555")
    content = _csv("block,555,Renamed Again,नया नाम,district,,District A,false\n")
    report = importing.areas_import(actor=world.dc_a, table=read_table("a.csv", content))
    assert report.to_update == 1
    area.refresh_from_db()
    assert area.name == "Renamed Again"


OFFICE_HEADER = "kind,name,name_hi,area_kind,area_lgd_code,area_name,address,address_hi,pincode,latitude,longitude,phone,email\n"


def test_offices_import_and_errors(world) -> None:
    good = (
        OFFICE_HEADER
        + "school,Middle School,मध्य विद्यालय,block,,Block A1,Main road,,815351,23.96,86.80,,\n"
    )
    report = importing.offices_import(actor=world.dc_a, table=read_table("o.csv", good.encode()))
    assert report.to_create == 1
    assert Office.objects.get(name="Middle School").area == world.block_a1
    bad = OFFICE_HEADER + (
        "school,Second,दूसरा,block,,Block A1,,,8153,23.96,,,\n"
        "jail,Third,तीसरा,block,,Block B1,,,,,,,\n"
    )
    report = importing.offices_check(actor=world.dc_a, table=read_table("o.csv", bad.encode()))
    assert {(e.line, e.column) for e in report.errors} == {
        (2, "longitude"),
        (2, "pincode"),
        (3, "area_name"),
    }


def test_batch_pages_dry_run_then_import_once(world, client_as) -> None:
    client = client_as(world.dc_a)
    upload = io.BytesIO(_csv("gram_panchayat,,Via Page,पेज,block,,Block A1,false\n"))
    upload.name = "areas.csv"
    response = client.post(reverse("directory:import_start"), {"kind": "areas", "file": upload})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    page = client.get(reverse("directory:import_detail", args=[batch.pk]))
    assert b"Via Page" in page.content and not Area.objects.filter(name="Via Page").exists()
    apply_url = reverse("directory:import_apply", args=[batch.pk])
    client.post(apply_url)
    client.post(apply_url)  # a double click
    assert Area.objects.filter(name="Via Page").count() == 1
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED and batch.created == 1
    # another user cannot see or apply the batch
    other = client_as(world.dio_a)
    assert other.get(reverse("directory:import_detail", args=[batch.pk])).status_code == 404
    assert other.post(apply_url).status_code == 404


def test_bad_file_page_lists_rows(world, client_as) -> None:
    client = client_as(world.dc_a)
    upload = io.BytesIO(_csv("gram_panchayat,x1,Bad,खराब,block,,Block A1,false\n"))
    upload.name = "areas.csv"
    client.post(reverse("directory:import_start"), {"kind": "areas", "file": upload})
    batch = ImportBatch.objects.get()
    page = client.get(reverse("directory:import_detail", args=[batch.pk])).content.decode()
    assert 'id="import-errors"' in page and "Nothing was imported" in page
    assert "Import now" not in page


def test_block_officer_may_not_import(world, client_as) -> None:
    # One permission answer for every import (issue 15): 403, as the centres' import page.
    client = client_as(world.bdo_a1)
    assert client.get(reverse("directory:import_start")).status_code == 403


def test_parent_name_matches_whatever_the_case(world) -> None:
    content = _csv("gram_panchayat,,Lower Case Parent,लोअर,block,,block a1,false\n")
    report = importing.areas_import(actor=world.dc_a, table=read_table("a.csv", content))
    assert report.ok and Area.objects.get(name="Lower Case Parent").parent == world.block_a1
