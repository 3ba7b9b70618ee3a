"""Programmes and their targets (tests/rollouts/conftest.py's ``roll``): targets added by filter
and by list, a re-add changing nothing, a step per milestone and per target in a fixed number of
queries, a target leaving mid-way, the milestone editor, the workflow, the pages, scope, the
directive that follows a programme and the Hindi page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from degs.core.exceptions import OutOfJurisdiction, PermissionDenied
from degs.directory.choices import OfficeKind
from degs.rollouts.choices import EvidenceKind, LeftBecause, ProgrammeKind, ProgrammeStatus
from degs.rollouts.models import Programme, ProgrammeEvent, Step, Target, TargetEvent
from degs.rollouts.services import programmes as services
from tests.factories import make_office
from tests.hindi_crawl import data_words, english_words, speak


def _empty(world, **extra):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    programme = services.programme_create(
        actor=world.dio_a,
        name="IP phones in every office",
        name_hi="हर कार्यालय में आईपी फोन",
        kind=ProgrammeKind.IP_PHONE,
        area=world.district_a,
        starts_on=extra.get("starts_on", today - dt.timedelta(days=5)),
        due_on=today + dt.timedelta(days=30),
    )
    services.milestone_add(
        actor=world.dio_a, programme=programme, name="Installed", evidence=EvidenceKind.PHOTO
    )
    services.milestone_add(
        actor=world.dio_a,
        programme=programme,
        name="Working",
        evidence=EvidenceKind.DOCUMENT,
        weight=3,
    )
    programme.refresh_from_db()
    return programme


def test_targets_by_filter_then_again_changes_nothing(world):  # type: ignore[no-untyped-def]
    programme = _empty(world)
    make_office(world.block_a1, "Tehsil Office A1", OfficeKind.TEHSIL_OFFICE)
    make_office(world.block_b1, "Tehsil Office B1", OfficeKind.TEHSIL_OFFICE)  # another district
    added = services.targets_add_by_filter(
        actor=world.dio_a,
        programme=programme,
        area=world.district_a,
        office_kinds=[OfficeKind.BLOCK_OFFICE, OfficeKind.TEHSIL_OFFICE],
    )
    # Block offices A1 and A2 and the tehsil office in A1: three targets, two steps each.
    assert sorted(t.office.name for t in added) == [
        "Block Office A1",
        "Block Office A2",
        "Tehsil Office A1",
    ]
    assert Step.objects.filter(target__programme=programme).count() == 6
    assert TargetEvent.objects.filter(target__programme=programme, action="joined").count() == 3
    assert {t.joined_on for t in added} == {timezone.localdate()}
    again = services.targets_add_by_filter(
        actor=world.dio_a,
        programme=programme,
        area=world.district_a,
        office_kinds=[OfficeKind.BLOCK_OFFICE],
        joined_on=timezone.localdate() - dt.timedelta(days=1),
    )
    assert again == []
    assert programme.targets.count() == 3
    assert Step.objects.filter(target__programme=programme).count() == 6
    assert set(programme.targets.values_list("joined_on", flat=True)) == {timezone.localdate()}


def test_every_panchayat_is_a_target_without_an_office(world):  # type: ignore[no-untyped-def]
    programme = _empty(world)
    added = services.targets_add_by_filter(
        actor=world.dio_a, programme=programme, area=world.district_a, panchayats=True
    )
    assert [(t.office, t.area) for t in added] == [(None, world.gp_a1)]
    assert added[0].steps.count() == 2


def test_targets_by_list_and_a_new_milestone_gets_a_step_per_target(world):  # type: ignore[no-untyped-def]
    programme = _empty(world)
    services.targets_add(
        actor=world.dio_a, programme=programme, offices=[world.office_a1, world.dc_office_a]
    )
    milestone = services.milestone_add(
        actor=world.dio_a,
        programme=programme,
        name="Staff trained",
        evidence=EvidenceKind.DOCUMENT,
        weight=2,
    )
    assert milestone.order == 3
    assert milestone.steps.count() == 2
    assert ProgrammeEvent.objects.filter(programme=programme, action="milestone_added").count() == 3


def test_adding_targets_costs_the_same_queries_for_two_or_six(world):  # type: ignore[no-untyped-def]
    first, second = _empty(world), _empty(world)
    for n in range(4):
        make_office(world.block_a2, f"School {n}", OfficeKind.SCHOOL)
    with CaptureQueriesContext(connection) as two:
        services.targets_add_by_filter(
            actor=world.dio_a,
            programme=first,
            area=world.district_a,
            office_kinds=[OfficeKind.BLOCK_OFFICE],
        )
    with CaptureQueriesContext(connection) as six:
        services.targets_add_by_filter(
            actor=world.dio_a,
            programme=second,
            area=world.district_a,
            office_kinds=[OfficeKind.BLOCK_OFFICE, OfficeKind.SCHOOL],
        )
    assert (
        second.targets.count() == 6 and Step.objects.filter(target__programme=second).count() == 12
    )
    assert len(six.captured_queries) == len(two.captured_queries)


def test_a_target_cannot_join_before_the_start_nor_outside_the_area(world):  # type: ignore[no-untyped-def]
    programme = _empty(world)
    with pytest.raises(ValidationError) as refused:
        services.targets_add(
            actor=world.dio_a,
            programme=programme,
            offices=[world.office_a1],
            joined_on=programme.starts_on - dt.timedelta(days=1),
        )
    assert "joined_on" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.targets_add(actor=world.dio_a, programme=programme, offices=[world.office_b1])
    with pytest.raises((PermissionDenied, OutOfJurisdiction)):
        services.targets_add(actor=world.bdo_a1, programme=programme, offices=[world.office_a1])
    assert not programme.targets.exists()


def test_leaving_mid_way_changes_the_denominator_from_that_day(roll, world):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    left_on = today - dt.timedelta(days=3)
    assert roll.programme.progress() == (0, 2)
    services.target_remove(
        actor=world.dio_a,
        target=roll.target_a2,
        left_on=left_on,
        left_because=LeftBecause.CLOSED,
        remark="The block office moved into the new building and this one closed.",
    )
    targets = roll.programme.targets
    assert targets.in_set_on(left_on - dt.timedelta(days=1)).count() == 2
    assert targets.in_set_on(left_on).count() == 1
    assert roll.programme.progress() == (0, 1)
    event = TargetEvent.objects.get(target=roll.target_a2, action="left")
    assert event.data == {"left_on": left_on.isoformat(), "because": "closed"}
    with pytest.raises(ValidationError):  # already out
        services.target_remove(
            actor=world.dio_a, target=roll.target_a2, left_on=today, left_because="closed"
        )
    with pytest.raises(ValidationError):  # not after joining
        services.target_remove(
            actor=world.dio_a,
            target=roll.target_a1,
            left_on=roll.target_a1.joined_on,
            left_because="closed",
        )


def test_milestones_reorder_and_edit_while_running_not_once_closed(roll, world):  # type: ignore[no-untyped-def]
    programme = roll.programme
    services.milestone_move(actor=world.dio_a, milestone=roll.trained, up=True)
    assert list(programme.milestones.values_list("name", flat=True)) == [
        "Delivered",
        "Staff trained",
        "Installed",
    ]
    services.milestone_update(actor=world.dio_a, milestone=roll.installed, weight=5)
    roll.installed.refresh_from_db()
    assert roll.installed.weight == 5
    with pytest.raises(ValidationError):
        services.milestone_update(actor=world.dio_a, milestone=roll.installed, weight=101)
    programme.refresh_from_db()
    services.programme_transition(
        actor=world.dio_a,
        programme=programme,
        action="close",
        version=programme.version,
        remark="Done",
    )
    with pytest.raises(ValidationError):
        services.milestone_add(
            actor=world.dio_a, programme=programme, name="More", evidence=EvidenceKind.LINK
        )


def test_start_needs_a_milestone_and_a_stale_version_names_who(world):  # type: ignore[no-untyped-def]
    from degs.core.exceptions import StaleVersion

    programme = services.programme_create(
        actor=world.dio_a,
        name="VC everywhere",
        kind=ProgrammeKind.VC,
        area=world.district_a,
        starts_on=timezone.localdate(),
        due_on=timezone.localdate(),
    )
    with pytest.raises(ValidationError):
        services.programme_transition(
            actor=world.dio_a, programme=programme, action="start", version=programme.version
        )
    seen = programme.version
    services.milestone_add(
        actor=world.dc_a, programme=programme, name="Room ready", evidence=EvidenceKind.PHOTO
    )
    with pytest.raises(StaleVersion) as stale:
        services.programme_transition(
            actor=world.dio_a, programme=programme, action="start", version=seen
        )
    assert "DC A" in str(stale.value.message)
    programme.refresh_from_db()
    services.programme_transition(
        actor=world.dio_a, programme=programme, action="start", version=programme.version
    )
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.RUNNING


# --- pages ---------------------------------------------------------------------------------------


def test_programme_made_and_targets_added_through_the_pages(world, client_as):  # type: ignore[no-untyped-def]
    client = client_as(world.dio_a)
    today = timezone.localdate()
    response = client.post(
        reverse("rollouts:programme_create"),
        {
            "name": "Projectors in every block office",
            "name_hi": "हर प्रखंड कार्यालय में प्रोजेक्टर",
            "kind": "projector",
            "area": world.district_a.pk,
            "starts_on": today.isoformat(),
            "due_on": (today + dt.timedelta(days=30)).isoformat(),
        },
    )
    programme = Programme.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("rollouts:programme_detail", args=[programme.pk])
    client.post(
        reverse("rollouts:milestone_add", args=[programme.pk]),
        {"name": "Delivered", "weight": "1", "evidence": "photo", "version": programme.version},
    )
    programme.refresh_from_db()
    response = client.post(
        reverse("rollouts:targets_by_filter", args=[programme.pk]),
        {
            "area": world.district_a.pk,
            "office_kinds": ["block_office"],
            "joined_on": today.isoformat(),
            "version": programme.version,
        },
    )
    assert response.status_code == 302
    assert programme.targets.count() == 2
    page = client.get(reverse("rollouts:programme_detail", args=[programme.pk])).content.decode()
    assert "0 of 2 targets done" in page
    # A date before the start is refused on the form, nothing added, what was typed kept.
    programme.refresh_from_db()
    response = client.post(
        reverse("rollouts:targets_by_list", args=[programme.pk]),
        {
            "offices": [world.dc_office_a.pk],
            "joined_on": (today - dt.timedelta(days=1)).isoformat(),
            "version": programme.version,
        },
    )
    assert response.status_code == 200
    assert "before the programme starts" in response.content.decode()
    assert programme.targets.count() == 2


def test_list_export_has_the_figures(roll, world, client_as):  # type: ignore[no-untyped-def]
    client = client_as(world.dc_a)
    page = client.get(reverse("rollouts:programme_list")).content.decode()
    assert "Projectors in every block office" in page and "0 of 2" in page
    csv = client.get(reverse("rollouts:programme_list") + "?format=csv&kind=projector")
    assert csv.status_code == 200
    lines = csv.content.decode().lstrip("\ufeff").splitlines()
    assert lines[0].startswith("code,name")
    assert lines[1].startswith("projectors-a,") and lines[1].endswith(",0,2")
    empty = client.get(reverse("rollouts:programme_list") + "?format=csv&kind=vc")
    assert len(empty.content.decode().splitlines()) == 1


def test_another_districts_programme_answers_404(roll, world, client_as):  # type: ignore[no-untyped-def]
    client = client_as(world.bdo_b1)
    assert (
        client.get(reverse("rollouts:programme_detail", args=[roll.programme.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("rollouts:target_detail", args=[roll.target_a1.pk])).status_code == 404
    )
    assert (
        "Projectors in every" not in client.get(reverse("rollouts:programme_list")).content.decode()
    )


def test_block_officer_sees_the_figures_of_their_block(roll, world, client_as):  # type: ignore[no-untyped-def]
    Target.objects.filter(pk=roll.target_a1.pk).update(done_on=timezone.localdate())
    client = client_as(world.bdo_a1)
    assert "Projectors in every" in client.get(reverse("rollouts:programme_list")).content.decode()
    page = client.get(reverse("rollouts:programme_detail", args=[roll.programme.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "1 of 1 targets done" in body
    assert "Block Office A2" not in body
    assert (
        client.get(reverse("rollouts:target_detail", args=[roll.target_a2.pk])).status_code == 404
    )
    # The DC sees the whole district.
    dc = client_as(world.dc_a).get(reverse("rollouts:programme_detail", args=[roll.programme.pk]))
    assert "1 of 2 targets done" in dc.content.decode()


def test_a_directive_follows_the_programme_and_shows_k_of_n(roll, world, client_as):  # type: ignore[no-untyped-def]
    from degs.reviews import services as reviews

    committee = reviews.committee_create(
        actor=None, area=world.district_a, kind="executive", name="DeGS", chair_post=world.post_dc_a
    )
    meeting = reviews.meeting_create(actor=None, committee=committee, date=timezone.localdate())
    directive = reviews.directive_create(
        actor=None,
        meeting=meeting,
        text="Install projectors in every block office",
        lead_post=world.post_bdo_a1,
        deadline_phrase="within a month",
    )
    client = client_as(world.dc_a)
    response = client.post(
        reverse("rollouts:programme_follow", args=[roll.programme.pk]),
        {"directive": directive.pk},
    )
    assert response.status_code == 302
    directive_page = reverse("reviews:directive_detail", args=[directive.pk])
    assert "0 of 2 have reached the goal" in client.get(directive_page).content.decode()
    Target.objects.filter(pk=roll.target_a2.pk).update(done_on=timezone.localdate())
    assert "1 of 2 have reached the goal" in client.get(directive_page).content.decode()
    detail = client.get(reverse("rollouts:programme_detail", args=[roll.programme.pk]))
    assert directive_page in detail.content.decode()


@pytest.mark.parametrize(
    "name", ["rollouts:programme_list", "rollouts:programme_detail", "rollouts:target_detail"]
)
def test_pages_in_hindi_have_no_english_words(roll, world, client_as, name):  # type: ignore[no-untyped-def]
    client = speak(client_as(world.dio_a), world.dio_a, "hi")
    args = {
        "rollouts:programme_list": [],
        "rollouts:programme_detail": [roll.programme.pk],
        "rollouts:target_detail": [roll.target_a1.pk],
    }[name]
    body = client.get(reverse(name, args=args)).content.decode()
    assert english_words(body, data_words()) == set()
