"""Links from a library document to the tools that work on it (相关工作).

The library imports no other app: each app that works on documents names a function in
``settings.LUOSHI_DOCUMENT_LINKS`` taking ``(user, document)`` and returning the links
that this user may follow (the ledger's tasks of a document, a plan's navigator …).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

from luoshi.gazette.models import Document


@dataclass(frozen=True)
class ToolLink:
    """One link shown on a document page: what it opens, in Chinese, and where."""

    label: str
    url: str


LinkProvider = Callable[[Any, Document], list[ToolLink]]


def tool_links(user: Any, document: Document) -> list[ToolLink]:
    """Every registered app's links for ``document``, in the order of the setting."""
    if not getattr(user, "is_authenticated", False):
        return []
    links: list[ToolLink] = []
    for path in getattr(settings, "LUOSHI_DOCUMENT_LINKS", ()):
        provider: LinkProvider = import_string(path)
        links.extend(provider(user, document))
    return links
