"""Forms of the 直通车 pages: filing a card, and one form per workflow action."""

from __future__ import annotations

from django import forms

from luoshi.core.models import User
from luoshi.core.roles import Role
from luoshi.directory.models import Unit
from luoshi.express import workflow as wf
from luoshi.express.models import Card


class FilingForm(forms.Form):
    """The upper half of the 处置卡, filled by the liaison."""

    project_name = forms.CharField(label="项目名称", max_length=200)
    builder = forms.CharField(label="建设单位", max_length=200)
    contact = forms.CharField(label="联系方式", max_length=200, help_text="联系人及电话")
    situation = forms.CharField(label="事项基本情况", widget=forms.Textarea(attrs={"rows": 6}))
    attachment = forms.FileField(label="附件", required=False)


class AttachmentForm(forms.Form):
    file = forms.FileField(label="附件")


class DateInput(forms.DateInput):
    input_type = "date"


def action_form_class(transition: wf.Transition) -> type[forms.Form]:
    """A form with exactly the fields ``transition`` needs (and may take)."""
    needs = transition.needs
    fields: dict[str, forms.Field] = {}
    if wf.Need.UNIT in needs or transition.action is wf.Action.TRIAGE_HARD:
        fields["unit"] = forms.ModelChoiceField(
            label="责任单位" if wf.Need.UNIT in needs else "建议责任单位",
            queryset=Unit.objects.order_by("kind", "name"),
            required=wf.Need.UNIT in needs,
        )
    if wf.Need.VICE_MAYOR in needs:
        fields["vice_mayor"] = forms.ModelChoiceField(
            label="分管副市长",
            queryset=User.objects.filter(role=Role.LEADER, is_active=True).order_by("username"),
        )
    if wf.Need.DUE_DATE in needs:
        fields["due_date"] = forms.DateField(label="办结时限", widget=DateInput)
    if wf.Need.HANDLER in needs:
        fields["handler"] = forms.CharField(label="办理负责人", max_length=64)
    if wf.Need.SECTION in needs:
        fields["section"] = forms.CharField(label="责任科室", max_length=64)
    if wf.Need.PLAN_DUE in needs:
        fields["plan_due"] = forms.DateField(label="计划完成日期", widget=DateInput)
    if wf.Need.SEVERITY in needs:
        fields["severity"] = forms.ChoiceField(
            label="问题性质", choices=[(s.value, s.label) for s in wf.Severity]
        )
    fields["comment"] = forms.CharField(
        label=transition.comment_label,
        required=wf.Need.COMMENT in needs,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    if transition.action in (wf.Action.REPORT_PROGRESS, wf.Action.COMPLETE):
        fields["attachment"] = forms.FileField(label="附件", required=False)
    return type(f"{transition.action.value.title()}Form", (forms.Form,), fields)


def initial_for(transition: wf.Transition, card: Card) -> dict[str, object]:
    if transition.action is wf.Action.DISPATCH and card.responsible_unit_id:
        return {"unit": card.responsible_unit_id}
    if transition.action is wf.Action.ACCEPT:
        return {"handler": card.handler, "section": card.section}
    return {}


def command_from(transition: wf.Transition, data: dict[str, object]) -> wf.Command:
    unit = data.get("unit")
    mayor = data.get("vice_mayor")
    severity = data.get("severity")
    return wf.Command(
        transition.action,
        comment=str(data.get("comment") or ""),
        unit=unit.pk if isinstance(unit, Unit) else None,
        vice_mayor=mayor.pk if isinstance(mayor, User) else None,
        due_date=data.get("due_date"),  # type: ignore[arg-type]
        handler=str(data.get("handler") or ""),
        section=str(data.get("section") or ""),
        plan_due=data.get("plan_due"),  # type: ignore[arg-type]
        severity=wf.Severity(severity) if severity else None,
    )
