"""The links import: a provider's list keyed by LGD code or office code, row-level errors,
re-importing the same file changes nothing, an export imports back unchanged, bulk writes (no
query per row), and the pages."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from degs.connectivity import importing
from degs.connectivity.choices import LinkStatus
from degs.connectivity.models import Link, LinkEvent
from degs.core.exceptions import ImportRejected
from degs.core.tabular import read_table
from degs.directory.models import Office
from degs.imports import services as imports
from degs.imports.models import ImportBatch

pytestmark = pytest.mark.django_db

HEADER = list(importing.COLUMNS)


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


@pytest.fixture
def coded(world):  # type: ignore[no-untyped-def]
    """Office codes and an LGD code for the panchayat of A1."""
    Office.objects.filter(pk=world.office_a1.pk).update(code="JH-BLK-A1")
    Office.objects.filter(pk=world.office_a2.pk).update(code="JH-BLK-A2")
    Office.objects.filter(pk=world.office_b1.pk).update(code="JH-BLK-B1")
    world.gp_a1.lgd_code = "123456"
    world.gp_a1.save(update_fields=["lgd_code"])
    return world


def row(**values: str) -> list[str]:
    base = {
        "provider_code": "bsnl",
        "circuit_id": "BN-NEW-1",
        "kind": "bharatnet_gpon",
        "committed_kbps": "10000",
        "lgd_code": "",
        "office_code": "JH-BLK-A1",
        "install_date": "15-01-2026",
        "termination_date": "",
        "status": "active",
        "contact_name": "JTO",
        "contact_phone": "9431000000",
    }
    base.update(values)
    return [base[c] for c in HEADER]


def table(*rows: list[str]):  # type: ignore[no-untyped-def]
    lines = [",".join(HEADER), *(",".join(r) for r in rows)]
    return read_table("links.csv", ("\n".join(lines) + "\n").encode())


def errors(report) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    return [(e.line, e.column) for e in report.errors]


def test_new_links_at_an_office_and_a_panchayat(coded, net):
    report = imports.apply_table(
        kind=importing.LINKS,
        actor=coded.dio_a,
        table=table(
            row(),
            row(circuit_id="bn-new-2", office_code="", lgd_code="123456", status=""),
        ),
    )
    assert (report.to_create, report.to_update) == (2, 0)
    one = Link.objects.get(circuit_id="BN-NEW-1")
    two = Link.objects.get(circuit_id="BN-NEW-2")
    assert (one.office, one.area, one.status) == (coded.office_a1, coded.block_a1, "active")
    assert (two.office, two.area, two.status) == (None, coded.gp_a1, LinkStatus.PLANNED)
    assert one.sla == net.sla  # BSNL has one SLA
    assert one.history.count() == 1
    assert LinkEvent.objects.filter(link=one, action="created", actor=coded.dio_a).count() == 1


def test_same_file_again_changes_nothing(coded, net):
    content = table(row(), row(circuit_id="BN-NEW-2", office_code="JH-BLK-A2"))
    imports.apply_table(kind=importing.LINKS, actor=coded.dio_a, table=content)
    events = LinkEvent.objects.count()
    again = imports.apply_table(kind=importing.LINKS, actor=coded.dio_a, table=content)
    assert (again.to_create, again.to_update, again.unchanged) == (0, 0, 2)
    assert LinkEvent.objects.count() == events
    assert Link.objects.get(circuit_id="BN-NEW-1").version == 1


def test_a_changed_row_updates_the_link(coded, net):
    report = imports.apply_table(
        kind=importing.LINKS,
        actor=coded.dio_a,
        table=table(row(circuit_id="BN-A1-001", committed_kbps="20000", status="")),
    )
    assert report.to_update == 1
    net.link_a1.refresh_from_db()
    assert (net.link_a1.committed_kbps, net.link_a1.version) == (20_000, 2)
    event = LinkEvent.objects.get(link=net.link_a1, action="changed")
    assert "committed_kbps" in event.data["fields"]


@pytest.mark.parametrize(
    ("values", "column"),
    [
        ({"provider_code": "nobody"}, "provider_code"),
        ({"kind": "pigeon"}, "kind"),
        ({"committed_kbps": "fast"}, "committed_kbps"),
        ({"committed_kbps": "0"}, "committed_kbps"),
        ({"lgd_code": "123456"}, "office_code"),  # both keys
        ({"office_code": ""}, "lgd_code"),  # neither
        ({"office_code": "NO-SUCH"}, "office_code"),
        ({"office_code": "", "lgd_code": "999999"}, "lgd_code"),
        ({"office_code": "JH-BLK-B1"}, "office_code"),  # another district: not found
        ({"install_date": "31-02-2026"}, "install_date"),
        ({"install_date": "10-03-2026", "termination_date": "09-03-2026"}, "termination_date"),
        ({"status": "down"}, "status"),  # a new link is not brought in down
        ({"status": "flying"}, "status"),
        ({"contact_phone": "call me"}, "contact_phone"),
        ({"circuit_id": ""}, "circuit_id"),
    ],
)
def test_row_errors(coded, net, values, column):
    report = imports.check_table(
        kind=importing.LINKS, actor=coded.dio_a, table=table(row(**values))
    )
    assert (2, column) in errors(report)


def test_duplicate_circuit_in_the_file_and_status_of_a_known_link(coded, net):
    report = imports.check_table(
        kind=importing.LINKS,
        actor=coded.dio_a,
        table=table(
            row(),
            row(circuit_id="bn-new-1", office_code="JH-BLK-A2"),
            row(circuit_id="BN-A1-001", status="planned"),  # active on its page
        ),
    )
    assert errors(report) == [(3, "circuit_id"), (4, "status")]


def test_a_bad_row_writes_nothing(coded, net):
    with pytest.raises(ImportRejected):
        imports.apply_table(
            kind=importing.LINKS,
            actor=coded.dio_a,
            table=table(row(), row(circuit_id="BN-NEW-2", kind="pigeon")),
        )
    assert not Link.objects.filter(circuit_id__startswith="BN-NEW").exists()


def test_a_block_officer_may_not_import(coded, net):
    assert not imports.may_import(coded.bdo_a1, "links")
    assert imports.may_import(coded.dio_a, "links")


def test_export_imports_back_unchanged(coded, net, client_as):
    content = client_as(coded.dio_a).get(reverse("connectivity:link_list") + "?format=csv").content
    report = imports.check_table(
        kind=importing.LINKS, actor=coded.dio_a, table=read_table("links.csv", content)
    )
    assert report.ok, report.errors
    assert (report.to_create, report.to_update, report.unchanged) == (0, 0, 3)


def test_no_query_per_row(coded, net):
    def run(n: int) -> int:
        rows = [row(circuit_id=f"BN-Q{n}-{i}") for i in range(n)]
        with CaptureQueriesContext(connection) as queries:
            imports.apply_table(kind=importing.LINKS, actor=coded.dio_a, table=table(*rows))
        return len(queries)

    run(1)  # the first import reads what later ones find cached (the user's areas)
    assert run(3) == run(30)


def test_the_page_checks_and_imports(coded, net, client_as):
    client = client_as(coded.dio_a)
    content = ",".join(HEADER) + "\n" + ",".join(row()) + "\n"
    response = client.post(
        reverse("connectivity:link_import"),
        {"kind": "links", "file": SimpleUploadedFile("links.csv", content.encode())},
    )
    assert response.status_code == 200
    assert "Import now" in response.content.decode()
    batch = ImportBatch.objects.get(uploaded_by=coded.dio_a, kind="links")
    client.post(reverse("connectivity:link_import_apply", args=[batch.pk]), follow=True)
    assert Link.objects.filter(circuit_id="BN-NEW-1").exists()
    assert client_as(coded.bdo_a1).get(reverse("connectivity:link_import")).status_code == 403
    template = client.get(reverse("connectivity:link_import_template", args=["csv"]))
    assert template.content.decode("utf-8-sig").strip() == ",".join(HEADER)


OFFICE_HEADER = (
    "kind,name,name_hi,area_kind,area_lgd_code,area_name,address,address_hi,pincode,"
    "latitude,longitude,phone,email,code\n"
)


def test_office_codes_come_in_with_the_directory_import_and_name_the_link_site(world, net):
    from degs.directory import importing as directory

    content = OFFICE_HEADER + (
        "block_office,Block Office A1,प्रखंड कार्यालय,block,,Block A1,,,,,,,,JH-BLK-A1\n"
        "school,Middle School,मध्य विद्यालय,block,,Block A1,,,,,,,,JH-SCH-1\n"
    )
    report = directory.offices_import(actor=world.dc_a, table=read_table("o.csv", content.encode()))
    assert (report.to_create, report.to_update) == (1, 1)
    world.office_a1.refresh_from_db()
    assert world.office_a1.code == "JH-BLK-A1"
    # a code twice in the file, or another office's code, is a row error
    clash = OFFICE_HEADER + (
        "school,Middle School,मध्य विद्यालय,block,,Block A1,,,,,,,,JH-BLK-A1\n"
        "school,High School,उच्च विद्यालय,block,,Block A1,,,,,,,,JH-X\n"
        "jail,Jail,कारा,block,,Block A1,,,,,,,,JH-X\n"
    )
    report = directory.offices_check(actor=world.dc_a, table=read_table("o.csv", clash.encode()))
    assert [(e.line, e.column) for e in report.errors] == [(2, "code"), (4, "code")]
    # a file without the column leaves the codes as they are
    plain = OFFICE_HEADER.replace(",code\n", "\n") + (
        "block_office,Block Office A1,प्रखंड कार्यालय,block,,Block A1,,,,,,,\n"
    )
    directory.offices_import(actor=world.dc_a, table=read_table("o.csv", plain.encode()))
    world.office_a1.refresh_from_db()
    assert world.office_a1.code == "JH-BLK-A1"
    # the links import names the office by it
    imports.apply_table(kind=importing.LINKS, actor=world.dio_a, table=table(row()))
    assert Link.objects.get(circuit_id="BN-NEW-1").office == world.office_a1
