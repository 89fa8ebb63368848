"""Render gazette text safely: escape everything, then link document numbers in the library."""

from __future__ import annotations

import re

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from luoshi.gazette.parsing import normalise_number

register = template.Library()

# A document number as printed: issuer code, year in one of three bracket styles, serial, 号.
_NUMBER = re.compile(r"[\u4e00-\u9fa5]{1,12}\s*[〔\[【]\s*\d{4}\s*[〕\]】]\s*\d{1,4}\s*号")


@register.filter
def linked_text(text: str, links: dict[str, int]) -> SafeString:
    """``text`` escaped, with every number of a document in ``links`` turned into a link to it."""
    escaped = str(escape(text))
    if not links:
        return mark_safe(escaped)  # noqa: S308 - escaped above

    def link(match: re.Match[str]) -> str:
        pk = links.get(normalise_number(match.group(0)))
        if pk is None:
            return match.group(0)
        return f'<a class="doclink" href="{reverse("document", args=[pk])}">{match.group(0)}</a>'

    return mark_safe(_NUMBER.sub(link, escaped))  # noqa: S308 - built from escaped text


@register.filter
def heading_tag(level: int) -> str:
    return f"h{min(max(int(level or 1), 1) + 1, 6)}"
