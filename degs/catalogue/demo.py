"""Loads the demo catalogue for Jharkhand (see ``demo_definitions``): four certificate services,
each marked as demo values for the administrator to confirm. Loading twice adds nothing."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from degs.catalogue import services
from degs.catalogue.demo_definitions import CERTIFICATES, LAW, LAW_HI, SERVICES
from degs.catalogue.models import Service
from degs.core.bilingual import sentence
from degs.directory.choices import AreaKind
from degs.directory.models import Area


@transaction.atomic
def load_catalogue_demo() -> int:
    """Publish the demo services in Jharkhand when they are missing; returns how many."""
    state = Area.objects.filter(kind=AreaKind.STATE, name="Jharkhand").first()
    if state is None:
        return 0
    made = 0
    for spec in SERVICES:
        if Service.objects.filter(area=state, code=spec["code"]).exists():
            continue
        services.service_publish(
            actor=None,
            area=state,
            code=spec["code"],
            name=spec["name"],
            name_hi=spec["name_hi"],
            department=spec["department"],
            department_hi=spec["department_hi"],
            law=LAW,
            law_hi=LAW_HI,
            time_limit_days=spec["time_limit_days"],
            designated=spec["designated"],
            appellate=spec["appellate"],
            validity_days=spec["validity_days"],
            definition=spec["definition"],
            certificate_template=CERTIFICATES[spec["code"]]["certificate"],
            certificate_template_hi=CERTIFICATES[spec["code"]]["certificate_hi"],
            note=sentence(_("Demo values: confirm the time limit, fee and shares before use.")),
            is_demo=True,
        )
        made += 1
    return made


def load() -> list[str]:
    """The catalogue's demo loader (``manage.py load_demo``)."""
    catalogue = load_catalogue_demo()
    return [f"Citizen services (demo values to confirm): {catalogue} new in Jharkhand."]
