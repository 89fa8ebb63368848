"""Forms of the grant pages (validation only; the actions live in ``services``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from luoshi.grants.models import CATEGORY_NAMES, Application, Decision
from luoshi.grants.services import ApplicationForm

MONEY = {"max_digits": 10, "decimal_places": 2, "min_value": Decimal(0)}


class ApplicationEntryForm(forms.Form):
    """《晋城市家庭经济困难大学新生资助申请表》 as the school enters it."""

    student_name = forms.CharField(label="学生姓名", max_length=32)
    gender = forms.ChoiceField(label="性别", choices=[("男", "男"), ("女", "女")])
    id_number = forms.CharField(label="身份证号", max_length=18, min_length=18)
    hukou_address = forms.CharField(label="户籍地址", max_length=128)
    hukou_jincheng = forms.BooleanField(label="晋城市居民户籍", required=False, initial=True)
    phone = forms.RegexField(label="联系电话", regex=r"^[0-9-]{7,20}$", required=False)
    household_size = forms.IntegerField(label="家庭人口", min_value=1, max_value=30)
    per_capita_income_yuan = forms.DecimalField(label="家庭人均年收入(元)", required=False, **MONEY)
    categories = forms.MultipleChoiceField(
        label="困难类别",
        choices=[(c.value, name) for c, name in CATEGORY_NAMES.items()],
        widget=forms.CheckboxSelectMultiple,
    )
    family_situation = forms.CharField(
        label="家庭经济困难情况", widget=forms.Textarea, max_length=2000
    )
    exam_number = forms.RegexField(label="准考证号", regex=r"^[0-9A-Za-z]{6,20}$")
    college = forms.CharField(label="录取院校", max_length=64)
    institution = forms.ChoiceField(
        label="院校类型", choices=Application._meta.get_field("institution").choices
    )
    admission_batch = forms.CharField(label="录取批次", max_length=16, required=False)
    full_time = forms.BooleanField(label="全日制", required=False, initial=True)
    donations_yuan = forms.DecimalField(label="已获社会捐助(元)", initial=0, **MONEY)
    family_planning_aid_yuan = forms.DecimalField(label="计生困难家庭救助(元)", initial=0, **MONEY)

    def to_entry(self) -> ApplicationForm:
        data: dict[str, Any] = dict(self.cleaned_data)
        data["phone"] = data.get("phone") or ""
        return ApplicationForm(**data)


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label="审核结论", choices=Decision.Outcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label="意见", widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=1000
    )


class PublishForm(forms.Form):
    starts = forms.DateField(
        label="公示开始日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class ObjectionForm(forms.Form):
    application = forms.IntegerField(
        label="涉及名单序号(可不填)", required=False, min_value=1, max_value=100000
    )
    raised_by = forms.CharField(label="反映人(可匿名)", max_length=64, required=False)
    text = forms.CharField(
        label="异议内容", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label="处理结果", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
