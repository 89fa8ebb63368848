"""Read-only admin for incidents and warnings: changes go through the named actions (audited)."""

from typing import Any

from django import forms
from django.contrib import admin

from luoshi.core.adminbase import AuditedAdmin, ReadOnlyAdmin, ReadOnlyInline
from luoshi.emergency.models import (
    ChecklistItem,
    DecisionPost,
    EarlyWarning,
    Incident,
    ReportClock,
    TimelineEntry,
    WarningMessage,
)
from luoshi.emergency.playbook import load_playbook, plan_ids


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


@admin.register(DecisionPost)
class DecisionPostAdmin(AuditedAdmin):
    """Who holds which headquarters post per plan: the only people who may decide its levels."""

    list_display = ("plan_id", "post", "user", "note")
    list_filter = ("plan_id", "post")
    search_fields = ("user__username", "user__display_name", "note")
    autocomplete_fields = ("user",)

    def formfield_for_dbfield(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if db_field.name == "plan_id":  # the plans are the playbooks
            choices = [(p, load_playbook(p).title) for p in plan_ids()]
            return forms.ChoiceField(label="预案", choices=choices)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
