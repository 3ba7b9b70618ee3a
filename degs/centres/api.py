"""Centres API: the registry, operators and their IDs, quotas, surprise draws and inspections.

Scoped like the pages: lists start from the selectors, rows outside the caller's areas answer
404, writes go through the services as the caller. Inspection photos are not taken here: they
are attached on the inspection page, which re-encodes them without their location data.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Router
from ninja.pagination import paginate

from degs.centres import selectors, services
from degs.centres.filters import (
    CentreFilterSet,
    InspectionFilterSet,
    OperatorFilterSet,
    OperatorIdFilterSet,
)
from degs.centres.models import Centre, CentreService, Draw
from degs.centres.schemas import (
    CentreIn,
    CentreOut,
    CentrePatch,
    CentreRow,
    CentreTransitionIn,
    DecideIn,
    DrawDetailOut,
    DrawOut,
    InspectionIn,
    InspectionOut,
    InspectionRow,
    OperatorIdIn,
    OperatorIdOut,
    OperatorIdUpdateIn,
    OperatorOut,
    OperatorRow,
    QuotaOut,
)
from degs.core.api import Pagination, act_on
from degs.core.filters import list_operation
from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest
from degs.directory.models import Area

router = Router(tags=["centres"])


def _can_see_centres(request: AuthedRequest) -> None:
    """The pages' rule for the centre lists (``roles.SECTIONS``)."""
    require_section(request.user, "centres")


