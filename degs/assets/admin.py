"""The assets app's admin."""

# --- procurement: cases, quotes and events are written by services/procurement.py only ----------

from typing import Any as _Any

from django.contrib import admin as _admin
from django.http import HttpRequest as _HttpRequest

from degs.assets.models import CaseEvent, ProcurementCase, Quote


class _ProcurementReadOnly(_admin.ModelAdmin):
    """Shown, never edited here: the route, the quotes rule and the register's assets are the
    procurement services' to keep."""

    def has_add_permission(self, request: _HttpRequest, obj: _Any = None) -> bool:
        return False

    def has_change_permission(self, request: _HttpRequest, obj: _Any = None) -> bool:
        return False

    def has_delete_permission(self, request: _HttpRequest, obj: _Any = None) -> bool:
        return False


class QuoteInline(_admin.TabularInline):
    model = Quote
    extra = 0
    can_delete = False

    def has_add_permission(self, request: _HttpRequest, obj: _Any = None) -> bool:
        return False

    def has_change_permission(self, request: _HttpRequest, obj: _Any = None) -> bool:
        return False


@_admin.register(ProcurementCase)
class ProcurementCaseAdmin(_ProcurementReadOnly):
    list_display = ("title", "area", "route", "status", "estimated_paise", "order_paise")
    list_filter = ("status", "route")
    search_fields = ("title", "order_number", "sanction_number")
    list_select_related = ("area",)
    raw_id_fields = ("area", "supplier", "category", "created_by")
    inlines = (QuoteInline,)


@_admin.register(Quote)
class QuoteAdmin(_ProcurementReadOnly):
    list_display = ("case", "seller", "make", "amount_paise")
    list_select_related = ("case",)
    raw_id_fields = ("case",)


@_admin.register(CaseEvent)
class CaseEventAdmin(_ProcurementReadOnly):
    list_display = ("case", "action", "from_status", "to_status", "actor", "at")
    list_select_related = ("case", "actor")
    raw_id_fields = ("case",)


# --- register and verification: master data editable (with history), the register's rows and
# events read-only (the services are their only writers: tags, moves, steps, verifications) ---

from simple_history.admin import SimpleHistoryAdmin as _SimpleHistoryAdmin  # noqa: E402

from degs.assets.models import (  # noqa: E402
    Asset,
    AssetEvent,
    Category,
    EquipmentModel,
    Priority,
    Schedule,
    Supplier,
    Ticket,
    TicketEvent,
    Verification,
)


@_admin.register(Category)
class CategoryAdmin(_SimpleHistoryAdmin):
    list_display = ("code", "name", "name_hi")
    search_fields = ("code", "name", "name_hi")


@_admin.register(EquipmentModel)
class EquipmentModelAdmin(_admin.ModelAdmin):
    list_display = ("make", "name", "category")
    list_filter = ("category",)
    search_fields = ("make", "name")


@_admin.register(Supplier)
class SupplierAdmin(_SimpleHistoryAdmin):
    list_display = ("name", "gstin", "phone", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "gstin")


@_admin.register(Asset)
class AssetAdmin(_ProcurementReadOnly):
    list_display = ("tag", "model", "office", "status", "funding")
    list_filter = ("status", "funding", "model__category")
    search_fields = ("tag", "serial", "order_number")
    list_select_related = ("model", "office")
    raw_id_fields = ("model", "office", "post", "area", "district", "supplier", "procurement")


@_admin.register(AssetEvent)
class AssetEventAdmin(_ProcurementReadOnly):
    list_display = ("asset", "action", "from_status", "to_status", "actor", "at")
    list_filter = ("action",)
    raw_id_fields = ("asset", "actor")


@_admin.register(Verification)
class VerificationAdmin(_ProcurementReadOnly):
    list_display = ("asset", "year", "verified_on", "condition", "verified_by")
    list_filter = ("year", "condition")
    raw_id_fields = ("asset", "verified_by")


# --- tickets and schedules (the tickets part may refine these) -----------------------------------


@_admin.register(Priority)
class PriorityAdmin(_admin.ModelAdmin):
    list_display = ("code", "name", "rank", "own_minutes", "resolve_minutes", "clock")


@_admin.register(Schedule)
class ScheduleAdmin(_ProcurementReadOnly):
    list_display = ("title", "area", "next_due_on", "every_days", "is_active")
    raw_id_fields = ("area", "asset", "category", "priority", "vendor")


@_admin.register(Ticket)
class TicketAdmin(_ProcurementReadOnly):
    list_display = ("pk", "title", "kind", "status", "priority", "opened_at")
    list_filter = ("status", "kind")
    raw_id_fields = ("asset", "link", "office", "area", "priority", "opened_by", "owner")


@_admin.register(TicketEvent)
class TicketEventAdmin(_ProcurementReadOnly):
    list_display = ("ticket", "action", "from_status", "to_status", "actor", "at")
    raw_id_fields = ("ticket", "actor")
