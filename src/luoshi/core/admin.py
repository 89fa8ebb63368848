"""Admin pages for platform data: users, the holiday table, the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.forms import ModelForm
from django.http import HttpRequest

from luoshi.core.holidays import record_change, snapshot
from luoshi.core.models import AuditEntry, HolidayOverride, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("落实", {"fields": ("display_name", "role", "unit")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        ("落实", {"fields": ("display_name", "role", "unit")}),
    )
    list_display = ("username", "display_name", "role", "unit", "is_active", "is_staff")
    list_filter = ("role", "is_active", "is_staff", "is_superuser")
    search_fields = ("username", "display_name", "email", "unit__name")
    list_select_related = ("unit",)


@admin.register(HolidayOverride)
class HolidayOverrideAdmin(admin.ModelAdmin):
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
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log is read-only: it records what happened."""

    list_display = ("created_at", "actor", "action", "object_type", "object_id", "summary")
    list_filter = ("action", "object_type")
    search_fields = ("summary", "reason", "object_id")
    date_hierarchy = "created_at"
    list_select_related = ("actor",)

    def get_readonly_fields(self, request: HttpRequest, obj: AuditEntry | None = None) -> list[str]:
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False
