from django import template

from luoshi.supervision.extraction.model import FLAG_LABELS

register = template.Library()


@register.filter
def flag_label(flag: str) -> str:
    """The Chinese label of a source irregularity flag (the code itself when unknown)."""
    return FLAG_LABELS.get(flag, flag)
