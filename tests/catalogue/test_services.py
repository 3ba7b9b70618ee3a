"""Publishing services: versions, whole checks, who may publish, and the demo catalogue."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from degs.accounts.roles import Role
from degs.catalogue import services
from degs.catalogue.demo_definitions import CERTIFICATES, SERVICES
from degs.catalogue.models import Service, ServiceVersion
from degs.core.exceptions import OutOfJurisdiction, PermissionDenied
from tests.factories import make_designation

pytestmark = pytest.mark.django_db


def publish(world, actor=None, **extra: Any) -> ServiceVersion:
    make_designation("co", Role.BLOCK_OFFICER)
    make_designation("sdo", Role.BLOCK_OFFICER)
    spec = copy.deepcopy(SERVICES[0])
    values: dict[str, Any] = {
        "area": world.state,
        "code": spec["code"],
        "name": spec["name"],
        "name_hi": spec["name_hi"],
        "department": spec["department"],
        "law": "Right to Service Act",
        "time_limit_days": 15,
        "designated": "co",
        "appellate": "sdo",
        "definition": spec["definition"],
        "certificate_template": CERTIFICATES[spec["code"]]["certificate"],
    }
    values.update(extra)
    return services.service_publish(actor=actor, **values)


def test_publishing_again_makes_the_next_version_and_keeps_the_first(world):
    first = publish(world, actor=world.state_admin)
    second = publish(world, actor=world.state_admin, time_limit_days=10, note="Shorter limit")
    service = Service.objects.get()
    assert (first.number, second.number) == (1, 2)
    assert service.current == second
    first.refresh_from_db()
    assert first.time_limit_days == 15
    assert first.parsed().fee_paise == 3000


def test_a_bad_definition_saves_nothing_and_names_each_place(world):
    definition = copy.deepcopy(SERVICES[0]["definition"])
    definition["shares"][0]["paise"] = 1
    definition["workflow"]["steps"][0]["designation"] = "karmchari"
    with pytest.raises(ValidationError) as caught:
        publish(
            world,
            definition=definition,
            certificate_template="{{ applicant_name }} {{ favourite_colour }}",
        )
    found = caught.value.message_dict
    assert "definition.shares" in found
    assert any("karmchari" in m for m in found["designations"])
    assert any("favourite_colour" in m for m in found["certificate_template"])
    assert not Service.objects.exists()


def test_only_administrators_publish(world):
    with pytest.raises(PermissionDenied):
        publish(world, actor=world.csc_manager_a, area=world.district_a)
    with pytest.raises(OutOfJurisdiction):
        publish(world, actor=world.dc_a, area=world.district_b)
    version = publish(world, actor=world.dc_a, area=world.district_a, code="district_service")
    assert version.service.area == world.district_a


def test_services_are_seen_in_their_state_and_district(world):
    publish(world)
    publish(world, area=world.district_b, code="b_only")
    seen = set(Service.objects.for_user(world.bdo_a1).values_list("code", flat=True))
    assert seen == {"income_certificate"}
    assert Service.objects.for_user(world.bdo_b1).count() == 2


def test_publishing_from_a_stale_version_is_refused(world):
    from degs.core.exceptions import StaleVersion

    publish(world, actor=world.state_admin)
    publish(world, actor=world.state_admin, note="Second", expected_version=1)
    with pytest.raises(StaleVersion):
        publish(world, actor=world.state_admin, note="From version 1", expected_version=1)
    assert Service.objects.get().current.number == 2
    assert ServiceVersion.objects.count() == 2


def test_a_new_service_does_not_quietly_publish_over_one_with_its_code(world):
    publish(world)
    with pytest.raises(ValidationError) as caught:
        publish(world, name="Another", expected_version=0)
    assert "code" in caught.value.message_dict
    assert Service.objects.get().name == "Income certificate"
    assert publish(world, code="new_one", expected_version=0).number == 1


def test_the_state_admin_sees_every_districts_own_services(world):
    publish(world)
    publish(world, area=world.district_a, code="a_only")
    publish(world, area=world.district_b, code="b_only")
    seen = set(Service.objects.for_user(world.state_admin).values_list("code", flat=True))
    assert seen == {"income_certificate", "a_only", "b_only"}
    seen = set(Service.objects.for_user(world.dc_a).values_list("code", flat=True))
    assert seen == {"income_certificate", "a_only"}


def test_seen_by_answers_as_the_scoped_query_does(world):
    """``Service.seen_by`` (filing reads services from the memo) and ``for_user`` agree for
    every persona on the state's, district A's and district B's services."""
    from django.contrib.auth.models import AnonymousUser

    made = [
        publish(world).service,
        publish(world, area=world.district_a, code="a_own").service,
        publish(world, area=world.district_b, code="b_own").service,
    ]
    people = [
        world.state_admin,
        world.dc_a,
        world.dio_a,
        world.bdo_a1,
        world.operator_a1,
        world.bdo_b1,
        AnonymousUser(),
    ]
    seen = 0
    for person in people:
        listed = set(Service.objects.for_user(person).values_list("pk", flat=True))
        for service in made:
            assert service.seen_by(person) == (service.pk in listed), (person, service.code)
            seen += service.seen_by(person)
    assert 0 < seen < len(people) * len(made)
