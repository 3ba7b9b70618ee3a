"""The API of the register part: equipment (list with the page's filters, one, create,
change, status step, move), categories, makes and models, suppliers. Scoped like the pages:
an asset outside the caller's areas answers 404; writes go through the services."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from ninja import Router

from degs.assets.filters.register import AssetFilterSet
from degs.assets.models import EquipmentModel, ProcurementCase, Supplier
from degs.assets.schemas.register import (
    AssetIn,
    AssetMoveIn,
    AssetOut,
    AssetPatch,
    AssetStepIn,
    CategoryOut,
    EquipmentModelOut,
    SupplierOut,
)
from degs.assets.selectors import register as selectors
from degs.assets.services import register as services
from degs.connectivity.api.references import rows_or_422
from degs.core.api import act_on
from degs.core.filters import list_operation
from degs.core.permissions import require_section
from degs.core.typing import AuthedRequest

router = Router(tags=["assets"])

SECTION = "assets"
NOT_FOUND = _("Not found.")


def _references(request: AuthedRequest, values: dict[str, Any]) -> dict[str, Any]:
    lookups: dict[str, tuple[QuerySet[Any], Any]] = {
        "model": (EquipmentModel.objects.all(), NOT_FOUND),
        "office": (selectors.office_choices(user=request.user), NOT_FOUND),
        "post": (selectors.post_choices(user=request.user), NOT_FOUND),
        "supplier": (Supplier.objects.all(), NOT_FOUND),
        "procurement": (ProcurementCase.objects.visible_to(request.user), NOT_FOUND),
    }
    return rows_or_422(values, lookups)


list_operation(
    router,
    "/equipment/",
    AssetFilterSet,
    AssetOut,
    name="list_assets",
    section=SECTION,
    doc="The equipment the caller sees, filtered as on the register.",
)


@router.get("/equipment/{asset_id}/", response=AssetOut, url_name="get_asset")
def get_asset(request: AuthedRequest, asset_id: int) -> object:
    require_section(request.user, SECTION)
    return selectors.asset_get(user=request.user, pk=asset_id)


@router.post("/equipment/", response={201: AssetOut}, url_name="create_asset")
def create_asset(request: AuthedRequest, payload: AssetIn) -> object:
    """Enter equipment in the register (``assets.manage`` at the office's area)."""
    require_section(request.user, SECTION)
    values = _references(request, payload.model_dump())
    asset = services.asset_add(actor=request.user, **values)
    return 201, selectors.asset_get(user=request.user, pk=asset.pk)


@router.patch("/equipment/{asset_id}/", response=AssetOut, url_name="update_asset")
def update_asset(request: AuthedRequest, asset_id: int, payload: AssetPatch) -> object:
    require_section(request.user, SECTION)
    asset = selectors.asset_get(user=request.user, pk=asset_id)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version")
    for name in ("model", "funding", "serial", "tag", "order_kind", "order_number"):
        if name in values and values[name] is None:
            values.pop(name)
    services.asset_edit(
        actor=request.user, asset=asset, version=version, **_references(request, values)
    )
    return selectors.asset_get(user=request.user, pk=asset_id)


@router.post("/equipment/{asset_id}/status/", response=AssetOut, url_name="step_asset")
def step_asset(request: AuthedRequest, asset_id: int, payload: AssetStepIn) -> object:
    require_section(request.user, SECTION)
    return act_on(
        request,
        asset_id,
        read=selectors.asset_get,
        service=services.asset_step,
        subject="asset",
        payload=payload,
    )


@router.post("/equipment/{asset_id}/move/", response=AssetOut, url_name="move_asset")
def move_asset(request: AuthedRequest, asset_id: int, payload: AssetMoveIn) -> object:
    """Move to another custodian office (both offices in the caller's reach)."""
    require_section(request.user, SECTION)
    values = _references(request, {"office": payload.office, "post": payload.post})
    return act_on(
        request,
        asset_id,
        read=selectors.asset_get,
        service=services.asset_move,
        subject="asset",
        payload=payload,
        **values,
    )


@router.get("/categories/", response=list[CategoryOut], url_name="list_asset_categories")
def list_asset_categories(request: AuthedRequest) -> object:
    """Categories, makes and models and suppliers are state-wide lists."""
    require_section(request.user, SECTION)
    return list(selectors.category_list())


@router.get("/models/", response=list[EquipmentModelOut], url_name="list_equipment_models")
def list_equipment_models(request: AuthedRequest) -> object:
    require_section(request.user, SECTION)
    return list(selectors.model_list())


@router.get("/suppliers/", response=list[SupplierOut], url_name="list_suppliers")
def list_suppliers(request: AuthedRequest) -> object:
    require_section(request.user, SECTION)
    return list(selectors.supplier_list())
