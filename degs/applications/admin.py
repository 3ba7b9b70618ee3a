"""Admin of applications: read-only. Applications change only through the workflow (the pages
and the API), so that every change is a version-checked event."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from degs.applications.models import (
    Application,
    ApplicationDocument,
    ApplicationEvent,
    Certificate,
    LedgerEntry,
)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    can_delete = False
    readonly_fields = [
        "kind",
        "action",
        "from_status",
        "to_status",
        "remark",
        "actor",
        "post",
        "at",
    ]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnly):
    list_display = ["number", "service", "centre", "state", "due_date", "assigned_post"]
    list_filter = ["state", "service"]
    raw_id_fields = ["centre", "area", "district", "block", "assigned_post", "filed_by"]
    exclude = ["aadhaar_hash"]
    inlines = [EventInline]


@admin.register(Certificate)
class CertificateAdmin(ReadOnly):
    list_display = ["number", "issued_on", "valid_until", "revoked_at"]
    search_fields = ["number"]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnly):
    list_display = [
        "application",
        "inspection",
        "centre",
        "posted_on",
        "account",
        "party",
        "amount_paise",
        "reversal",
    ]
    list_filter = ["account", "reversal"]


@admin.register(ApplicationDocument)
class DocumentAdmin(ReadOnly):
    list_display = ["application", "code", "content_type", "size", "uploaded_at"]
