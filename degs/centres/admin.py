"""Admin for superusers: configuration (services offered, ID types, checklists, quotas) is
editable here; centres, IDs and inspections change status only through the services, so those
fields are read-only, and events are never edited."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from degs.centres.models import (
    Centre,
    CentreEvent,
    CentreService,
    CentreSet,
    ChecklistItem,
    Draw,
    DrawItem,
    IdType,
    Inspection,
    InspectionPhoto,
    InspectionQuota,
    Operator,
    OperatorId,
)


@admin.register(CentreService)
class CentreServiceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_hi", "rank"]
    search_fields = ["code", "name", "name_hi"]


@admin.register(IdType)
class IdTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_hi", "state", "issuer", "is_active"]
    list_filter = ["is_active"]
    raw_id_fields = ["state"]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ["code", "text", "text_hi", "state", "fault_answer", "rank", "is_active"]
    list_filter = ["is_active", "fault_answer"]
    raw_id_fields = ["state"]


@admin.register(InspectionQuota)
class InspectionQuotaAdmin(SimpleHistoryAdmin):
    list_display = ["post", "count", "period", "area", "is_active"]
    list_filter = ["period", "is_active"]
    raw_id_fields = ["post", "area"]


class OperatorIdInline(admin.TabularInline):
    model = OperatorId
    extra = 0
    readonly_fields = ["status", "decided_on", "version"]


@admin.register(Operator)
class OperatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "name_hi", "mobile", "area", "aadhaar_last4", "is_active"]
    search_fields = ["name", "name_hi", "mobile"]
    raw_id_fields = ["area", "user"]
    readonly_fields = ["aadhaar_last4", "version"]
    exclude = ["aadhaar_hash"]
    inlines = [OperatorIdInline]


@admin.register(Centre)
class CentreAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "area", "premises", "status", "last_inspected_on"]
    list_filter = ["status", "kind", "premises"]
    search_fields = ["code", "name", "name_hi"]
    raw_id_fields = ["area", "operator"]
    readonly_fields = ["status", "status_since", "suspended_until", "last_inspected_on", "version"]
    filter_horizontal = ["services"]


@admin.register(CentreEvent)
class CentreEventAdmin(admin.ModelAdmin):
    list_display = [
        "at",
        "action",
        "centre",
        "operator",
        "from_status",
        "to_status",
        "actor",
    ]
    list_filter = ["action"]
    raw_id_fields = ["centre", "operator", "actor"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DrawItemInline(admin.TabularInline):
    model = DrawItem
    extra = 0
    can_delete = False
    readonly_fields = ["centre", "rank", "weight", "reasons"]


@admin.register(Draw)
class DrawAdmin(admin.ModelAdmin):
    list_display = ["post", "period_start", "period_end", "size", "candidates", "drawn_by"]
    readonly_fields = [f.name for f in Draw._meta.fields]
    inlines = [DrawItemInline]


class PhotoInline(admin.TabularInline):
    model = InspectionPhoto
    extra = 0
    readonly_fields = ["file", "content_type", "size", "width", "height"]


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = ["centre", "visited_on", "inspector", "result", "recommendation", "decision"]
    list_filter = ["result", "recommendation", "decision"]
    raw_id_fields = ["centre", "post", "inspector", "draw_item", "decided_by"]
    # The fine is posted to the ledger when recorded and reversed when waived (the services):
    # changed here, the inspection would no longer agree with its ledger lines.
    readonly_fields = [
        "decision",
        "decided_by",
        "decided_at",
        "fine_amount",
        "fine_waived_at",
        "fine_waived_by",
        "fine_waive_reason",
        "version",
        "client_token",
    ]
    inlines = [PhotoInline]


@admin.register(CentreSet)
class CentreSetAdmin(admin.ModelAdmin):
    list_display = ["name", "area", "kind", "status", "goal", "goal_id_type"]
    raw_id_fields = ["area", "goal_id_type", "created_by"]
