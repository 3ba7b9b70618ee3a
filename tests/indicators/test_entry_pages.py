"""The entry page (a block officer reports last month's figures), the values list, a value's
page, the export, the API and the home block: who sees what, what is saved, and two people
saving the same figure at once."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from degs.accounts.roles import Role
from degs.core.tabular import read_table
from degs.indicators.choices import Origin
from degs.indicators.models import DataValue, DataValueEvent
from degs.indicators.periods import Period
from degs.indicators.services.values import value_set
from tests.factories import UserFactory, hold, make_post
from tests.hindi_crawl import data_words, english_words, speak

LAST = Period.current().previous()
ENTRY = reverse("indicators:entry")


def _token(html: str) -> str:
    found = re.search(r'name="token" value="([^"]+)"', html)
    assert found, "the form carries a token"
    return found[1]


def _form(client: Client, area_pk: int) -> str:
    response = client.get(ENTRY, {"area": area_pk, "period": LAST.code})
    assert response.status_code == 200
    return response.content.decode()


def _key(element, category: str = "") -> str:  # type: ignore[no-untyped-def]
    return f"{element.pk}_{category or 'total'}"


def test_the_page_opens_on_the_officers_block_and_last_month(world, catalogue, client_as) -> None:
    html = client_as(world.bdo_a1).get(ENTRY).content.decode()
    assert f'<option value="{world.block_a1.pk}" selected>' in html
    assert f'<option value="{LAST.code}" selected>' in html
    fps = catalogue["element:fps_on_epos"]
    assert f'name="v_{_key(fps)}"' in html
    # a panchayat-level figure is not asked at the block
    assert f"v_{_key(catalogue['element:pmgdisha_trained'], 'female')}" not in html
    assert "Your post reports this" in html
    # the block officer may pick the block's panchayat, not another block's
    assert f'<option value="{world.gp_a1.pk}">' in html
    assert f'value="{world.gp_b1.pk}"' not in html


def test_a_panchayat_figure_has_an_input_per_sex(world, catalogue, client_as) -> None:
    html = _form(client_as(world.bdo_a1), world.gp_a1.pk)
    trained = catalogue["element:pmgdisha_trained"]
    for category in ("female", "male", "transgender"):
        assert f'name="v_{_key(trained, category)}"' in html


def test_saving_writes_each_changed_figure_and_zero_is_a_report(
    world, catalogue, client_as
) -> None:
    client = client_as(world.bdo_a1)
    html = _form(client, world.block_a1.pk)
    fps, total = catalogue["element:fps_on_epos"], catalogue["element:fps_total"]
    response = client.post(
        ENTRY,
        {
            "area": world.block_a1.pk,
            "period": LAST.code,
            "token": _token(html),
            f"v_{_key(total)}": "1,204",
            f"v_{_key(fps)}": "0",
        },
    )
    assert response.status_code == 302
    got = {v.element_id: (v.value, v.origin) for v in DataValue.objects.all()}
    assert got == {total.pk: (Decimal(1204), Origin.FORM), fps.pk: (Decimal(0), Origin.FORM)}
    again = client.get(response.url).content.decode()
    assert f'name="v_{_key(total)}" value="1204"' in again
    assert f'name="ver_{_key(total)}" value="1"' in again


def test_a_double_click_saves_once(world, catalogue, client_as) -> None:
    client = client_as(world.bdo_a1)
    html = _form(client, world.block_a1.pk)
    total = catalogue["element:fps_total"]
    data = {
        "area": world.block_a1.pk,
        "period": LAST.code,
        "token": _token(html),
        f"v_{_key(total)}": "40",
    }
    assert client.post(ENTRY, data).status_code == 302
    second = client.post(ENTRY, data, follow=True)
    assert "already saved" in second.content.decode()
    assert DataValue.objects.get().version == 1
    assert DataValueEvent.objects.count() == 1


def test_emptying_a_figure_needs_not_reported_ticked(world, catalogue, client_as) -> None:
    total = catalogue["element:fps_total"]
    value_set(actor=world.bdo_a1, element=total, area=world.block_a1, period=LAST, value=12)
    client = client_as(world.bdo_a1)
    html = _form(client, world.block_a1.pk)
    data = {
        "area": world.block_a1.pk,
        "period": LAST.code,
        "token": _token(html),
        f"v_{_key(total)}": "",
        f"ver_{_key(total)}": "1",
    }
    refused = client.post(ENTRY, data)
    assert refused.status_code == 400
    assert "tick “Not reported”" in refused.content.decode()
    assert DataValue.objects.get().value == 12
    data[f"none_{_key(total)}"] = "on"
    assert client.post(ENTRY, data).status_code == 302
    assert DataValue.objects.count() == 0
    assert [e.action for e in DataValueEvent.objects.order_by("pk")] == ["enter", "remove"]


@pytest.mark.parametrize("typed", ["abc", "-3", "2.5", "1" * 17])
def test_a_wrong_number_saves_nothing(world, catalogue, client_as, typed) -> None:
    client = client_as(world.bdo_a1)
    html = _form(client, world.block_a1.pk)
    total, fps = catalogue["element:fps_total"], catalogue["element:fps_on_epos"]
    response = client.post(
        ENTRY,
        {
            "area": world.block_a1.pk,
            "period": LAST.code,
            "token": _token(html),
            f"v_{_key(total)}": "5",
            f"v_{_key(fps)}": typed,
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f'name="v_{_key(fps)}" value="{typed}"' in page  # what was typed stays
    assert DataValue.objects.count() == 0


def test_two_people_save_the_same_figure_the_second_is_told_who(
    world, catalogue, client_as
) -> None:
    total = catalogue["element:fps_total"]
    first, second = Client(), Client()
    first.force_login(world.dc_a)
    second.force_login(world.bdo_a1)
    html_first = _form(first, world.block_a1.pk)
    html_second = _form(second, world.block_a1.pk)
    base = {"area": world.block_a1.pk, "period": LAST.code}
    saved = first.post(ENTRY, {**base, "token": _token(html_first), f"v_{_key(total)}": "30"})
    assert saved.status_code == 302
    told = second.post(ENTRY, {**base, "token": _token(html_second), f"v_{_key(total)}": "31"})
    assert told.status_code == 409
    page = told.content.decode()
    at = timezone.localtime(DataValueEvent.objects.get().at)
    assert f"DC A changed this at {at:%H:%M} on {at:%d-%m-%Y}." in page
    assert f'name="v_{_key(total)}" value="31"' in page  # what was typed is kept
    assert "Now 30, entered by DC A" in page
    row = DataValue.objects.get()
    assert (row.value, row.entered_by) == (Decimal(30), world.dc_a)
    # saving again, now knowing the other figure, goes through
    again = second.post(
        ENTRY,
        {
            **base,
            "token": _token(page),
            f"v_{_key(total)}": "31",
            f"ver_{_key(total)}": "1",
        },
    )
    assert again.status_code == 302
    assert DataValue.objects.get().value == 31


def test_another_blocks_area_is_not_found(world, catalogue, client_as) -> None:
    client = client_as(world.bdo_b1)
    assert client.get(ENTRY, {"area": world.block_a1.pk}).status_code == 404
    response = client.post(
        ENTRY,
        {"area": world.gp_a1.pk, "period": LAST.code, "v_1_total": "3"},
    )
    assert response.status_code == 404
    assert DataValue.objects.count() == 0


def test_the_entry_page_in_hindi_has_no_english_words(world, catalogue, client_as) -> None:
    client = speak(client_as(world.bdo_a1), world.bdo_a1, "hi")
    for area in (world.block_a1, world.gp_a1):
        html = client.get(ENTRY, {"area": area.pk, "period": LAST.code}).content.decode()
        assert english_words(html, data_words()) == set(), area
    value = value_set(
        actor=world.bdo_a1,
        element=catalogue["element:fps_total"],
        area=world.block_a1,
        period=LAST,
        value=5,
    )
    for url in (
        reverse("indicators:value_list"),
        reverse("indicators:value_detail", args=[value.pk]),
        reverse("dashboards:home"),
    ):
        html = client.get(url).content.decode()
        assert english_words(html, data_words()) == set(), url


# --- who sees a value -----------------------------------------------------------------------------


@pytest.fixture
def gp_value(world, catalogue) -> DataValue:  # type: ignore[no-untyped-def]
    """A value entered for the panchayat of block A1."""
    return value_set(
        actor=world.bdo_a1,
        element=catalogue["element:pmgdisha_trained"],
        area=world.gp_a1,
        period=LAST,
        value=17,
        category="female",
    )


@pytest.fixture
def bdo_a2(world):  # type: ignore[no-untyped-def]
    user = UserFactory(username="bdo_a2", full_name="BDO A2")
    bdo = world.post_bdo_a1.designation
    hold(make_post(bdo, world.block_a2, world.office_a2), user)
    assert bdo.default_role == Role.BLOCK_OFFICER
    return user


def test_a_value_at_a_panchayat_of_a1_is_invisible_to_other_blocks(
    world, gp_value, bdo_a2, client_as
) -> None:
    listing = reverse("indicators:value_list")
    detail = reverse("indicators:value_detail", args=[gp_value.pk])
    api_list = reverse("api:list_values")
    api_detail = reverse("api:get_value", args=[gp_value.pk])
    own = client_as(world.bdo_a1)
    assert "Panchayat A1" in own.get(listing).content.decode()
    assert own.get(detail).status_code == 200
    assert [v["id"] for v in own.get(api_list).json()["items"]] == [gp_value.pk]
    own_csv = read_table("x.csv", own.get(listing, {"format": "csv"}).content)
    assert len(own_csv.rows) == 1
    for other in (world.bdo_b1, bdo_a2):
        client = Client()
        client.force_login(other)
        assert "Panchayat A1" not in client.get(listing).content.decode()
        assert client.get(detail).status_code == 404
        assert client.get(api_list).json()["items"] == []
        assert client.get(api_detail).status_code == 404
        table = read_table("x.csv", client.get(listing, {"format": "csv"}).content)
        assert table.rows == []
        xlsx = read_table("x.xlsx", client.get(listing, {"format": "xlsx"}).content)
        assert xlsx.rows == []


def test_the_value_page_shows_its_history(world, gp_value, client_as) -> None:
    value_set(
        actor=world.dc_a,
        element=gp_value.element,
        area=world.gp_a1,
        period=LAST,
        value=19,
        category="female",
        version=1,
    )
    html = (
        client_as(world.dc_a)
        .get(reverse("indicators:value_detail", args=[gp_value.pk]))
        .content.decode()
    )
    assert "Entered 17" in html and "Changed 17 to 19" in html
    assert html.index("Changed 17 to 19") < html.index("Entered 17")  # newest first
    # each change's time once: "05-12-2026 14:05", not the hour twice
    assert not re.search(r"\d\d:\d\d \d\d:\d\d", html)


def test_the_list_filters(world, catalogue, gp_value, client_as) -> None:
    fps = catalogue["element:fps_total"]
    value_set(actor=world.bdo_a1, element=fps, area=world.block_a1, period=LAST, value=3)
    client = client_as(world.dc_a)
    api = reverse("api:list_values")

    def ids(**query: object) -> set[int]:
        return {v["id"] for v in client.get(api, query).json()["items"]}

    everything = set(DataValue.objects.values_list("pk", flat=True))
    assert ids() == everything
    assert ids(element=fps.pk) == {DataValue.objects.get(element=fps).pk}
    assert ids(area=world.gp_a1.pk) == {gp_value.pk}
    assert ids(period=LAST.code) == everything
    assert ids(period=LAST.previous().code) == set()
    assert ids(origin="import") == set()
    assert ids(demo=True) == set()
    # the panchayat's entered on its due day (10 days after the month), the block's the day after
    due = LAST.due_on(10)
    for element, day in ((gp_value.element, due), (fps, due + dt.timedelta(days=1))):
        DataValue.objects.filter(element=element).update(
            entered_at=timezone.make_aware(dt.datetime.combine(day, dt.time(23, 30)))
        )
    assert ids(late=True) == {DataValue.objects.get(element=fps).pk}
    assert ids(late=False) == {gp_value.pk}
    assert client.get(api, {"period": "2026-13"}).status_code == 422


# --- the API writes ------------------------------------------------------------------------------


def test_the_api_sets_a_value_and_answers_409_when_it_moved(world, catalogue, client_as) -> None:
    total = catalogue["element:fps_total"]
    client = client_as(world.bdo_a1)
    url = reverse("api:set_value")
    body = {"element_id": total.pk, "area_id": world.block_a1.pk, "period": LAST.code, "value": 8}
    made = client.put(url, body, content_type="application/json")
    assert made.status_code == 200, made.content
    answer = made.json()
    assert (Decimal(answer["value"]), answer["version"], answer["origin"]) == (8, 1, "api")
    stale = client.put(url, {**body, "value": 9}, content_type="application/json")
    assert stale.status_code == 409
    assert "BDO A1 changed this at" in stale.json()["detail"]
    changed = client.put(url, {**body, "value": 9, "version": 1}, content_type="application/json")
    assert changed.status_code == 200 and changed.json()["version"] == 2
    refused = client.put(url, {**body, "value": 2.5, "version": 2}, content_type="application/json")
    assert refused.status_code == 422
    assert DataValue.objects.get().value == 9
    value_id = changed.json()["id"]
    outsider = Client()
    outsider.force_login(world.bdo_b1)
    remove = reverse("api:remove_value", args=[value_id])
    assert outsider.post(remove, {"version": 2}, content_type="application/json").status_code == 404
    assert (
        outsider.put(url, {**body, "version": 2}, content_type="application/json").status_code
        == 404
    )
    assert client.post(remove, {"version": 1}, content_type="application/json").status_code == 409
    taken_back = client.post(remove, {"version": 2}, content_type="application/json")
    assert taken_back.status_code == 200
    assert taken_back.json()["version"] == 2
    assert DataValue.objects.count() == 0


# --- the home block ------------------------------------------------------------------------------


def test_the_home_block_lists_what_the_officers_post_still_owes(
    world, catalogue, client_as
) -> None:
    from degs.indicators.selectors.home import figures_owed

    owed = {o.element.code: (o.expected, o.missing) for o in figures_owed(user=world.bdo_a1)}
    # the BDO's post reports the two fair-price-shop figures for block A1
    assert owed == {"fps_total": (1, 1), "fps_on_epos": (1, 1)}
    value_set(
        actor=world.bdo_a1,
        element=catalogue["element:fps_total"],
        area=world.block_a1,
        period=LAST,
        value=4,
    )
    owed = {o.element.code: (o.expected, o.missing) for o in figures_owed(user=world.bdo_a1)}
    assert owed == {"fps_total": (1, 0), "fps_on_epos": (1, 1)}
    home = client_as(world.bdo_a1).get(reverse("dashboards:home")).content.decode()
    assert "Figures to report" in home
    link = f"{ENTRY}?area={world.block_a1.pk}&amp;period={LAST.code}"
    assert link in home
    # the CSC manager's post reports the PMGDISHA figures of each panchayat of district A
    csc = {o.element.code: (o.expected, o.missing) for o in figures_owed(user=world.csc_manager_a)}
    assert csc == dict.fromkeys(
        ("pmgdisha_enrolled", "pmgdisha_trained", "pmgdisha_certified"), (1, 1)
    )


def test_the_home_block_reads_a_fixed_number_of_queries(
    world, catalogue, django_assert_num_queries
) -> None:
    from degs.directory.choices import AreaKind
    from degs.indicators.selectors.home import figures_owed
    from tests.factories import make_area

    def count() -> int:
        user = type(world.csc_manager_a).objects.get(pk=world.csc_manager_a.pk)
        figures_owed(user=user)  # warm the jurisdiction
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as seen:
            figures_owed(user=user)
        return len(seen.captured_queries)

    before = count()
    for n in range(5):
        make_area(AreaKind.GRAM_PANCHAYAT, f"Panchayat A2-{n}", world.block_a2)
    assert count() == before
    csc = {o.element.code: o.expected for o in figures_owed(user=world.csc_manager_a)}
    assert csc["pmgdisha_trained"] == 6


def test_the_entry_page_reads_a_fixed_number_of_queries(world, catalogue, client_as) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(world.bdo_a1)

    def count() -> int:
        _form(client, world.block_a1.pk)  # warm the session and jurisdiction
        with CaptureQueriesContext(connection) as seen:
            _form(client, world.block_a1.pk)
        return len(seen.captured_queries)

    none_reported = count()
    for code in ("fps_on_epos", "fps_total", "aadhaar_enrolments", "aadhaar_updates"):
        value_set(
            actor=world.bdo_a1,
            element=catalogue[f"element:{code}"],
            area=world.block_a1,
            period=LAST,
            value=5,
        )
    assert count() == none_reported
