"""Admin: the ledger rows are read-only here (they change only through the named actions);
SMS contacts are edited here."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from luoshi.core.adminbase import ReadOnlyAdmin
from luoshi.core.errors import DomainError
from luoshi.supervision.models import (
    Accountability,
    Notification,
    Report,
    ReportingPeriod,
    Task,
)
from luoshi.supervision.services.anchoring import anchor_due_event


class EventDayForm(ActionForm):
    event_day = forms.DateField(
        label="事件日期", required=False, widget=forms.DateInput({"type": "date"})
    )


class EventDueFilter(admin.SimpleListFilter):
    title = "事件起算时限"
    parameter_name = "event_due"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("open", "待确定事件日期"), ("anchored", "已确定事件日期")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Task]) -> QuerySet[Task]:
        with_event = queryset.exclude(due_event={})
        if self.value() == "open":
            return with_event.filter(due__isnull=True)
        if self.value() == "anchored":
            return with_event.filter(due__isnull=False)
        return queryset


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ("no", "title", "document", "due_text", "due", "state", "percent")
    list_filter = ("state", "not_applicable", EventDueFilter)
    search_fields = ("title", "text", "ref")
    action_form = EventDayForm
    actions = ["anchor_event"]

    @admin.action(description="确定事件日期(按事件起算时限重算完成时限)")
    def anchor_event(self, request: HttpRequest, queryset: QuerySet[Task]) -> None:
        try:
            day = dt.date.fromisoformat(request.POST.get("event_day", ""))
        except ValueError:
            self.message_user(request, "请先在操作栏填写事件日期。", messages.WARNING)
            return
        done, refused = 0, []
        for task in queryset:
            try:
                anchor_due_event(request.user, task, day, reason="管理后台确定事件日期")  # type: ignore[arg-type]
                done += 1
            except (DomainError, PermissionDenied) as error:
                refused.append(f"{task}: {error}")
        if done:
            self.message_user(request, f"已为 {done} 项事项确定事件日期并重算完成时限。")
        for line in refused:
            self.message_user(request, line, messages.WARNING)


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
