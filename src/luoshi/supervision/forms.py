"""Forms of the ledger pages (validation only; the actions live in ``services``)."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from luoshi.core.widgets import QuickSelect
from luoshi.directory.models import Unit
from luoshi.gazette.models import Document
from luoshi.supervision.models import Accountability, Task
from luoshi.supervision.queries import SORTS, LedgerFilter
from luoshi.supervision.status import Status

DATE_WIDGET = forms.DateInput(attrs={"type": "date"})
SORT_LABELS = {
    "due": "截止日期↑", "-due": "截止日期↓", "no": "文件顺序", "document": "文号",
    "percent": "进度↑", "-percent": "进度↓", "updated": "最近更新",
}  # fmt: skip


def _names(text: str) -> list[str]:
    return [n for n in re.split(r"[,,、;;\s]+", text or "") if n]


class LedgerFilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        Unit.objects.all(), label="责任单位", required=False, widget=QuickSelect
    )
    leader = forms.CharField(label="分管领导", required=False, max_length=32)
    document = forms.ModelChoiceField(
        Document.objects.filter(number__isnull=False),
        label="来源文件",
        required=False,
        widget=QuickSelect,
    )
    status = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部")] + [(s.value, s.label) for s in Status]
    )
    due_from = forms.DateField(label="截止自", required=False, widget=DATE_WIDGET)
    due_to = forms.DateField(label="截止至", required=False, widget=DATE_WIDGET)
    q = forms.CharField(label="关键词", required=False, max_length=100)
    sort = forms.ChoiceField(
        label="排序", required=False, choices=[(k, SORT_LABELS[k]) for k in SORTS]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].label_from_instance = lambda d: d.number or d.title[:30]

    def to_filter(self) -> LedgerFilter:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        unit = data.get("unit")
        document = data.get("document")
        return LedgerFilter(
            unit=unit.pk if unit else None,
            leader=(data.get("leader") or "").strip(),
            document=document.pk if document else None,
            status=Status(data["status"]) if data.get("status") else None,
            due_from=data.get("due_from"),
            due_to=data.get("due_to"),
            q=(data.get("q") or "").strip(),
            sort=data.get("sort") or "due",
        )


class ReportForm(forms.Form):
    narrative = forms.CharField(
        label="工作进展", widget=forms.Textarea(attrs={"rows": 6}), required=False, max_length=20000
    )
    percent = forms.IntegerField(label="完成进度(%)", min_value=0, max_value=100, initial=0)
    close_requested = forms.BooleanField(label="已全部完成,申请销号", required=False)
    evidence = forms.FileField(label="佐证材料", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, targets: list[dict[str, Any]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.targets = targets or []
        for i, target in enumerate(self.targets):
            label = f"{target.get('metric', '指标')}(目标 {target.get('value')}{target.get('unit', '')})"
            self.fields[f"target_{i}"] = forms.FloatField(label=label, required=False)

    def target_values(self) -> list[dict[str, Any]]:
        values = []
        for i, target in enumerate(self.targets):
            value = self.cleaned_data.get(f"target_{i}")
            if value is not None:
                values.append(
                    {
                        "metric": target.get("metric", ""),
                        "value": value,
                        "unit": target.get("unit", ""),
                    }
                )
        return values

    def target_fields(self) -> list[forms.BoundField]:
        return [self[f"target_{i}"] for i in range(len(self.targets))]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "审核通过"), ("return", "退回")])
    comment = forms.CharField(
        label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TaskEditForm(forms.Form):
    title = forms.CharField(label="事项", max_length=255)
    text = forms.CharField(label="任务内容", widget=forms.Textarea(attrs={"rows": 5}))
    province_task = forms.CharField(
        label="省级任务", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    lead_units = forms.ModelMultipleChoiceField(
        Unit.objects.all(), label="牵头单位", required=False
    )
    co_units = forms.ModelMultipleChoiceField(Unit.objects.all(), label="配合单位", required=False)
    responsible_leaders = forms.CharField(label="责任领导(顿号分隔)", required=False)
    leaders_in_charge = forms.CharField(label="分管领导(顿号分隔)", required=False)
    due = forms.DateField(label="完成时限", required=False, widget=DATE_WIDGET)
    due_text = forms.CharField(label="时限原文", required=False, max_length=128)
    ongoing = forms.BooleanField(label="长期坚持", required=False)
    reason = forms.CharField(label="修改理由", required=False, max_length=500)

    @classmethod
    def for_task(cls, task: Task, data: Any = None) -> TaskEditForm:
        initial = {
            "title": task.title, "text": task.text, "province_task": task.province_task,
            "lead_units": task.lead_units(), "co_units": task.co_units(),
            "responsible_leaders": "、".join(task.responsible_leaders),
            "leaders_in_charge": "、".join(task.leaders_in_charge),
            "due": task.due, "due_text": task.due_text, "ongoing": task.ongoing,
        }  # fmt: skip
        return cls(data, initial=initial)

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"], "text": data["text"], "province_task": data["province_task"],
            "responsible_leaders": _names(data["responsible_leaders"]),
            "leaders_in_charge": _names(data["leaders_in_charge"]),
            "due": data["due"], "due_text": data["due_text"], "ongoing": data["ongoing"],
        }  # fmt: skip


class SplitForm(forms.Form):
    parts = forms.CharField(
        label="拆分后的任务(每行一项)", widget=forms.Textarea(attrs={"rows": 6}), max_length=20000
    )
    reason = forms.CharField(label="理由", required=False, max_length=500)

    def lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["parts"].splitlines() if line.strip()]


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", required=False, max_length=500)


class AccountabilityForm(forms.Form):
    unit = forms.ModelChoiceField(Unit.objects.none(), label="被问责单位")
    kind = forms.ChoiceField(label="类型", choices=Accountability.Kind.choices)
    measure = forms.CharField(label="问责方式", required=False, max_length=64)
    description = forms.CharField(label="事由", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, task: Task, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(assignments__task=task)


class PeriodForm(forms.Form):
    label = forms.CharField(label="周期", max_length=64)
    due = forms.DateField(label="报送截止", widget=DATE_WIDGET)


class ImportForm(forms.Form):
    sheet = forms.FileField(label="进展表(xlsx)")
