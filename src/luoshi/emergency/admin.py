"""Read-mostly admin for incidents and warnings: changes go through the named actions."""

from django.contrib import admin

from luoshi.emergency.models import (
    ChecklistItem,
    EarlyWarning,
    Incident,
    ReportClock,
    TimelineEntry,
    WarningMessage,
)


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TimelineInline(_ReadOnlyInline):
    model = TimelineEntry
    fields = ("at", "kind", "summary", "ref", "actor")


class ClockInline(_ReadOnlyInline):
    model = ReportClock
    fields = ("name", "phase", "within_text", "starts_at", "due_at", "filed_at")


class ChecklistInline(_ReadOnlyInline):
    model = ChecklistItem
    fields = ("level", "ref", "text", "done_at", "done_by")


@admin.register(Incident)
class IncidentAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "plan_id", "state", "level", "proposed_level", "occurred_at")
    list_filter = ("plan_id", "state", "level")
    search_fields = ("number", "title", "place")
    readonly_fields = [f.name for f in Incident._meta.fields]
    inlines = [ClockInline, ChecklistInline, TimelineInline]

    def has_add_permission(self, request):
        return False


class MessageInline(_ReadOnlyInline):
    model = WarningMessage
    fields = ("seq", "msg_type", "identifier", "level", "colour", "sent_at", "reason")


@admin.register(EarlyWarning)
class EarlyWarningAdmin(admin.ModelAdmin):
    list_display = ("number", "headline", "plan_id", "level", "colour", "state", "issued_at")
    list_filter = ("plan_id", "state", "colour")
    readonly_fields = [f.name for f in EarlyWarning._meta.fields]
    inlines = [MessageInline]

    def has_add_permission(self, request):
        return False
