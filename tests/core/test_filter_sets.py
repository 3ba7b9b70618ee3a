"""Every list's filter set (``core.filters``): scoped before any filter, its form checked and
styled like the others, and the API's parameters generated from it."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from degs.core.filters import ScopedFilterSet, query_schema
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _filter_sets() -> list[type[ScopedFilterSet]]:
    for config in apps.get_app_configs():
        if config.name.startswith("degs."):
            try:
                importlib.import_module(f"{config.name}.filters")
            except ModuleNotFoundError:
                continue
    found: list[type[ScopedFilterSet]] = []
    todo = list(ScopedFilterSet.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if getattr(cls._meta, "model", None) is not None:
            found.append(cls)
    return sorted(found, key=lambda c: c.__qualname__)


def test_every_list_has_its_filter_set() -> None:
    names = {cls.__name__ for cls in _filter_sets()}
    assert {
        "AreaFilterSet",
        "OfficeFilterSet",
        "PostFilterSet",
        "DirectiveFilterSet",
        "MeetingFilterSet",
        "CentreFilterSet",
        "OperatorFilterSet",
        "OperatorIdFilterSet",
        "InspectionFilterSet",
        "ApplicationFilterSet",
        "UserFilterSet",
        "ServiceFilterSet",
    } <= names


@pytest.mark.parametrize("filterset_class", _filter_sets(), ids=lambda c: c.__name__)
def test_a_filter_set_starts_from_the_users_scope(world, filterset_class) -> None:
    # someone with no role and no post sees no row, whatever the filters
    nobody = UserFactory(username="nobody")
    assert not filterset_class(None, user=nobody).qs.exists()
    assert not filterset_class({}, user=nobody).qs.exists()
    # and the form is checked and styled like every other form
    form = filterset_class(None, user=world.dc_a).form
    assert form.__class__.__mro__[1].__name__ == "FilterForm"
    for field in form:
        assert field.field.widget.attrs.get("class"), (filterset_class.__name__, field.name)


@pytest.mark.parametrize("filterset_class", _filter_sets(), ids=lambda c: c.__name__)
def test_the_api_query_names_the_same_parameters(filterset_class) -> None:
    schema = query_schema(filterset_class)
    assert set(schema.model_fields) == set(filterset_class.base_filters)
    # every parameter is optional: a list without a query lists everything the user sees
    assert all(not f.is_required() for f in schema.model_fields.values())


def test_a_value_the_form_refuses_is_not_in_the_export_link(world, client_as) -> None:
    client = client_as(world.dc_a)
    page = client.get("/directory/areas/", {"kind": "no-such-kind", "q": "A1"})
    assert page.status_code == 200
    assert page.context["export_query"] == "q=A1"
    assert page.context["form"].errors["kind"]
