"""Filing, acting, escalation, certificates and the ledger, through the services."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db.models import Sum
from django.utils import timezone

from degs.accounts.models import Notice
from degs.applications import selectors, services, signing
from degs.applications.choices import EventKind
from degs.applications.models import Application, ApplicationEvent, LedgerEntry
from degs.core.exceptions import OutOfJurisdiction, PermissionDenied, StaleVersion
from degs.directory.models import Holiday
from degs.directory.selectors import working_calendar
from tests.applications.conftest import documents, file_one, form_values, pdf, send_back

pytestmark = pytest.mark.django_db


def test_filing_numbers_routes_dates_and_posts_the_fee(world, apps):
    application = file_one(world, apps)
    assert application.number and len(application.number) == 12
    assert application.state == "submitted" and application.is_open
    assert application.assigned_post == apps.post_co_a1  # the coterminous circle's CO
    assert application.aadhaar_last4 == "2346" and "234123412346" not in str(application.data)
    calendar = working_calendar(
        area=world.district_a,
        start=timezone.localdate(),
        end=timezone.localdate() + dt.timedelta(days=90),
    )
    assert application.due_date == calendar.add_working_days(timezone.localdate(), 15)
    assert application.step_due == calendar.add_working_days(timezone.localdate(), 7)
    lines = LedgerEntry.objects.filter(application=application)
    assert lines.aggregate(total=Sum("amount_paise"))["total"] == 0
    assert {(line.account, line.party, line.amount_paise) for line in lines} == {
        ("cash_at_centre", "", 1000),
        ("due_from_state", "", 2000),
        ("share", "operator", -2200),
        ("share", "degs", -400),
        ("share", "service_provider", -200),
        ("share", "state", -200),
    }
    assert application.documents.count() == 2
    assert ApplicationEvent.objects.get(application=application).kind == EventKind.FILED


def test_due_dates_skip_the_districts_holidays(world, apps):
    today = timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    Holiday.objects.create(area=world.district_a, date=tomorrow, name="Local holiday")
    Holiday.objects.create(
        area=world.district_a, date=tomorrow + dt.timedelta(days=1), name="Second"
    )
    application = file_one(world, apps)
    calendar = working_calendar(
        area=world.district_a, start=today, end=today + dt.timedelta(days=90)
    )
    assert not calendar.is_working_day(tomorrow)
    assert application.due_date == calendar.add_working_days(today, 15)
    without = working_calendar(
        area=world.district_b, start=today, end=today + dt.timedelta(days=90)
    )
    assert application.due_date > without.add_working_days(today, 15)


def test_the_same_form_submitted_twice_files_one_application(world, apps):
    token = uuid.uuid4()
    first, created = services.application_submit(
        actor=world.operator_a1,
        centre=apps.centres.centre_a1,
        service=apps.service,
        values=form_values(world),
        uploads=documents(),
        client_token=token,
    )
    again, created_again = services.application_submit(
        actor=world.operator_a1,
        centre=apps.centres.centre_a1,
        service=apps.service,
        values=form_values(world),
        uploads=documents(),
        client_token=token,
    )
    assert created and not created_again and first.pk == again.pk
    assert Application.objects.count() == 1
    assert LedgerEntry.objects.filter(application=first).count() == 6


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("aadhaar", "234123412345"),  # fails Verhoeff
        ("mobile", "5876501234"),
        ("pincode", "015355"),
        ("date_of_birth", (dt.date.today() + dt.timedelta(days=3)).isoformat()),  # noqa: DTZ011
        ("applicant_name", "Sunita\x00Devi"),
        ("annual_income", "many"),
        ("village", "999999"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(world, apps, field, value):
    with pytest.raises(services.ApplicationRefused) as caught:
        file_one(world, apps, **{field: value})
    assert set(caught.value.extra["errors"]) == {field}
    assert Application.objects.count() == 0 and LedgerEntry.objects.count() == 0


@pytest.mark.parametrize("where", ["gp_b1", "block_a1", "district_a", "gp_a1"])
def test_the_area_chosen_must_be_one_the_centre_serves(world, apps, where):
    """Another block's panchayat, the block itself and the district above are refused; a
    panchayat of the centre's block is taken."""
    area = getattr(world, where)
    if where == "gp_a1":
        assert file_one(world, apps, village=str(area.pk)).data["village"]["id"] == area.pk
        return
    with pytest.raises(services.ApplicationRefused) as caught:
        file_one(world, apps, village=str(area.pk))
    assert set(caught.value.extra["errors"]) == {"village"}


