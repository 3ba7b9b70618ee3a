"""Writes of the register part: equipment categories, makes and models, suppliers (state-wide
master data), assets with their tags, edits, status steps (``workflow.ASSETS``) and moves
between offices.

A tag left empty is the next free ``<DISTRICT>-<CATEGORY>-NNNN`` (``next_tags``): the district
code is the first three letters of the district's English name in capitals (Jamtara: JAM), the
category code its own code in capitals (``vc-kit``: VC-KIT). Numbers count up per prefix from
the highest one used; the district's area row is locked while tags are given out, so two people
adding at once get different numbers (the tag's unique constraint is the last guard)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from degs.assets import workflow
from degs.assets.choices import AssetStatus
from degs.assets.models import (
    Asset,
    AssetEvent,
    Category,
    EquipmentModel,
    ProcurementCase,
    Supplier,
)
from degs.core.exceptions import PermissionDenied
from degs.core.permissions import require_capability, user_can
from degs.core.scoping import jurisdiction_of
from degs.core.text import clean_text
from degs.core.workflow import check_version, lock, record_change, record_events, transition
from degs.directory.models import Area, Office, Post
from degs.directory.selectors import district_of

MANAGE = workflow.MANAGE

TAG_DIGITS = 4
DUPLICATE_TAG = _("Another asset already has this tag.")
DUPLICATE_SERIAL = _("Another asset of this make and model already has this serial number.")
# How many assets one call may add (a delivery of a large order comes in several).
MOST_AT_ONCE = 1000

ASSET_FIELDS = frozenset(
    {
        "model",
        "serial",
        "post",
        "funding",
        "supplier",
        "order_kind",
        "order_number",
        "purchased_on",
        "warranty_until",
        "amc_until",
        "cost_paise",
        "procurement",
        "tag",
    }
)

# --- GSTIN --------------------------------------------------------------------------------------

GSTIN_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
GSTIN_MISMATCH = _("This GSTIN's last character does not match the others: check it.")


def gstin_check_character(first14: str) -> str:
    """The 15th character of a GSTIN from its first fourteen: the GSTN's published mod-36
    check (as for a Luhn mod-N code): each character's value (0-9, A-Z = 10-35) is multiplied
    by 1 or 2 alternately from the left; each product adds its quotient and remainder by 36;
    the check character's value is (36 - sum mod 36) mod 36."""
    total = 0
    for index, char in enumerate(first14.upper()):
        product = GSTIN_CHARS.index(char) * (1 if index % 2 == 0 else 2)
        total += product // 36 + product % 36
    return GSTIN_CHARS[(36 - total % 36) % 36]


def gstin_is_valid(gstin: str) -> bool:
    gstin = gstin.upper()
    if not re.fullmatch(r"[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]", gstin):
        return False
    return gstin_check_character(gstin[:14]) == gstin[14]


# --- tags -------------------------------------------------------------------------------------


def district_code(district: Area) -> str:
    """The first three letters of the district's English name in capitals (Jamtara: JAM)."""
    letters = re.sub(r"[^A-Za-z]", "", district.name).upper()
    return (letters[:3] or "DST").ljust(3, "X")


def category_code(category: Category) -> str:
    """The category's code in capitals, hyphens kept (``vc-kit``: VC-KIT)."""
    code = re.sub(r"[^A-Z0-9-]", "", category.code.upper().replace("_", "-")).strip("-")
    return code or "EQ"


def tag_prefix(district: Area, category: Category) -> str:
    return f"{district_code(district)}-{category_code(category)}-"


def next_tags(district: Area, category: Category, count: int = 1) -> list[str]:
    """The next ``count`` free tags of ``category`` in ``district``: after the highest number
    any tag with this prefix has. Call with the district's row locked."""
    prefix = tag_prefix(district, category)
    pattern = re.compile(re.escape(prefix) + r"(\d+)$")
    highest = 0
    for tag in Asset.objects.filter(tag__startswith=prefix).values_list("tag", flat=True):
        found = pattern.match(tag)
        if found:
            highest = max(highest, int(found.group(1)))
    return [
        f"{prefix}{number:0{TAG_DIGITS}d}" for number in range(highest + 1, highest + 1 + count)
    ]


def office_district(area: Area) -> Area:
    """The district above (or at) an office's ``area``; refused for an office in no district."""
    district = district_of(area)
    if district is None:
        raise ValidationError({"office": _("This office is not in a district.")})
    return district


def _lock_district(district: Area) -> None:
    """Lock the district's area row: tags of the district are given out one caller at a time."""
    list(Area.objects.select_for_update().filter(pk=district.pk).values_list("pk", flat=True))


