"""The assets app's entries for the jurisdiction tests (tests/scope_registry.py collects
them through the app's ``scope_tests``). Each part keeps its makers and URLs in its own section
below; MAKERS, SCOPED_URLS, NOT_AREA_BOUND and PUBLIC_URLS at the end join them."""

from __future__ import annotations

from typing import Any

from degs.directory.models import Area
from tests.scope_entries import Maker, ScopedURL

# --- part "register" ----------------------------------------------------------


def _register_asset(block: Area, tag: str) -> Any:
    """An asset at a new office of the block, its serial number the tag (its own tag the
    tag in capitals, as tags are)."""
    from degs.assets.models import Asset, Category, EquipmentModel
    from degs.core.scoping import district_path
    from tests.factories import make_office

    category, _made = Category.objects.get_or_create(code="scope", defaults={"name": "Scope"})
    model, _made = EquipmentModel.objects.get_or_create(category=category, make="Scope", name="One")
    office = make_office(block, f"Office {tag}")
    return Asset.objects.create(
        tag=tag.upper(),
        model=model,
        serial=tag,
        office=office,
        area=block,
        district=Area.objects.get(path=district_path(block.path)),
        funding="other",
    )


REGISTER_MAKERS: dict[str, Maker] = {"asset": Maker(_register_asset)}
REGISTER_URLS: list[ScopedURL] = [
    ScopedURL("assets:asset_list", "asset", "list", query="q={tag}"),
    ScopedURL("assets:asset_detail", "asset", "detail"),
    ScopedURL("assets:asset_edit", "asset", "detail", viewer="dc_a"),
    ScopedURL("api:list_assets", "asset", "list", query="q={tag}&limit=100"),
    ScopedURL("api:get_asset", "asset", "detail", kwarg="asset_id"),
]
_ASSET_POST = "POST; the asset read through visible_to (assets/test_register_pages)"
_STATE_LIST = "state-wide master data (categories, makes and models, suppliers): no area"
REGISTER_NOT_AREA_BOUND: dict[str, str] = {
    "assets:asset_create": "the offices offered are the user's own; the service checks",
    "assets:asset_step": _ASSET_POST,
    "assets:asset_move": _ASSET_POST + "; the new office must be the mover's too",
    "assets:asset_labels": "a PDF of the register's filter, read through visible_to "
    "(assets/test_labels)",
    "assets:asset_import": "the user's own uploads; each row checked against the user's areas",
    "assets:asset_import_apply": "the uploader's own batch only",
    "assets:asset_import_progress": "the uploader's own batch only",
    "assets:asset_import_template": "an empty file: the columns only",
    "assets:category_list": _STATE_LIST,
    "assets:category_create": _STATE_LIST,
    "assets:category_edit": _STATE_LIST,
    "assets:model_create": _STATE_LIST,
    "assets:model_edit": _STATE_LIST,
    "assets:supplier_list": _STATE_LIST,
    "assets:supplier_create": _STATE_LIST,
    "assets:supplier_edit": _STATE_LIST,
    "api:create_asset": "the office must be one the caller sees (422 otherwise); service checks",
    "api:update_asset": "PATCH; the asset read through visible_to",
    "api:step_asset": _ASSET_POST,
    "api:move_asset": _ASSET_POST,
    "api:list_asset_categories": _STATE_LIST,
    "api:list_equipment_models": _STATE_LIST,
    "api:list_suppliers": _STATE_LIST,
}
REGISTER_PUBLIC: set[str] = set()


# --- part "verification" ------------------------------------------------------


VERIFICATION_MAKERS: dict[str, Maker] = {"unverified_asset": Maker(_register_asset)}
VERIFICATION_URLS: list[ScopedURL] = [
    ScopedURL("assets:verification_due", "unverified_asset", "list"),
    ScopedURL("assets:verification_create", "unverified_asset", "detail", viewer="dc_a"),
]
VERIFICATION_NOT_AREA_BOUND: dict[str, str] = {
    "assets:verification_photo": "a photo of a verification read through visible_to; "
    "a verification with no photo answers 403 (assets/test_verification)",
    "api:create_verification": "POST; the asset read through visible_to",
}
VERIFICATION_PUBLIC: set[str] = set()


# --- part "tickets" -----------------------------------------------------------


def _priority() -> Any:
    from degs.assets.models import Priority

    priority, _ = Priority.objects.get_or_create(
        code="scope-p",
        defaults={"name": "Scope", "rank": 9, "own_minutes": 60, "resolve_minutes": 120},
    )
    return priority


def _ticket(block: Area, tag: str) -> Any:
    """An open ticket (opened by the system) about a new office of the block."""
    from degs.assets.services.tickets import ticket_open
    from degs.directory.models import Office

    office = Office.objects.create(area=block, name=f"Office TKT-{tag}")
    return ticket_open(actor=None, title=f"Ticket TKT-{tag}", priority=_priority(), office=office)


def _case(block: Area, tag: str) -> Any:
    """An open technical case (the district technical committee's) about a new office."""
    from degs.assets.services.tickets import ticket_open
    from degs.directory.models import Office

    office = Office.objects.create(area=block, name=f"Office CASE-{tag}")
    return ticket_open(
        actor=None,
        title=f"Case CASE-{tag}",
        priority=_priority(),
        office=office,
        kind="technical_case",
    )


