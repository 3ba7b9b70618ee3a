from django.contrib import admin

from degs.imports.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["filename", "kind", "status", "uploaded_by", "created_at", "imported_at"]
    list_filter = ["kind", "status"]
    exclude = ["content"]
    readonly_fields = [
        "kind",
        "uploaded_by",
        "filename",
        "sha256",
        "status",
        "rows",
        "created",
        "updated",
        "done",
        "failure",
        "imported_at",
    ]
