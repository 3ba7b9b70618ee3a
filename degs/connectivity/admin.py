"""The connectivity tables in Django's admin: master data editable (with history), the
workflow rows and measurements read-only, as their services are the only writers."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from degs.connectivity.models import (
    IpPhone,
    Link,
    LinkEvent,
    MaintenanceWindow,
    NetworkTarget,
    Outage,
    OutageEvent,
    Provider,
    ProviderContact,
    Sla,
    SpeedTest,
    VcRoom,
    VcTest,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by the app's services (status through the workflow, measurements
    from probes): shown, never edited here."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ProviderContactInline(admin.TabularInline):
    model = ProviderContact
    extra = 0
    raw_id_fields = ("area", "user")


@admin.register(Provider)
class ProviderAdmin(SimpleHistoryAdmin):
    list_display = ("name", "name_hi", "code", "network", "is_active")
    list_filter = ("network", "is_active")
    search_fields = ("name", "name_hi", "code")
    inlines = [ProviderContactInline]


@admin.register(Sla)
class SlaAdmin(SimpleHistoryAdmin):
    list_display = (
        "name",
        "provider",
        "target_uptime",
        "clock",
        "respond_minutes",
        "restore_minutes",
    )
    list_filter = ("provider", "clock")
    search_fields = ("name", "name_hi")


@admin.register(Link)
class LinkAdmin(SimpleHistoryAdmin):
    list_display = ("circuit_id", "provider", "kind", "area", "office", "status", "committed_kbps")
    list_filter = ("provider", "kind", "status")
    search_fields = ("circuit_id", "office__name", "area__name")
    raw_id_fields = ("area", "office", "sla")
    # The status moves only through the workflow (its event row): not edited here.
    readonly_fields = ("status", "status_since", "last_heartbeat_at", "probe_token_hint", "version")


@admin.register(LinkEvent)
class LinkEventAdmin(ReadOnlyAdmin):
    list_display = ("link", "action", "from_status", "to_status", "actor", "at")
    list_select_related = ("link", "actor")
    raw_id_fields = ("link",)


@admin.register(MaintenanceWindow)
class MaintenanceWindowAdmin(admin.ModelAdmin):
    list_display = ("provider", "area", "link", "starts_at", "ends_at", "reason")
    raw_id_fields = ("area", "link", "created_by")


@admin.register(Outage)
class OutageAdmin(ReadOnlyAdmin):
    list_display = ("link", "started_at", "status", "cause", "detected_by", "escalation_level")
    list_filter = ("status", "cause", "detected_by")
    list_select_related = ("link", "link__provider")
    search_fields = ("link__circuit_id",)


@admin.register(OutageEvent)
class OutageEventAdmin(ReadOnlyAdmin):
    list_display = ("outage", "action", "from_status", "to_status", "actor", "at")
    list_select_related = ("outage__link", "actor")


@admin.register(SpeedTest)
class SpeedTestAdmin(ReadOnlyAdmin):
    list_display = ("link", "at", "down_kbps", "up_kbps", "latency_ms", "source")
    list_select_related = ("link",)


@admin.register(VcRoom)
class VcRoomAdmin(SimpleHistoryAdmin):
    list_display = ("name", "office", "link", "is_active")
    search_fields = ("name", "name_hi", "office__name")
    raw_id_fields = ("office", "link")


@admin.register(VcTest)
class VcTestAdmin(ReadOnlyAdmin):
    list_display = ("room", "at", "audio_ok", "video_ok", "sharing_ok", "tested_by")
    list_select_related = ("room", "tested_by")


@admin.register(IpPhone)
class IpPhoneAdmin(SimpleHistoryAdmin):
    list_display = ("extension", "office", "post", "is_registered", "last_registered_at")
    list_filter = ("is_registered", "is_active")
    search_fields = ("extension", "office__name", "place")
    raw_id_fields = ("office", "post")
    readonly_fields = ("is_registered", "last_registered_at")


@admin.register(NetworkTarget)
class NetworkTargetAdmin(admin.ModelAdmin):
    list_display = ("name", "area", "what", "office_kind", "due_date")
    raw_id_fields = ("area",)
