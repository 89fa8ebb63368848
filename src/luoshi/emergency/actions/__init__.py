"""The named actions on incidents and warnings (应急处置): every state change goes through one.

Each is a :class:`luoshi.core.actions.Action`: the rows locked in primary-key order, the check
(role, the plan's rules, the incident's state; refusals are :mod:`luoshi.core.errors`), the
change, a timeline line and one audit entry. Views and the API call only these.

- :mod:`.incidents`: intake, decisions on the level, facts, notes, stand-down;
- :mod:`.reporting`: the checklist's measures and the report clocks;
- :mod:`.warnings`: warnings and their CAP messages.
"""

from luoshi.emergency.actions.incidents import (
    IncidentInput,
    add_note,
    decide_level,
    decision,
    incident_number,
    is_change_pending,
    open_incident,
    stand_down,
    stand_down_warnings,
    update_facts,
)
from luoshi.emergency.actions.reporting import file_report, start_clock, tick_measure
from luoshi.emergency.actions.warnings import (
    WarningInput,
    adjust_warning,
    cap_alert,
    issue_warning,
    lift_warning,
    sender_code,
    warning_label,
)

__all__ = [
    "IncidentInput",
    "WarningInput",
    "add_note",
    "adjust_warning",
    "cap_alert",
    "decide_level",
    "decision",
    "file_report",
    "incident_number",
    "is_change_pending",
    "issue_warning",
    "lift_warning",
    "open_incident",
    "sender_code",
    "stand_down",
    "stand_down_warnings",
    "start_clock",
    "tick_measure",
    "update_facts",
    "warning_label",
]
