from django.contrib import admin

from luoshi.express.models import Attachment, Card, Escalation, Notification, Project, Step


class StepInline(admin.TabularInline):
    model = Step
    extra = 0
    can_delete = False
    readonly_fields = [f.name for f in Step._meta.fields]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Card)
class CardAdmin(admin.ModelAdmin):
    """Read-only: cards change only through the workflow's named actions (audited)."""

    list_display = ["number", "project_name", "state", "track", "responsible_unit", "step_due_at"]
    list_filter = ["state", "track", "category"]
    search_fields = ["number", "project_name", "builder"]
    inlines = [StepInline]

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        return [f.name for f in Card._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "builder", "county"]
    search_fields = ["name", "builder"]


admin.site.register([Attachment, Escalation, Notification])
