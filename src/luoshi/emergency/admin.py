"""Read-only admin for incidents and warnings: changes go through the named actions (audited)."""

from django.contrib import admin

from luoshi.core.adminbase import ReadOnlyAdmin, ReadOnlyInline
from luoshi.emergency.models import (
    ChecklistItem,
    EarlyWarning,
    Incident,
    ReportClock,
    TimelineEntry,
    WarningMessage,
)


class TimelineInline(ReadOnlyInline):
    model = TimelineEntry
    fields = ("at", "kind", "summary", "ref", "actor")


class ClockInline(ReadOnlyInline):
    model = ReportClock
    fields = ("name", "phase", "within_text", "starts_at", "due_at", "filed_at")


class ChecklistInline(ReadOnlyInline):
    model = ChecklistItem
    fields = ("level", "ref", "text", "done_at", "done_by")


@admin.register(Incident)
class IncidentAdmin(ReadOnlyAdmin):
    list_display = ("number", "title", "plan_id", "state", "level", "proposed_level", "occurred_at")
    list_filter = ("plan_id", "state", "level")
    search_fields = ("number", "title", "place")
    readonly_fields = [f.name for f in Incident._meta.fields]
    inlines = [ClockInline, ChecklistInline, TimelineInline]


class MessageInline(ReadOnlyInline):
    model = WarningMessage
    fields = ("seq", "msg_type", "identifier", "level", "colour", "sent_at", "reason")


@admin.register(EarlyWarning)
class EarlyWarningAdmin(ReadOnlyAdmin):
    list_display = ("number", "headline", "plan_id", "level", "colour", "state", "issued_at")
    list_filter = ("plan_id", "state", "colour")
    readonly_fields = [f.name for f in EarlyWarning._meta.fields]
    inlines = [MessageInline]
