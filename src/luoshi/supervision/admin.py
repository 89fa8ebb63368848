"""Admin: the ledger rows are read-only here (they change only through the named actions);
SMS contacts are edited here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from luoshi.supervision.models import (
    Accountability,
    Contact,
    Notification,
    Report,
    ReportingPeriod,
    Task,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ("no", "title", "document", "state", "due", "next_due", "percent")
    list_filter = ("state", "not_applicable")
    search_fields = ("title", "text", "ref")


@admin.register(ReportingPeriod)
class PeriodAdmin(ReadOnlyAdmin):
    list_display = ("task", "label", "due", "covered")


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ("task", "period", "unit", "role", "state", "percent", "version")
    list_filter = ("state", "role")


@admin.register(Accountability)
class AccountabilityAdmin(ReadOnlyAdmin):
    list_display = ("task", "unit", "kind", "measure", "recorded_at")


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("recipient", "kind", "title", "created_at", "read_at")


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("user", "mobile", "sms_enabled")
