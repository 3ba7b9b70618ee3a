"""The indicators tables in Django's admin: the catalogue (elements, indicators) and targets
editable with history; values read-only but for their comment (a value changes through
``services.values`` so its version, event and figures follow); the maintained figures and
their queue read-only (``services.figures`` keeps them)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from degs.indicators.models import (
    DataElement,
    DataValue,
    DataValueEvent,
    Figure,
    FigureQueue,
    Indicator,
    Target,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by the app's services: shown, never edited here."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DataElement)
class DataElementAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "domain", "source", "entry_level", "period_type", "is_active")
    list_filter = ("domain", "source", "entry_level", "period_type", "is_active")
    search_fields = ("code", "name", "name_hi")
    raw_id_fields = ("reported_by",)


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "domain", "numerator", "denominator", "factor", "is_active")
    list_filter = ("domain", "is_active", "on_dashboard")
    search_fields = ("code", "name", "name_hi")


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ("indicator", "area", "period_type", "period_start", "value", "version")
    list_filter = ("period_type",)
    raw_id_fields = ("indicator", "area", "set_by")
    readonly_fields = ("version", "set_by")


@admin.register(DataValue)
class DataValueAdmin(admin.ModelAdmin):
    """A value's comment may be corrected here; its number only through the services."""

    list_display = ("element", "area", "period_type", "period_start", "category", "value", "origin")
    list_filter = ("origin", "period_type", "is_demo")
    search_fields = ("element__code", "area__name")
    list_select_related = ("element", "area")
    readonly_fields = (
        "element",
        "area",
        "district",
        "period_type",
        "period_start",
        "category",
        "value",
        "origin",
        "is_demo",
        "version",
        "entered_by",
        "entered_at",
        "meeting",
    )

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DataValueEvent)
class DataValueEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "action", "element", "area", "period_start", "actor")
    list_select_related = ("element", "area", "actor")


@admin.register(Figure)
class FigureAdmin(ReadOnlyAdmin):
    list_display = ("indicator", "area", "period_type", "period_start", "value", "target")
    list_filter = ("period_type", "kind", "is_demo")
    list_select_related = ("indicator", "area")


@admin.register(FigureQueue)
class FigureQueueAdmin(ReadOnlyAdmin):
    list_display = ("district", "element", "period_type", "period_start", "queued_at")
    list_select_related = ("district", "element")