def test_documents_are_checked_by_content_and_required(world, apps):
    fake = services.Upload(code="id_proof", file=pdf())
    fake.file.file.write(b"")  # keep a PDF, then claim a PNG is a PDF below
    png_named_pdf = services.Upload(
        code="self_declaration",
        file=pdf("declaration.pdf").__class__(
            "declaration.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 20, "application/pdf"
        ),
    )
    with pytest.raises(services.ApplicationRefused) as caught:
        services.application_submit(
            actor=world.operator_a1,
            centre=apps.centres.centre_a1,
            service=apps.service,
            values=form_values(world),
            uploads=[fake, png_named_pdf],
        )
    assert "self_declaration" in caught.value.extra["errors"]
    with pytest.raises(services.ApplicationRefused) as missing:
        services.application_submit(
            actor=world.operator_a1,
            centre=apps.centres.centre_a1,
            service=apps.service,
            values=form_values(world),
            uploads=[services.Upload(code="id_proof", file=pdf())],
        )
    assert set(missing.value.extra["errors"]) == {"self_declaration"}
    assert Application.objects.count() == 0


def test_a_file_too_large_is_refused(world, apps, settings):
    settings.DEGS_DOCUMENT_MAX_BYTES = 100
    big = services.Upload(
        code="id_proof",
        file=pdf().__class__("big.pdf", b"%PDF-1.4" + b"0" * 200, "application/pdf"),
    )
    with pytest.raises(services.ApplicationRefused) as caught:
        services.application_submit(
            actor=world.operator_a1,
            centre=apps.centres.centre_a1,
            service=apps.service,
            values=form_values(world),
            uploads=[big, services.Upload(code="self_declaration", file=pdf())],
        )
    assert "id_proof" in caught.value.extra["errors"]


def test_devanagari_names_keep_one_spelling(world, apps):
    composed = "\u095b\u093e\u0915\u093f\u0930"  # ज़ as one code point
    decomposed = "\u091c\u093c\u093e\u0915\u093f\u0930"  # ज + nukta
    first = file_one(world, apps, applicant_name=composed)
    second = file_one(world, apps, applicant_name=decomposed)
    assert first.applicant_name == second.applicant_name
    joined = file_one(world, apps, applicant_name="क्\u200dष \u200dRam")
    assert joined.applicant_name == "क्\u200dष Ram"  # kept inside Devanagari, dropped elsewhere


def test_only_the_centres_operator_files(world, apps):
    with pytest.raises(PermissionDenied):
        services.application_submit(
            actor=world.bdo_a1,
            centre=apps.centres.centre_a1,
            service=apps.service,
            values=form_values(world),
            uploads=documents(),
        )


def test_a_draft_keeps_what_was_typed_and_files_later(world, apps):
    draft = services.application_save_draft(
        actor=world.operator_a1,
        centre=apps.centres.centre_a1,
        service=apps.service,
        values=form_values(world, pincode="", aadhaar=""),
        uploads=[services.Upload(code="id_proof", file=pdf())],
    )
    assert draft.state == "draft" and draft.number is None and not draft.is_open
    assert LedgerEntry.objects.count() == 0
    application, created = services.application_submit(
        actor=world.operator_a1,
        centre=apps.centres.centre_a1,
        service=apps.service,
        values=form_values(world),
        uploads=[services.Upload(code="self_declaration", file=pdf())],
        draft=draft,
    )
    assert created and application.pk == draft.pk and application.number
    assert application.documents.count() == 2