# --- assets -----------------------------------------------------------------------------------


def _check_asset(asset: Asset) -> None:
    """Every field's error at once."""
    errors: dict[str, list[Any]] = {}
    try:
        asset.full_clean(
            exclude=["area", "district", "office", "model", "supplier", "procurement", "post"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        errors.update({k: list(v) for k, v in error.message_dict.items()})
    if asset.cost_paise is not None and asset.cost_paise < 0:
        errors.setdefault("cost_paise", []).append(_("A cost cannot be below zero."))
    if asset.purchased_on and asset.warranty_until and asset.warranty_until < asset.purchased_on:
        errors.setdefault("warranty_until", []).append(
            _("The warranty cannot end before the purchase.")
        )
    if asset.purchased_on and asset.purchased_on > timezone.localdate() + dt.timedelta(days=1):
        errors.setdefault("purchased_on", []).append(_("A purchase cannot be in the future."))
    if (
        asset.post_id
        and asset.post is not None
        and asset.post.office_id
        not in (
            None,
            asset.office_id,
        )
    ):
        errors.setdefault("post", []).append(_("Choose a post of the custodian office."))
    if (
        asset.serial
        and Asset.objects.filter(model_id=asset.model_id, serial=asset.serial)
        .exclude(pk=asset.pk)
        .exists()
    ):
        errors.setdefault("serial", []).append(DUPLICATE_SERIAL)
    if asset.tag and Asset.objects.filter(tag=asset.tag).exclude(pk=asset.pk).exists():
        errors.setdefault("tag", []).append(DUPLICATE_TAG)
    if errors:
        raise ValidationError(errors)


def _saved(write: Any) -> Any:
    try:
        with transaction.atomic():
            return write()
    except IntegrityError as error:  # a tag or serial saved a moment ago by someone else
        text = str(error).lower()
        if "serial" in text:
            raise ValidationError({"serial": [DUPLICATE_SERIAL]}) from error
        raise ValidationError({"tag": [DUPLICATE_TAG]}) from error


def asset_add(
    *,
    actor: Any,
    model: EquipmentModel,
    office: Office,
    post: Post | None = None,
    serial: str = "",
    funding: str,
    supplier: Supplier | None = None,
    order_kind: str = "",
    order_number: str = "",
    purchased_on: dt.date | None = None,
    warranty_until: dt.date | None = None,
    amc_until: dt.date | None = None,
    cost_paise: int | None = None,
    procurement: ProcurementCase | None = None,
    status: str = AssetStatus.IN_STORE,
    tag: str = "",
) -> Asset:
    """Enter one asset in the register, at ``office`` (its area and district follow), with a
    tag (the next free one when ``tag`` is empty). ``actor`` holds ``assets.manage`` at the
    office's area (None: the system). Records an event "register"."""
    return assets_add_many(
        actor=actor,
        count=1,
        model=model,
        office=office,
        post=post,
        serials=[serial],
        funding=funding,
        supplier=supplier,
        order_kind=order_kind,
        order_number=order_number,
        purchased_on=purchased_on,
        warranty_until=warranty_until,
        amc_until=amc_until,
        cost_paise=cost_paise,
        procurement=procurement,
        status=status,
        tags=[tag],
    )[0]


@transaction.atomic
def assets_add_many(
    *,
    actor: Any,
    count: int,
    model: EquipmentModel,
    office: Office,
    post: Post | None = None,
    serial: str = "",
    serials: Iterable[str] | None = None,
    funding: str,
    supplier: Supplier | None = None,
    order_kind: str = "",
    order_number: str = "",
    purchased_on: dt.date | None = None,
    warranty_until: dt.date | None = None,
    amc_until: dt.date | None = None,
    cost_paise: int | None = None,
    procurement: ProcurementCase | None = None,
    status: str = AssetStatus.IN_STORE,
    tag: str = "",
    tags: Iterable[str] | None = None,
) -> list[Asset]:
    """``count`` alike assets (a delivery), the same keywords as :func:`asset_add` (each at
    ``cost_paise``). ``serials`` / ``tags`` give one per asset where known (empty: none, or the
    next free tag). Bulk-inserted with one "register" event each."""
    if count < 1 or count > MOST_AT_ONCE:
        raise ValidationError(
            {"count": [_("Add between 1 and %(most)s assets at once.") % {"most": MOST_AT_ONCE}]}
        )
    if actor is not None:
        require_capability(actor, MANAGE, office.area)
    serial_list = [clean_text(s or "") for s in (serials if serials is not None else [serial])]
    serial_list = (serial_list + [""] * count)[:count]
    if serials is None and count > 1:
        serial_list = [""] * count
    tag_list = [clean_text(t or "").upper() for t in (tags if tags is not None else [tag])]
    tag_list = (tag_list + [""] * count)[:count]
    if status not in AssetStatus.values:
        raise ValidationError({"status": [_("Choose a status from the list.")]})
    given_serials = [s for s in serial_list if s]
    if len(set(given_serials)) != len(given_serials):
        raise ValidationError({"serial": [_("The same serial number is given twice.")]})
    district = office_district(office.area)
    _lock_district(district)
    free = iter(next_tags(district, model.category, sum(1 for t in tag_list if not t)))
    assets = []
    for one_serial, one_tag in zip(serial_list, tag_list, strict=True):
        asset = Asset(
            tag=one_tag or next(free),
            model=model,
            serial=one_serial,
            office=office,
            post=post,
            area=office.area,
            district=district,
            funding=funding,
            supplier=supplier,
            order_kind=order_kind or "",
            order_number=clean_text(order_number or ""),
            procurement=procurement,
            purchased_on=purchased_on,
            warranty_until=warranty_until,
            amc_until=amc_until,
            cost_paise=cost_paise,
            status=status,
        )
        _check_asset(asset)
        assets.append(asset)
    if count == 1:
        assets[0]._history_user = actor  # type: ignore[attr-defined]
        _saved(assets[0].save)
    else:
        assets = _saved(lambda: Asset.objects.bulk_create(assets))
    record_events(
        AssetEvent,
        (
            {
                "subject": asset,
                "actor": actor,
                "action": "register",
                "to_status": asset.status,
                "data": {"office": office.pk, "tag": asset.tag},
            }
            for asset in assets
        ),
    )
    return assets


def _asset_values(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - ASSET_FIELDS
    if unknown:
        raise ValidationError(_("These fields cannot be set here."))
    cleaned = {k: clean_text(v) if isinstance(v, str) else v for k, v in values.items()}
    for key in ("serial", "order_number", "order_kind"):
        if key in cleaned and cleaned[key] is None:
            cleaned[key] = ""
    if "tag" in cleaned:
        cleaned["tag"] = str(cleaned["tag"] or "").upper()
    return cleaned


@transaction.atomic
def asset_edit(*, actor: Any, asset: Asset, version: int | None, **values: Any) -> Asset:
    """Change an asset's particulars (not its office: :func:`asset_move`; not its status:
    :func:`asset_step`), checked against the version the user saw; recorded with the fields it
    touched. An empty tag keeps the tag it has."""
    flow = workflow.ASSETS
    locked: Asset = lock(flow, asset)
    if actor is not None:
        require_capability(actor, MANAGE, locked.area)
    check_version(flow, locked, version)
    values = _asset_values(values)
    if not values.get("tag", locked.tag):
        values.pop("tag", None)
    changed = []
    for key, value in values.items():
        if getattr(locked, key) != value:
            changed.append(key)
            setattr(locked, key, value)
    if not changed:
        return locked
    _check_asset(locked)
    locked.version += 1
    locked._history_user = actor  # type: ignore[attr-defined]
    _saved(locked.save)
    record_change(flow, locked, actor=actor, action="changed", data={"fields": sorted(changed)})
    return locked


def asset_step(
    *, actor: Any, asset: Asset, action: str, version: int | None, remark: str = ""
) -> Asset:
    """A status button of an asset (``workflow.ASSETS``): issue, take back into store, send
    for repair, repaired, condemn and dispose of (with a remark)."""

    def apply(row: Asset, step: Any) -> list[str]:
        row._history_user = actor  # type: ignore[attr-defined]
        return []

    changed: Asset = transition(
        workflow.ASSETS, asset, action, actor=actor, version=version, remark=remark, apply=apply
    )
    return changed


MOVABLE = (AssetStatus.IN_STORE, AssetStatus.ISSUED, AssetStatus.UNDER_REPAIR)


@transaction.atomic
def asset_move(
    *,
    actor: Any,
    asset: Asset,
    office: Office,
    post: Post | None = None,
    version: int | None,
    remark: str = "",
) -> Asset:
    """Move an asset to another custodian office (and post): both offices within the mover's
    reach (``assets.manage`` at each). The asset's area and district follow the new office;
    an event "move" records ``{from_office, to_office}``."""
    flow = workflow.ASSETS
    locked: Asset = lock(flow, asset)
    if actor is not None:
        require_capability(actor, MANAGE, locked.area)
        require_capability(
            actor,
            MANAGE,
            office.area,
            _("You may not move equipment to an office outside your area."),
        )
    check_version(flow, locked, version)
    if locked.status not in MOVABLE:
        raise ValidationError(
            {
                "office": [
                    _("An asset that is “%(status)s” cannot be moved.")
                    % {"status": locked.get_status_display()}
                ]
            }
        )
    if office.pk == locked.office_id and (post.pk if post else None) == locked.post_id:
        raise ValidationError({"office": [_("The asset is already there.")]})
    if post is not None and post.office_id not in (None, office.pk):
        raise ValidationError({"post": [_("Choose a post of the custodian office.")]})
    before_office = locked.office_id
    before_post = locked.post_id
    locked.office = office
    locked.post = post
    locked.area = office.area
    locked.district = office_district(office.area)
    locked.version += 1
    locked._history_user = actor  # type: ignore[attr-defined]
    locked.save(update_fields=["office", "post", "area", "district", "version", "updated_at"])
    record_change(
        flow,
        locked,
        actor=actor,
        action="move",
        remark=clean_text(remark),
        data={
            "from_office": before_office,
            "to_office": office.pk,
            "from_post": before_post,
            "to_post": post.pk if post else None,
        },
    )
    return locked


# --- master data: categories, makes and models, suppliers ----------------------------------------


def may_manage_master(user: Any) -> bool:
    """Categories, models and suppliers are the state's lists, kept by those holding
    ``assets.manage`` anywhere (a district's DIO adds the model it bought) or superusers."""
    if user is None:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_superuser", False):
        return True
    jurisdiction = jurisdiction_of(user)
    areas = Area.objects.filter(path__in=jurisdiction.paths) if jurisdiction.paths else []
    return jurisdiction.everywhere or any(user_can(user, MANAGE, area) for area in areas)


def _require_master(actor: Any) -> None:
    if not may_manage_master(actor):
        raise PermissionDenied(_("Only those who manage equipment change these lists."))


def _save_checked(obj: Any, actor: Any, fields: dict[str, Any]) -> Any:
    for key, value in fields.items():
        setattr(obj, key, clean_text(value) if isinstance(value, str) else value)
    obj.full_clean()
    if hasattr(obj, "history"):
        obj._history_user = actor
    obj.save()
    return obj


CATEGORY_FIELDS = frozenset({"code", "name", "name_hi"})
MODEL_FIELDS = frozenset({"category", "make", "name"})
SUPPLIER_FIELDS = frozenset({"name", "gstin", "phone", "email", "address", "is_active"})


def _only(values: dict[str, Any], allowed: frozenset[str]) -> dict[str, Any]:
    if set(values) - allowed:
        raise ValidationError(_("These fields cannot be set here."))
    return values


@transaction.atomic
def category_save(*, actor: Any, category: Category | None = None, **values: Any) -> Category:
    """Add (``category=None``) or change an equipment category. Its code is lower-case."""
    _require_master(actor)
    values = _only(values, CATEGORY_FIELDS)
    if "code" in values:
        values["code"] = str(values["code"]).strip().lower()
    row = Category.objects.select_for_update().get(pk=category.pk) if category else Category()
    return _save_checked(row, actor, values)


@transaction.atomic
def equipment_model_save(
    *, actor: Any, equipment_model: EquipmentModel | None = None, **values: Any
) -> EquipmentModel:
    """Add or change a make and model."""
    _require_master(actor)
    values = _only(values, MODEL_FIELDS)
    row = (
        EquipmentModel.objects.select_for_update().get(pk=equipment_model.pk)
        if equipment_model
        else EquipmentModel()
    )
    return _save_checked(row, actor, values)


@transaction.atomic
def supplier_save(*, actor: Any, supplier: Supplier | None = None, **values: Any) -> Supplier:
    """Add or change a supplier; a GSTIN must pass its check character."""
    _require_master(actor)
    values = _only(values, SUPPLIER_FIELDS)
    if "gstin" in values:
        values["gstin"] = str(values["gstin"] or "").strip().upper()
        gstin = values["gstin"]
        if gstin:
            try:
                Supplier._meta.get_field("gstin").run_validators(gstin)
            except ValidationError as error:
                raise ValidationError({"gstin": error.messages}) from error
            if not gstin_is_valid(gstin):
                raise ValidationError({"gstin": [GSTIN_MISMATCH]})
    row = Supplier.objects.select_for_update().get(pk=supplier.pk) if supplier else Supplier()
    return _save_checked(row, actor, values)
