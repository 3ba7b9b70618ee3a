"""Admin for superusers: committees and meetings editable; directives' workflow and the
compliance record are read-only here (they change only through the services)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from degs.reviews.models import (
    AddresseePost,
    AgendaItem,
    Attachment,
    Attendance,
    Committee,
    ComplianceUpdate,
    Directive,
    DirectiveEvent,
    Meeting,
    MeetingEvent,
)


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "name_hi", "kind", "area", "chair_post", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "name_hi"]
    raw_id_fields = ["area", "chair_post", "secretary_post"]
    filter_horizontal = ["members"]


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ["post"]


# The shared event columns (core.models.WorkflowEvent), never edited.
EVENT_FIELDS = ["actor", "action", "from_status", "to_status", "remark", "remark_hi", "data", "at"]


class EventInline(admin.TabularInline):
    model = DirectiveEvent
    extra = 0
    can_delete = False
    readonly_fields = EVENT_FIELDS


class MeetingEventInline(admin.TabularInline):
    model = MeetingEvent
    extra = 0
    can_delete = False
    readonly_fields = EVENT_FIELDS


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["committee", "date", "status", "mode", "chair_name"]
    list_filter = ["status", "mode"]
    date_hierarchy = "date"
    raw_id_fields = ["committee", "chair_post", "created_by"]
    readonly_fields = ["status", "version"]
    inlines = [AgendaInline, AttendanceInline, MeetingEventInline]


@admin.register(Directive)
class DirectiveAdmin(admin.ModelAdmin):
    list_display = ["__str__", "lead_post", "due_date", "status", "percent_done"]
    list_filter = ["status", "priority", "recurrence"]
    search_fields = ["text", "text_hi"]
    raw_id_fields = ["meeting", "agenda_item", "lead_post", "supporting_posts", "created_by"]
    readonly_fields = ["status", "version", "reported_on", "finished_at", "percent_done"]
    inlines = [EventInline]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    can_delete = False
    readonly_fields = ["file", "filename", "content_type", "size"]


@admin.register(ComplianceUpdate)
class ComplianceUpdateAdmin(admin.ModelAdmin):
    list_display = ["directive", "post", "author_name", "percent", "created_at"]
    readonly_fields = [
        "directive", "period", "author", "post", "author_name", "percent", "text", "created_at"
    ]  # fmt: skip
    inlines = [AttachmentInline]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(AddresseePost)
class AddresseePostAdmin(SimpleHistoryAdmin):
    """A district's remembered addressees: the post may be corrected or the row deleted; the
    phrase and its key are as the imports wrote them."""

    list_display = ["phrase", "district", "post", "times", "set_by", "updated_at"]
    list_filter = [("district", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["phrase", "key"]
    raw_id_fields = ["post"]
    readonly_fields = ["district", "phrase", "key", "times", "set_by", "created_at", "updated_at"]

    def has_add_permission(self, request: object) -> bool:
        return False  # rows are learnt from imports (services.addressee_remember)
