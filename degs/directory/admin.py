"""Django admin for the directory: for state administrators and superusers."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from degs.directory.models import (
    Area,
    Designation,
    DistrictSetting,
    Holiday,
    Office,
    Post,
    PostHolding,
)


@admin.register(Area)
class AreaAdmin(SimpleHistoryAdmin):
    list_display = ["name", "name_hi", "kind", "lgd_code", "parent", "is_sample", "is_active"]
    list_filter = ["kind", "is_sample", "is_active"]
    search_fields = ["name", "name_hi", "lgd_code"]
    raw_id_fields = ["parent"]
    readonly_fields = ["path", "depth"]

    def has_change_permission(self, request, obj=None):
        # Areas are created and moved through services so their paths stay right.
        return super().has_change_permission(request, obj) and obj is not None

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "parent", "kind"]


@admin.register(Office)
class OfficeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "name_hi", "kind", "area", "pincode", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "name_hi"]
    raw_id_fields = ["area"]


@admin.register(Designation)
class DesignationAdmin(SimpleHistoryAdmin):
    list_display = ["short_name", "name", "name_hi", "level", "default_role", "rank"]
    list_filter = ["level", "default_role"]
    search_fields = ["short_name", "name", "name_hi", "code"]


class PostHoldingInline(admin.TabularInline):
    model = PostHolding
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Post)
class PostAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "designation", "area", "office", "seat", "is_active"]
    list_filter = ["designation", "is_active"]
    search_fields = ["designation__name", "area__name"]
    raw_id_fields = ["area", "office"]
    inlines = [PostHoldingInline]


@admin.register(PostHolding)
class PostHoldingAdmin(SimpleHistoryAdmin):
    list_display = ["post", "user", "start_date", "end_date", "charge"]
    raw_id_fields = ["post", "user"]
    list_filter = ["charge"]


@admin.register(Holiday)
class HolidayAdmin(SimpleHistoryAdmin):
    list_display = ["date", "name", "name_hi", "kind", "area"]
    list_filter = ["kind", "date"]
    raw_id_fields = ["area"]


@admin.register(DistrictSetting)
class DistrictSettingAdmin(SimpleHistoryAdmin):
    list_display = ["district", "inspection_distance_m", "updated_at"]
    raw_id_fields = ["district"]
    exclude = ["version"]
