"""The rollouts tables in Django's admin: read-mostly. Programmes (with their history) and
milestones may be corrected here; targets, steps and every event are written by the services
(the step per milestone and target, the events) and only shown."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from degs.rollouts.models import Milestone, Programme, ProgrammeEvent, Target, TargetEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by the app's services: shown, never edited here."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ("order", "name", "name_hi", "weight", "evidence", "planned_on")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a new milestone needs its steps: the programme's page adds it

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "kind", "area", "status", "starts_on", "due_on")
    list_filter = ("kind", "status")
    search_fields = ("name", "name_hi", "code")
    raw_id_fields = ("area", "created_by")
    readonly_fields = ("status", "version", "created_by")
    inlines = [MilestoneInline]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # drawn up on the pages (services.programmes.programme_create)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ("programme", "order", "name", "weight", "evidence", "planned_on")
    search_fields = ("name", "name_hi", "programme__name")
    readonly_fields = ("programme", "order")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Target)
class TargetAdmin(ReadOnlyAdmin):
    list_display = ("programme", "office", "area", "joined_on", "left_on", "due_on", "done_on")
    list_filter = ("left_because",)
    search_fields = ("office__name", "area__name", "programme__name")
    raw_id_fields = ("programme", "office", "area")


@admin.register(TargetEvent)
class TargetEventAdmin(ReadOnlyAdmin):
    list_display = ("target", "action", "from_status", "to_status", "actor", "at")
    list_filter = ("action",)
    raw_id_fields = ("target", "actor")


@admin.register(ProgrammeEvent)
class ProgrammeEventAdmin(ReadOnlyAdmin):
    list_display = ("programme", "action", "from_status", "to_status", "actor", "at")
    list_filter = ("action",)
    raw_id_fields = ("programme", "actor")
