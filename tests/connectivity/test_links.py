"""The links part's services and selectors: providers and SLAs (the state's only), links with
their site, circuit and dates, the version check of two people editing at once, the status
buttons, maintenance windows, and the links down now."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from degs.connectivity.choices import LinkKind, LinkStatus, Network, OutageStatus
from degs.connectivity.models import Link, LinkEvent, MaintenanceWindow, Outage, Provider
from degs.connectivity.selectors import links as selectors
from degs.connectivity.services import links as services
from degs.core.exceptions import (
    InvalidTransition,
    OutOfJurisdiction,
    PermissionDenied,
    StaleVersion,
)

pytestmark = pytest.mark.django_db


def _new_link(net, world, actor, **extra):  # type: ignore[no-untyped-def]
    values = {
        "provider": net.bsnl,
        "circuit_id": "bn-a1-777",
        "kind": LinkKind.BROADBAND,
        "committed_kbps": 8_000,
        "office": world.office_a1,
        "sla": net.sla,
    }
    values.update(extra)
    return services.link_create(actor=actor, **values)


# --- providers, SLAs, contacts: the state's ---------------------------------------------------


def test_state_admin_adds_a_provider_and_a_district_cannot(world):
    provider = services.provider_create(
        actor=world.state_admin, code="JharNet", name="JharNet", network=Network.SWAN
    )
    assert provider.code == "jharnet"
    assert provider.history.count() == 1
    with pytest.raises(PermissionDenied):
        services.provider_create(actor=world.dio_a, code="x", name="X", network=Network.OTHER)
    with pytest.raises(PermissionDenied):
        services.provider_update(actor=world.dio_a, provider=provider, name="Y")


def test_sla_day_must_end_after_it_starts(world, net):
    with pytest.raises(ValidationError) as caught:
        services.sla_create(
            actor=world.state_admin,
            provider=net.bsnl,
            name="Bad",
            day_starts=dt.time(18, 0),
            day_ends=dt.time(10, 0),
        )
    assert "day_ends" in caught.value.message_dict


def test_contact_for_an_area(world, net):
    contact = services.provider_contact_create(
        actor=world.state_admin, provider=net.bsnl, area=world.district_a, level=1, name="JTO"
    )
    assert list(selectors.provider_contacts(user=world.dio_a, provider=net.bsnl)) == [contact]
    assert list(selectors.provider_contacts(user=world.bdo_b1, provider=net.bsnl)) == []


# --- links -------------------------------------------------------------------------------------


def test_link_at_an_office_takes_the_office_area(world, net):
    link = _new_link(net, world, world.dio_a)
    assert link.area == world.block_a1
    assert link.circuit_id == "BN-A1-777"
    assert link.status == LinkStatus.PLANNED
    assert LinkEvent.objects.filter(link=link, action="created", actor=world.dio_a).count() == 1


def test_link_at_a_panchayat(world, net):
    link = _new_link(net, world, world.dio_a, office=None, panchayat=world.gp_a1)
    assert link.area == world.gp_a1
    assert link.office is None


@pytest.mark.parametrize(
    ("site", "field"),
    [
        ({"office": None}, "office"),
        ({"panchayat": "gp"}, "panchayat"),
        ({"office": None, "panchayat": "block"}, "panchayat"),
    ],
)
def test_link_needs_exactly_one_site(world, net, site, field):
    values = {k: {"gp": world.gp_a1, "block": world.block_a1}.get(v, v) for k, v in site.items()}  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as caught:
        _new_link(net, world, world.dio_a, **values)
    assert field in caught.value.message_dict


def test_circuit_unique_per_provider_in_the_users_language(world, net):
    with pytest.raises(ValidationError) as caught:
        _new_link(net, world, world.dio_a, circuit_id="bn-a2-001")  # net.link_a2's, any case
    with translation.override("hi"):
        said = [str(m) for m in caught.value.message_dict["circuit_id"]]
    assert said == ["इस सेवा प्रदाता का इस सर्किट आईडी वाला लिंक पहले से है।"]
    other = Provider.objects.create(code="jio", name="Jio", network=Network.MOBILE)
    link = _new_link(net, world, world.dio_a, provider=other, circuit_id="BN-A2-001", sla=None)
    assert link.pk


def test_termination_not_before_install(world, net):
    with pytest.raises(ValidationError) as caught:
        _new_link(
            net,
            world,
            world.dio_a,
            install_date=dt.date(2026, 3, 10),
            termination_date=dt.date(2026, 3, 9),
        )
    assert "termination_date" in caught.value.message_dict
    same_day = _new_link(
        net,
        world,
        world.dio_a,
        install_date=dt.date(2026, 3, 10),
        termination_date=dt.date(2026, 3, 10),
    )
    assert same_day.pk


def test_sla_must_be_the_providers(world, net):
    other = Provider.objects.create(code="jio", name="Jio", network=Network.MOBILE)
    with pytest.raises(ValidationError) as caught:
        _new_link(net, world, world.dio_a, provider=other)
    assert "sla" in caught.value.message_dict


def test_who_may_add_a_link(world, net):
    with pytest.raises(PermissionDenied):
        _new_link(net, world, net.engineer_a)  # reports, does not manage
    with pytest.raises(OutOfJurisdiction):
        _new_link(net, world, world.bdo_b1)  # another district: not found


def test_edit_is_recorded_and_checked_against_the_version(world, net):
    link = net.link_a1
    assert link.version == 1
    changed = services.link_update(actor=world.dio_a, link=link, version=1, committed_kbps=20_000)
    assert changed.version == 2
    event = LinkEvent.objects.get(link=link, action="changed")
    assert event.data == {"fields": ["committed_kbps"]}
    assert event.actor == world.dio_a
    assert changed.history.first().committed_kbps == 20_000  # type: ignore[union-attr]
    # a second person still on version 1
    with pytest.raises(StaleVersion) as caught:
        services.link_update(actor=world.state_admin, link=link, version=1, committed_kbps=1)
    assert "DIO A" in str(caught.value.message)
    link.refresh_from_db()
    assert link.committed_kbps == 20_000


def test_an_edit_that_changes_nothing_writes_nothing(world, net):
    services.link_update(actor=world.dio_a, link=net.link_a1, version=1, committed_kbps=10_000)
    net.link_a1.refresh_from_db()
    assert net.link_a1.version == 1
    assert not LinkEvent.objects.filter(link=net.link_a1).exists()


def test_moving_a_link_to_a_panchayat(world, net):
    moved = services.link_update(
        actor=world.dio_a, link=net.link_a1, version=1, office=None, panchayat=world.gp_a1
    )
    assert (moved.office, moved.area) == (None, world.gp_a1)


def test_status_buttons(world, net):
    link = net.link_gp_a1  # planned
    assert [t.action for t in services.workflow.LINKS.available(link, world.dio_a)] == [
        "provision",
        "commission",
        "decommission",
    ]
    assert services.workflow.LINKS.available(link, net.engineer_a) == []
    link = services.link_transition(actor=world.dio_a, link=link, action="provision", version=1)
    assert (link.status, link.version) == (LinkStatus.PROVISIONING, 2)
    link = services.link_transition(actor=world.dio_a, link=link, action="commission", version=2)
    assert link.status == LinkStatus.ACTIVE
    assert link.install_date == dt.date(2026, 1, 15)  # kept as it was
    with pytest.raises(ValidationError) as caught:
        services.link_transition(actor=world.dio_a, link=link, action="decommission", version=3)
    assert "remark" in caught.value.message_dict
    link = services.link_transition(
        actor=world.dio_a, link=link, action="decommission", version=3, remark="Shifted"
    )
    assert link.status == LinkStatus.DECOMMISSIONED
    assert link.termination_date == timezone.localdate()
    actions = list(LinkEvent.objects.filter(link=link).values_list("action", flat=True))
    assert actions == ["decommission", "commission", "provision"]


def test_status_step_refusals(world, net):
    with pytest.raises(InvalidTransition):
        services.link_transition(actor=world.dio_a, link=net.link_a1, action="provision", version=1)
    with pytest.raises(PermissionDenied):  # the system's step: no person takes it
        services.link_transition(actor=world.dio_a, link=net.link_a1, action="fail", version=1)
    with pytest.raises(PermissionDenied):
        services.link_transition(
            actor=net.engineer_a, link=net.link_a1, action="decommission", version=1, remark="x"
        )
    services.link_update(actor=world.dio_a, link=net.link_a1, version=1, contact_name="JTO")
    with pytest.raises(StaleVersion):
        services.link_transition(
            actor=world.dio_a, link=net.link_a1, action="decommission", version=1, remark="x"
        )


# --- maintenance windows ----------------------------------------------------------------------


def test_maintenance_on_a_link_and_on_an_area(world, net):
    start = timezone.now() + dt.timedelta(hours=2)
    window = services.maintenance_create(
        actor=world.dio_a,
        link=net.link_a1,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        reason="Fibre re-routing",
    )
    assert (window.provider, window.area) == (net.bsnl, world.block_a1)
    area_wide = services.maintenance_create(
        actor=world.dio_a,
        provider=net.bsnl,
        area=world.district_a,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        reason="OLT upgrade",
    )
    shown = selectors.link_maintenance(link=net.link_a1)
    assert set(shown) == {window, area_wide}
    assert selectors.link_maintenance(link=net.link_b1) == []


def test_maintenance_refusals(world, net):
    now = timezone.now()
    with pytest.raises(ValidationError) as caught:
        services.maintenance_create(
            actor=world.dio_a,
            link=net.link_a1,
            starts_at=now + dt.timedelta(hours=2),
            ends_at=now + dt.timedelta(hours=1),
            reason="x",
        )
    assert "ends_at" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.maintenance_create(
            actor=world.dio_a,
            link=net.link_a1,
            starts_at=now - dt.timedelta(minutes=5),
            ends_at=now + dt.timedelta(hours=1),
            reason="x",
        )
    assert "not maintenance" in caught.value.message_dict["starts_at"][0]
    with pytest.raises(PermissionDenied):
        services.maintenance_create(
            actor=net.engineer_a,
            link=net.link_a1,
            starts_at=now + dt.timedelta(hours=1),
            ends_at=now + dt.timedelta(hours=2),
            reason="x",
        )
    assert not MaintenanceWindow.objects.exists()


# --- selectors --------------------------------------------------------------------------------


def test_links_down_now_oldest_first_with_the_open_outage(world, net):
    now = timezone.now()
    Link.objects.filter(pk=net.link_a1.pk).update(
        status=LinkStatus.DOWN, status_since=now - dt.timedelta(hours=1)
    )
    Link.objects.filter(pk=net.link_a2.pk).update(
        status=LinkStatus.UNKNOWN, status_since=now - dt.timedelta(hours=3)
    )
    Link.objects.filter(pk=net.link_b1.pk).update(
        status=LinkStatus.DOWN, status_since=now - dt.timedelta(hours=5)
    )
    outage = Outage.objects.create(
        link=net.link_a1,
        started_at=now - dt.timedelta(hours=1),
        detected_by="engineer",
        status=OutageStatus.OPEN,
    )
    Outage.objects.create(  # an earlier one, restored: not shown
        link=net.link_a1,
        started_at=now - dt.timedelta(days=3),
        restored_at=now - dt.timedelta(days=2),
        detected_by="probe",
        status=OutageStatus.RESTORED,
    )
    with CaptureQueriesContext(connection) as queries:
        rows = list(selectors.links_down_now(user=world.dio_a))
        labels = [(r.circuit_id, r.provider.label, r.site_label, r.open_outage_id) for r in rows]
    assert labels == [
        ("BN-A2-001", "BSNL", "Block Office A2", None),
        ("BN-A1-001", "BSNL", "Block Office A1", outage.pk),
    ]
    assert len(queries) <= 2  # the jurisdiction, then the rows
    assert [r.circuit_id for r in selectors.links_down_now(user=world.bdo_a1)] == ["BN-A1-001"]
