"""Import and export of centres, operators and operators' IDs: dry run, all-or-nothing import,
batches, jurisdiction, Aadhaar kept only as last four + hash, and export round trips."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import Workbook, load_workbook

from degs.centres import importing, services
from degs.centres.choices import CentreKind, CentreStatus, IdStatus, Premises
from degs.centres.models import Centre, CentreEvent, Operator, OperatorId
from degs.core.exceptions import ImportRejected, OutOfJurisdiction, PermissionDenied
from degs.core.tabular import read_table
from degs.imports import services as imports
from degs.imports.kinds import parse_date
from degs.imports.models import ImportBatch

CENTRE_HEADER = [
    "code",
    "name",
    "name_hi",
    "kind",
    "district",
    "block",
    "panchayat",
    "premises",
    "pincode",
    "phone",
    "services",
    "equipment",
    "operator_mobile",
    "status",
    "status_since",
]
# UIDAI's published test numbers: valid, and checked here by no code of this project.
AADHAAR = "499118665246"
AADHAAR_2 = "999941057058"
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    """Messages are compared in English; a page asked for in Hindi must not leak into the next."""
    with translation.override("en"):
        yield


def _csv(header: list[str], *rows: list[str]) -> bytes:
    lines = [",".join(header), *(",".join(r) for r in rows)]
    return ("\n".join(lines) + "\n").encode()


def _xlsx(header: list[str], *rows: list[Any]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _centre_row(code: str = "JH-A1-101", **changes: str) -> list[str]:
    values = {
        "code": code,
        "name": "New Kendra",
        "name_hi": "नया केंद्र",
        "kind": "pragya_kendra",
        "district": "District A",
        "block": "Block A1",
        "panchayat": "Panchayat A1",
        "premises": "own",
        "pincode": "815351",
        "phone": "9123456780",
        "services": "certificates",
        "equipment": "pc;printer",
        "operator_mobile": "9876500001",
        "status": "active",
        "status_since": "01-04-2025",
    }
    values.update(changes)
    return [values[c] for c in CENTRE_HEADER]


def _check(kind: str, actor: Any, content: bytes, name: str = "f.csv") -> importing.ImportReport:
    checker = importing.CHECKERS[kind]
    report: importing.ImportReport = checker(actor=actor, table=read_table(name, content))
    return report


def _errors(report: importing.ImportReport) -> list[tuple[int, str]]:
    return [(e.line, e.column) for e in report.errors]


# Centres: the dry run reports every bad row; the import is all or nothing ---------------------


def test_a_bad_mobile_on_line_3_refuses_the_file_and_nothing_is_imported(world, centres) -> None:
    # given a file whose second data row (line 3 in the spreadsheet) has a short mobile number
    content = _csv(
        CENTRE_HEADER,
        _centre_row("JH-A1-101"),
        _centre_row("JH-A1-102", phone="98765"),
        _centre_row("JH-A1-103"),
    )
    before = Centre.objects.count()
    # when it is checked
    report = _check("centres", world.csc_manager_a, content)
    # then exactly that row is reported, with the reason
    assert _errors(report) == [(3, "phone")]
    assert "10-digit" in str(report.errors[0].message)
    with translation.override("hi"):
        assert "मोबाइल" in str(report.errors[0].message)
    # and an import writes nothing, not even the good rows
    with pytest.raises(ImportRejected):
        importing.centres_import(actor=world.csc_manager_a, table=read_table("f.csv", content))
    batch, _report = imports.batch_create(
        actor=world.csc_manager_a, kind="centres", filename="f.csv", content=content
    )
    assert batch.status == ImportBatch.Status.REJECTED
    with pytest.raises(ImportRejected):
        imports.batch_apply(actor=world.csc_manager_a, pk=batch.pk, kinds=importing.KINDS)
    assert Centre.objects.count() == before


def test_the_page_shows_the_bad_row_and_imports_nothing(world, centres, client_as) -> None:
    content = _csv(
        CENTRE_HEADER,
        _centre_row("JH-A1-101"),
        _centre_row("JH-A1-102", phone="98765"),
    )
    before = Centre.objects.count()
    client = client_as(world.csc_manager_a)
    response = client.post(
        reverse("centres:import"),
        {"kind": "centres", "file": SimpleUploadedFile("centres.csv", content)},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="import-errors"' in page
    assert "<td>3</td><td><code>phone</code></td>" in page
    assert "10-digit" in page
    assert "Import now" not in page
    assert Centre.objects.count() == before


def test_a_good_file_is_imported_from_the_page_and_a_second_click_does_nothing(
    world, centres, client_as
) -> None:
    # given a good file uploaded on the page
    content = _csv(CENTRE_HEADER, _centre_row("JH-A1-101"), _centre_row("JH-A1-102"))
    client = client_as(world.csc_manager_a)
    response = client.post(
        reverse("centres:import"),
        {"kind": "centres", "file": SimpleUploadedFile("centres.csv", content)},
    )
    page = response.content.decode()
    assert 'id="import-preview"' in page and "Import now" in page
    batch = ImportBatch.objects.get(uploaded_by=world.csc_manager_a, kind="centres")
    before = Centre.objects.count()
    # when Import is clicked twice
    url = reverse("centres:import_apply", args=[batch.pk])
    first = client.post(url, follow=True)
    second = client.post(url, follow=True)
    # then the centres are created once, and the page says what happened
    assert Centre.objects.count() == before + 2
    assert "2 created" in first.content.decode()
    assert "already imported" in second.content.decode()
    batch.refresh_from_db()
    assert (batch.status, batch.created, batch.updated) == ("imported", 2, 0)


def test_a_second_apply_of_the_same_batch_creates_nothing(world, centres) -> None:
    content = _csv(CENTRE_HEADER, _centre_row("JH-A1-101"))
    batch, report = imports.batch_create(
        actor=world.csc_manager_a, kind="centres", filename="c.csv", content=content
    )
    assert report.ok and report.to_create == 1
    _batch, first = imports.batch_apply(
        actor=world.csc_manager_a, pk=batch.pk, kinds=importing.KINDS
    )
    count = Centre.objects.count()
    events = CentreEvent.objects.count()
    _batch, second = imports.batch_apply(
        actor=world.csc_manager_a, pk=batch.pk, kinds=importing.KINDS
    )
    assert first is not None and first.to_create == 1
    assert second is None
    assert (Centre.objects.count(), CentreEvent.objects.count()) == (count, events)


def test_a_good_csv_creates_centres_with_events_and_a_reimport_is_unchanged(world, centres) -> None:
    content = _csv(
        CENTRE_HEADER,
        _centre_row("jh-a1-101"),
        _centre_row("JH-A2-101", block="Block A2", panchayat="", operator_mobile=""),
    )
    report = importing.centres_import(actor=world.csc_manager_a, table=read_table("c.csv", content))
    assert (report.to_create, report.to_update, report.errors) == (2, 0, [])
    centre = Centre.objects.get(code="JH-A1-101")
    assert centre.area == world.gp_a1
    assert centre.operator == centres.operator_a1b
    assert centre.status == CentreStatus.ACTIVE
    assert centre.status_since == dt.date(2025, 4, 1)
    assert centre.equipment == ["pc", "printer"]
    assert list(centre.services.all()) == [centres.certificates]
    assert CentreEvent.objects.filter(centre=centre, action="registered").exists()
    assert centre.history.first().history_user == world.csc_manager_a
    assert Centre.objects.get(code="JH-A2-101").area == world.block_a2
    # when the same file comes again, nothing is to be done
    again = _check("centres", world.csc_manager_a, content)
    assert (again.ok, again.to_create, again.to_update, again.unchanged) == (True, 0, 0, 2)


def test_a_good_xlsx_with_date_cells_and_numbers_is_imported_then_unchanged(world, centres) -> None:
    header = [*CENTRE_HEADER, "latitude", "longitude", "complaints_open"]
    row: list[Any] = _centre_row("JH-A1-201", phone="", pincode="")
    row[CENTRE_HEADER.index("status_since")] = dt.date(2025, 1, 31)  # a real date cell
    row += [23.961234, 86.8, 2]
    content = _xlsx(header, row)
    report = importing.centres_import(
        actor=world.csc_manager_a, table=read_table("c.xlsx", content)
    )
    assert report.ok and report.to_create == 1
    centre = Centre.objects.get(code="JH-A1-201")
    assert centre.status_since == dt.date(2025, 1, 31)
    assert (str(centre.latitude), str(centre.longitude)) == ("23.961234", "86.800000")
    assert centre.complaints_open == 2
    again = _check("centres", world.csc_manager_a, content, "c.xlsx")
    assert (again.ok, again.unchanged, again.to_update) == (True, 1, 0)


def test_a_changed_row_updates_only_that_centre_through_the_service(world, centres) -> None:
    content = _csv(
        ["code", "name", "kind", "pincode"],
        ["JH-A1-001", "Pragya Kendra A1 (renamed)", "Pragya Kendra", "815351"],
        ["JH-A1-002", "CSC A1 Market", "csc", ""],
    )
    report = importing.centres_import(actor=world.csc_manager_a, table=read_table("c.csv", content))
    assert (report.to_create, report.to_update, report.unchanged) == (0, 1, 1)
    centres.centre_a1.refresh_from_db()
    assert centres.centre_a1.name == "Pragya Kendra A1 (renamed)"
    assert centres.centre_a1.pincode == "815351"
    assert centres.centre_a1.version == 2
    # columns absent from the file are left as they were
    assert centres.centre_a1.premises == Premises.PANCHAYAT_BHAWAN
    assert centres.centre_a1.operator == centres.operator_a1
    event = CentreEvent.objects.filter(centre=centres.centre_a1, action="changed").get()
    assert event.actor == world.csc_manager_a and event.data["fields"] == ["name", "pincode"]


@pytest.mark.parametrize(
    ("changes", "column"),
    [
        ({"operator_mobile": "1234567890"}, "operator_mobile"),
        ({"operator_mobile": "9000000000"}, "operator_mobile"),  # no such operator
        ({"operator_mobile": "9876500002"}, "operator_mobile"),  # district B's operator
        ({"phone": "1234567890"}, "phone"),
        ({"pincode": "81535"}, "pincode"),
        ({"status_since": "31-02-2025"}, "status_since"),
        ({"status_since": "2025/13/01"}, "status_since"),
        ({"kind": "tea stall"}, "kind"),
        ({"kind": ""}, "kind"),
        ({"premises": "tent"}, "premises"),
        ({"services": "certificates;astrology"}, "services"),
        ({"equipment": "pc;laser"}, "equipment"),
        ({"status": "dormant"}, "status"),
        ({"name": ""}, "name"),
        ({"name_hi": "Latin only"}, "name_hi"),
        ({"district": "Nowhere"}, "panchayat"),
        ({"panchayat": "Panchayat B1"}, "panchayat"),  # not under block A1
        ({"district": "District B", "block": "Block B1", "panchayat": "Panchayat B1"}, "panchayat"),
        ({"district": "", "block": "", "panchayat": ""}, "panchayat"),
        ({"district": "District A", "block": "", "panchayat": ""}, "district"),  # not served
        ({"block": "", "panchayat": "Panchayat A1"}, "block"),
    ],
)
def test_each_kind_of_bad_centre_row(world, centres, changes, column) -> None:
    content = _csv(CENTRE_HEADER, _centre_row(**changes))
    report = _check("centres", world.csc_manager_a, content)
    assert [c for _line, c in _errors(report)] == [column], report.errors
    assert report.errors[0].line == 2


def test_coordinates_and_counts_are_checked(world, centres) -> None:
    header = ["code", "name", "kind", "district", "block", "latitude", "longitude"]
    content = _csv(
        [*header, "monthly_transactions"],
        ["X-1", "One", "csc", "District A", "Block A1", "99", "86", "10"],
        ["X-2", "Two", "csc", "District A", "Block A1", "abc", "86", "-3"],
        ["X-3", "Three", "csc", "District A", "Block A1", "23.5", "", ""],
    )
    report = _check("centres", world.csc_manager_a, content)
    assert _errors(report) == [
        (2, "latitude"),
        (3, "latitude"),
        (3, "longitude"),
        (3, "monthly_transactions"),
        (4, "longitude"),
    ]


def test_duplicate_codes_unknown_and_missing_columns(world, centres) -> None:
    content = _csv(CENTRE_HEADER, _centre_row("JH-A1-101"), _centre_row("jh-a1-101"))
    report = _check("centres", world.csc_manager_a, content)
    assert _errors(report) == [(3, "code")]
    assert "line 2" in str(report.errors[0].message)
    report = _check("centres", world.csc_manager_a, b"code,naam,kind\nX,Y,csc\n")
    assert {c for _line, c in _errors(report)} == {"naam", "name"}


def test_the_status_of_an_existing_centre_is_not_changed_by_import(world, centres) -> None:
    content = _csv(
        ["code", "name", "kind", "status", "status_since"],
        ["JH-A1-001", "Pragya Kendra A1", "pragya_kendra", "closed", ""],
        ["JH-A2-001", "Proposed centre A2", "pragya_kendra", "proposed", "01-01-2020"],
    )
    report = _check("centres", world.csc_manager_a, content)
    assert _errors(report) == [(2, "status"), (3, "status_since")]
    assert "centre's page" in str(report.errors[0].message)


def test_an_operator_of_another_district_is_refused_by_the_service_rules(world, centres) -> None:
    # given the state admin, who may see both districts
    content = _csv(CENTRE_HEADER, _centre_row(operator_mobile="9876500002"))
    report = _check("centres", world.state_admin, content)
    assert _errors(report) == [(2, "operator_mobile")]
    assert "another district" in str(report.errors[0].message)


def test_rows_of_district_b_are_refused_for_district_a(world, centres) -> None:
    in_b = {
        "district": "District B",
        "block": "Block B1",
        "panchayat": "Panchayat B1",
        "operator_mobile": "9876500002",
        "status_since": "",
    }
    content = _csv(
        CENTRE_HEADER, _centre_row("JH-B1-001", **in_b), _centre_row("JH-B1-777", **in_b)
    )
    before = Centre.objects.count()
    report = _check("centres", world.csc_manager_a, content)
    assert _errors(report) == [(2, "code"), (3, "panchayat"), (3, "operator_mobile")]
    assert "not in your areas" in str(report.errors[1].message)
    with pytest.raises(ImportRejected):
        importing.centres_import(actor=world.csc_manager_a, table=read_table("c.csv", content))
    assert Centre.objects.count() == before
    # the same file is good for the state admin
    assert _check("centres", world.state_admin, content).ok


def test_only_centre_managers_upload_and_a_batch_is_seen_only_by_its_uploader(
    world, centres, client_as
) -> None:
    content = _csv(CENTRE_HEADER, _centre_row())
    with pytest.raises(PermissionDenied):
        imports.batch_create(actor=world.bdo_a1, kind="centres", filename="c.csv", content=content)
    batch, _report = imports.batch_create(
        actor=world.csc_manager_a, kind="centres", filename="c.csv", content=content
    )
    with pytest.raises(OutOfJurisdiction):
        imports.batch_get(actor=world.dc_a, pk=batch.pk, kinds=importing.KINDS)
    with pytest.raises(OutOfJurisdiction):
        imports.batch_apply(actor=world.dc_a, pk=batch.pk, kinds=importing.KINDS)
    client = client_as(world.dc_a)
    assert client.get(reverse("centres:import"), {"batch": batch.pk}).status_code == 404
    assert client.post(reverse("centres:import_apply", args=[batch.pk])).status_code == 404
    # the directory's pages do not take it for one of theirs
    assert client_as(world.csc_manager_a).get(
        reverse("directory:import_detail", args=[batch.pk])
    ).status_code in (403, 404)
    assert not Centre.objects.filter(code="JH-A1-101").exists()


def test_anonymous_users_are_sent_to_sign_in(client, world) -> None:
    for url in (
        reverse("centres:import"),
        reverse("centres:export", args=["centres", "csv"]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]
    response = client.post(reverse("centres:import_apply", args=[1]))
    assert response.status_code == 302


def test_the_page_is_refused_to_those_who_do_not_manage_centres(world, client_as) -> None:
    assert client_as(world.bdo_a1).get(reverse("centres:import")).status_code == 403


@pytest.mark.parametrize("language", ["en", "hi"])
def test_the_page_renders_in_both_languages(world, centres, client_as, language) -> None:
    world.csc_manager_a.language = language
    world.csc_manager_a.save(update_fields=["language"])
    batch, _report = imports.batch_create(
        actor=world.csc_manager_a,
        kind="centres",
        filename="c.csv",
        content=_csv(CENTRE_HEADER, _centre_row(phone="98765")),
    )
    response = client_as(world.csc_manager_a).get(reverse("centres:import"), {"batch": batch.pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert 'id="import-errors"' in page
    assert ("मोबाइल" in page) == (language == "hi")  # the reason, in the reader's language
    assert reverse("centres:export", args=["operators", "xlsx"]) + "?template=1" in page


# Operators, and Aadhaar -------------------------------------------------------------------------

OPERATOR_HEADER = [
    "name",
    "name_hi",
    "mobile",
    "email",
    "aadhaar",
    "district",
    "block",
    "panchayat",
]


def _operator_row(mobile: str = "9123400001", **changes: str) -> list[str]:
    values = {
        "name": "Asha Kumari",
        "name_hi": "आशा कुमारी",
        "mobile": mobile,
        "email": "Asha@Example.org",
        "aadhaar": AADHAAR,
        "district": "District A",
        "block": "Block A1",
        "panchayat": "Panchayat A1",
    }
    values.update(changes)
    return [values[c] for c in OPERATOR_HEADER]


def _nowhere(digits: str, *texts: str) -> None:
    for text in texts:
        assert digits not in text


def test_operators_keep_only_the_last_four_digits_and_the_hash(world, centres) -> None:
    spaced = f"{AADHAAR[:4]} {AADHAAR[4:8]} {AADHAAR[8:]}"
    content = _csv(
        OPERATOR_HEADER,
        _operator_row("9123400001", aadhaar=spaced),
        _operator_row("9876500001", name="Sunita Devi", name_hi="", aadhaar=AADHAAR_2),
    )
    batch, report = imports.batch_create(
        actor=world.csc_manager_a, kind="operators", filename="ops.csv", content=content
    )
    assert report.ok and (report.to_create, report.to_update) == (1, 1)
    _nowhere(AADHAAR, repr(report.preview), bytes(batch.content).decode())
    _nowhere(AADHAAR_2, repr(report.preview), bytes(batch.content).decode())
    imports.batch_apply(actor=world.csc_manager_a, pk=batch.pk, kinds=importing.KINDS)
    asha = Operator.objects.get(mobile="9123400001")
    assert (asha.aadhaar_last4, asha.area, asha.email) == (
        AADHAAR[-4:],
        world.gp_a1,
        "asha@example.org",
    )
    assert len(asha.aadhaar_hash) == 64
    sunita = Operator.objects.get(pk=centres.operator_a1b.pk)
    assert sunita.aadhaar_last4 == AADHAAR_2[-4:] and sunita.version == 2
    # the full numbers are nowhere: not in the operators' rows, their history, events, batches
    rows = [repr(list(r.values())) for r in Operator.objects.values()]
    history = [repr(list(r.values())) for r in Operator.history.values()]
    events = [repr(list(r.values())) for r in CentreEvent.objects.values()]
    batches = [bytes(b.content).decode() for b in ImportBatch.objects.all()]
    for digits in (AADHAAR, AADHAAR_2):
        _nowhere(digits, *rows, *history, *events, *batches)
    assert Operator.history.filter(aadhaar_last4=AADHAAR[-4:]).exists()
    # and the same file again changes nothing
    again = _check("operators", world.csc_manager_a, content)
    assert (again.ok, again.unchanged) == (True, 2)


def test_bad_operator_rows_never_echo_an_aadhaar_number(world, centres) -> None:
    wrong = AADHAAR[:-1] + str((int(AADHAAR[-1]) + 1) % 10)  # fails Verhoeff
    content = _csv(
        [*OPERATOR_HEADER, "aadhaar_last4"],
        [*_operator_row("9123400001", aadhaar=wrong), ""],
        [*_operator_row("98765", aadhaar=AADHAAR[:6]), ""],
        [*_operator_row("9123400003", aadhaar=""), AADHAAR],
        [*_operator_row("9123400004", aadhaar=AADHAAR), "1111"],
        [*_operator_row("9123400005", aadhaar=AADHAAR_2, email="not-an-email"), ""],
        [*_operator_row("9123400005", aadhaar=""), ""],
    )
    batch, report = imports.batch_create(
        actor=world.csc_manager_a, kind="operators", filename="ops.csv", content=content
    )
    assert _errors(report) == [
        (2, "aadhaar"),
        (3, "mobile"),
        (3, "aadhaar"),
        (4, "aadhaar_last4"),
        (5, "aadhaar_last4"),
        (6, "email"),
        (7, "mobile"),
    ]
    assert "check the digits" in str(report.errors[0].message)
    messages = " ".join(str(e.message) for e in report.errors)
    stored = bytes(batch.content).decode()
    for digits in (AADHAAR, AADHAAR_2, wrong):
        _nowhere(digits, messages, stored, repr(report.preview))


def test_an_aadhaar_number_under_a_misspelt_heading_is_not_kept_either(world, centres) -> None:
    content = _csv(["name", "mobile", "aadhar", "district"], ["Asha", "9123400001", AADHAAR, "A"])
    batch, report = imports.batch_create(
        actor=world.csc_manager_a, kind="operators", filename="ops.csv", content=content
    )
    assert [c for _line, c in _errors(report)] == ["aadhar"]
    _nowhere(AADHAAR, bytes(batch.content).decode(), batch.sha256)


def test_operators_of_another_district_and_unknown_places_are_refused(world, centres) -> None:
    content = _csv(
        OPERATOR_HEADER,
        _operator_row("9876500002", aadhaar=""),  # Mohan Lal works in district B
        _operator_row(
            "9123400009",
            aadhaar="",
            district="District B",
            block="Block B1",
            panchayat="Panchayat B1",
        ),
        _operator_row("9123400010", aadhaar="", district="", block="", panchayat=""),
    )
    report = _check("operators", world.csc_manager_a, content)
    assert _errors(report) == [(2, "mobile"), (3, "panchayat"), (4, "panchayat")]


# Operators' IDs -------------------------------------------------------------------------------------

ID_HEADER = [
    "operator_mobile",
    "id_type",
    "status",
    "applied_on",
    "number",
    "decided_on",
    "remarks",
]


def test_an_issued_id_without_a_number_refuses_the_file(world, centres) -> None:
    content = _csv(
        ID_HEADER,
        ["9876543210", "bc", "applied", "01-03-2025", "", "", ""],
        ["9876543210", "jharseva", "issued", "01-03-2025", "", "10-03-2025", ""],
    )
    before = OperatorId.objects.count()
    report = _check("operator_ids", world.csc_manager_a, content)
    assert _errors(report) == [(3, "number")]
    with pytest.raises(ImportRejected):
        importing.operator_ids_import(
            actor=world.csc_manager_a, table=read_table("ids.csv", content)
        )
    assert OperatorId.objects.count() == before


def test_ids_are_recorded_then_moved_on_as_the_workflow_allows(world, centres) -> None:
    content = _csv(
        ID_HEADER,
        ["9876543210", "JharSeva", "Applied", "2025-03-01", "", "", ""],
        ["9876543210", "bc", "rejected", "01.03.2025", "", "15/03/2025", "Documents missing"],
    )
    report = importing.operator_ids_import(
        actor=world.csc_manager_a, table=read_table("ids.csv", content)
    )
    assert (report.to_create, report.errors) == (2, [])
    record = OperatorId.objects.get(operator=centres.operator_a1, id_type=centres.jharseva)
    assert (record.status, record.applied_on) == (IdStatus.APPLIED, dt.date(2025, 3, 1))
    assert (
        CentreEvent.objects.filter(operator=centres.operator_a1, action="id_recorded").count() == 2
    )
    # when the JharSeva ID is issued
    content = _csv(
        ID_HEADER,
        ["9876543210", "jharseva", "issued", "01-03-2025", "JS-2001", "20-03-2025", ""],
        ["9876543210", "bc", "rejected", "01-03-2025", "", "15-03-2025", "Documents missing"],
        ["9876500001", "jharseva", "applied", "01-03-2025", "", "", ""],  # issued before
    )
    report = _check("operator_ids", world.csc_manager_a, content)
    assert _errors(report) == [(4, "status")]
    report = importing.operator_ids_import(
        actor=world.csc_manager_a, table=read_table("ids.csv", content.rsplit(b"\n", 2)[0] + b"\n")
    )
    assert (report.to_update, report.unchanged) == (1, 1)
    record.refresh_from_db()
    assert (record.status, record.number, record.decided_on) == (
        IdStatus.ISSUED,
        "JS-2001",
        dt.date(2025, 3, 20),
    )


@pytest.mark.parametrize(
    ("row", "column"),
    [
        (["98765", "bc", "applied", "01-03-2025", "", "", ""], "operator_mobile"),
        (["9876500002", "bc", "applied", "01-03-2025", "", "", ""], "operator_mobile"),
        (["9876543210", "aadhaar_card", "applied", "01-03-2025", "", "", ""], "id_type"),
        (["9876543210", "bc", "lost", "01-03-2025", "", "", ""], "status"),
        (["9876543210", "bc", "applied", "1st March", "", "", ""], "applied_on"),
        (["9876543210", "bc", "applied", "", "", "", ""], "applied_on"),
        (["9876543210", "bc", "issued", "10-03-2025", "B-1", "01-03-2025", ""], "decided_on"),
        (["9876543210", "bc", "issued", "10-03-2025", "B-1", "", ""], "decided_on"),
        (["9876543210", "bc", "rejected", "01-03-2025", "", "05-03-2025", ""], "remarks"),
        (["9876543210", "bc", "applied", "01-03-2025", "", "05-03-2025", ""], "decided_on"),
    ],
)
def test_each_kind_of_bad_id_row(world, centres, row, column) -> None:
    report = _check("operator_ids", world.csc_manager_a, _csv(ID_HEADER, row))
    assert [c for _line, c in _errors(report)] == [column], report.errors


def test_an_application_in_the_future_is_refused(world, centres) -> None:
    tomorrow = (TODAY + dt.timedelta(days=1)).strftime("%d-%m-%Y")
    content = _csv(ID_HEADER, ["9876543210", "bc", "applied", tomorrow, "", "", ""])
    assert _errors(_check("operator_ids", world.csc_manager_a, content)) == [(2, "applied_on")]


# Dates --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["31-01-2025", "31/01/2025", "31.01.2025", "2025-01-31", "2025-01-31 00:00:00"]
)
def test_dates_in_every_accepted_form(text) -> None:
    assert parse_date(text) == dt.date(2025, 1, 31)


@pytest.mark.parametrize("text", ["31-13-2025", "01-31-2025x", "45678", "2025/01/31"])
def test_dates_that_are_refused(text) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


# Exports ------------------------------------------------------------------------------------------


def _export(user: Any, what: str, fmt: str = "csv", **filters: str) -> bytes:
    content, _type = importing.centres_export(user=user, kind=what, fmt=fmt, filters=filters)
    return content


def _codes(content: bytes) -> list[str]:
    return [r.values["code"] for r in read_table("x.csv", content).rows]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_is_unchanged_for_every_kind(world, centres, fmt) -> None:
    services.operator_update(actor=None, operator=centres.operator_a1, version=1, aadhaar=AADHAAR)
    services.operator_id_record(
        actor=None,
        operator=centres.operator_a1,
        id_type=centres.bc,
        status=IdStatus.REJECTED,
        applied_on=dt.date(2025, 1, 2),
        decided_on=dt.date(2025, 2, 3),
        remarks="Photo unclear,\nresubmit",
    )
    centre = Centre.objects.get(pk=centres.centre_a1.pk)
    services.centre_update(
        actor=None,
        centre=centre,
        version=centre.version,
        address="Panchayat Bhawan,\nA1",
        latitude="23.961234",
        longitude="86.800000",
        equipment=["printer", "pc"],
        monthly_transactions=40,
    )
    for kind, visible in (
        ("centres", 3),
        ("operators", 2),
        ("operator_ids", 2),
    ):
        content = _export(world.csc_manager_a, kind, fmt)
        report = _check(kind, world.csc_manager_a, content, f"x.{fmt}")
        assert report.ok, (kind, report.errors)
        assert (report.to_create, report.to_update, report.unchanged) == (0, 0, visible), kind
    operators = read_table(f"x.{fmt}", _export(world.csc_manager_a, "operators", fmt))
    assert operators.header == importing.OPERATOR_EXPORT_COLUMNS
    ramesh = next(r for r in operators.rows if r.values["mobile"] == "9876543210")
    assert ramesh.values["aadhaar_last4"] == AADHAAR[-4:]
    assert AADHAAR not in repr(operators.rows)


def test_export_shows_only_what_the_user_sees(world, centres) -> None:
    assert _codes(_export(world.csc_manager_a, "centres")) == [
        "JH-A1-001",
        "JH-A1-002",
        "JH-A2-001",
    ]
    assert "JH-B1-001" in _codes(_export(world.state_admin, "centres"))
    operators = read_table("o.csv", _export(world.csc_manager_a, "operators"))
    assert {r.values["mobile"] for r in operators.rows} == {"9876543210", "9876500001"}
    ids = read_table("i.csv", _export(world.csc_manager_a, "operator_ids"))
    assert [r.values["operator_mobile"] for r in ids.rows] == ["9876500001"]
    with pytest.raises(PermissionDenied):
        _export(world.bdo_a1, "operators")


def test_export_filters(world, centres) -> None:
    user = world.csc_manager_a
    assert _codes(_export(user, "centres", kind=CentreKind.CSC)) == ["JH-A1-002"]
    assert _codes(_export(user, "centres", status=CentreStatus.PROPOSED)) == ["JH-A2-001"]
    assert _codes(_export(user, "centres", premises=Premises.PANCHAYAT_BHAWAN)) == ["JH-A1-001"]
    assert _codes(_export(user, "centres", area=str(world.block_a2.pk))) == ["JH-A2-001"]
    assert _codes(_export(user, "centres", area=str(world.block_b1.pk))) == []
    assert _codes(_export(user, "centres", q="market")) == ["JH-A1-002"]
    assert _codes(_export(user, "centres", without_id="jharseva")) == ["JH-A1-001"]
    operators = read_table("o.csv", _export(user, "operators", q="sunita"))
    assert [r.values["mobile"] for r in operators.rows] == ["9876500001"]
    operators = read_table("o.csv", _export(user, "operators", area=str(world.block_a2.pk)))
    assert operators.rows == []
    services.operator_id_record(
        actor=None,
        operator=centres.operator_a1,
        id_type=centres.bc,
        applied_on=TODAY - dt.timedelta(days=40),
    )

    def ids(**filters: str) -> list[tuple[str, str]]:
        table = read_table("i.csv", _export(user, "operator_ids", **filters))
        return [(r.values["operator_mobile"], r.values["id_type"]) for r in table.rows]

    assert ids(status="issued") == [("9876500001", "jharseva")]
    assert ids(id_type="bc") == [("9876543210", "bc")]
    assert ids(pending_days="30") == [("9876543210", "bc")]
    assert ids(pending_days="60") == []


def test_export_queries_do_not_grow_with_rows(world, centres) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            _export(world.csc_manager_a, "centres", "xlsx")
        return len(queries)

    count()  # the user's jurisdiction is read once, then kept
    few = count()
    for n in range(20):
        services.centre_create(
            actor=None,
            code=f"JH-A1-9{n:02d}",
            name=f"Centre {n}",
            kind=CentreKind.CSC,
            area=world.gp_a1,
            operator=centres.operator_a1,
            services=[centres.certificates],
        )
    assert count() == few


def test_export_and_template_downloads(world, centres, client_as) -> None:
    client = client_as(world.csc_manager_a)
    response = client.get(reverse("centres:export", args=["centres", "xlsx"]), {"status": "active"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == importing.CENTRE_COLUMNS
    assert sheet.max_row == 3  # the header and the two active centres of district A
    response = client.get(reverse("centres:export", args=["operators", "csv"]), {"template": "1"})
    assert response.content.decode("utf-8-sig").strip() == ",".join(
        importing.TEMPLATE_COLUMNS["operators"]
    )
    assert client.get(reverse("centres:export", args=["areas", "csv"])).status_code == 404
    assert client.get(reverse("centres:export", args=["centres", "pdf"])).status_code == 404
