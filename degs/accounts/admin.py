from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from degs.accounts.models import ApiToken, Notice, RoleGrant, User


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    fk_name = "user"
    extra = 0
    raw_id_fields = ["area"]
    exclude = ["granted_by"]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    list_display = ["username", "full_name", "full_name_hi", "mobile", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "full_name_hi", "mobile", "email"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        (_("DeGS"), {"fields": ("full_name", "full_name_hi", "mobile", "language")}),
    )
    inlines = [RoleGrantInline]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "user",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    readonly_fields = ["prefix", "last_used_at", "revoked_at"]
    raw_id_fields = ["user"]

    def has_add_permission(self, request):
        return False  # tokens are created on the profile page, where the secret is shown once


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["user", "key", "created_at", "read_at", "emailed_at"]
    search_fields = ["user__username", "key"]
    readonly_fields = ["user", "key", "text", "text_hi", "url", "created_at", "emailed_at"]
