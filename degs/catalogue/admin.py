"""Admin for superusers: services are listed with their versions; a version is neither added
nor changed here (a change is a new version, published through ``services.service_publish``,
which checks it whole and cleans its certificate templates)."""

from django.contrib import admin

from degs.catalogue.models import Service, ServiceVersion


class VersionInline(admin.TabularInline):
    model = ServiceVersion
    extra = 0
    can_delete = False
    fields = ["number", "time_limit_days", "designated_post", "note", "created_by", "created_at"]
    readonly_fields = ["number", "time_limit_days", "designated_post", "note", "created_by"]
    readonly_fields += ["created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_hi", "area", "department", "is_active", "is_demo"]
    list_filter = ["is_active", "is_demo"]
    search_fields = ["code", "name", "name_hi"]
    raw_id_fields = ["area"]
    readonly_fields = ["current"]
    inlines = [VersionInline]


@admin.register(ServiceVersion)
class ServiceVersionAdmin(admin.ModelAdmin):
    list_display = ["service", "number", "time_limit_days", "designated_post", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
