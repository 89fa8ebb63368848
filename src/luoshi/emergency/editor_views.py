"""The playbook editor (预案规则审核): the emergency office reviews a drafted playbook rule by
rule beside the quoted plan text, then publishes it. Thin views over ``playbook_review``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from luoshi.core.errors import DomainError, Invalid
from luoshi.core.permissions import require_role
from luoshi.emergency.drafting.review import items
from luoshi.emergency.drafting.wording import describe
from luoshi.emergency.facts import FIELDS
from luoshi.emergency.levels import chinese_level
from luoshi.emergency.playbook_review import EDITORS, PublishVersion, ReviewRule
from luoshi.emergency.playbook_versions import PlaybookVersion

_DECISION_NAMES = {
    "pending": "待审核",
    "accepted": "已采纳",
    "edited": "已修改",
    "rejected": "已驳回",
}
_CHANGE_NAMES = {"new": "新增或改写", "changed": "级别变化", "same": "与已发布版本相同"}
_OPS = {"gte": "以上(含本数)", "gt": "超过", "eq": "是"}
EDIT_ROWS = 3


def _anchor(key: str) -> str:
    return "r-" + key.replace(".", "-").lower()


def _ctx(**extra: Any) -> dict[str, Any]:
    return {"nav": "emergency", "section": "playbooks", **extra}


@login_required
@require_GET
def playbook_list(request: HttpRequest) -> HttpResponse:
    require_role(request.user, *EDITORS)  # type: ignore[arg-type]
    versions = PlaybookVersion.objects.select_related("document").order_by("plan_id", "-number")
    return render(request, "emergency/editor_list.html", _ctx(versions=versions))


def _field_choices() -> list[tuple[str, str]]:
    named = [
        (name, f"{spec.meaning}({spec.unit})" if spec.unit else spec.meaning)
        for name, spec in FIELDS.items()
        if spec.type != "enum"
    ]
    return [("casualties", "伤亡人数(死亡与受伤合计)(人)"), *sorted(named, key=lambda c: c[1])]


@login_required
@require_GET
def playbook_editor(request: HttpRequest, pk: int) -> HttpResponse:
    require_role(request.user, *EDITORS)  # type: ignore[arg-type]
    version = get_object_or_404(PlaybookVersion, pk=pk)
    rows = [
        {
            "key": item.key,
            "anchor": _anchor(item.key),
            "section": item.section.replace(
                item.key.split(".")[1] + "级", chinese_level(item.key.split(".")[1])
            )  # type: ignore[arg-type]
            if item.key.startswith("levels.")
            else item.section,
            "ref": item.rule.get("ref", ""),
            "text": item.rule.get("text", ""),
            "reading": "由市指挥部研判决定(无需事实条件)"
            if item.rule.get("discretion")
            else describe(item.rule.get("when")),
            "original": describe(item.rule["original"]) if item.rule.get("original") else "",
            "confidence": round(float(item.rule.get("confidence", 0)) * 100),
            "flag": item.rule.get("flag", ""),
            "decision": item.decision,
            "decision_name": _DECISION_NAMES[item.decision],
            "change": _CHANGE_NAMES.get(version.changes.get(item.key, ""), ""),
        }
        for item in items(version.rules)
    ]
    levels = [
        (chinese_level(lv), body.get("decided_by", {}))  # type: ignore[arg-type]
        for lv, body in version.rules.get("levels", {}).items()
    ]
    return render(
        request,
        "emergency/editor.html",
        _ctx(
            version=version,
            rows=rows,
            levels=levels,
            draft=version.rules,
            pending=sum(1 for r in rows if r["decision"] == "pending"),
            removed=[t for t in version.changes.get("removed", "").split("\n") if t],
            field_choices=_field_choices(),
            ops=list(_OPS.items()),
            edit_rows=range(1, EDIT_ROWS + 1),
            editable=version.state == PlaybookVersion.State.DRAFT,
        ),
    )


def edited_condition(data: Any) -> dict[str, Any]:
    """The condition an officer typed: up to three rows of (fact, comparison, number)."""
    leaves: list[dict[str, Any]] = []
    known = dict(_field_choices())
    for i in range(1, EDIT_ROWS + 1):
        field = data.get(f"field_{i}", "")
        if not field:
            continue
        if field not in known:
            raise Invalid("请选择列表中的条件")
        op = data.get(f"op_{i}", "gte")
        spec = FIELDS.get(field)
        if spec is not None and spec.type == "bool":
            leaves.append({"field": field, "eq": True})
            continue
        if op not in ("gte", "gt"):
            raise Invalid("数量条件只能选“以上”或“超过”")
        try:
            value = float(data.get(f"value_{i}", ""))
        except ValueError:
            raise Invalid("请填写数值") from None
        if not 0 <= value < 1e12:
            raise Invalid("数值须为不小于0的数")
        leaves.append({"field": field, op: int(value) if value.is_integer() else value})
    if not leaves:
        raise Invalid("修改条件时至少需要一个条件")
    if len(leaves) == 1:
        return leaves[0]
    return {"all" if data.get("join") == "all" else "any": leaves}


@login_required
@require_POST
def playbook_review(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(PlaybookVersion, pk=pk)
    key, decision = request.POST.get("key", ""), request.POST.get("decision", "")
    try:
        when = edited_condition(request.POST) if decision == "edited" else None
        ReviewRule(request.user, version, key, decision, when).run()  # type: ignore[arg-type]
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已{_DECISION_NAMES.get(decision, '审核')[1:]}")
    return redirect(reverse("emergency:playbook_editor", args=[pk]) + "#" + _anchor(key))


@login_required
@require_POST
def playbook_publish(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(PlaybookVersion, pk=pk)
    try:
        PublishVersion(request.user, version).run()  # type: ignore[arg-type]
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已发布第{version.number}版,研判将按此版本进行")
    return redirect("emergency:playbook_editor", pk=pk)
