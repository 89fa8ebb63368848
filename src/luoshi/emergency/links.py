"""The emergency app's links on a library document page (see ``gazette.links``).

A document that is one of the playbooks' plans links to the plan's navigator (预案导航)
and, for those on duty who may open one, to the intake of an incident under that plan.
"""

from __future__ import annotations

from django.urls import reverse

from luoshi.core.models import User
from luoshi.emergency import access
from luoshi.emergency.playbook import load_playbook, plan_ids
from luoshi.gazette.links import ToolLink
from luoshi.gazette.models import Document


def document_links(user: User, document: Document) -> list[ToolLink]:
    if not document.number:
        return []
    links: list[ToolLink] = []
    for plan_id in plan_ids():
        if load_playbook(plan_id).document != document.number:
            continue
        links.append(ToolLink("应急预案导航", reverse("emergency:plan", args=[plan_id])))
        if access.can_open(user):
            intake = f"{reverse('emergency:incident_new')}?plan={plan_id}"
            links.append(ToolLink("按本预案登记突发事件", intake))
    return links
