"""A meeting imported from a press note: paste or upload, review beside the source, save all or
nothing. Sample 002 (Jamtara, 12 November 2020) is the note pasted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from degs.accounts.roles import Role
from degs.directory.models import Designation, Post
from degs.reviews import services
from degs.reviews.choices import CommitteeKind
from degs.reviews.models import Attendance, Committee, Directive, Meeting
from tests.factories import UserFactory, district_committee, grant
from tests.reviews.test_sources import SCANNED_PDF

SAMPLE = (
    Path(__file__).resolve().parents[2] / "degs/reviews/data/press_notes/002_0e56e2880c222ce2.txt"
).read_text(encoding="utf-8")
URL = "/reviews/meetings/import/"


@pytest.fixture
def committee(world) -> Committee:  # type: ignore[no-untyped-def]
    Designation.objects.filter(code="dio").update(
        name="District Informatics Officer", name_hi="जिला सूचना विज्ञान पदाधिकारी"
    )
    Designation.objects.filter(code="csc_dm").update(
        name="CSC District Manager", name_hi="जिला प्रबंधक सीएससी"
    )
    return district_committee(world)


def _read(client: Any, committee: Committee, **extra: Any) -> Any:
    data = {"step": "read", "committee": committee.pk, "text": SAMPLE, **extra}
    return client.post(URL, data)


def _review_data(response: Any) -> dict[str, Any]:
    """The review page's form as the browser would send it back, unchanged."""
    form = response.context
    review, attendees, directives = form["review"], form["attendees"], form["directives"]
    figures = form["figures"]
    data: dict[str, Any] = {}
    for bound in review:
        value = bound.value()
        data[bound.html_name] = "" if value is None else value
    data["date"] = review["date"].value().isoformat()
    for formset in (attendees, directives, figures):
        for bound in formset.management_form:
            data[bound.html_name] = bound.value()
        for row in formset:
            for bound in row:
                value = bound.value()
                if bound.name == "keep":
                    if value:
                        data[bound.html_name] = "on"
                    continue
                data[bound.html_name] = "" if value is None else value
    return data


def _complete(data: dict[str, Any], post: Post) -> dict[str, Any]:
    """Give every directive a lead post, and a deadline to those the note gave none."""
    for i in range(int(data["d-TOTAL_FORMS"])):
        data[f"d-{i}-lead_post"] = post.pk
        if not data[f"d-{i}-deadline_phrase"]:
            data[f"d-{i}-deadline_phrase"] = "एक माह के अंदर"
    return data


def test_anonymous_is_sent_to_login(client, world) -> None:  # type: ignore[no-untyped-def]
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_user_who_records_no_meetings_is_refused(world, client_as, committee) -> None:  # type: ignore[no-untyped-def]
    assert client_as(world.bdo_a1).get(URL).status_code == 403


def test_another_districts_administrator_cannot_pick_the_committee(  # type: ignore[no-untyped-def]
    world, client_as, committee
) -> None:
    admin_b = UserFactory(username="admin_b", full_name="Admin B")
    grant(admin_b, Role.DISTRICT_ADMIN, world.district_b)
    services.committee_create(
        actor=None,
        area=world.district_b,
        kind=CommitteeKind.EXECUTIVE,
        name="B committee",
        chair_post=world.post_bdo_b1,
    )
    client = client_as(admin_b)
    page = client.get(URL)
    assert page.status_code == 200
    assert "DeGS executive committee" not in page.content.decode()
    response = _read(client, committee)
    assert response.status_code == 400
    assert "review" not in response.context
    data = _review_data(_read(client_as(world.dio_a), committee))
    client = client_as(admin_b)
    assert client.post(URL, _complete(data, world.post_dc_a)).status_code == 404
    assert Meeting.objects.count() == 0


