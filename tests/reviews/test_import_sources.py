"""The import's review page says where the date, the chair and the district were read, offers
the other people who may have chaired and the committees of another district the note names;
the posts a district gives its notes' addressees are remembered for its next imports.

The reader is replaced here by readings built by hand (``_reading``), so that these tests hold
the page and the memory, whatever the reader's rules find in a text."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from degs.accounts.roles import Role
from degs.directory.models import Post
from degs.reviews import selectors, services
from degs.reviews.choices import CommitteeKind
from degs.reviews.models import AddresseePost, Committee, Directive, Meeting, addressee_key
from degs.reviews.pressnote import Found, Order, Person, Reading
from degs.reviews.selectors import Mark, marked_source
from tests.factories import UserFactory, district_committee, grant, make_designation, make_post
from tests.reviews.test_import import URL, _review_data

NOTE = (
    "District A, 12 November 2020: A meeting of the DeGS was held under the chairmanship of "
    "Deputy Commissioner Faiz Ahmad. Additional Collector Ram Kumar was also present.\n"
    "The Deputy Commissioner directed the DIO to connect every panchayat bhawan within a week.\n"
    "The CSC District Manager was asked to open ten more centres, as District B did."
)


def _at(text: str, part: str, after: str = "") -> Found:
    start = text.index(part, text.index(after) if after else 0)
    return Found(part, start, start + len(part))


def _sentence(text: str, starts: str) -> Found:
    start = text.index(starts)
    end = text.index(".", start) + 1
    return Found(text[start:end], start, end)


def _reading(
    text: str = NOTE,
    *,
    district: str | None = "District A",
    others: tuple[str, ...] = ("District B",),
    read_all: bool = True,
    addressee: str = "the DIO",
) -> Reading:
    """What a reader could make of ``NOTE``: the district, the date and the chair with their
    places, another person who may have chaired, two orders."""
    reading = Reading(text=text)
    if not read_all:
        return reading
    if district is not None:
        place = _at(text, "District A")
        reading.district, reading.district_source = district, place
        reading.district_candidates = [Found(district, place.start, place.end)] + [
            Found(name, *_span(_at(text, name, "ten more"))) for name in others
        ]
    said = re.search(r"\d+ November 2020", text)[0]  # type: ignore[index]
    reading.meeting_date, reading.date_phrase = dt.date(2020, 11, int(said[:2])), said
    reading.date_source = _at(text, said)
    reading.chair = Person(
        "Faiz Ahmad", "Deputy Commissioner", _at(text, "Deputy Commissioner Faiz Ahmad")
    )
    reading.chair_candidates = [
        Person("Ram Kumar", "Additional Collector", _at(text, "Additional Collector Ram Kumar"))
    ]
    reading.orders = [
        Order(
            text="connect every panchayat bhawan within a week",
            sentence=_sentence(text, "The Deputy Commissioner directed"),
            responsible=addressee,
            post="dio",
            deadline_phrase="within a week",
        ),
        Order(
            text="open ten more centres",
            sentence=_sentence(text, "The CSC District Manager"),
            responsible="The CSC District Manager",
            post="csc_dm",
        ),
    ]
    return reading


def _span(found: Found) -> tuple[int, int]:
    return found.start, found.end


@pytest.fixture
def committee(world) -> Committee:  # type: ignore[no-untyped-def]
    return district_committee(world)


@pytest.fixture
def reads(monkeypatch):  # type: ignore[no-untyped-def]
    """reads(reading): the import reads ``reading`` whatever text it is given."""

    def use(reading: Reading) -> None:
        monkeypatch.setattr(selectors, "read_note", lambda raw, **kwargs: reading)

    use(_reading())
    return use


def _read(client: Any, committee: Committee, text: str = NOTE, **extra: Any) -> Any:
    return client.post(URL, {"step": "read", "committee": committee.pk, "text": text, **extra})


def _post_of(world: Any, code: str, district: Any = None) -> Post:
    return Post.objects.get(designation__code=code, area=district or world.district_a)


def _ready(data: dict[str, Any]) -> dict[str, Any]:
    """Every directive with a due date, so that saving depends on no deadline phrase."""
    for i in range(int(data["d-TOTAL_FORMS"])):
        data[f"d-{i}-due_date"] = "2020-11-30"
    return data


# --- where each field came from ----------------------------------------------------------------


def test_the_review_quotes_and_marks_where_the_date_chair_and_district_were_read(  # type: ignore[no-untyped-def]
    world, client_as, committee, reads
) -> None:
    response = _read(client_as(world.dio_a), committee)
    assert response.status_code == 200
    body = response.content.decode()
    # each is marked in the note, in the fields' colour, where it was read
    for anchor, words in (
        ("src-date", "12 November 2020"),
        ("src-chair", "Deputy Commissioner Faiz Ahmad"),
        ("src-district", "District A"),
    ):
        assert f'<mark id="{anchor}" class="degs-mark-field">{words}</mark>' in body
    # and quoted under its field, linked to the mark
    assert body.count('href="#src-chair">«Deputy Commissioner Faiz Ahmad»</a>') == 2
    assert 'href="#src-date">«12 November 2020»</a>' in body
    assert "District named in the note: District A" in body
    assert 'href="#src-district">«District A»</a>' in body
    assert "Also named: District B" in body
    assert 'id="district-elsewhere"' not in body
    # the directives' sentences are marked as before, numbered
    assert re.search(r'<mark id="src-d1"><sup>1</sup> The Deputy Commissioner directed', body)
    # the chair's designation is a field of its own now
    review = response.context["review"]
    assert review["chair_designation"].value() == "Deputy Commissioner"
    assert 'type="text" name="chair_designation" value="Deputy Commissioner"' in body
    assert "Not found in the note" not in body
    assert Meeting.objects.count() == 0


def test_what_was_not_read_is_said_so(world, client_as, committee, reads) -> None:  # type: ignore[no-untyped-def]
    reads(_reading(read_all=False))
    response = _read(client_as(world.dio_a), committee)
    body = response.content.decode()
    assert body.count("Not found in the note: type it.") == 3  # date, name, designation
    assert "No district was read from the note." in body
    assert 'id="src-' not in body and "chair-candidates" not in body


@pytest.mark.parametrize(
    ("language", "not_found", "no_district"),
    [("hi", "नोट में नहीं मिला: इसे लिखें।", "नोट से कोई जिला नहीं पढ़ा गया।")],
)
def test_the_new_words_are_in_hindi(  # type: ignore[no-untyped-def]
    world, client_as, committee, reads, language, not_found, no_district
) -> None:
    client = client_as(world.dio_a)
    client.cookies["degs_language"] = language
    body = _read(client, committee).content.decode()
    assert "इससे पढ़ा गया:" in body and "अध्यक्ष का पदनाम" in body
    assert "नोट में बताया गया जिला: District A" in body
    assert "या: Ram Kumar, Additional Collector" in body
    assert "इनका भी नाम है: District B" in body
    reads(_reading(read_all=False))
    body = _read(client, committee).content.decode()
    assert not_found in body and no_district in body


def test_the_other_people_who_may_have_chaired_are_offered(  # type: ignore[no-untyped-def]
    world, client_as, committee, reads
) -> None:
    body = _read(client_as(world.dio_a), committee).content.decode()
    # one button each, filled in by the page's script; hidden (with the buttons) without it
    assert '<div class="col-12 col-md-6 mb-2 chair-candidates" hidden' in body
    assert (
        'data-name="Ram Kumar" data-designation="Additional Collector">Or: Ram Kumar, '
        "Additional Collector</button>"
    ) in body
    # the reader's own choice is offered back, hidden while the fields hold it
    assert 'data-name="Faiz Ahmad" data-designation="Deputy Commissioner" hidden>' in body
    assert '<script src="/static/degs/import.js" defer></script>' in body
    # without script, the name field offers the same names
    assert 'list="chair-names"' in body
    assert (
        '<datalist id="chair-names"><option value="Faiz Ahmad"></option>'
        '<option value="Ram Kumar"></option></datalist>'
    ) in body
    assert '<option value="Additional Collector"></option>' in body


def test_a_note_of_another_district_is_said_so(world, client_as, committee, reads) -> None:  # type: ignore[no-untyped-def]
    """The DIO records meetings for district A only: the warning, and nothing to read it for."""
    reads(_reading(district="District B", others=()))
    response = _read(client_as(world.dio_a), committee)
    body = response.content.decode()
    assert "The note names the district District B, but this committee is in District A." in body
    assert "Read it for" not in body and 'id="read-for"' not in body
    assert 'id="src-district"' in body  # still marked where it was read


@pytest.mark.parametrize("written", ["DISTRICT A", "district a", "जिला ए", " जिला  ए "])
def test_the_committees_district_is_known_in_either_language_and_any_case(  # type: ignore[no-untyped-def]
    world, client_as, committee, reads, written
) -> None:
    reads(_reading(district=written))
    body = _read(client_as(world.dio_a), committee).content.decode()
    assert 'id="district-elsewhere"' not in body


@pytest.mark.parametrize(
    ("language", "warning", "button"),
    [
        (
            "en",
            "The note names the district District B, but this committee is in District A.",
            "Read it for B review",
        ),
        (
            "hi",
            "नोट में जिला District B बताया गया है, पर यह समिति जिला ए की है।",
            "इसे बी समीक्षा के लिए पढ़ें",
        ),
    ],
)
def test_a_note_of_another_district_is_read_again_for_the_users_committee_there(  # type: ignore[no-untyped-def]
    world, client_as, committee, reads, language, warning, button
) -> None:
    committee_b = services.committee_create(
        actor=None,
        area=world.district_b,
        kind=CommitteeKind.EXECUTIVE,
        name="B review",
        name_hi="बी समीक्षा",
        chair_post=world.post_bdo_b1,
    )
    both = UserFactory(username="both_districts")
    grant(both, Role.DISTRICT_ADMIN, world.district_a)
    grant(both, Role.DISTRICT_ADMIN, world.district_b)
    reads(_reading(district="District B", others=()))
    client = client_as(both)
    client.cookies["degs_language"] = language
    response = _read(client, committee, published="2020-11-13")
    body = response.content.decode()
    assert warning in body
    assert (
        f'<button type="submit" form="read-for" name="committee" value="{committee_b.pk}"' in body
    )
    assert button in body
    form = body.split('<form id="read-for"')[1].split("</form>")[0]
    assert 'name="step" value="read"' in form
    assert 'name="published" value="2020-11-13"' in form
    assert NOTE.split("\n")[0] in form
    # the button sends the same text back to the first step, for that committee
    again = client.post(
        URL,
        {
            "step": "read",
            "committee": committee_b.pk,
            "published": "2020-11-13",
            "text": response.context["read_again"]["text"],
        },
    )
    assert again.status_code == 200
    assert again.context["review"]["committee"].value() == committee_b.pk
    assert 'id="district-elsewhere"' not in again.content.decode()
    assert Meeting.objects.count() == 0


def test_everything_read_is_kept_when_the_page_comes_back_with_an_error(  # type: ignore[no-untyped-def]
    world, client_as, committee, reads
) -> None:
    AddresseePost.objects.create(
        district=world.district_a,
        phrase="the DIO",
        key=addressee_key("the DIO"),
        post=_post_of(world, "csc_dm"),
    )
    reads(_reading(district="District B"))
    client = client_as(world.dio_a)
    data = _review_data(_read(client, committee))
    # a candidate was chosen, the designation typed; the second directive has no lead post
    data["chair_name"], data["chair_designation"] = "Ram Kumar", "Additional Collector (typed)"
    data["d-1-lead_post"] = ""
    response = client.post(URL, data)
    assert response.status_code == 400
    assert "lead_post" in response.context["directives"].forms[1].errors
    body = response.content.decode()
    review = response.context["review"]
    assert review["chair_name"].value() == "Ram Kumar"
    assert review["chair_designation"].value() == "Additional Collector (typed)"
    for anchor in ("src-date", "src-chair", "src-district", "src-d1", "src-d2"):
        assert f'id="{anchor}"' in body
    assert 'href="#src-date">«12 November 2020»</a>' in body
    assert 'href="#src-chair">«Deputy Commissioner Faiz Ahmad»</a>' in body
    assert "The note names the district District B, but this committee is in District A." in body
    # the reader's chair is offered back now that another is in the fields
    assert 'data-name="Faiz Ahmad" data-designation="Deputy Commissioner">Or: Faiz Ahmad' in body
    assert "Remembered from this district" in body.split('id="directive-row-1"')[1]
    assert Meeting.objects.count() == 0


def test_hidden_values_tampered_with_read_as_nothing(world, client_as, committee, reads) -> None:  # type: ignore[no-untyped-def]
    client = client_as(world.dio_a)
    data = _review_data(_read(client, committee))
    data |= {"chair_candidates": "[not json", "district_others": '{"a": 1}', "date_end": "99999"}
    data["d-1-lead_post"] = ""
    response = client.post(URL, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "chair-candidates" not in body and "Also named" not in body
    assert 'id="src-date"' in body  # cut at the end of the text


# --- marking the note ---------------------------------------------------------------------------


def test_marks_of_fields_fall_inside_items_and_each_keeps_its_anchor() -> None:
    text = "0123456789abcdefghij"
    parts = marked_source(
        text,
        [
            Mark(0, 10, "src-d1", "1"),
            Mark(5, 15, "src-d2", "2"),  # overlaps the first: marked from where it ends
            Mark(12, 18),  # no anchor: keeps the stretch from another item, not marked
            Mark(2, 6, "src-chair", field=True),  # inside the first directive
            Mark(2, 4, "src-district", field=True),  # inside the chair
            Mark(10, 12, "src-date", field=True),  # where the second directive starts
        ],
    )
    assert "".join(p.text for p in parts) == text
    assert [(p.text, p.kind, p.anchors, p.label) for p in parts] == [
        ("01", "item", ("src-d1",), "1"),
        ("23", "field", ("src-chair", "src-district"), ""),
        ("45", "field", (), ""),
        ("6789", "item", (), ""),
        ("ab", "field", ("src-d2", "src-date"), "2"),
        ("cde", "item", (), ""),
        ("fghij", "", (), ""),
    ]


def test_marks_outside_the_text_are_cut_or_dropped() -> None:
    parts = marked_source("abc", [Mark(2, 50, "src-date", field=True), Mark(7, 9, "src-d1", "1")])
    assert [(p.text, p.anchor) for p in parts] == [("ab", ""), ("c", "src-date")]


# --- addressees remembered per district --------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "key"),
    [
        ("the DIO", "the dio"),
        ("  The   DIO. ", "the dio"),
        ("संबंधित पदाधिकारी।", "संबंधित पदाधिकारी"),
        ("Executive Engineer (PWD)", "executive engineer (pwd)"),
        ("ADCs/SDM —", "adcs/sdm"),
        ("ई-मित्र संचालकों", "ई-मित्र संचालकों"),
        ("\u0921\u093c", "\u0921\u093c"),  # a nukta letter typed in two code points
        ("...", ""),
    ],
)
def test_the_key_of_an_addressee(phrase: str, key: str) -> None:
    assert addressee_key(phrase) == key


def test_a_corrected_addressee_is_proposed_in_the_districts_next_import(  # type: ignore[no-untyped-def]
    world, client_as, committee, reads
) -> None:
    dio, csc = _post_of(world, "dio"), _post_of(world, "csc_dm")
    client = client_as(world.dio_a)
    first = _read(client, committee)
    rows = first.context["directives"].forms
    assert rows[0]["lead_post"].value() == dio.pk  # the reader's guess for "the DIO"
    assert rows[0]["remembered_post"].value() is None
    data = _ready(_review_data(first))
    data["d-0-lead_post"] = csc.pk  # the district corrects it
    assert client.post(URL, data).status_code == 302
    row = AddresseePost.objects.get(key="the dio")
    assert (row.district, row.phrase, row.post, row.times) == (world.district_a, "the DIO", csc, 1)
    assert row.set_by == world.dio_a
    assert row.history.get().history_user == world.dio_a
    assert AddresseePost.objects.get(key="the csc district manager").post == csc

    # the next note of the district, the addressee written a little differently
    later = NOTE.replace("12 November", "19 November")
    reads(_reading(later, addressee="The  DIO."))
    second = _read(client, committee, text=later)
    row0 = second.context["directives"].forms[0]
    assert row0["lead_post"].value() == csc.pk and row0["remembered_post"].value() == csc.pk
    body = second.content.decode()
    assert body.count("Remembered from this district's earlier imports") == 2
    api = client.post(
        reverse("api:read_press_note"),
        {"committee_id": committee.pk, "text": later},
        content_type="application/json",
    ).json()
    assert api["directives"][0]["lead_post_id"] == csc.pk
    assert api["directives"][0]["lead_post_remembered"] is True
    # kept as proposed: confirmed once more
    data = _ready(_review_data(second))
    assert data["date"] == "2020-11-19"
    assert client.post(URL, data).status_code == 302
    assert AddresseePost.objects.get(key="the dio").times == 2


def test_the_api_says_a_guessed_post_is_not_remembered(world, client_as, committee, reads) -> None:  # type: ignore[no-untyped-def]
    body = (
        client_as(world.dio_a)
        .post(
            reverse("api:read_press_note"),
            {"committee_id": committee.pk, "text": NOTE},
            content_type="application/json",
        )
        .json()
    )
    assert [d["lead_post_remembered"] for d in body["directives"]] == [False, False]
    assert body["directives"][0]["lead_post_id"] == _post_of(world, "dio").pk


def test_a_remembered_post_the_committee_cannot_use_is_not_proposed(  # type: ignore[no-untyped-def]
    world, client_as, committee, reads
) -> None:
    AddresseePost.objects.create(
        district=world.district_a,
        phrase="the DIO",
        key="the dio",
        post=make_post(make_designation("edm"), world.district_a),
    )
    Post.objects.filter(designation__code="edm").update(is_active=False)
    rows = _read(client_as(world.dio_a), committee).context["directives"].forms
    assert rows[0]["lead_post"].value() == _post_of(world, "dio").pk
    assert rows[0]["remembered_post"].value() is None


def test_another_district_never_gets_this_districts_memory(  # type: ignore[no-untyped-def]
    world, client_as, committee, reads
) -> None:
    AddresseePost.objects.create(
        district=world.district_a, phrase="the DIO", key="the dio", post=_post_of(world, "csc_dm")
    )
    dio_b = make_post(make_designation("dio"), world.district_b)
    make_post(make_designation("csc_dm"), world.district_b)
    committee_b = services.committee_create(
        actor=None,
        area=world.district_b,
        kind=CommitteeKind.EXECUTIVE,
        name="B review",
        chair_post=world.post_bdo_b1,
    )
    admin_b = UserFactory(username="admin_b")
    grant(admin_b, Role.DISTRICT_ADMIN, world.district_b)
    for user in (admin_b, world.state_admin):  # one district's, and one who sees both
        client = client_as(user)
        rows = _read(client, committee_b).context["directives"].forms
        assert rows[0]["lead_post"].value() == dio_b.pk  # the guess, not district A's memory
        assert rows[0]["remembered_post"].value() is None
        api = client.post(
            reverse("api:read_press_note"),
            {"committee_id": committee_b.pk, "text": NOTE},
            content_type="application/json",
        ).json()
        assert api["directives"][0]["lead_post_id"] == dio_b.pk
        assert api["directives"][0]["lead_post_remembered"] is False
        assert (
            selectors.remembered_posts(user=user, committee=committee_b, phrases=["the DIO"]) == {}
        )
    # and saving district B's import leaves district A's memory alone
    data = _ready(_review_data(_read(client_as(admin_b), committee_b)))
    data["d-1-lead_post"] = dio_b.pk
    assert client_as(admin_b).post(URL, data).status_code == 302
    assert AddresseePost.objects.get(district=world.district_a).post == _post_of(world, "csc_dm")
    assert AddresseePost.objects.get(district=world.district_b, key="the dio").post == dio_b


def test_nothing_is_remembered_when_the_import_is_undone(  # type: ignore[no-untyped-def]
    world, client_as, committee, reads
) -> None:
    client = client_as(world.dio_a)
    data = _ready(_review_data(_read(client, committee)))
    data["d-1-lead_post"] = ""  # a row to correct: nothing is saved
    assert client.post(URL, data).status_code == 400
    assert AddresseePost.objects.count() == 0 and Meeting.objects.count() == 0
    data["d-1-lead_post"] = _post_of(world, "csc_dm").pk
    assert client.post(URL, data).status_code == 302
    assert AddresseePost.objects.get(key="the dio").times == 1
    # the same note again is refused as imported already: not confirmed a second time
    assert client.post(URL, data).status_code == 400
    assert AddresseePost.objects.get(key="the dio").times == 1
    assert Meeting.objects.count() == 1


def _import(world: Any, committee: Committee, rows: list[tuple[str, Post]], day: int = 12) -> Any:
    return services.meeting_import(
        actor=world.dio_a,
        committee=committee,
        date=dt.date(2020, 11, day),
        source=f"note {day}",
        chair_name="x",
        directives=[
            services.ImportedDirective(
                text=f"order {n}", lead_post=post, responsible=who, due_date=dt.date(2020, 12, 1)
            )
            for n, (who, post) in enumerate(rows)
        ],
    )


def test_an_addressee_given_two_posts_in_one_note_is_not_learnt(world, committee) -> None:  # type: ignore[no-untyped-def]
    dio, csc = _post_of(world, "dio"), _post_of(world, "csc_dm")
    _import(world, committee, [("संबंधित पदाधिकारी", dio), ("संबंधित पदाधिकारी।", csc)])
    assert not AddresseePost.objects.exists()
    _import(world, committee, [("the LDM", dio), ("The LDM", dio), ("", csc)], day=13)
    assert list(AddresseePost.objects.values_list("key", "times")) == [("the ldm", 1)]
    assert Directive.objects.count() == 5


def test_a_post_confirmed_counts_and_a_post_changed_starts_again(world, committee) -> None:  # type: ignore[no-untyped-def]
    dio, csc = _post_of(world, "dio"), _post_of(world, "csc_dm")
    _import(world, committee, [("the LDM", dio)], day=10)
    _import(world, committee, [("The LDM.", dio)], day=11)
    row = AddresseePost.objects.get()
    assert (row.post, row.times, row.phrase) == (dio, 2, "The LDM.")
    _import(world, committee, [("the LDM", csc)], day=12)
    row.refresh_from_db()
    assert (row.post, row.times) == (csc, 1)
    assert row.history.count() == 3


def test_a_row_written_by_another_import_meanwhile_is_updated_not_refused(  # type: ignore[no-untyped-def]
    world, committee, monkeypatch
) -> None:
    """When the look finds nothing but another import has written the phrase since, the unique
    constraint refuses the new row; the other's row is then confirmed, and the import stands.
    (Both at once, on PostgreSQL: test_import_race.py.)"""
    dio = _post_of(world, "dio")
    _import(world, committee, [("the LDM", dio)], day=10)
    looked: list[Any] = []
    look = services._remembered

    def blind_first(district: Any, key: str) -> Any:
        looked.append(key)
        return None if len(looked) == 1 else look(district, key)

    monkeypatch.setattr(services, "_remembered", blind_first)
    meeting = _import(world, committee, [("the LDM", dio)], day=11)
    assert Directive.objects.filter(meeting=meeting).count() == 1
    assert AddresseePost.objects.get().times == 2


def test_the_admin_lists_searches_and_filters_the_memory_and_changes_only_the_post(  # type: ignore[no-untyped-def]
    world, client, committee
) -> None:
    from degs.accounts.models import User

    dio, csc = _post_of(world, "dio"), _post_of(world, "csc_dm")
    _import(world, committee, [("the LDM", dio), ("संबंधित पदाधिकारी", csc)])
    client.force_login(User.objects.create_superuser("root", password="x"))
    url = reverse("admin:reviews_addresseepost_changelist")
    listed = client.get(url, {"q": "ldm", "district__id__exact": world.district_a.pk})
    assert listed.status_code == 200
    text = listed.content.decode()
    assert "the LDM" in text and "संबंधित पदाधिकारी" not in text
    row = AddresseePost.objects.get(key="the ldm")
    page = client.get(reverse("admin:reviews_addresseepost_change", args=[row.pk]))
    assert page.status_code == 200
    form = page.content.decode()
    assert 'name="post"' in form
    assert all(f'name="{f}"' not in form for f in ("phrase", "key", "district", "times"))
    assert client.get(reverse("admin:reviews_addresseepost_add")).status_code == 403


def test_only_the_districts_administration_writes_its_memory(world) -> None:  # type: ignore[no-untyped-def]
    from degs.core.exceptions import OutOfJurisdiction, PermissionDenied

    csc = _post_of(world, "csc_dm")
    for actor, refusal in (
        (world.bdo_b1, OutOfJurisdiction),
        (world.csc_manager_a, PermissionDenied),
    ):
        with pytest.raises(refusal):
            services.addressee_remember(
                actor=actor, district=world.district_a, phrase="the LDM", post=csc
            )
    row = services.addressee_remember(
        actor=world.dio_a, district=world.district_a, phrase="the LDM", post=csc
    )
    assert (row.times, row.set_by) == (1, world.dio_a)
    assert not AddresseePost.objects.exclude(pk=row.pk).exists()


def test_the_api_draft_says_where_the_district_date_and_chair_were_read(
    world: Any, reviews: Any, client_as: Any
) -> None:
    note = (
        "बस्ती, 14 जुलाई। जिलाधिकारी नेहा जैन की अध्यक्षता में 12.07.2026 को बैठक हुई। "
        "मुख्य विकास अधिकारी अमित सिंह ने बताया कि 40 किट बंद हैं।"
    )
    response = client_as(world.dio_a).post(
        "/api/reviews/press-notes/read/",
        {"committee_id": reviews.committee.pk, "text": note},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    draft = response.json()
    text = draft["text"]

    def said(span: dict[str, int]) -> str:
        return text[span["start"] : span["end"]]

    assert draft["district"] == "बस्ती" and said(draft["district_source"]) == "बस्ती"
    assert draft["meeting_date"] == "2026-07-12" and said(draft["date_source"]) == "12.07.2026"
    assert draft["chair_name"] == "नेहा जैन" and "नेहा जैन" in said(draft["chair_source"])
    others = [(c["name"], c["designation"]) for c in draft["chair_candidates"]]
    assert ("अमित सिंह", "मुख्य विकास अधिकारी") in others
