from django.contrib import admin

from luoshi.core.adminbase import AuditedAdmin, ReadOnlyAdmin, ReadOnlyInline
from luoshi.express.models import Attachment, Card, Escalation, Notification, Project, Step


class StepInline(ReadOnlyInline):
    model = Step
    readonly_fields = [f.name for f in Step._meta.fields]


@admin.register(Card)
class CardAdmin(ReadOnlyAdmin):
    """Read-only: cards change only through the workflow's named actions (audited)."""

    list_display = ["number", "project_name", "state", "track", "responsible_unit", "step_due_at"]
    list_filter = ["state", "track", "category"]
    search_fields = ["number", "project_name", "builder"]
    inlines = [StepInline]


@admin.register(Project)
class ProjectAdmin(AuditedAdmin):
    list_display = ["name", "builder", "county"]
    search_fields = ["name", "builder"]


# Attachments, escalations and notifications are written by the workflow's actions alone.
admin.site.register([Attachment, Escalation, Notification], ReadOnlyAdmin)
