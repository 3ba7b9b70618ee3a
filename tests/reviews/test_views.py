"""Reviews pages in both languages, the report form in place, PDFs and the register export."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from degs.core.models import HeldUpload
from degs.reviews import services
from degs.reviews.choices import DirectiveStatus
from degs.reviews.models import ComplianceUpdate, Directive


@pytest.fixture
def given(world, reviews):  # type: ignore[no-untyped-def]
    directive = reviews.directive(
        text="Obtain BC ID for every operator",
        text_hi="सभी संचालकों का बीसी आईडी बनवाना सुनिश्चित करें",
    )
    return directive


@pytest.mark.parametrize("language", ["en", "hi"])
@pytest.mark.parametrize(
    "name",
    ["reviews:register", "reviews:mine", "reviews:committee_list", "reviews:meeting_create",
     "reviews:committee_create", "accounts:notice_list", "dashboards:home"],
)  # fmt: skip
def test_pages_in_both_languages(world, reviews, given, client_as, language, name) -> None:
    client = client_as(world.dio_a)
    client.cookies["degs_language"] = language
    world.dio_a.language = language
    world.dio_a.save()
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()


@pytest.mark.parametrize("language", ["en", "hi"])
def test_meeting_and_directive_pages(world, reviews, given, client_as, language) -> None:
    world.dio_a.language = language
    world.dio_a.save()
    client = client_as(world.dio_a)
    for url in (
        reverse("reviews:meeting_detail", args=[reviews.meeting.pk]),
        reverse("reviews:meeting_detail", args=[reviews.next_meeting.pk]),
        reverse("reviews:directive_detail", args=[given.pk]),
        reverse("reviews:directive_create", args=[reviews.meeting.pk]),
        reverse("reviews:attendance", args=[reviews.meeting.pk]),
        reverse("reviews:committee_detail", args=[reviews.committee.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    # the next meeting opens with the unfinished directive
    body = client.get(reverse("reviews:meeting_detail", args=[reviews.next_meeting.pk])).content
    assert "सभी संचालकों का बीसी आईडी".encode() in body or b"Obtain BC ID" in body


def test_secretary_records_a_directive_from_a_phrase(world, reviews, client_as) -> None:
    client = client_as(world.dio_a)
    url = reverse("reviews:directive_create", args=[reviews.meeting.pk])
    response = client.post(
        url,
        {"text_hi": "एक माह के अंदर ई-ऑफिस लागू करें", "lead_post": reviews.post_dio.pk,
         "deadline_phrase": "by the next meeting", "priority": "normal"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Directive.objects.get().due_date == reviews.next_meeting.date


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text_hi": "", "text": ""}, "Write the directive in English or Hindi."),
        ({"deadline_phrase": "someday"}, "This deadline could not be read."),
        ({"deadline_phrase": "", "due_date": "2001-01-01"}, "The deadline falls before"),
        ({"lead_post": 999999}, "this one is not known here"),
    ],
)
def test_bad_directive_input_is_explained_and_kept(
    world, reviews, client_as, data, message
) -> None:
    client = client_as(world.dio_a)
    form = {"text_hi": "कुछ करें", "lead_post": reviews.post_dio.pk, "deadline_phrase": "within a week",
            "priority": "normal", **data}  # fmt: skip
    response = client.post(reverse("reviews:directive_create", args=[reviews.meeting.pk]), form)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    if form["text_hi"]:
        assert form["text_hi"] in body  # what was typed is still there
    assert Directive.objects.count() == 0


def test_bad_directive_input_in_hindi(world, reviews, client_as) -> None:
    world.dio_a.language = "hi"
    world.dio_a.save()
    client = client_as(world.dio_a)
    response = client.post(
        reverse("reviews:directive_create", args=[reviews.meeting.pk]),
        {"text_hi": "कुछ करें", "lead_post": reviews.post_dio.pk, "deadline_phrase": "someday",
         "priority": "normal"},
    )  # fmt: skip
    assert "समय-सीमा" in response.content.decode()
    assert Directive.objects.count() == 0


def test_report_in_place_with_htmx(world, given, client_as) -> None:
    client = client_as(world.csc_manager_a)
    assert "Obtain BC ID" in client.get(reverse("reviews:mine")).content.decode()
    url = reverse("reviews:directive_report", args=[given.pk])
    response = client.post(
        url, {"percent": 100, "text": "All 118 operators applied"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert f'id="directive-{given.pk}"' in response.content.decode()
    given.refresh_from_db()
    assert given.status == DirectiveStatus.REPORTED
    # a wrong file is refused with its reason, the text kept, nothing saved
    other = Directive.objects.create(
        meeting=given.meeting, number=2, text="Second", lead_post=given.lead_post,
        due_date=given.due_date,
    )  # fmt: skip
    bad = SimpleUploadedFile("photo.jpg", b"not a picture")
    response = client.post(
        reverse("reviews:directive_report", args=[other.pk]),
        {"percent": 20, "text": "typed text stays", "attachments": bad},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert "typed text stays" in response.content.decode()
    assert ComplianceUpdate.objects.filter(directive=other).count() == 0


def test_stale_verify_tells_the_user(world, given, client_as) -> None:
    services.directive_report(actor=world.csc_manager_a, directive=given, percent=100, text="ok")
    given.refresh_from_db()
    version = given.version
    services.directive_transition(
        actor=world.dio_a, directive=given, action="verify", version=version
    )
    client = client_as(world.dc_a)
    response = client.post(
        reverse("reviews:directive_transition", args=[given.pk]),
        {"action": "send_back", "version": version, "remark": "not enough"},
        follow=True,
    )
    body = response.content.decode()
    assert "Someone else changed this record" in body
    assert "Verified and closed" in body


def test_other_district_answers_404(world, reviews, given, client_as) -> None:
    client = client_as(world.bdo_b1)
    for url in (
        reverse("reviews:meeting_detail", args=[reviews.meeting.pk]),
        reverse("reviews:directive_detail", args=[given.pk]),
        reverse("reviews:minutes_pdf", args=[reviews.meeting.pk]),
        reverse("reviews:attendance", args=[reviews.meeting.pk]),
    ):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("kind", ["minutes_pdf", "atr_pdf"])
def test_pdf_has_the_hindi_text(world, reviews, given, client_as, kind) -> None:
    services.directive_report(
        actor=world.csc_manager_a, directive=given, percent=40, text="आवेदन जमा"
    )
    world.dio_a.language = "hi"
    world.dio_a.save()
    response = client_as(world.dio_a).get(reverse(f"reviews:{kind}", args=[reviews.meeting.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    # words with no conjuncts come back from the PDF exactly as written
    assert "बैठक" in text
    assert "जामताड़ा" not in text  # the test district is not Jamtara
    assert "प्रखंड" in text or "जिला" in text


def test_register_filters_and_exports(world, reviews, given, client_as) -> None:
    reviews.directive(text="Second", lead_post=reviews.post_dio)
    client = client_as(world.dio_a)
    response = client.get(reverse("reviews:register"), {"post": reviews.post_dio.pk})
    body = response.content.decode()
    assert "Second" in body and "Obtain BC ID" not in body
    export = client.get(reverse("reviews:register"), {"format": "xlsx"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert len(rows) == 3
    assert "सभी संचालकों का बीसी आईडी बनवाना सुनिश्चित करें" in rows[1] + rows[2]


def test_register_query_count_does_not_grow(
    world, reviews, client_as, django_assert_max_num_queries
) -> None:
    for n in range(30):
        reviews.directive(text=f"Directive {n}")
    client = client_as(world.dio_a)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("reviews:register")).status_code == 200
    with django_assert_max_num_queries(30):
        assert (
            client.get(reverse("reviews:meeting_detail", args=[reviews.meeting.pk])).status_code
            == 200
        )


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured.captured_queries)


def test_query_counts_do_not_grow_with_directives(world, reviews, client_as) -> None:
    def add(n: int) -> None:
        for i in range(n):
            d = reviews.directive(text=f"D{i}", supporting_posts=[reviews.post_dio])
            services.directive_report(actor=world.csc_manager_a, directive=d, percent=10, text="x")

    urls = [
        reverse("reviews:register"),
        reverse("reviews:register") + "?format=xlsx",
        reverse("reviews:mine"),
        reverse("dashboards:home"),
        reverse("reviews:meeting_detail", args=[reviews.meeting.pk]),
        reverse("reviews:meeting_detail", args=[reviews.next_meeting.pk]),
        reverse("reviews:atr_pdf", args=[reviews.meeting.pk]),
        reverse("api:list_directives"),
    ]
    client = client_as(world.csc_manager_a)
    add(3)
    few = {url: _queries(client, url) for url in urls}
    add(20)
    many = {url: _queries(client, url) for url in urls}
    assert few == many


def test_attendance_page_saves_and_refuses_a_tampered_form(world, reviews, client_as) -> None:
    client = client_as(world.dio_a)
    url = reverse("reviews:attendance", args=[reviews.meeting.pk])
    form = {
        "version": reviews.meeting.version,
        f"present_{reviews.post_dio.pk}": "on",
        f"name_{reviews.post_dio.pk}": "",
        "invitees": "BSNL representative | A. Kumar",
    }
    assert client.post(url, form).status_code == 302
    names = {a.who: a.name for a in reviews.meeting.attendance.all()}
    assert names[reviews.post_dio.long_label] == "DIO A"
    assert names["BSNL representative"] == "A. Kumar"
    # a form without its version changes nothing and says so
    response = client.post(url, {**form, "version": "x", "invitees": ""})
    assert response.status_code == 200
    assert "Nothing was changed" in response.content.decode()
    assert reviews.meeting.attendance.filter(invitee="BSNL representative").exists()


@pytest.mark.parametrize("htmx", [True, False])
def test_a_report_refused_for_its_text_keeps_its_attachments(world, given, client_as, htmx) -> None:
    """The report comes back for the text it lacks, with the attachment still attached; the
    corrected report saves it without sending the file again; another user's token has none."""
    client = client_as(world.csc_manager_a)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    page = client.get(reverse("reviews:directive_detail", args=[given.pk])).content.decode()
    token = re.search(r'name="upload_token" value="([^"]+)"', page).group(1)
    letter = b"%PDF-1.4\n% the letter to the bank\n%%EOF\n"
    url = reverse("reviews:directive_report", args=[given.pk])
    first = client.post(
        url,
        {
            "percent": 40,
            "text": "",
            "upload_token": token,
            "attachments": SimpleUploadedFile("bank-letter.pdf", letter, "application/pdf"),
        },
        **headers,
    )
    body = first.content.decode()
    assert first.status_code in (400, 422)
    assert "bank-letter.pdf" in body and 'name="remove_held"' in body
    assert ComplianceUpdate.objects.count() == 0

    # someone else posting the same token finds nothing held
    other = Client()
    other.force_login(world.dio_a)
    theirs = other.post(url, {"percent": 10, "text": "x", "upload_token": token}, **headers)
    assert "bank-letter.pdf" not in theirs.content.decode()

    second = client.post(
        url, {"percent": 40, "text": "Letter sent to the bank", "upload_token": token}, **headers
    )
    assert second.status_code in (200, 302)
    update = ComplianceUpdate.objects.get(text="Letter sent to the bank")
    [attachment] = update.attachments.all()
    assert attachment.filename == "bank-letter.pdf" and attachment.file.read() == letter
    assert HeldUpload.objects.count() == 0
