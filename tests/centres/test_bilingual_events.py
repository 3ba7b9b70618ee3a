"""An approval the district gives in Hindi reads in English on the English page, and the other
way round: the reason the system writes for it is stored in both languages."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from degs.centres import services
from degs.centres.models import CentreEvent
from tests.centres.test_services import closure_recommended
from tests.factories import page_in

pytestmark = pytest.mark.django_db

# The sentence's two halves as the catalogue words them (English source, Hindi django.po).
ENGLISH = "at the inspection of"
HINDI = "के निरीक्षण में"


@pytest.mark.parametrize("written_in", ["hi", "en"])
def test_an_approval_reads_in_the_readers_language(client, world, centres, written_in) -> None:
    inspection = closure_recommended(world, centres)
    with translation.override(written_in):
        services.inspection_decide(
            actor=world.dc_a,
            inspection=inspection,
            version=inspection.version,
            approve=True,
            acknowledge_position=True,
        )
    event = CentreEvent.objects.get(centre=centres.centre_a1, action="close")
    visited = inspection.visited_on.strftime("%d-%m-%Y")
    assert ENGLISH in event.remark and visited in event.remark
    assert HINDI in event.remark_hi and visited in event.remark_hi

    english = page_in(
        client, world.dc_a, "en", reverse("centres:centre_detail", args=[centres.centre_a1.pk])
    )
    assert ENGLISH in english and HINDI not in english
    hindi = page_in(
        client, world.dc_a, "hi", reverse("centres:centre_detail", args=[centres.centre_a1.pk])
    )
    assert HINDI in hindi and ENGLISH not in hindi


def test_a_reason_typed_by_the_approver_is_kept_as_typed(client, world, centres) -> None:
    inspection = closure_recommended(world, centres)
    services.inspection_decide(
        actor=world.dc_a,
        inspection=inspection,
        version=inspection.version,
        approve=True,
        remark="बार-बार बंद मिला।",
        acknowledge_position=True,
    )
    event = CentreEvent.objects.get(centre=centres.centre_a1, action="close")
    assert (event.remark, event.remark_hi) == ("बार-बार बंद मिला।", "")
    assert "बार-बार बंद मिला।" in page_in(
        client, world.dc_a, "en", reverse("centres:centre_detail", args=[centres.centre_a1.pk])
    )
