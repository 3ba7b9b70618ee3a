"""The rollouts API's programmes part: programmes (list with the page's filters, one,
create), a programme's targets (list, add by list or by filter, take one out of the set from a
day). Scoped like the pages: a programme the caller does not see answers 404, and a block
officer's figures are their block's; writes go through the services as the caller."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from ninja import Router
from ninja.pagination import paginate

from degs.core.api import Pagination, act_on
from degs.core.filters import list_operation
from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest
from degs.directory.choices import OfficeKind
from degs.rollouts.choices import ProgrammeKind
from degs.rollouts.filters.programmes import ProgrammeFilterSet
from degs.rollouts.models import Programme
from degs.rollouts.schemas.programmes import (
    ProgrammeDetailOut,
    ProgrammeIn,
    ProgrammeOut,
    RolloutTargetOut,
    TargetRemoveIn,
    TargetsIn,
)
from degs.rollouts.selectors import programmes as selectors
from degs.rollouts.selectors.progress import with_figures
from degs.rollouts.services import programmes as services

router = Router(tags=["rollouts"])

SECTION = "rollouts"
NOT_FOUND = _("Not found.")


def _programme(user: Any, pk: int) -> Programme:
    row = with_figures(selectors.programme_list(user=user).filter(pk=pk), user).first()
    if row is None:
        selectors.programme_get(user=user, pk=pk)  # 404
    return row  # type: ignore[return-value]


list_operation(
    router,
    "/programmes/",
    ProgrammeFilterSet,
    ProgrammeOut,
    name="list_programmes",
    section=SECTION,
    rows=lambda filters: with_figures(filters.qs, filters.user),
    doc="The programmes the caller sees, filtered as on the programme list.",
)


@router.get("/programmes/{programme_id}/", response=ProgrammeDetailOut, url_name="get_programme")
def get_programme(request: AuthedRequest, programme_id: int) -> object:
    require_section(request.user, SECTION)
    return _programme(request.user, programme_id)


@router.post("/programmes/", response={201: ProgrammeDetailOut}, url_name="create_programme")
def create_programme(request: AuthedRequest, payload: ProgrammeIn) -> object:
    require_section(request.user, SECTION)
    values = payload.model_dump()
    area = selectors.programme_areas(user=request.user).filter(pk=values["area"]).first()
    errors: dict[str, Any] = {}
    if area is None:
        errors["area"] = [NOT_FOUND]
    if values["kind"] not in ProgrammeKind.values:
        errors["kind"] = [_("Unknown kind of programme.")]
    if errors:
        raise ValidationError(errors)
    values["area"] = area
    programme = services.programme_create(actor=request.user, **values)
    return 201, _programme(request.user, programme.pk)


@router.get(
    "/programmes/{programme_id}/targets/",
    response=list[RolloutTargetOut],
    url_name="list_programme_targets",
)
@paginate(Pagination)
def list_programme_targets(request: AuthedRequest, programme_id: int) -> object:
    """The programme's targets the caller sees, those out of the set too."""
    require_section(request.user, SECTION)
    programme = selectors.programme_get(user=request.user, pk=programme_id)
    return selectors.targets_of(user=request.user, programme=programme).order_by("area__path", "pk")


@router.post(
    "/programmes/{programme_id}/targets/",
    response={200: list[RolloutTargetOut]},
    url_name="add_programme_targets",
)
def add_programme_targets(request: AuthedRequest, programme_id: int, payload: TargetsIn) -> object:
    """Targets added by list (``offices``) and/or by filter (``under``); answers the targets
    added (none when every one was already in the set)."""
    require_section(request.user, SECTION)
    programme = selectors.programme_get(user=request.user, pk=programme_id)
    values = payload.model_dump()
    errors: dict[str, Any] = {}
    offices = list(selectors.office_choices(programme).filter(pk__in=values["offices"]))
    have = set(programme.targets.values_list("office_id", flat=True))
    if len({o.pk for o in offices} | (set(values["offices"]) & have)) != len(
        set(values["offices"])
    ):
        errors["offices"] = [NOT_FOUND]
    under = None
    if values["under"] is not None:
        under = selectors.target_filter_areas(programme).filter(pk=values["under"]).first()
        if under is None:
            errors["under"] = [NOT_FOUND]
    if any(k not in OfficeKind.values for k in values["office_kinds"]):
        errors["office_kinds"] = [_("Unknown kind of office.")]
    if errors:
        raise ValidationError(errors)
    dates = {"joined_on": values["joined_on"], "due_on": values["due_on"]}
    added = services.targets_add(actor=request.user, programme=programme, offices=offices, **dates)
    if under is not None:
        added += services.targets_add_by_filter(
            actor=request.user,
            programme=programme,
            area=under,
            office_kinds=values["office_kinds"],
            panchayats=values["panchayats"],
            **dates,
        )
    return 200, added


@router.post("/targets/{target_id}/leave/", response=RolloutTargetOut, url_name="remove_target")
def remove_target(request: AuthedRequest, target_id: int, payload: TargetRemoveIn) -> object:
    """The target out of the set from ``left_on``: from that day it is not counted."""
    require_section(request.user, SECTION)
    return act_on(
        request,
        target_id,
        read=selectors.target_get,
        service=services.target_remove,
        subject="target",
        payload=payload,
    )
