"""IP phones: what counts as working (in use, registered, seen within 24 hours), the offices
without one, unique extensions, the call server's registrations (idempotent, never older over
newer), the scoped list and the directory for everyone signed in. Expected values by hand."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from degs.accounts.services import api_token_create
from degs.connectivity.models import IpPhone
from degs.connectivity.selectors import phones as selectors
from degs.connectivity.services import phones as services
from degs.core.exceptions import OutOfJurisdiction, PermissionDenied, StaleVersion
from tests.hindi_crawl import data_words, english_words, speak

NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=ZoneInfo("Asia/Kolkata"))
HOUR = dt.timedelta(hours=1)


def _phone(office, extension: str, seen: dt.datetime | None, **extra) -> IpPhone:  # type: ignore[no-untyped-def]
    return IpPhone.objects.create(
        office=office,
        extension=extension,
        is_registered=extra.pop("is_registered", seen is not None),
        last_registered_at=seen,
        **extra,
    )


def test_working_means_registered_and_seen_within_24_hours(world):
    office = world.office_a1
    _phone(office, "1001", NOW - 23 * HOUR)  # working
    _phone(office, "1002", NOW - 25 * HOUR)  # seen 25 h ago: not working
    _phone(office, "1003", NOW - HOUR, is_registered=False)  # unregistered since
    _phone(office, "1004", NOW - HOUR, is_active=False)  # not in use
    _phone(office, "1005", None)  # never seen
    working = selectors.working_phones(IpPhone.objects.all(), now=NOW)
    assert sorted(working.values_list("extension", flat=True)) == ["1001"]


def test_offices_without_a_working_phone(world):
    now = timezone.now()
    _phone(world.office_a1, "1001", now - 25 * HOUR)  # A1: one phone, seen 25 h ago
    _phone(world.office_a2, "1002", now - HOUR)  # A2: working
    _phone(world.office_b1, "1003", None)  # B1: never seen (another district)
    # as the DIO of district A: the offices of A are block offices A1, A2 and the collectorate
    rows = {o.name: o.phones for o in selectors.offices_without_working_phone(user=world.dio_a)}
    assert rows == {"Block Office A1": 1, "Collectorate A": 0}
    # as the BDO of A1: only their block
    rows = {o.name: o.phones for o in selectors.offices_without_working_phone(user=world.bdo_a1)}
    assert rows == {"Block Office A1": 1}


# --- services --------------------------------------------------------------------------------


def test_extension_is_unique_with_a_clear_error(world):
    services.phone_create(actor=world.dio_a, office=world.office_a1, extension="2001")
    with pytest.raises(ValidationError) as error:
        services.phone_create(actor=world.dio_a, office=world.office_a2, extension="2001")
    assert error.value.message_dict["extension"] == [
        "Extension 2001 is already given to another phone."
    ]
    with pytest.raises(ValidationError) as error:
        services.phone_create(actor=world.dio_a, office=world.office_a2, extension="1")
    assert error.value.message_dict["extension"] == ["An extension has 2 to 8 digits."]


def test_post_must_be_of_the_office(world):
    with pytest.raises(ValidationError) as error:
        services.phone_create(
            actor=world.dio_a, office=world.office_a2, extension="2002", post=world.post_bdo_a1
        )
    assert "post" in error.value.message_dict
    phone = services.phone_create(
        actor=world.dio_a, office=world.office_a1, extension="2002", post=world.post_bdo_a1
    )
    assert phone.post == world.post_bdo_a1


def test_phone_writes_refused_to_a_reporter_and_outside_the_area(world):
    with pytest.raises(PermissionDenied):
        services.phone_create(actor=world.bdo_a1, office=world.office_a1, extension="2003")
    with pytest.raises(OutOfJurisdiction):
        services.phone_create(actor=world.dio_a, office=world.office_b1, extension="2003")


def test_two_editors_at_once(world):
    phone = services.phone_create(actor=world.dio_a, office=world.office_a1, extension="2004")
    services.phone_update(actor=world.dc_a, phone=phone, version=1, place="Reception")
    with pytest.raises(StaleVersion) as error:
        services.phone_update(actor=world.dio_a, phone=phone, version=1, place="Hall")
    assert "DC A" in str(error.value.message)
    phone.refresh_from_db()
    assert (phone.place, phone.version) == ("Reception", 2)


def test_registrations_are_idempotent_and_never_go_back_in_time(world):
    phone = services.phone_create(actor=world.dio_a, office=world.office_a1, extension="3001")
    foreign = _phone(world.office_b1, "3009", None)
    t0, t1, t2 = NOW - 2 * HOUR, NOW - HOUR, NOW
    report = [{"extension": "3001", "registered": True, "at": t1}]
    first = services.phone_registrations_apply(actor=world.dio_a, reports=report)
    assert (first.updated, first.unchanged) == (["3001"], [])
    again = services.phone_registrations_apply(actor=world.dio_a, reports=report)
    assert (again.updated, again.unchanged) == ([], ["3001"])
    # an older "not registered" changes nothing
    older = [{"extension": "3001", "registered": False, "at": t0}]
    assert services.phone_registrations_apply(actor=world.dio_a, reports=older).unchanged == [
        "3001"
    ]
    phone.refresh_from_db()
    assert (phone.is_registered, phone.last_registered_at) == (True, t1)
    # a newer "not registered" turns it off and keeps when it was last registered
    newer = [
        {"extension": "3001", "registered": False, "at": t2},
        {"extension": "3009", "registered": True, "at": t2},  # district B: not the DIO's
        {"extension": "4444", "registered": True, "at": t2},
    ]
    result = services.phone_registrations_apply(actor=world.dio_a, reports=newer)
    assert (result.updated, result.unknown) == (["3001"], ["3009", "4444"])
    phone.refresh_from_db()
    foreign.refresh_from_db()
    assert (phone.is_registered, phone.last_registered_at) == (False, t1)
    assert foreign.last_registered_at is None


def test_registrations_refused_to_a_reporter_and_from_the_future(world):
    services.phone_create(actor=world.dio_a, office=world.office_a1, extension="3002")
    report = [{"extension": "3002", "registered": True, "at": timezone.now()}]
    with pytest.raises(PermissionDenied):
        services.phone_registrations_apply(actor=world.bdo_a1, reports=report)
    future = [{"extension": "3002", "registered": True, "at": timezone.now() + HOUR}]
    with pytest.raises(ValidationError):
        services.phone_registrations_apply(actor=world.dio_a, reports=future)


# --- pages -----------------------------------------------------------------------------------


@pytest.fixture
def phones(world):  # type: ignore[no-untyped-def]
    now = timezone.now()
    return {
        "a1": _phone(world.office_a1, "5101", now - HOUR, post=world.post_bdo_a1, place="BDO desk"),
        "a2": _phone(world.office_a2, "5201", now - 25 * HOUR, place="Reception"),
        "b1": _phone(world.office_b1, "5301", None, post=world.post_bdo_b1, place="Hall"),
    }


def test_management_list_is_scoped_with_status(world, phones, client_as):
    body = client_as(world.bdo_a1).get(reverse("connectivity:phone_list")).content.decode()
    assert "5101" in body and "5201" not in body and "5301" not in body
    assert "Working" in body
    body = client_as(world.dio_a).get(reverse("connectivity:phone_list")).content.decode()
    assert "5101" in body and "5201" in body and "5301" not in body
    assert "Not seen lately" in body  # A2's phone, seen 25 hours ago
    only = client_as(world.dio_a).get(reverse("connectivity:phone_list") + "?working=no")
    assert "5201" in only.content.decode() and "5101" not in only.content.decode()


def test_directory_is_for_everyone_signed_in_without_names(world, phones, client_as):
    # a kiosk operator of A1 reads it: no post of theirs, no section of the network pages
    client = client_as(world.operator_a1)
    body = client.get(reverse("connectivity:phone_directory")).content.decode()
    # every office's phones, whatever the reader's area
    for ext in ("5101", "5201", "5301"):
        assert ext in body
    # the post, not the person holding it
    assert "Designation bdo" in body
    assert world.bdo_b1.full_name not in body and world.bdo_a1.full_name not in body


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("q=5201", {"5201"}),
        ("q=reception", {"5201"}),
        ("q=Block+Office+B1", {"5301"}),
        ("q=designation+bdo", {"5101", "5301"}),
        ("q=Block+A2", {"5201"}),
    ],
)
def test_directory_search(world, phones, client_as, query, found):
    body = client_as(world.operator_a1).get(reverse("connectivity:phone_directory") + "?" + query)
    text = body.content.decode()
    assert {e for e in ("5101", "5201", "5301") if e in text} == found


def test_directory_by_district(world, phones, client_as):
    url = reverse("connectivity:phone_directory") + f"?district={world.district_b.pk}"
    text = client_as(world.bdo_a1).get(url).content.decode()
    assert "5301" in text and "5101" not in text and "5201" not in text


def test_directory_refuses_anonymous(db, client):
    response = client.get(reverse("connectivity:phone_directory"))
    assert response.status_code == 302


@pytest.mark.parametrize("language", ["en", "hi"])
def test_phone_pages_in_both_languages(world, phones, client_as, language):
    client = speak(client_as(world.dio_a), world.dio_a, language)
    for url in (
        reverse("connectivity:phone_list"),
        reverse("connectivity:phone_create"),
        reverse("connectivity:phone_edit", args=[phones["a1"].pk]),
        reverse("connectivity:phone_offline"),
        reverse("connectivity:phone_directory"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'lang="{language}"' in response.content.decode()


def test_directory_in_hindi_has_no_english_words(world, phones, client_as):
    client = speak(client_as(world.bdo_a1), world.bdo_a1, "hi")
    html = client.get(reverse("connectivity:phone_directory")).content.decode()
    assert english_words(html, data_words()) == set()


def test_duplicate_extension_on_the_form(world, phones, client_as):
    response = client_as(world.dio_a).post(
        reverse("connectivity:phone_create"),
        {"office": world.office_a1.pk, "extension": "5201", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "Extension 5201 is already given to another phone." in response.content.decode()
    assert IpPhone.objects.filter(extension="5201").count() == 1


def test_a_reporter_may_not_set_up_phones(world, phones, client_as):
    client = client_as(world.bdo_a1)
    assert client.get(reverse("connectivity:phone_create")).status_code == 403
    assert client.get(reverse("connectivity:phone_edit", args=[phones["a1"].pk])).status_code == 403


# --- API -------------------------------------------------------------------------------------


def _api(user) -> Client:  # type: ignore[no-untyped-def]
    _token, raw = api_token_create(actor=user, name="call server")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_call_server_posts_registrations_with_a_managers_token(world, phones):
    client = _api(world.dio_a)
    at = timezone.localtime().replace(microsecond=0).isoformat()
    body = {
        "reports": [
            {"extension": "5201", "registered": True, "at": at},
            {"extension": "5301", "registered": True, "at": at},
        ]
    }
    response = client.post(
        "/api/network/phones/registrations/", body, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json() == {"updated": ["5201"], "unchanged": [], "unknown": ["5301"]}
    replay = client.post(
        "/api/network/phones/registrations/", body, content_type="application/json"
    )
    assert replay.json() == {"updated": [], "unchanged": ["5201"], "unknown": ["5301"]}
    refused = _api(world.bdo_a1).post(
        "/api/network/phones/registrations/", body, content_type="application/json"
    )
    assert refused.status_code == 403


def test_api_phone_list_directory_and_create(world, phones):
    client = _api(world.bdo_a1)
    items = client.get("/api/network/phones/?limit=100").json()["items"]
    assert [(p["extension"], p["working"]) for p in items] == [("5101", True)]
    directory = client.get("/api/network/phone-directory/?limit=100").json()["items"]
    assert {p["extension"] for p in directory} == {"5101", "5201", "5301"}
    assert all("holder" not in p for p in directory)
    manager = _api(world.dio_a)
    made = manager.post(
        "/api/network/phones/",
        {"office": world.office_a1.pk, "extension": "5102"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    taken = manager.post(
        "/api/network/phones/",
        {"office": world.office_a1.pk, "extension": "5102"},
        content_type="application/json",
    )
    assert taken.status_code == 422
    assert "5102" in str(taken.json())
    outside = manager.post(
        "/api/network/phones/",
        {"office": world.office_b1.pk, "extension": "5103"},
        content_type="application/json",
    )
    assert outside.status_code == 422


def test_directory_reads_a_fixed_number_of_queries(world, client_as, django_assert_max_num_queries):
    def add(numbers: range) -> None:
        for n in numbers:
            office = world.office_a1 if n % 2 else world.office_b1
            _phone(office, f"8{n:03d}", None, post=world.post_bdo_a1 if n % 2 else None)

    client = client_as(world.operator_a1)
    url = reverse("connectivity:phone_directory")
    # given three phones, each with an office, an area and a post
    add(range(3))
    client.get(url)  # the session and the menu settle
    with django_assert_max_num_queries(20) as three:
        client.get(url)
    # when there are forty
    add(range(3, 40))
    # then a page of them reads no more than the page of three did
    with django_assert_max_num_queries(len(three.captured_queries)):
        assert "8039" in client.get(url + "?q=8039").content.decode()
    with django_assert_max_num_queries(len(three.captured_queries)):
        client.get(url)


def test_phone_pages_in_hindi_have_no_english_words(world, phones, client_as):
    client = speak(client_as(world.dio_a), world.dio_a, "hi")
    for url in (
        reverse("connectivity:phone_list"),
        reverse("connectivity:phone_create"),
        reverse("connectivity:phone_edit", args=[phones["a1"].pk]),
        reverse("connectivity:phone_offline"),
    ):
        html = client.get(url).content.decode()
        assert english_words(html, data_words()) == set(), url
