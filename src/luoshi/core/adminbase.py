"""Base classes every admin page uses, so that no admin write escapes the audit log.

An admin is either read-only (its rows change only through the apps' named actions) or audited:
each addition, change (inline rows and password changes included) and deletion it makes leaves an
audit entry naming the admin user, with the changed fields' values before and after.
tests/security/test_admin.py checks that every registered admin is one of the two.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import ModelForm
from django.http import HttpRequest

from luoshi.core import audit


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Shows rows; adds, changes and deletes nothing."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):  # type: ignore[type-arg]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


VERBS = {"add": "新增", "change": "修改", "delete": "删除"}


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (list, tuple, set, models.QuerySet)):
        return [_plain(item) for item in value]
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Every write through this admin is recorded as ``admin.add|change|delete``."""

    def save_model(
        self, request: HttpRequest, obj: Any, form: ModelForm[Any], change: bool
    ) -> None:
        changed = form.changed_data if form is not None else []
        fields = [name for name in changed if "password" not in name]
        obj._audit_values = (
            {name: _plain(form.initial.get(name)) for name in fields} if change else None,
            {name: _plain(form.cleaned_data.get(name)) for name in fields},
        )
        super().save_model(request, obj, form, change)

    def _record(self, request: HttpRequest, verb: str, obj: Any, message: Any) -> None:
        before, after = getattr(obj, "_audit_values", (None, None))
        audit.record(
            f"admin.{verb}",
            obj,
            actor=request.user,  # type: ignore[arg-type]
            summary=f"后台{VERBS[verb]} {obj}",
            reason=str(message or ""),
            before=before,
            after=after,
        )

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        self._record(request, "add", obj, message)
        return super().log_addition(request, obj, message)

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        self._record(request, "change", obj, message)
        return super().log_change(request, obj, message)

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        for obj in queryset:
            self._record(request, "delete", obj, "")
        return super().log_deletions(request, queryset)