TICKETS_MAKERS: dict[str, Maker] = {"ticket": Maker(_ticket), "technical_case": Maker(_case)}
TICKETS_URLS: list[ScopedURL] = [
    ScopedURL("assets:ticket_list", "ticket", "list", query="q=TKT-{tag}"),
    ScopedURL("assets:ticket_detail", "ticket", "detail"),
    ScopedURL("assets:ticket_pending", "technical_case", "list"),
    ScopedURL("assets:ticket_queue", "ticket", "list", viewer="dc_a"),
    ScopedURL("api:list_tickets", "ticket", "list", query="q=TKT-{tag}&limit=100"),
    ScopedURL("api:get_ticket", "ticket", "detail", kwarg="ticket_id"),
    ScopedURL("api:pending_cases", "technical_case", "list"),
]
TICKETS_NOT_AREA_BOUND: dict[str, str] = {
    "assets:ticket_create": "assets, links and offices offered are those the user may report on; service checks",
    "assets:ticket_step": "POST; ticket through visible_to (tests/assets/test_tickets_pages)",
    "api:open_ticket": "POST; asset, link, office through the form's rows; service checks",
    "api:act_on_ticket": "POST; ticket through visible_to",
}
TICKETS_PUBLIC: set[str] = set()


# --- part "schedules" ---------------------------------------------------------


def _schedule(block: Area, tag: str) -> Any:
    """A maintenance schedule for every asset of a new category in the block."""
    import datetime as dt

    from degs.assets.models import Category, Schedule

    category = Category.objects.create(code=f"sch-{tag}".lower()[:30], name=f"Category {tag}")
    return Schedule.objects.create(
        title=f"Schedule SCH-{tag}",
        area=block,
        category=category,
        every_days=90,
        next_due_on=dt.date(2030, 1, 1),
        priority=_priority(),
    )


SCHEDULES_MAKERS: dict[str, Maker] = {"schedule": Maker(_schedule)}
SCHEDULES_URLS: list[ScopedURL] = [
    ScopedURL("assets:schedule_list", "schedule", "list"),
    ScopedURL("assets:schedule_detail", "schedule", "detail"),
    ScopedURL("assets:schedule_edit", "schedule", "detail", viewer="dc_a"),
    ScopedURL("api:list_schedules", "schedule", "list"),
]
SCHEDULES_NOT_AREA_BOUND: dict[str, str] = {
    "assets:schedule_create": "areas and assets offered are those the user manages; service checks",
    "api:create_schedule": "POST; area and asset through the form's rows; service checks",
}
SCHEDULES_PUBLIC: set[str] = set()


# --- part "procurement" -------------------------------------------------------


def _procurement_case(block: Area, tag: str) -> Any:
    """A case held at the block (a district's case in life; the block keeps A1 and A2 apart
    for the BDO), its title the tag."""
    from degs.assets.models import ProcurementCase

    return ProcurementCase.objects.create(
        area=block, title=tag, quantity=1, estimated_paise=40_000_00, route="direct"
    )


PROCUREMENT_MAKERS: dict[str, Maker] = {"procurement_case": Maker(_procurement_case)}
PROCUREMENT_URLS: list[ScopedURL] = [
    ScopedURL("assets:case_list", "procurement_case", "list", query="q={tag}"),
    ScopedURL("assets:case_detail", "procurement_case", "detail"),
    ScopedURL("assets:case_edit", "procurement_case", "detail", viewer="dc_a"),
    ScopedURL("api:list_cases", "procurement_case", "list", query="q={tag}&limit=100"),
    ScopedURL("api:get_case", "procurement_case", "detail", kwarg="case_id"),
]
_CASE_POST = "POST; the case read through visible_to (assets/test_procurement_pages)"
PROCUREMENT_NOT_AREA_BOUND: dict[str, str] = {
    "assets:case_create": "the districts offered are those the user manages; the service checks",
    "assets:case_quote": _CASE_POST,
    "assets:case_quote_remove": _CASE_POST,
    "assets:case_sanction": _CASE_POST,
    "assets:case_order": _CASE_POST,
    "assets:case_deliver": _CASE_POST,
    "assets:case_step": _CASE_POST,
    "api:create_case": "the district must be one the caller manages (422 otherwise)",
    "api:add_quote": _CASE_POST,
    "api:sanction_case": _CASE_POST,
    "api:order_case": _CASE_POST,
    "api:deliver_case": _CASE_POST,
    "api:act_on_case": _CASE_POST,
}
PROCUREMENT_PUBLIC: set[str] = set()


def _unused(block: Area, tag: str) -> Any:  # keeps the shared imports used until parts add makers
    return ScopedURL, Maker


MAKERS: dict[str, Maker] = {
    **REGISTER_MAKERS,
    **VERIFICATION_MAKERS,
    **TICKETS_MAKERS,
    **SCHEDULES_MAKERS,
    **PROCUREMENT_MAKERS,
}
SCOPED_URLS: list[ScopedURL] = [
    *REGISTER_URLS,
    *VERIFICATION_URLS,
    *TICKETS_URLS,
    *SCHEDULES_URLS,
    *PROCUREMENT_URLS,
]
NOT_AREA_BOUND: dict[str, str] = {
    **REGISTER_NOT_AREA_BOUND,
    **VERIFICATION_NOT_AREA_BOUND,
    **TICKETS_NOT_AREA_BOUND,
    **SCHEDULES_NOT_AREA_BOUND,
    **PROCUREMENT_NOT_AREA_BOUND,
}
PUBLIC_URLS: set[str] = set().union(
    REGISTER_PUBLIC, VERIFICATION_PUBLIC, TICKETS_PUBLIC, SCHEDULES_PUBLIC, PROCUREMENT_PUBLIC
)
