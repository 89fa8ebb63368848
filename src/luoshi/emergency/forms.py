"""Forms of the emergency pages. The facts fields are built from the plan's own conditions."""

from __future__ import annotations

from typing import Any

from django import forms

from luoshi.core import clock
from luoshi.emergency.facts import FIELDS, FieldSpec
from luoshi.emergency.grading import plan_fields
from luoshi.emergency.levels import COLOUR_NAMES, chinese_level
from luoshi.emergency.playbook import Playbook
from luoshi.emergency.wording import enum_label

_DT = {"type": "datetime-local"}
_TEXT = {"rows": 3}


def fact_fields(playbook: Playbook) -> list[FieldSpec]:
    """The facts the plan's conditions read, in the order of docs/emergency-facts.md."""
    used = plan_fields(playbook)
    return [spec for name, spec in FIELDS.items() if name in used]


def _fact_field(spec: FieldSpec) -> forms.Field:
    label = spec.meaning + (f"({spec.unit})" if spec.unit else "")
    if spec.type == "bool":
        return forms.BooleanField(label=label, required=False, initial=spec.default)
    if spec.type == "int":
        return forms.IntegerField(label=label, required=False, min_value=0, max_value=10**9)
    if spec.type == "num":
        return forms.FloatField(label=label, required=False, min_value=0, max_value=1e12)
    choices = [("", "未填" if None in spec.choices else "—")]
    choices += [(str(c), enum_label(c)) for c in spec.choices if c is not None]
    return forms.ChoiceField(label=label, required=False, choices=choices)


class FactsMixin:
    """Adds one field per fact the plan reads (prefix ``f_``) and reads them back."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def add_fact_fields(self, playbook: Playbook, facts: dict[str, Any] | None = None) -> None:
        self.fact_specs = fact_fields(playbook)
        for spec in self.fact_specs:
            field = _fact_field(spec)
            if facts is not None and spec.name in facts:
                value = facts[spec.name]
                field.initial = "" if value is None else value
            self.fields[f"f_{spec.name}"] = field

    def facts(self) -> dict[str, Any]:
        """The facts entered, leaving out those at their documented default."""
        out: dict[str, Any] = {}
        for spec in self.fact_specs:
            value = self.cleaned_data.get(f"f_{spec.name}")
            if spec.type in ("int", "num"):
                value = 0 if value is None else value
                if spec.type == "num" and float(value).is_integer():
                    value = int(value)
            elif spec.type == "enum":
                value = value or ("none" if "none" in spec.choices else None)
            else:
                value = bool(value)
            if value != spec.default:
                out[spec.name] = value
        return out

    def fact_bound_fields(self) -> list[Any]:
        return [self[f"f_{spec.name}"] for spec in self.fact_specs]  # type: ignore[index]


class IncidentForm(FactsMixin, forms.Form):
    title = forms.CharField(label="事件名称", max_length=200)
    county = forms.CharField(
        label="事发县(市、区)", max_length=32, widget=forms.TextInput(attrs={"list": "counties"})
    )
    place = forms.CharField(label="事发地点", max_length=200)
    occurred_at = forms.DateTimeField(label="事发时间", widget=forms.DateTimeInput(attrs=_DT))
    reporter = forms.CharField(label="报告人及联系方式", max_length=100)
    summary = forms.CharField(label="事件概况", required=False, widget=forms.Textarea(attrs=_TEXT))

    def __init__(self, playbook: Playbook, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["occurred_at"].initial = clock.now().strftime("%Y-%m-%dT%H:%M")
        self.add_fact_fields(playbook)


class FactsForm(FactsMixin, forms.Form):
    reason = forms.CharField(label="信息来源/说明", required=False, max_length=300)

    def __init__(self, playbook: Playbook, facts: dict[str, Any], *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.add_fact_fields(playbook, facts)


class DecisionForm(forms.Form):
    level = forms.ChoiceField(label="响应级别")
    reason = forms.CharField(
        label="理由(与建议不同时必填)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, playbook: Playbook, proposed: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        levels = [*playbook.level_order(), "none"]
        self.fields["level"].choices = [
            (lv, chinese_level(lv) + ("响应" if lv != "none" else "")) for lv in levels
        ]
        self.fields["level"].initial = proposed


class StandDownForm(forms.Form):
    conditions = forms.MultipleChoiceField(
        label="终止条件(逐项确认)", widget=forms.CheckboxSelectMultiple, required=False
    )
    reason = forms.CharField(label="说明", required=False, max_length=300)
    confirmed = forms.BooleanField(
        label="确认终止(措施未全部落实或事实仍显示有人员被困时须勾选)", required=False
    )

    def __init__(self, playbook: Playbook, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        seen: dict[str, str] = {}
        for q in playbook.termination.conditions:
            seen.setdefault(q.ref, f"{q.ref} {q.text}")
        self.fields["conditions"].choices = list(seen.items())


class NoteForm(forms.Form):
    text = forms.CharField(label="值班记录", max_length=500)


class WarningForm(forms.Form):
    level = forms.ChoiceField(label="预警级别")
    area = forms.CharField(label="预警区域", max_length=200)
    geocode = forms.RegexField(
        label="区划代码(GB/T 2260)", regex=r"^\d{6}(\d{3})?$", required=False, max_length=12
    )
    headline = forms.CharField(label="标题", max_length=200)
    description = forms.CharField(label="预警内容", widget=forms.Textarea(attrs=_TEXT))
    instruction = forms.CharField(
        label="防范措施", required=False, widget=forms.Textarea(attrs=_TEXT)
    )
    authority = forms.CharField(label="发布单位", max_length=100)

    def __init__(self, playbook: Playbook, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # no colour preselected: the officer chooses the level the situation calls for
        self.fields["level"].choices = [("", "请选择预警级别"), *warning_choices(playbook)]


class AdjustWarningForm(forms.Form):
    level = forms.ChoiceField(label="调整为")
    reason = forms.CharField(label="调整理由", max_length=300)
    description = forms.CharField(
        label="新的预警内容(可不填)", required=False, widget=forms.Textarea(attrs=_TEXT)
    )

    def __init__(self, playbook: Playbook, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = warning_choices(playbook)


class LiftWarningForm(forms.Form):
    reason = forms.CharField(label="解除理由", max_length=300)


def warning_choices(playbook: Playbook) -> list[tuple[str, str]]:
    if playbook.warnings is None:
        return []
    return [
        (wl.level, f"{COLOUR_NAMES.get(wl.colour, wl.colour)}预警({wl.level}级)")
        for wl in playbook.warnings.levels
    ]