def _references(request: AuthedRequest, values: dict[str, Any]) -> dict[str, Any]:
    """Turn the ids and codes sent for ``area``, ``operator`` and ``services`` into rows.

    What may be named is what the centre form offers: active areas and active operators the
    caller sees. Any other id answers 422 naming the field, the same for rows that do not exist
    and rows outside the caller's areas.
    """
    errors: dict[str, Any] = {}
    if "area" in values:
        area = (
            Area.objects.visible_to(request.user).filter(pk=values["area"], is_active=True).first()
            if values["area"] is not None
            else None
        )
        if area is None:
            errors["area"] = _("Unknown area.")
        values["area"] = area
    if values.get("operator") is not None:
        operator = (
            selectors.operator_list(user=request.user)
            .filter(pk=values["operator"], is_active=True)
            .first()
        )
        if operator is None:
            errors["operator"] = _("Unknown operator.")
        values["operator"] = operator
    if values.get("services") is not None:
        codes = list(dict.fromkeys(values["services"]))
        found = {s.code: s for s in CentreService.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            errors["services"] = _("Unknown services: %(codes)s") % {"codes": ", ".join(unknown)}
        values["services"] = [found[code] for code in codes if code in found]
    if errors:
        raise ValidationError(errors)
    return values


# --- centres -----------------------------------------------------------------------------------


list_operation(
    router, "/centres/", CentreFilterSet, CentreRow, name="list_centres", section="centres"
)


@router.get("/centres/{centre_id}/", response=CentreOut)
def get_centre(request: AuthedRequest, centre_id: int) -> object:
    return selectors.centre_get(user=request.user, pk=centre_id)


@router.post("/centres/", response={201: CentreOut})
def create_centre(request: AuthedRequest, payload: CentreIn) -> object:
    values = _references(request, payload.model_dump())
    centre = services.centre_create(
        actor=request.user,
        **values,
    )
    return 201, selectors.centre_get(user=request.user, pk=centre.pk)


@router.patch("/centres/{centre_id}/", response=CentreOut)
def update_centre(request: AuthedRequest, centre_id: int, payload: CentrePatch) -> object:
    centre = selectors.centre_get(user=request.user, pk=centre_id)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version")
    values = _references(request, values)
    services.centre_update(
        actor=request.user,
        centre=centre,
        version=version,
        **values,
    )
    return selectors.centre_get(user=request.user, pk=centre_id)


@router.post("/centres/{centre_id}/transition/", response=CentreOut)
def transition_centre(
    request: AuthedRequest, centre_id: int, payload: CentreTransitionIn
) -> object:
    return act_on(
        request,
        centre_id,
        read=selectors.centre_get,
        service=services.centre_transition,
        subject="centre",
        payload=payload,
        effective_on=payload.effective_on or timezone.localdate(),
    )


# --- operators and their IDs -------------------------------------------------------------------


list_operation(
    router, "/operators/", OperatorFilterSet, OperatorRow, name="list_operators", section="centres"
)


@router.get("/operators/{operator_id}/", response=OperatorOut)
def get_operator(request: AuthedRequest, operator_id: int) -> object:
    return selectors.operator_get(user=request.user, pk=operator_id)


list_operation(
    router,
    "/operator-ids/",
    OperatorIdFilterSet,
    OperatorIdOut,
    name="list_operator_ids",
    section="centres",
)


@router.post("/operators/{operator_id}/ids/", response={201: OperatorIdOut})
def create_operator_id(request: AuthedRequest, operator_id: int, payload: OperatorIdIn) -> object:
    operator = selectors.operator_get(user=request.user, pk=operator_id)
    id_type = selectors.id_types_for(area=operator.area).filter(code=payload.id_type).first()
    if id_type is None:
        raise ValidationError({"id_type": _("Unknown ID type.")})
    record = services.operator_id_record(
        actor=request.user,
        operator=operator,
        id_type=id_type,
        **payload.model_dump(exclude={"id_type"}),
    )
    return 201, selectors.operator_id_get(user=request.user, pk=record.pk)


@router.post("/operator-ids/{record_id}/", response=OperatorIdOut)
def update_operator_id(
    request: AuthedRequest, record_id: int, payload: OperatorIdUpdateIn
) -> object:
    return act_on(
        request,
        record_id,
        read=selectors.operator_id_get,
        service=services.operator_id_update,
        subject="record",
        payload=payload,
        status=payload.status.value,
    )


# --- quotas and surprise draws -----------------------------------------------------------------


@router.get("/quotas/", response=list[QuotaOut])
@paginate(Pagination)
def list_quotas(request: AuthedRequest, mine: bool = False) -> object:
    """This period's progress of every quota the caller sees (``mine``: posts they hold)."""
    _can_see_centres(request)
    return selectors.quota_progress(user=request.user, mine=mine)


@router.get("/draws/", response=list[DrawOut])
@paginate(Pagination)
def list_draws(request: AuthedRequest) -> object:
    _can_see_centres(request)
    return selectors.draw_list(user=request.user)


def _draw_detail(request: AuthedRequest, pk: int) -> Draw:
    draw = selectors.draw_get(user=request.user, pk=pk)
    items = selectors.draw_items(draw=draw)
    draw.drawn_items = items  # type: ignore[attr-defined]
    draw.done = sum(1 for item in items if item.inspections.all())  # type: ignore[attr-defined]
    return draw


@router.get("/draws/{draw_id}/", response=DrawDetailOut)
def get_draw(request: AuthedRequest, draw_id: int) -> object:
    return _draw_detail(request, draw_id)


@router.post("/quotas/{quota_id}/draw/", response={200: DrawDetailOut, 201: DrawDetailOut})
def create_draw(request: AuthedRequest, quota_id: int) -> object:
    """Draw this period's list: 201 when drawn now, 200 with the same list when already drawn."""
    quota = selectors.quota_get(user=request.user, pk=quota_id)
    draw, created = services.draw_create(actor=request.user, quota=quota)
    return (201 if created else 200), _draw_detail(request, draw.pk)


# --- inspections -------------------------------------------------------------------------------


list_operation(
    router,
    "/inspections/",
    InspectionFilterSet,
    InspectionRow,
    name="list_inspections",
    section="centres",
    rows=lambda f: f.qs.select_related("post__area"),
)


@router.get("/inspections/{inspection_id}/", response=InspectionOut)
def get_inspection(request: AuthedRequest, inspection_id: int) -> object:
    return selectors.inspection_get(user=request.user, pk=inspection_id)


@router.post("/inspections/", response={200: InspectionOut, 201: InspectionOut})
def create_inspection(request: AuthedRequest, payload: InspectionIn) -> object:
    """Record a visit: 201 when recorded now, 200 with the same inspection for a known token."""
    centre: Centre | None = (
        selectors.centre_list(user=request.user).filter(pk=payload.centre).first()
    )
    if centre is None:
        raise ValidationError({"centre": _("Unknown centre.")})
    inspection, created = services.inspection_record(
        actor=request.user,
        centre=centre,
        client_token=payload.client_token,
        finding=services.Finding(
            answers=payload.answers,
            result=payload.result,
            recommendation=payload.recommendation,
            remarks=payload.remarks,
            fine_amount=payload.fine_amount,
            suspension_days=payload.suspension_days,
        ),
        visited_on=payload.visited_on,
        latitude=payload.latitude,
        longitude=payload.longitude,
        accuracy_m=payload.accuracy_m,
    )
    return (201 if created else 200), selectors.inspection_get(user=request.user, pk=inspection.pk)


@router.post("/inspections/{inspection_id}/decide/", response=InspectionOut)
def decide_inspection(request: AuthedRequest, inspection_id: int, payload: DecideIn) -> object:
    return act_on(
        request,
        inspection_id,
        read=selectors.inspection_get,
        service=services.inspection_decide,
        subject="inspection",
        payload=payload,
    )
