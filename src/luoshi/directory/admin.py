"""Admin for the org directory: units with their aliases, people, and the queue of
names waiting to be mapped (待确认名称)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.db.models import QuerySet
from django.http import HttpRequest

from luoshi.core.adminbase import AuditedAdmin
from luoshi.directory.merging import MergeError, merge_units
from luoshi.directory.models import Person, Unit, UnitAlias, UnresolvedName
from luoshi.directory.services import map_unresolved


class MergeIntoForm(ActionForm):
    unit = forms.ModelChoiceField(label="保留单位", queryset=Unit.objects.all(), required=False)


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    extra = 1


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ["name", "kind", "parent", "alias_list"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__alias"]
    inlines = [UnitAliasInline]
    autocomplete_fields = ["parent"]
    action_form = MergeIntoForm
    actions = ["merge_into"]

    @admin.action(description="合并到保留单位(别名、人员、事项一并转移)")
    def merge_into(self, request: HttpRequest, queryset: QuerySet[Unit]) -> None:
        unit_id = request.POST.get("unit", "")
        kept = Unit.objects.filter(pk=unit_id).first() if unit_id.isdigit() else None
        if kept is None:
            self.message_user(request, "请先在操作栏选择保留单位。", messages.WARNING)
            return
        merged = []
        for absorbed in queryset.exclude(pk=kept.pk):
            try:
                merge_units(kept, absorbed, actor=request.user, reason="管理后台合并单位")  # type: ignore[arg-type]
            except MergeError as error:
                self.message_user(request, f"{absorbed.name}: {error}", messages.WARNING)
                continue
            merged.append(absorbed.name)
        if merged:
            self.message_user(request, f"已将「{'」「'.join(merged)}」合并到「{kept.name}」。")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Unit]:
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="别名")
    def alias_list(self, obj: Unit) -> str:
        return "、".join(alias.alias for alias in obj.aliases.all())


@admin.register(UnitAlias)
class UnitAliasAdmin(AuditedAdmin):
    list_display = ["alias", "unit"]
    search_fields = ["alias", "unit__name"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ["name", "title", "unit", "role", "section"]
    list_filter = ["role"]
    search_fields = ["name", "title", "unit__name", "section"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]


class MapToUnitForm(ActionForm):
    unit = forms.ModelChoiceField(label="对应单位", queryset=Unit.objects.all(), required=False)


class PendingFilter(admin.SimpleListFilter):
    title = "处理状态"
    parameter_name = "pending"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("yes", "待处理"), ("no", "已对应")]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[UnresolvedName]
    ) -> QuerySet[UnresolvedName]:
        if self.value() == "yes":
            return queryset.filter(resolved_unit__isnull=True)
        if self.value() == "no":
            return queryset.filter(resolved_unit__isnull=False)
        return queryset


@admin.register(UnresolvedName)
class UnresolvedNameAdmin(AuditedAdmin):
    list_display = ["raw_name", "kind", "context", "resolved_unit"]
    list_filter = [PendingFilter, "kind"]
    search_fields = ["raw_name", "context"]
    # mapped only through the action, which writes the alias and re-assigns stored tasks
    readonly_fields = ["resolved_unit"]
    action_form = MapToUnitForm
    actions = ["map_to_unit"]

    @admin.action(description="对应到所选单位(单位名称将作为别名)")
    def map_to_unit(self, request: HttpRequest, queryset: QuerySet[UnresolvedName]) -> None:
        unit_id = request.POST.get("unit", "")
        unit = Unit.objects.filter(pk=unit_id).first() if unit_id.isdigit() else None
        if unit is None:
            self.message_user(request, "请先在操作栏选择对应单位。", messages.WARNING)
            return
        for entry in queryset:
            map_unresolved(entry, unit, actor=request.user)  # type: ignore[arg-type]
        self.message_user(request, f"已将 {queryset.count()} 个名称对应到「{unit.name}」。")
