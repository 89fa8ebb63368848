"""The ledger's named actions. Each checks permission, changes rows and writes the audit entry;
views and the API only call these."""

from luoshi.supervision.services.common import (
    facts_of,
    refresh_task,
    require_reviewer,
)
from luoshi.supervision.services.reports import (
    accept_report,
    add_attachment,
    close_out,
    record_accountability,
    remove_attachment,
    return_report,
    save_report,
    submit_report,
)
from luoshi.supervision.services.tasks import (
    Part,
    UnitNames,
    confirm_task,
    confirm_tasks,
    create_task,
    delete_period,
    edit_task,
    extracted_values,
    mark_not_applicable,
    merge_tasks,
    replan_periods,
    save_period,
    split_task,
    store_extracted_tasks,
)

__all__ = [
    "Part", "UnitNames", "accept_report", "add_attachment",
    "close_out", "confirm_task", "confirm_tasks", "create_task", "delete_period", "edit_task", "extracted_values",
    "facts_of", "mark_not_applicable", "merge_tasks", "record_accountability", "refresh_task",
    "remove_attachment", "replan_periods", "require_reviewer", "return_report", "save_period",
    "save_report", "split_task", "store_extracted_tasks", "submit_report",
]  # fmt: skip
