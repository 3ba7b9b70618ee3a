"""After the Verhoeff fix: the report of stored Aadhaar hashes the corrected check refuses, and
application numbers printed before the fix.

Wrong numbers are made with this suite's own copy of the first table and python-stdnum; right
ones are UIDAI's published test numbers. Rows "stored before the fix" get their hash written
directly, as the first table let it be written then.
"""

from __future__ import annotations

import io
import json
import random

import pytest
from django.core.management import call_command
from django.utils import timezone
from stdnum import verhoeff as stdnum_verhoeff

from degs.applications.models import Application, application_number
from degs.centres.models import Operator
from degs.core.aadhaar import aadhaar_hash
from degs.imports import services as imports
from degs.imports.models import ImportBatch
from tests.applications.conftest import file_one
from tests.core.test_aadhaar_recheck import numbers_ending, passed_the_first_table

pytestmark = pytest.mark.django_db

PUBLISHED = ["999941057058", "499118665246"]  # UIDAI's test numbers


def _wrong(last4: str, count: int) -> list[str]:
    return numbers_ending(
        last4,
        random.Random(last4),
        lambda n: passed_the_first_table(n) and not stdnum_verhoeff.is_valid(n),
        count,
    )


def _stored_before_the_fix(row, number: str) -> None:
    type(row).objects.filter(pk=row.pk).update(
        aadhaar_last4=number[-4:], aadhaar_hash=aadhaar_hash(number)
    )


def _upload(world, number: str) -> ImportBatch:
    """An operators' file checked before the fix and not yet imported, holding ``number``."""
    header = "name,mobile,aadhaar,district,block,panchayat"
    row = f"Ravi Kumar,9123400077,{PUBLISHED[1]},District A,Block A1,Panchayat A1"
    batch, report = imports.batch_create(
        actor=world.csc_manager_a,
        kind="operators",
        filename='=HYPERLINK("http://evil.example")&operators.csv',
        content=f"{header}\n{row}\n".encode(),
    )
    assert report.ok
    text = bytes(batch.content).decode()
    text = text.replace(aadhaar_hash(PUBLISHED[1]), aadhaar_hash(number))
    text = text.replace(f"\\t{PUBLISHED[1][-4:]}\\t", f"\\t{number[-4:]}\\t")
    assert json.loads(text)
    ImportBatch.objects.filter(pk=batch.pk).update(content=text.encode())
    return batch


def _everything() -> list:
    return [
        list(Operator.objects.order_by("pk").values_list("pk", "aadhaar_last4", "aadhaar_hash")),
        list(Application.objects.order_by("pk").values_list("pk", "aadhaar_last4", "aadhaar_hash")),
        [bytes(b.content) for b in ImportBatch.objects.order_by("pk")],
    ]


def test_the_report_lists_every_stored_hash_the_fixed_check_refuses_and_changes_nothing(
    world, apps
) -> None:
    centres = apps.centres
    wrong_7058 = _wrong("7058", 2)
    wrong_5246 = _wrong("5246", 2)
    _stored_before_the_fix(centres.operator_a1, wrong_7058[0])
    _stored_before_the_fix(centres.operator_a1b, PUBLISHED[0])  # right: not reported
    _stored_before_the_fix(centres.operator_b1, wrong_5246[0])
    application = file_one(world, apps, aadhaar=PUBLISHED[0])
    _stored_before_the_fix(application, wrong_7058[1])
    right_application = file_one(world, apps, aadhaar=PUBLISHED[1], mobile="9876501235")
    batch = _upload(world, wrong_5246[1])
    before = _everything()

    out, err = io.StringIO(), io.StringIO()
    call_command("aadhaar_recheck", "--jobs", "2", stdout=out, stderr=err)

    lines = out.getvalue().splitlines()
    rows = [line.split("\t") for line in lines if "\t" in line][1:]
    assert sorted((kind, reference.split()[0], last4) for kind, reference, *_, last4 in rows) == [
        ("application", application.number, "7058"),
        ("operator", str(centres.operator_a1.pk), "7058"),
        ("operator", str(centres.operator_b1.pk), "5246"),
        ("upload", str(batch.pk), "5246"),
    ]
    assert right_application.number not in out.getvalue()
    # the list is made to be opened in a spreadsheet: names that would run there are escaped
    [upload] = [row for row in rows if row[0] == "upload"]
    assert upload[3].startswith('\'=HYPERLINK("http://evil.example")')
    assert "4 found among 6 stored hashes (2 endings searched" in lines[-1]
    assert "Nothing was changed" in lines[-1]
    for number in [*wrong_7058, *wrong_5246, *PUBLISHED]:
        assert number not in out.getvalue() + err.getvalue()
    assert _everything() == before


def test_an_application_filed_before_the_fix_keeps_its_printed_number(world, apps) -> None:
    filed = file_one(world, apps)
    filed.refresh_from_db()
    # A copy with an id whose thousands digit is 7, where the two tables' check digits differ.
    filed.pk, filed.client_token = 7001, None
    filed.save(force_insert=True)
    new_number = filed.number
    assert stdnum_verhoeff.is_valid(new_number)  # filed from now on: the published table's digit
    assert Application.objects.numbered(new_number).get().pk == 7001

    Application.objects.filter(pk=7001).update(first_table_number=True)
    filed.refresh_from_db()
    printed = filed.number
    assert printed == new_number[:-1] + printed[-1] != new_number
    assert passed_the_first_table(printed)
    assert Application.objects.numbered(printed).get().pk == 7001
    assert not Application.objects.numbered(new_number).exists()
    assert application_number(7001, filed.submitted_at) == new_number


def test_drafts_and_new_applications_get_the_published_tables_digit(world, apps) -> None:
    application = file_one(world, apps)
    assert not application.first_table_number
    assert stdnum_verhoeff.is_valid(application.number)
    assert application.number[:2] == f"{timezone.localtime(application.submitted_at):%y}"