def test_officer_approves_and_issues_a_signed_certificate(world, apps):
    application = file_one(world, apps)
    services.application_act(
        actor=apps.co_a1,
        application=application,
        action="verify",
        target="verified",
        version=application.version,
    )
    application.refresh_from_db()
    services.application_act(
        actor=apps.co_a1,
        application=application,
        action="issue",
        target="issued",
        version=application.version,
    )
    application.refresh_from_db()
    assert application.state == "issued" and not application.is_open and application.within_limit
    certificate = application.certificate
    fields = signing.verify_payload(certificate.payload, signing.public_key_text())
    assert fields["c"] == certificate.number and fields["n"] == "सुनीता देवी"
    assert selectors.verification(payload=certificate.payload)["status"] == "issued"
    services.certificate_revoke(
        actor=apps.co_a1, certificate=certificate, reason="Issued on a forged document"
    )
    answer = selectors.verification(number=certificate.number, last4="1234")
    assert (
        answer["status"] == "revoked"
        and answer["revocation_reason"] == "Issued on a forged document"
    )
    events = list(application.events.values_list("kind", "from_status", "to_status"))
    assert events[:3] == [
        ("filed", "", "submitted"),
        ("acted", "submitted", "verified"),
        ("acted", "verified", "issued"),
    ]


def test_two_officers_at_once_one_wins_and_the_other_is_told(world, apps):
    application = file_one(world, apps)
    seen = application.version
    services.application_act(
        actor=apps.co_a1, application=application, action="verify", target="verified", version=seen
    )
    with pytest.raises(StaleVersion) as caught:
        services.application_act(
            actor=apps.co_a1_charge,
            application=application,
            action="reject",
            target="rejected",
            remark="Not eligible",
            version=seen,
        )
    # The refusal names who changed it, when, and to what.
    assert caught.value.extra["by"] == apps.co_a1
    assert caught.value.extra["at"] is not None
    assert "CO A1" in str(caught.value.message)
    assert "Verified" in str(caught.value.message)
    application.refresh_from_db()
    assert application.state == "verified"


def test_return_and_resubmit_and_reasons_required(world, apps):
    application = file_one(world, apps)
    with pytest.raises(services.ApplicationRefused):
        services.application_act(
            actor=apps.co_a1,
            application=application,
            action="return",
            target="at_kiosk",
            version=application.version,
        )
    send_back(apps, application, "Father's name misspelt")
    application.refresh_from_db()
    assert application.state == "at_kiosk" and application.assigned_post is None
    services.application_resubmit(
        actor=world.operator_a1,
        application=application,
        values=form_values(world, father_name="रामेश्वर महतो जी", aadhaar=""),
        version=application.version,
    )
    application.refresh_from_db()
    assert application.state == "submitted" and application.assigned_post == apps.post_co_a1
    assert application.aadhaar_last4 == "2346"  # kept when left as shown


def test_another_blocks_officer_cannot_act_or_see(world, apps):
    application = file_one(world, apps)
    with pytest.raises(OutOfJurisdiction):
        services.application_act(
            actor=world.bdo_b1,
            application=application,
            action="verify",
            target="verified",
            version=application.version,
        )
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.application_get(user=world.bdo_b1, pk=application.pk)
    assert selectors.application_get(user=apps.co_a1, pk=application.pk) == application


def test_past_due_escalates_once_and_the_automatic_step_is_taken(world, apps):
    application = file_one(world, apps)
    later = application.step_due + dt.timedelta(days=1)
    result = services.applications_escalate(today=later)
    assert (result.escalated, result.automatic) == (1, 0)
    assert Notice.objects.filter(user__in=[apps.co_a1, apps.co_a1_charge, apps.sdo_a]).count() == 3
    assert services.applications_escalate(today=later).escalated == 0  # once per step
    services.application_act(
        actor=apps.co_a1,
        application=application,
        action="call_for_documents",
        target="documents_called",
        remark="Land record",
        version=Application.objects.get(pk=application.pk).version,
    )
    long_after = timezone.localdate() + dt.timedelta(days=40)
    result = services.applications_escalate(today=long_after)
    assert result.automatic == 1
    application.refresh_from_db()
    assert application.state == "rejected"
    assert application.events.filter(kind=EventKind.AUTOMATIC).count() == 1


