"""Admin pages for platform data: users, the holiday table, the audit log."""

from __future__ import annotations

from typing import Any

from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.forms import ModelForm
from django.http import HttpRequest

from luoshi.core.adminbase import AuditedAdmin, ReadOnlyAdmin
from luoshi.core.holidays import record_change, snapshot
from luoshi.core.models import AuditEntry, HolidayOverride, User


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):  # type: ignore[misc]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("落实", {"fields": ("display_name", "role", "unit", "phone")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        ("落实", {"fields": ("display_name", "role", "unit", "phone")}),
    )
    list_display = ("username", "display_name", "role", "unit", "is_active", "is_staff")
    list_filter = ("role", "is_active", "is_staff", "is_superuser")
    search_fields = ("username", "display_name", "email", "unit__name")
    list_select_related = ("unit",)


@admin.register(HolidayOverride)
class HolidayOverrideAdmin(AuditedAdmin):
    list_display = ("day", "is_working_day", "note", "origin")
    list_filter = ("origin", "is_working_day")
    search_fields = ("note",)
    date_hierarchy = "day"
    readonly_fields = ("origin",)
    ordering = ("-day",)

    def save_model(
        self, request: HttpRequest, obj: HolidayOverride, form: ModelForm[Any], change: bool
    ) -> None:
        before = None
        if change and obj.pk is not None:
            previous = HolidayOverride.objects.filter(pk=obj.pk).first()
            before = snapshot(previous) if previous is not None else None
        obj.origin = HolidayOverride.Origin.ADMIN  # an edited day is the admin's ruling
        super().save_model(request, obj, form, change)
        actor = request.user if isinstance(request.user, User) else None
        record_change(obj, before, actor=actor, reason="后台修改")


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """The audit log is read-only: it records what happened."""

    list_display = ("created_at", "actor", "action", "object_type", "object_id", "summary")
    list_filter = ("action", "object_type")
    search_fields = ("summary", "reason", "object_id")
    date_hierarchy = "created_at"
    list_select_related = ("actor",)


# Roles live on User.role; groups are not used. The login-throttling records (django-axes) stay,
# audited: deleting a lockout unlocks an account.
admin.site.unregister(Group)
for _model, _base in [
    (AccessAttempt, axes_admin.AccessAttemptAdmin),
    (AccessLog, axes_admin.AccessLogAdmin),
    (AccessFailureLog, axes_admin.AccessFailureLogAdmin),
]:
    admin.site.unregister(_model)
    admin.site.register(_model, type(_base.__name__, (AuditedAdmin, _base), {}))
