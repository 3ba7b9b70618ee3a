"""The demo catalogue: four Jharkhand certificate services, marked as demo values, loaded once."""

from __future__ import annotations

import pytest

from degs.catalogue.demo import load_catalogue_demo
from degs.catalogue.models import Service, ServiceVersion
from degs.directory.demo import load_designations
from degs.directory.models import Area
from tests.factories import make_area


@pytest.mark.django_db
def test_demo_catalogue_loads_once():
    load_designations()
    make_area("state", "Jharkhand", lgd_code="20", name_hi="झारखंड")
    assert load_catalogue_demo() == 4
    assert load_catalogue_demo() == 0
    assert ServiceVersion.objects.count() == 4
    services = Service.objects.filter(area=Area.objects.get(name="Jharkhand"))
    assert set(services.values_list("code", flat=True)) == {
        "income_certificate",
        "caste_certificate",
        "residence_certificate",
        "marriage_certificate",
    }
    for service in services:
        assert service.is_demo
        definition = service.current.parsed()
        assert sum(s.paise for s in definition.shares) == definition.fee_paise
        assert service.current.designated_post.code in {"co", "sdo"}
