"""The ledger's links on a library document page (see ``gazette.links``)."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse

from luoshi.core.models import User
from luoshi.gazette.links import ToolLink
from luoshi.gazette.models import Document
from luoshi.supervision import access
from luoshi.supervision.models import Task


def document_links(user: User, document: Document) -> list[ToolLink]:
    """The document's tasks in the ledger that ``user`` may see, and those awaiting review."""
    links: list[ToolLink] = []
    tasks = access.visible_tasks(user, include_pending=True).filter(document=document)
    counts = dict(tasks.values_list("state").annotate(n=Count("pk")).order_by())
    live = counts.get(Task.State.ACTIVE, 0) + counts.get(Task.State.CLOSED, 0)
    if live:
        url = f"{reverse('ledger:ledger')}?document={document.pk}"
        links.append(ToolLink(f"督查台账:本文件任务 {live} 项", url))
    pending = counts.get(Task.State.PENDING, 0)
    if pending and access.is_reviewer(user):
        url = f"{reverse('ledger:review')}?document={document.pk}"
        links.append(ToolLink(f"待审核事项:本文件 {pending} 项", url))
    return links