def test_inbox_and_reports(world, apps):
    first = file_one(world, apps)
    file_one(world, apps)
    Application.objects.filter(pk=first.pk).update(
        due_date=timezone.localdate() - dt.timedelta(days=1),
        step_due=timezone.localdate() - dt.timedelta(days=1),
    )
    box = selectors.inbox(user=apps.co_a1)
    assert [a.pk for a in box.overdue] == [first.pk] and box.total == 2
    assert selectors.inbox(user=world.bdo_b1).total == 0
    rows = selectors.pending_report(user=world.dc_a, by="block")
    assert [(r.label, r.within, r.beyond) for r in rows] == [(world.block_a1.label, 1, 1)]
    assert selectors.pending_report(user=world.bdo_b1, by="service") == []
    services.application_act(
        actor=apps.co_a1,
        application=Application.objects.get(pk=first.pk),
        action="reject",
        target="rejected",
        remark="Not eligible",
        version=Application.objects.get(pk=first.pk).version,
    )
    ranking = selectors.disposal_report(
        user=world.state_admin, month=timezone.localdate(), by="district"
    )
    assert [(r.label, r.decided, r.within) for r in ranking] == [
        (world.district_a.label, 1, 0),
        (world.district_b.label, 0, 0),
    ]


def test_statement_reconciles_to_the_paisa(world, apps):
    for _ in range(3):
        file_one(world, apps)
    statement = selectors.centre_statement(
        user=world.csc_manager_a, centre=apps.centres.centre_a1, month=timezone.localdate()
    )
    assert statement.applications == 3
    assert (statement.collected, statement.reimbursed) == (3000, 6000)
    assert statement.balanced and statement.credits == 9000
    assert {line.party: line.paise for line in statement.shares} == {
        "degs": 1200,
        "operator": 6600,
        "service_provider": 600,
        "state": 600,
    }
    district = selectors.district_statement(
        user=world.dc_a, district=world.district_a, month=timezone.localdate()
    )
    assert district.debits == district.credits == 9000


def test_the_number_is_found_and_a_mistyped_one_is_not(world, apps):
    application = file_one(world, apps)
    number = application.number
    assert Application.objects.numbered(number).get() == application
    assert (
        Application.objects.numbered(
            number.translate(str.maketrans("0123456789", "०१२३४५६७८९"))
        ).get()
        == application
    )
    for i in range(len(number)):  # every single-digit slip is caught by the check digit
        slip = number[:i] + str((int(number[i]) + 1) % 10) + number[i + 1 :]
        assert not Application.objects.numbered(slip).exists()
    assert not Application.objects.numbered("").exists()


def test_a_failed_document_insert_leaves_no_file_behind(
    world, apps, settings, tmp_path, django_capture_on_commit_callbacks
):
    """The documents are the filing's last write: if their insert fails, the files written
    for them (and their intents, degs.core.uploads) are removed and nothing of the filing is
    kept; a filing that commits keeps its two files and drops their intents."""
    from unittest import mock

    from django.db import DatabaseError

    from degs.applications.models import ApplicationDocument

    settings.MEDIA_ROOT = tmp_path
    with (
        mock.patch.object(
            ApplicationDocument.objects, "bulk_create", side_effect=DatabaseError("disk full")
        ),
        pytest.raises(DatabaseError),
    ):
        file_one(world, apps)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
    assert Application.objects.count() == 0 and LedgerEntry.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        file_one(world, apps)
    assert len([p for p in tmp_path.rglob("*") if p.is_file()]) == 2
