"""Centres pages in both languages, bad input kept and refused, the inspection form sent by its
script, approval, the public locator, the lists people ask for, and query counts."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from degs.centres import services
from degs.centres.choices import CentreKind, CentreStatus, Decision
from degs.centres.models import Centre, CentreSet, Draw, Inspection, Operator
from tests.hindi_crawl import speak

pytestmark = pytest.mark.django_db

ALL_FINE = {
    "q_board": "yes",
    "q_rate_list": "yes",
    "q_operator_present": "yes",
    "q_internet": "yes",
    "q_overcharging": "no",
}


def inspection_post(**extra: str) -> dict[str, str]:
    data = {
        **ALL_FINE,
        "client_token": str(uuid.uuid4()),
        "visited_on": timezone.localdate().isoformat(),
        "result": "functional",
        "recommendation": "none",
        "remarks": "",
    }
    data.update(extra)
    return data


PAGES = [
    ("centres:centre_list", None),
    ("centres:centre_create", None),
    ("centres:centre_detail", "centre_a1"),
    ("centres:centre_edit", "centre_a1"),
    ("centres:inspection_create", "centre_a1"),
    ("centres:operator_list", None),
    ("centres:operator_create", None),
    ("centres:operator_detail", "operator_a1"),
    ("centres:operator_edit", "operator_a1"),
    ("centres:inspections", None),
    ("centres:set_list", None),
    ("dashboards:home", None),
]


@pytest.mark.parametrize("language", ["en", "hi"])
@pytest.mark.parametrize(("name", "obj"), PAGES)
def test_pages_in_both_languages(world, centres, client_as, language, name, obj):
    client = speak(client_as(world.csc_manager_a), world.csc_manager_a, language)
    args = [getattr(centres, obj).pk] if obj else []
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()


@pytest.mark.parametrize("language", ["en", "hi"])
@pytest.mark.parametrize("name", ["without_id", "ids_pending", "uncovered", "ration_dealers"])
def test_lists_in_both_languages(world, centres, client_as, language, name):
    client = speak(client_as(world.csc_manager_a), world.csc_manager_a, language)
    assert client.get(reverse("centres:report", args=[name])).status_code == 200


def test_unknown_list_is_not_found(world, centres, client_as):
    client = client_as(world.csc_manager_a)
    assert client.get(reverse("centres:report", args=["everything"])).status_code == 404


def test_operators_without_jharseva_in_panchayat_bhawans(world, centres, client_as):
    # given centre A1 (bhawan, operator without JharSeva ID), A1b (own premises, holds one) and
    # B1 (bhawan, another district)
    body = client_as(world.csc_manager_a).get(
        reverse("centres:report", args=["without_id"]) + "?id=jharseva&premises=panchayat_bhawan"
    )
    text = body.content.decode()
    assert centres.operator_a1.name in text
    assert centres.operator_a1b.name not in text
    assert centres.operator_b1.name not in text
    other = client_as(world.bdo_b1).get(
        reverse("centres:report", args=["without_id"]) + "?id=jharseva"
    )
    assert centres.operator_b1.name in other.content.decode()
    assert centres.operator_a1.name not in other.content.decode()


def test_panchayats_without_a_centre(world, centres, client_as):
    services.centre_transition(
        actor=None,
        centre=centres.centre_a1,
        action="close",
        version=centres.centre_a1.version,
        effective_on=timezone.localdate(),
        reason="x",
    )
    services.centre_transition(
        actor=None,
        centre=centres.centre_a1b,
        action="suspend",
        version=centres.centre_a1b.version,
        effective_on=timezone.localdate(),
        reason="x",
    )
    text = client_as(world.csc_manager_a).get(reverse("centres:report", args=["uncovered"]))
    assert world.gp_a1.name in text.content.decode()


def test_register_a_centre_and_refuse_bad_input(world, centres, client_as):
    client = client_as(world.csc_manager_a)
    data = {
        "code": "JH-A1-100",
        "name": "New Kendra",
        "kind": CentreKind.PRAGYA_KENDRA,
        "area": world.gp_a1.pk,
        "premises": "panchayat_bhawan",
        "phone": "12345",
        "complaints_open": "0",
        "services": [centres.certificates.pk],
        "equipment": ["pc"],
    }
    response = client.post(reverse("centres:centre_create"), data)
    assert response.status_code == 200
    assert "10-digit Indian mobile" in response.content.decode()
    assert 'value="New Kendra"' in response.content.decode()
    assert not Centre.objects.filter(code="JH-A1-100").exists()
    data["phone"] = "9876501234"
    response = client.post(reverse("centres:centre_create"), data)
    centre = Centre.objects.get(code="JH-A1-100")
    assert response.status_code == 302
    assert list(centre.services.all()) == [centres.certificates]


def test_bad_input_in_hindi(world, centres, client_as):
    client = speak(client_as(world.csc_manager_a), world.csc_manager_a, "hi")
    response = client.post(
        reverse("centres:operator_create"),
        {"name": "नया संचालक", "mobile": "98765", "area": world.gp_a1.pk, "aadhaar": "234123412345"},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "मोबाइल" in text
    assert "आधार" in text
    assert "नया संचालक" in text
    assert not Operator.objects.filter(name="नया संचालक").exists()


def test_status_change_with_reason_and_stale_version(world, centres, client_as):
    client = client_as(world.csc_manager_a)
    centre = centres.centre_a1
    url = reverse("centres:centre_transition", args=[centre.pk])
    base = {
        "action_name": "suspend",
        "suspend-action": "suspend",
        "suspend-version": centre.version,
        "suspend-effective_on": timezone.localdate().isoformat(),
        "suspend-reason": "",
    }
    response = client.post(url, base)
    assert response.status_code == 400
    centre.refresh_from_db()
    assert centre.status == CentreStatus.ACTIVE
    response = client.post(
        url, {**base, "suspend-reason": "Overcharging", "suspend-order_reference": "DC/9"}
    )
    assert response.status_code == 302
    response = client.post(url, {**base, "suspend-reason": "Again"})
    assert response.status_code == 400
    centre.refresh_from_db()
    assert centre.status == CentreStatus.SUSPENDED
    assert centre.events.filter(action="suspend").count() == 1


def test_inspection_sent_by_the_script_answers_json_and_once(world, centres, client_as):
    client = client_as(world.csc_manager_a)
    url = reverse("centres:inspection_create", args=[centres.centre_a1.pk])
    data = inspection_post()
    first = client.post(url, data, headers={"X-DEGS-Fetch": "1"})
    second = client.post(url, data, headers={"X-DEGS-Fetch": "1"})
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert Inspection.objects.count() == 1
    assert first.json()["redirect"] == reverse(
        "centres:inspection_detail", args=[Inspection.objects.get().pk]
    )


def test_inspection_with_mistakes_keeps_what_was_typed(world, centres, client_as):
    client = client_as(world.csc_manager_a)
    url = reverse("centres:inspection_create", args=[centres.centre_a1.pk])
    data = inspection_post(result="non_functional", remarks="Shutter down at 11 am")
    del data["q_internet"]
    response = client.post(url, data, headers={"X-DEGS-Fetch": "1"})
    text = response.content.decode()
    assert response.status_code == 400
    assert "Shutter down at 11 am" in text
    assert data["client_token"] in text
    assert not Inspection.objects.exists()


def test_closure_approved_by_dc_removes_the_centre_from_the_locator(
    world, centres, client, client_as
):
    locator = (
        reverse("centres:locator") + f"?district={world.district_a.pk}&block={world.block_a1.pk}"
    )
    assert centres.centre_a1.name in client.get(locator).content.decode()
    manager = client_as(world.csc_manager_a)
    manager.post(
        reverse("centres:inspection_create", args=[centres.centre_a1.pk]),
        inspection_post(
            result="non_functional",
            recommendation="closure",
            remarks="Not working for a month",
            q_internet="no",
        ),
    )
    inspection = Inspection.objects.get()
    assert inspection.decision == Decision.PENDING
    manager.logout()
    dc = client_as(world.dc_a)
    page = dc.get(reverse("centres:inspection_detail", args=[inspection.pk])).content.decode()
    assert "Approve the closure" in page
    assert "Position not checked" in page  # the form sent no position
    response = dc.post(
        reverse("centres:inspection_decide", args=[inspection.pk]),
        {
            "version": inspection.version,
            "approve": "1",
            "order_reference": "DC/JMT/1",
            "acknowledge_position": "on",
        },
    )
    assert response.status_code == 302
    dc.logout()
    assert centres.centre_a1.name not in client.get(locator).content.decode()
    assert centres.centre_a1b.name in client.get(locator).content.decode()


def test_locator_hides_suspended_and_needs_no_login(world, centres, client):
    services.centre_transition(
        actor=None,
        centre=centres.centre_a1b,
        action="suspend",
        version=centres.centre_a1b.version,
        effective_on=timezone.localdate(),
        reason="x",
    )
    url = reverse("centres:locator")
    assert client.get(url).status_code == 200
    block = client.get(url + f"?district={world.district_a.pk}&block={world.block_a1.pk}")
    text = block.content.decode()
    assert centres.centre_a1.name in text
    assert centres.centre_a1b.name not in text
    assert "Panchayat Bhawan, A1" in text
    partial = client.get(
        url + f"?district={world.district_a.pk}&block={world.block_a1.pk}",
        headers={"HX-Request": "true"},
    )
    assert "<html" not in partial.content.decode()


def test_draw_once_from_the_inspections_page(world, centres, client_as):
    client = client_as(world.csc_manager_a)
    url = reverse("centres:draw_create", args=[centres.quota.pk])
    first = client.post(url)
    second = client.post(url)
    assert first["Location"] == second["Location"]
    assert Draw.objects.count() == 1
    page = client.get(first["Location"])
    assert page.status_code == 200
    assert centres.centre_b1.code not in page.content.decode()
    assert client_as(world.bdo_b1).post(url).status_code == 404


def test_saved_set_followed_by_a_directive(world, centres, client_as):
    from degs.reviews import services as reviews
    from degs.reviews.models import Committee

    committee = reviews.committee_create(
        actor=None, area=world.district_a, kind="executive", name="DeGS", chair_post=world.post_dc_a
    )
    meeting = reviews.meeting_create(actor=None, committee=committee, date=timezone.localdate())
    directive = reviews.directive_create(
        actor=None,
        meeting=meeting,
        text="Get every Pragya Kendra operator a BC ID within a week",
        lead_post=centres.post_csc,
        deadline_phrase="within a week",
    )
    client = client_as(world.dc_a)
    response = client.post(
        reverse("centres:set_list"),
        {
            "name": "Active Pragya Kendras",
            "area": world.district_a.pk,
            "kind": "pragya_kendra",
            "status": "active",
            "goal": "has_id",
            "goal_id_type": centres.bc.pk,
        },
    )
    centre_set = CentreSet.objects.get()
    assert response.status_code == 302
    response = client.post(
        reverse("centres:set_detail", args=[centre_set.pk]), {"directive": directive.pk}
    )
    assert response.status_code == 302
    page = client.get(reverse("reviews:directive_detail", args=[directive.pk])).content.decode()
    assert "0 of 1 have reached the goal" in page
    assert Committee.objects.count() == 1


def test_operator_sees_own_centre_but_cannot_change_it(world, centres, client_as):
    client = client_as(world.operator_a1)
    home = client.get(reverse("dashboards:home")).content.decode()
    assert centres.centre_a1.code in home
    assert (
        client.get(reverse("centres:centre_detail", args=[centres.centre_a1.pk])).status_code == 200
    )
    assert (
        client.get(reverse("centres:centre_edit", args=[centres.centre_a1.pk])).status_code == 403
    )
    assert (
        client.get(reverse("centres:inspection_create", args=[centres.centre_a1.pk])).status_code
        == 403
    )


def test_id_update_from_the_operator_page(world, centres, client_as):
    record = services.operator_id_record(
        actor=None,
        operator=centres.operator_a1,
        id_type=centres.jharseva,
        applied_on=timezone.localdate(),
    )
    client = client_as(world.csc_manager_a)
    url = reverse("centres:operator_id_update", args=[record.pk])
    prefix = f"id{record.pk}-"
    bad = client.post(url, {prefix + "version": record.version, prefix + "status": "issued"})
    assert bad.status_code == 400
    good = client.post(
        url,
        {
            prefix + "version": record.version,
            prefix + "status": "issued",
            prefix + "number": "JS-77",
        },
    )
    assert good.status_code == 302
    record.refresh_from_db()
    assert (record.status, record.number) == ("issued", "JS-77")
    assert client_as(world.bdo_b1).post(url, {}).status_code == 404


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured.captured_queries)


def test_query_counts_do_not_grow_with_centres(world, centres, client_as, client):
    quota = centres.quota
    manager = client_as(world.csc_manager_a)
    urls = [
        reverse("centres:centre_list"),
        reverse("centres:operator_list"),
        reverse("centres:inspections"),
        reverse("dashboards:home"),
        reverse("centres:report", args=["without_id"]),
        reverse("centres:report", args=["ids_pending"]) + "?days=0",
    ]

    def add(n: int, start: int) -> None:
        for i in range(start, start + n):
            operator = services.operator_create(
                actor=None, area=world.gp_a1, name=f"Op {i}", mobile=f"9{i:09d}"
            )
            centre = services.centre_create(
                actor=None,
                code=f"Q-{i}",
                name=f"Q {i}",
                kind="csc",
                area=world.gp_a1,
                status="active",
                operator=operator,
                services=[centres.certificates],
                premises="panchayat_bhawan",
            )
            services.operator_id_record(
                actor=None, operator=operator, id_type=centres.bc, applied_on=timezone.localdate()
            )
            services.inspection_record(
                actor=world.csc_manager_a,
                centre=centre,
                client_token=uuid.uuid4(),
                finding=services.Finding(
                    answers={k[2:]: v for k, v in ALL_FINE.items()}, result="functional"
                ),
            )

    add(1, 0)
    services.draw_create(actor=None, quota=quota)
    draw = Draw.objects.get()
    urls.append(reverse("centres:draw_detail", args=[draw.pk]))
    before = [_queries(manager, url) for url in urls]
    locator = (
        reverse("centres:locator") + f"?district={world.district_a.pk}&block={world.block_a1.pk}"
    )
    public_before = _queries(client, locator)
    add(12, 100)
    after = [_queries(manager, url) for url in urls]
    assert after == before, list(zip(urls, before, after, strict=True))
    assert _queries(client, locator) == public_before


def test_area_filter_lists_blocks_for_a_district_and_districts_for_a_state(
    world, centres, client_as
):
    district_page = client_as(world.csc_manager_a).get(reverse("centres:centre_list"))
    choices = {a.pk for a in district_page.context["form"].fields["area"].queryset}
    assert {world.block_a1.pk, world.block_a2.pk} <= choices
    state_page = client_as(world.state_admin).get(reverse("centres:centre_list"))
    choices = {a.pk for a in state_page.context["form"].fields["area"].queryset}
    assert choices == {world.district_a.pk, world.district_b.pk}
    narrowed = client_as(world.state_admin).get(
        reverse("centres:centre_list") + f"?area={world.district_b.pk}"
    )
    assert centres.centre_b1.code in narrowed.content.decode()
    assert centres.centre_a1.code not in narrowed.content.decode()