def test_sample_002_is_read_for_review_and_nothing_is_saved(world, client_as, committee) -> None:  # type: ignore[no-untyped-def]
    client = client_as(world.dio_a)
    assert client.get(URL + f"?committee={committee.pk}").status_code == 200
    response = _read(client, committee)
    assert response.status_code == 200
    body = response.content.decode()
    context = response.context
    assert context["directives"].total_form_count() == 4
    assert context["attendees"].total_form_count() >= 8
    assert context["review"]["date"].value() == dt.date(2020, 11, 12)
    assert context["review"]["chair_name"].value() == "फैज अक अहमद मुमताज"
    assert "<mark" in body and 'id="src-d1"' in body
    assert "जल्द से जल्द" in body
    # the DIO's designation is matched to the district's DIO post, others stay invitees
    dio = Post.objects.get(designation__code="dio", area=world.district_a)
    posts = {f["designation"].value(): f["post"].value() for f in context["attendees"]}
    assert posts["जिला सूचना विज्ञान पदाधिकारी"] == dio.pk
    assert posts["पुलिस उपाधीक्षक"] is None
    assert Meeting.objects.count() == 0
    assert Directive.objects.count() == 0


def test_save_records_meeting_attendance_and_directives(world, client_as, committee) -> None:  # type: ignore[no-untyped-def]
    client = client_as(world.dio_a)
    data = _complete(_review_data(_read(client, committee)), world.post_dc_a)
    data["d-1-text"] = "Aadhaar for everyone who has none"
    data.pop("d-3-keep")  # dropped
    response = client.post(URL, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("reviews:meeting_detail", args=[meeting.pk])
    assert meeting.date == dt.date(2020, 11, 12)
    assert meeting.chair_name == "फैज अक अहमद मुमताज"
    assert Attendance.objects.filter(meeting=meeting).count() >= 8
    assert Attendance.objects.filter(meeting=meeting, post__designation__code="dio").exists()
    directives = list(Directive.objects.filter(meeting=meeting).order_by("number"))
    assert len(directives) == 3
    assert directives[0].text_hi.startswith("सभी प्रखंड/पंचायत भवनों में इंटरनेट")
    assert directives[0].deadline_phrase == "जल्द से जल्द"
    assert directives[1].text == "Aadhaar for everyone who has none"
    assert directives[1].text_hi == ""
    month = directives[2].due_date
    assert directives[2].deadline_phrase == "एक माह के अंदर"
    assert 28 <= (month - meeting.date).days <= 34
    assert all(d.due_date >= meeting.date for d in directives)
    assert not Directive.objects.filter(text_hi__startswith="कास्ट सर्टिफिकेट").exists()
    page = client.get(response["Location"]).content.decode()
    assert month.strftime("%d-%m-%Y") in page


@pytest.mark.parametrize("language", ["en", "hi"])
def test_a_bad_row_is_shown_on_that_row_and_nothing_is_saved(  # type: ignore[no-untyped-def]
    world, client_as, committee, language
) -> None:
    client = client_as(world.dio_a)
    client.cookies["degs_language"] = language
    data = _complete(_review_data(_read(client, committee)), world.post_dc_a)
    data["d-0-text"] = "Connect every panchayat bhawan"
    data["d-2-deadline_phrase"] = "someday"
    data["d-3-lead_post"] = ""
    response = client.post(URL, data)
    assert response.status_code == 400
    assert Meeting.objects.count() == Directive.objects.count() == Attendance.objects.count() == 0
    rows = response.context["directives"].forms
    assert not rows[0].errors and not rows[1].errors
    assert "deadline_phrase" in rows[2].errors
    assert "lead_post" in rows[3].errors
    body = response.content.decode()
    assert "Connect every panchayat bhawan" in body
    assert 'value="someday"' in body
    row = body.split('id="directive-row-3"')[1].split('id="directive-row-4"')[0]
    if language == "hi":
        assert "कुछ निर्देश" in body
        assert "पद चुनें" in body.split('id="directive-row-4"')[1]
    else:
        assert "This deadline could not be read." in row
        assert "Choose the post that must act." in body.split('id="directive-row-4"')[1]


def test_a_meeting_date_in_the_future_is_refused(world, client_as, committee) -> None:  # type: ignore[no-untyped-def]
    client = client_as(world.dio_a)
    data = _complete(_review_data(_read(client, committee)), world.post_dc_a)
    data["date"] = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    response = client.post(URL, data)
    assert response.status_code == 400
    assert "give a date up to today" in response.content.decode()
    assert Meeting.objects.count() == 0


def _upload(client: Any, committee: Committee, content: bytes, name: str) -> Any:
    return client.post(
        URL,
        {"step": "read", "committee": committee.pk, "upload": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(
    ("content", "name", "english", "hindi"),
    [
        (SCANNED_PDF, "scan.pdf", "scanned image", "स्कैन"),
        (b"", "empty.txt", "The file is empty.", "फ़ाइल खाली है"),
        (bytes(range(256)) * 8, "photo.txt", "not readable text", "पढ़ने योग्य"),
    ],
)
@pytest.mark.parametrize("language", ["en", "hi"])
def test_unreadable_files_are_refused(  # type: ignore[no-untyped-def]
    world, client_as, committee, content, name, english, hindi, language
) -> None:
    client = client_as(world.dio_a)
    client.cookies["degs_language"] = language
    response = _upload(client, committee, content, name)
    assert response.status_code == 400
    body = response.content.decode()
    assert (hindi if language == "hi" else english) in body
    assert "review" not in response.context
    assert Meeting.objects.count() == 0


def test_an_oversized_file_is_refused(world, client_as, committee, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEGS_PRESSNOTE_MAX_BYTES = 1024
    client = client_as(world.dio_a)
    response = _upload(client, committee, SAMPLE.encode(), "note.txt")
    assert response.status_code == 400
    assert "The file is larger than" in response.content.decode()
    response = _read(client, committee)
    assert "The text is longer than" in response.content.decode()
    assert Meeting.objects.count() == 0


def test_an_uploaded_text_file_is_read(world, client_as, committee) -> None:  # type: ignore[no-untyped-def]
    response = _upload(client_as(world.dio_a), committee, SAMPLE.encode(), "note.txt")
    assert response.status_code == 200
    assert response.context["directives"].total_form_count() == 4


def test_nothing_to_read_is_refused(world, client_as, committee) -> None:  # type: ignore[no-untyped-def]
    client = client_as(world.dio_a)
    response = client.post(URL, {"step": "read", "committee": committee.pk, "text": "  "})
    assert response.status_code == 400
    assert "Paste the text or choose a file." in response.content.decode()


def test_links_to_the_import_page(world, client_as, committee) -> None:  # type: ignore[no-untyped-def]
    client = client_as(world.dio_a)
    for url in (
        reverse("reviews:register"),
        reverse("reviews:committee_list"),
        reverse("reviews:committee_detail", args=[committee.pk]),
    ):
        assert URL in client.get(url).content.decode(), url


def test_figures_are_offered_for_their_programme_and_kept_in_the_summary(  # type: ignore[no-untyped-def]
    world, client_as, committee
) -> None:
    client = client_as(world.dio_a)
    response = _read(client, committee)
    figures = response.context["figures"]
    offered = [(f["value"].value(), f["programme"].value()) for f in figures]
    assert (51196, "digital_literacy") in offered and (118, "panchayats") in offered
    assert Meeting.objects.count() == 0
    data = _complete(
        _review_data(response), Post.objects.get(designation__code="dio", area=world.district_a)
    )
    dropped = next(i for i, f in enumerate(figures) if f["value"].value() == 118)
    data.pop(f"f-{dropped}-keep", None)
    saved = client.post(URL, data)
    assert saved.status_code == 302, saved.content[:500]
    summary = Meeting.objects.get().summary
    assert (
        "51,196" in summary and "PMGDISHA digital literacy / पीएमजीदिशा डिजिटल साक्षरता" in summary
    )
    assert "118" not in summary


def test_the_api_reads_a_note_and_saves_nothing(world, client_as, committee) -> None:  # type: ignore[no-untyped-def]
    client = client_as(world.dio_a)
    response = client.post(
        reverse("api:read_press_note"),
        {"committee_id": committee.pk, "text": SAMPLE},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content[:300]
    body = response.json()
    assert body["meeting_date"] == "2020-11-12" and len(body["directives"]) == 4
    first = body["directives"][0]
    # "जल्द से जल्द": 3 days after 12-11-2020 is Sunday 15-11, so the save gives Monday 16-11
    assert first["deadline_phrase"] == "जल्द से जल्द" and first["due_date"] == "2020-11-16"
    sentence = first["sentence"]
    assert "इंटरनेट कनेक्शन" in body["text"][sentence["start"] : sentence["end"]]
    assert any(f["programme"] == "digital_literacy" for f in body["figures"])
    assert Meeting.objects.count() == 0 and Directive.objects.count() == 0
    empty = client.post(
        reverse("api:read_press_note"),
        {"committee_id": committee.pk, "text": "   "},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="hi",
    )
    assert empty.status_code == 422
    other = client_as(world.bdo_b1).post(
        reverse("api:read_press_note"),
        {"committee_id": committee.pk, "text": SAMPLE},
        content_type="application/json",
    )
    assert other.status_code == 404


def test_the_review_shows_the_date_a_deadline_phrase_sets(world, client_as, committee) -> None:  # type: ignore[no-untyped-def]
    response = _read(client_as(world.dio_a), committee)
    # "जल्द से जल्द": 3 days after 12-11-2020 is Sunday 15-11; saved as Monday 16-11
    assert "16-11-2020" in response.content.decode()


def test_the_review_page_reads_the_posts_once_however_many_rows(  # type: ignore[no-untyped-def]
    world, client_as, committee, monkeypatch
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from degs.reviews import selectors

    read_note = selectors.read_note

    def naming_another_district(*args: Any, **kwargs: Any) -> Any:
        # Both notes name a district other than the committee's, so that both pages look for
        # the user's committees there (one query, however many rows).
        reading = read_note(*args, **kwargs)
        reading.district, reading.district_candidates = "Elsewhere", []
        return reading

    monkeypatch.setattr(selectors, "read_note", naming_another_district)
    client = client_as(world.dio_a)
    short = "दिनांक 12.11.2020 को उपायुक्त ने सीएससी मैनेजर को एक सप्ताह के अंदर रिपोर्ट देने का निर्देश दिया।"
    counts = []
    # 1 directive and no one present; 4 directives, 9 present. Both give a meeting date, from
    # which the due dates are worked out once for all rows (the next meeting, the calendar).
    for text in (short, SAMPLE):
        with CaptureQueriesContext(connection) as queries:
            response = _read(client, committee, text=text)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


OVER_THE_CAP = "उपायुक्त ने निर्देश दिया कि सभी केंद्र खुले रहें। " * 1100  # 53,900 characters


@pytest.mark.parametrize(
    ("language", "cap", "refusal"),
    [
        ("en", "At most 50,000 characters", "The text is longer than 50,000 characters."),
        ("hi", "अधिकतम 50,000 अक्षर", "पाठ 50,000 अक्षरों से लंबा है।"),
    ],
)
def test_the_page_says_the_cap_and_refuses_a_longer_paste_unread(  # type: ignore[no-untyped-def]
    world, client_as, committee, language, cap, refusal
) -> None:
    client = client_as(world.dio_a)
    client.cookies["degs_language"] = language
    assert cap in client.get(URL).content.decode()
    assert len(OVER_THE_CAP) > 50_000
    response = client.post(URL, {"step": "read", "committee": committee.pk, "text": OVER_THE_CAP})
    assert response.status_code == 400
    assert refusal in response.content.decode()
    assert "review" not in response.context


def test_the_save_step_refuses_a_source_longer_than_the_cap(world, client_as, committee) -> None:  # type: ignore[no-untyped-def]
    client = client_as(world.dio_a)
    data = _review_data(_read(client, committee))
    data = _complete(data, world.post_dc_a) | {"source": OVER_THE_CAP}
    response = client.post(URL, data)
    assert "The text is longer than 50,000 characters." in response.content.decode()
    assert Meeting.objects.count() == 0


def test_the_api_refuses_a_note_longer_than_the_cap_unread(world, client_as, committee) -> None:  # type: ignore[no-untyped-def]
    response = client_as(world.dio_a).post(
        reverse("api:read_press_note"),
        {"committee_id": committee.pk, "text": OVER_THE_CAP},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="hi",
    )
    assert response.status_code == 422
    assert "पाठ 50,000 अक्षरों से लंबा है।" in str(response.json())


# --- a note imported once ---------------------------------------------------------------------


def _import_sample(client: Any, committee: Committee) -> Meeting:
    data = _complete(_review_data(_read(client, committee)), committee.chair_post)
    response = client.post(URL, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    return Meeting.objects.get()


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "This note is already imported for this committee, as the meeting of 12-11-2020"),
        ("hi", "यह नोट इस समिति के लिए पहले ही आयात हो चुका है, 12-11-2020 की बैठक के रूप में"),
    ],
)
def test_the_same_note_read_again_is_recognised_and_links_the_meeting(  # type: ignore[no-untyped-def]
    world, client_as, committee, language, said
) -> None:
    client = client_as(world.dio_a)
    meeting = _import_sample(client, committee)
    directives = Directive.objects.count()
    world.dio_a.language = language
    world.dio_a.save()
    client = client_as(world.dio_a)
    client.cookies["degs_language"] = language
    # pasted again with other line breaks and spaces, and an invisible zero-width space
    again = "  " + SAMPLE.replace("\n", "\r\n\r\n").replace(" ", "  ", 5) + "\u200b\t"
    response = _read(client, committee, text=again)
    assert response.status_code == 409
    body = response.content.decode()
    assert said in body
    assert f'href="{reverse("reviews:meeting_detail", args=[meeting.pk])}"' in body
    assert "review" not in response.context  # no review page: nothing to save
    assert response.context["form"]["text"].value() == again  # what was pasted is kept
    assert Meeting.objects.count() == 1 and Directive.objects.count() == directives


def test_saving_the_same_note_twice_records_it_once(world, client_as, committee) -> None:  # type: ignore[no-untyped-def]
    client = client_as(world.dio_a)
    data = _complete(_review_data(_read(client, committee)), world.post_dc_a)
    # two people read the note before either saved; both save
    assert client.post(URL, data).status_code == 302
    directives = Directive.objects.count()
    second = client_as(world.dio_a).post(URL, data)
    assert second.status_code == 400
    meeting = Meeting.objects.get()
    body = second.content.decode()
    assert "already imported for this committee" in body
    assert f'href="{reverse("reviews:meeting_detail", args=[meeting.pk])}"' in body
    assert second.context["review"]["chair_name"].value() == data["chair_name"]  # kept
    assert Directive.objects.count() == directives


def test_another_note_of_the_same_meeting_is_recognised_by_its_date_and_chair(  # type: ignore[no-untyped-def]
    world, client_as, committee
) -> None:
    client = client_as(world.dio_a)
    meeting = _import_sample(client, committee)
    # the same meeting as another paper wrote it: other words, the same day and chair
    other = SAMPLE.replace("जामताड़ा", "जामताड़ा जिला").replace("बैठक", "समीक्षा बैठक", 1)
    response = _read(client, committee, text=other)
    assert response.status_code == 200  # the review is shown, with the warning and the link
    body = response.content.decode()
    assert "already has a meeting on 12-11-2020 under the same chair" in body
    assert f'href="{reverse("reviews:meeting_detail", args=[meeting.pk])}"' in body
    data = _complete(_review_data(response), world.post_dc_a)
    saved = client.post(URL, data)
    assert saved.status_code == 400
    assert "already has a meeting on 12-11-2020" in saved.content.decode()
    assert Meeting.objects.count() == 1
    # a note of another day of the same committee is imported
    data["date"] = "2020-11-13"
    assert client.post(URL, data).status_code == 302
    assert Meeting.objects.count() == 2


def test_two_imports_at_once_cannot_both_pass(world, committee, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The check before writing is not all: when it misses an import committed meanwhile, the
    database's constraint refuses the second, and the user is told the same."""
    from degs.core.exceptions import AlreadyRecorded
    from degs.reviews.sources import note_fingerprint

    first = services.meeting_import(
        actor=world.dio_a, committee=committee, date=dt.date(2020, 11, 12), source=SAMPLE
    )
    assert first.source_hash == note_fingerprint(SAMPLE)
    monkeypatch.setattr(services, "imported_already", _blind_first_look())
    with pytest.raises(AlreadyRecorded) as error:
        services.meeting_import(
            actor=world.dio_a, committee=committee, date=dt.date(2020, 11, 12), source=SAMPLE
        )
    assert error.value.extra["meeting"] == first
    monkeypatch.setattr(services, "imported_already", _blind_first_look())
    with pytest.raises(AlreadyRecorded):  # another text, the same day and chair
        services.meeting_import(
            actor=world.dio_a, committee=committee, date=dt.date(2020, 11, 12), source="other"
        )
    assert Meeting.objects.count() == 1


def _blind_first_look() -> Any:
    """``imported_already`` that finds nothing the first time, as when the other import had
    not yet committed."""
    from degs.reviews import selectors

    calls = []

    def look(**kwargs: Any) -> Any:
        calls.append(kwargs)
        return None if len(calls) == 1 else selectors.imported_already(**kwargs)

    return look


def test_the_same_note_may_be_imported_by_another_committee(world, client_as, committee) -> None:  # type: ignore[no-untyped-def]
    other = district_committee(world, name="District IT review")
    services.meeting_import(
        actor=world.dio_a, committee=committee, date=dt.date(2020, 11, 12), source=SAMPLE
    )
    services.meeting_import(
        actor=world.dio_a, committee=other, date=dt.date(2020, 11, 12), source=SAMPLE
    )
    assert Meeting.objects.count() == 2


def test_the_api_says_a_note_is_already_imported(world, client_as, committee) -> None:  # type: ignore[no-untyped-def]
    client = client_as(world.dio_a)

    def read() -> Any:
        response = client.post(
            reverse("api:read_press_note"),
            {"committee_id": committee.pk, "text": SAMPLE},
            content_type="application/json",
        )
        assert response.status_code == 200
        return response.json()["already_imported"]

    assert read() is None
    meeting = services.meeting_import(
        actor=world.dio_a, committee=committee, date=dt.date(2020, 11, 12), source=SAMPLE
    )
    assert read() == {"meeting_id": meeting.pk, "date": "2020-11-12", "same_text": True}


def test_a_file_read_with_a_bad_date_is_not_asked_for_again(world, client_as, committee) -> None:  # type: ignore[no-untyped-def]
    """The note's file was read but the publication date is mistyped: the form comes back with
    the text read from the file in the text box, and correcting the date alone reads it."""
    client = client_as(world.dio_a)
    response = client.post(
        URL,
        {
            "step": "read",
            "committee": committee.pk,
            "published": "31-02-2026",
            "upload": SimpleUploadedFile("note.txt", SAMPLE.encode()),
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "published" in form.errors
    assert form["text"].value().strip() == SAMPLE.strip()
    again = client.post(
        URL,
        {
            "step": "read",
            "committee": committee.pk,
            "published": "2026-02-27",
            "text": form["text"].value(),
        },
    )
    assert again.status_code == 200
    assert again.context["directives"].total_form_count() == 4


def test_saving_reads_the_calendar_and_next_meeting_once_however_many_directives(  # type: ignore[no-untyped-def]
    world, committee
) -> None:
    """The due dates of an import's directives are worked out against one reading of the
    district's holidays and of the committee's next meeting, as the review page does."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from degs.directory.models import Holiday
    from degs.reviews.models import Meeting as MeetingModel

    lead = Post.objects.get(designation__code="csc_dm", area=committee.area)
    holidays, meetings = Holiday._meta.db_table, MeetingModel._meta.db_table
    counts = []
    for day, rows in ((dt.date(2020, 11, 12), 2), (dt.date(2020, 11, 13), 6)):
        directives = [
            services.ImportedDirective(
                text=f"निर्देश {n}", lead_post=lead, deadline_phrase="एक सप्ताह के अंदर"
            )
            for n in range(rows)
        ]
        with CaptureQueriesContext(connection) as queries:
            services.meeting_import(
                actor=world.dio_a,
                committee=committee,
                date=day,
                source=f"note of {day}",
                chair_name="x",
                directives=directives,
            )
        counts.append(
            sum(
                holidays in q["sql"] or (meetings in q["sql"] and '"date" >' in q["sql"])
                for q in queries.captured_queries
            )
        )
    assert counts[0] == counts[1] > 0
