"""The catalogue tests' world: the demo income service published in the state, a service of
each district's own and one of another state, and helpers to publish and to edit through the
page."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import pytest
from django import forms
from django.urls import reverse

from degs.accounts.models import User
from degs.accounts.roles import Role
from degs.catalogue import services
from degs.catalogue.demo_definitions import CERTIFICATES, SERVICES
from degs.catalogue.models import Service, ServiceVersion
from degs.directory.choices import AreaKind
from degs.directory.models import Area
from tests.factories import UserFactory, grant, make_area, make_designation

# The demo income certificate's: it states every fact the service certifies.
CERTIFICATE = CERTIFICATES["income_certificate"]["certificate"]


def publish(area: Area, code: str, actor: User | None = None, **extra: Any) -> ServiceVersion:
    spec = copy.deepcopy(SERVICES[0])
    values: dict[str, Any] = {
        "area": area,
        "code": code,
        "name": spec["name"],
        "name_hi": spec["name_hi"],
        "department": spec["department"],
        "department_hi": spec["department_hi"],
        "law": "Right to Service Act",
        "law_hi": "सेवा का अधिकार अधिनियम",
        "time_limit_days": 15,
        "designated": "co",
        "appellate": "sdo",
        "validity_days": 365,
        "definition": spec["definition"],
        "certificate_template": CERTIFICATE,
    }
    values.update(extra)
    return services.service_publish(actor=actor, **values)


@dataclass
class Catalogue:
    income: Service  # the state's, marked as demo values
    own_a: Service  # district A's own service
    own_b: Service  # district B's own service
    other_state: Area
    other_admin: User  # district administrator in the other state
    other_service: Service


@pytest.fixture
def catalogue(world) -> Catalogue:  # type: ignore[no-untyped-def]
    make_designation("co", Role.BLOCK_OFFICER)
    make_designation("sdo", Role.BLOCK_OFFICER)
    income = publish(world.state, "income_certificate", is_demo=True).service
    own_a = publish(world.district_a, "tree_felling", name="Tree felling permit").service
    own_b = publish(world.district_b, "boat_licence", name="Boat licence").service
    other_state = make_area(AreaKind.STATE, "Other State", lgd_code="98")
    other_district = make_area(AreaKind.DISTRICT, "Other District", other_state)
    other_admin = UserFactory(username="other_admin", full_name="Other Admin")
    grant(other_admin, Role.DISTRICT_ADMIN, other_district)
    other_service = publish(other_state, "other_income", name="Other state's income").service
    return Catalogue(income, own_a, own_b, other_state, other_admin, other_service)


def form_data(response) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """What a browser sends back for the form as the page drew it (disabled inputs are not
    sent)."""
    form, formset = response.context["form"], response.context["formset"]
    data: dict[str, Any] = {}
    for bound in [*form, *formset.management_form]:
        if bound.field.disabled:
            continue
        value = bound.value()
        if isinstance(bound.field, forms.BooleanField):
            if value:
                data[bound.html_name] = "on"
            continue
        data[bound.html_name] = "" if value is None else str(value)
    for share in formset:
        for bound in share:
            data[bound.html_name] = bound.value() or ""
    return data


def edit(client, service: Service) -> tuple[str, dict[str, Any]]:  # type: ignore[no-untyped-def]
    url = reverse("catalogue:service_edit", args=[service.pk])
    response = client.get(url)
    assert response.status_code == 200
    return url, form_data(response)
