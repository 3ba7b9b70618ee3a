"""``visible_one`` answers as ``visible_to(user).filter(pk=…).first()`` does, without its
subquery: for every persona and every area of the test state."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from degs.directory.models import Area, Office


def test_visible_one_agrees_with_visible_to(world, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    people = [world.state_admin, world.dc_a, world.bdo_a1, world.bdo_b1, world.operator_a1]
    shown = 0
    for person in [*people, AnonymousUser()]:
        for model in (Area, Office):
            for row in model.objects.all():
                seen = model.objects.visible_to(person).filter(pk=row.pk).exists()
                one = model.objects.select_related(
                    *(["area"] if model is Office else [])
                ).visible_one(person, pk=row.pk)
                assert (one is not None) == seen, (person, model.__name__, row)
                shown += seen
    assert shown > 0
    with django_assert_num_queries(1):  # the area read with the row: the check is in Python
        Office.objects.select_related("area").visible_one(world.bdo_a1, pk=world.office_a1.pk)
