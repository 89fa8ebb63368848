"""What the directory tells other apps (it imports none of them)."""

from django.dispatch import Signal

#: An admin mapped a queued unit name to a unit (待确认名称 → 单位).
#: Sent inside the mapping's transaction with ``raw_name``, ``unit`` and ``actor``.
unit_name_mapped = Signal()
