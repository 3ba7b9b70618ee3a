"""Reads of the register part: assets, their history, the master lists (categories, makes and
models, suppliers) and the choices of the forms. Every read of an asset starts from what the
user may see (``visible_to``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404

from degs.assets.models import (
    Asset,
    AssetEvent,
    Category,
    EquipmentModel,
    Supplier,
    Verification,
)
from degs.directory.choices import AreaKind
from degs.directory.models import Area, Office, Post

ASSET_RELATED = ("model", "model__category", "office", "office__area", "area", "post")


def verified_in(year: int) -> Exists:
    return Exists(Verification.objects.filter(asset=OuterRef("pk"), year=year))


def asset_list(*, user: Any) -> QuerySet[Asset]:
    """The assets the user sees, with what a row shows."""
    return Asset.objects.visible_to(user).select_related(*ASSET_RELATED)


def asset_get(*, user: Any, pk: Any) -> Asset:
    """One asset the user sees (404 outside their areas, as if it did not exist)."""
    return get_object_or_404(
        asset_list(user=user).select_related("supplier", "procurement", "district"), pk=pk
    )


def asset_events(*, asset: Asset, limit: int = 50) -> list[AssetEvent]:
    return list(AssetEvent.objects.filter(asset=asset).select_related("actor")[:limit])


def asset_verifications(*, asset: Asset) -> list[Verification]:
    return list(Verification.objects.filter(asset=asset).select_related("verified_by"))


def offices_named(pks: set[int]) -> dict[int, Office]:
    """Offices by id, for a history that names them by id (a move's event)."""
    return {o.pk: o for o in Office.objects.filter(pk__in=pks).select_related("area")}


def office_choices(*, user: Any) -> QuerySet[Office]:
    """Offices an asset may be kept at: active, in the user's areas."""
    return Office.objects.visible_to(user).filter(is_active=True).select_related("area")


def post_choices(*, user: Any) -> QuerySet[Post]:
    return (
        Post.objects.visible_to(user)
        .filter(is_active=True, office__isnull=False)
        .select_related("designation", "area", "office")
    )


def filter_areas(*, user: Any) -> QuerySet[Area]:
    """The areas a register may be narrowed to: the user's districts and blocks."""
    return Area.objects.visible_to(user).filter(kind__in=(AreaKind.DISTRICT, AreaKind.BLOCK))


def category_list() -> QuerySet[Category]:
    """Categories, models and suppliers are state-wide: everyone in the section reads them."""
    return Category.objects.annotate(model_count=Count("models"))


def model_list() -> QuerySet[EquipmentModel]:
    return EquipmentModel.objects.select_related("category")


def supplier_list() -> QuerySet[Supplier]:
    return Supplier.objects.all()


def status_counts(*, user: Any, area: Area | None = None) -> dict[str, int]:
    """How many assets of each status the user sees (under ``area`` when given)."""
    rows = Asset.objects.visible_to(user)
    if area is not None:
        rows = rows.filter(area__in=Area.objects.under(area.path).values("pk"))
    return dict(rows.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
