"""A plan's attached task list (重点任务清单): 类别 / 序号 / 重点工作 / 主要任务 / 完成时限 / 责任单位.

Merged cells arrive as empty cells: an empty 类别, 重点工作, 完成时限 or 责任单位
takes the value of the row above (flag ``merged_cell`` when a deadline or the units
were taken so). A row shifted by a
stray leading empty cell is read from its number on (flag ``shifted_cells``).
The 责任单位 cell is read like an assignment bracket (…牵头, …配合, …负责落实).
Pure Python, no Django.
"""

from __future__ import annotations

import re

from luoshi.gazette.parsing.model import ParsedDocument
from luoshi.supervision.extraction.brackets import parse_assignment
from luoshi.supervision.extraction.due import parse_due
from luoshi.supervision.extraction.model import ExtractedTask
from luoshi.supervision.extraction.names import split_units
from luoshi.supervision.extraction.tables import ColumnTest, TableRow, table_rows
from luoshi.supervision.extraction.targets import parse_targets
from luoshi.supervision.extraction.text import first_sentence, has_html, is_blank, squeeze

COLUMNS: dict[str, ColumnTest] = {
    "category": lambda h: h in {"类别", "类型", "领域"},
    "no": lambda h: h in {"序号", "编号"},
    "key_work": lambda h: "重点工作" in h or h == "工作内容",
    "task": lambda h: "任务" in h or "措施" in h,
    "due": lambda h: "时限" in h or "时间" in h,
    "units": lambda h: "责任单位" in h or "牵头" in h or "责任部门" in h,
}
REQUIRED = {"no", "task", "due", "units"}
INHERITED = ("category", "key_work", "due", "units")
_NUMBER = re.compile(r"^[0-9]+$")


def extract_task_table(document: ParsedDocument) -> list[ExtractedTask]:
    """Every numbered row of the document's task tables, as tasks."""
    tasks: list[ExtractedTask] = []
    above: dict[str, str] = {}
    table = 0
    for row in table_rows(document, COLUMNS, REQUIRED):
        if row.table != table:
            table, above = row.table, {}
        cells, shifted = _aligned(row)
        values = {name: _cell(cells, row.columns, name) for name in COLUMNS}
        if not _NUMBER.match(squeeze(values["no"])):
            continue
        flags: list[str] = ["shifted_cells"] if shifted else []
        for name in INHERITED:
            if is_blank(values[name]) and above.get(name):
                values[name] = above[name]
                if name in ("due", "units"):
                    flags.append("merged_cell")
            above[name] = values[name]
        if any(has_html(c) for c in cells):
            flags.append("html_in_cell")
        tasks.append(_task(document, row.table, values, flags))
    return tasks


def _aligned(row: TableRow) -> tuple[list[str], bool]:
    """The row's cells, with stray leading empty cells dropped when they push the number right."""
    cells = list(row.cells)
    no = row.columns["no"]
    shifted = False
    while (
        not _NUMBER.match(squeeze(_at(cells, no)))
        and cells
        and not cells[0].strip()
        and any(_NUMBER.match(squeeze(c)) for c in cells[no + 1 : no + 3])
    ):
        cells.pop(0)
        shifted = True
    return cells, shifted


def _at(cells: list[str], index: int) -> str:
    return cells[index] if 0 <= index < len(cells) else ""


def _cell(cells: list[str], columns: dict[str, int], name: str) -> str:
    return _at(cells, columns[name]) if name in columns else ""


def _task(
    document: ParsedDocument, table: int, values: dict[str, str], flags: list[str]
) -> ExtractedTask:
    no = squeeze(values["no"])
    text = values["task"].strip()
    prefix = f"表{table} " if table > 1 else ""
    task = ExtractedTask(
        document=document.number or "", ref=f"{prefix}序号{no}", no=no,
        title=first_sentence(text), text=text, category=squeeze(values["category"]),
        kind="task_table_row", flags=_unique(flags),
    )  # fmt: skip
    key_work = squeeze(values["key_work"])
    if key_work and not task.title:
        task.title = key_work
    assignment = parse_assignment(values["units"])
    if assignment is not None:
        task.lead_units = assignment.lead
        task.co_units = assignment.co
        task.implementing_units = assignment.implementing
    else:
        task.lead_units = split_units(values["units"])
    if not task.lead_units:
        task.flags.append("missing_units")
    due = parse_due(values["due"], document.signed_on)
    if due is not None:
        task.due, task.due_text, task.ongoing = due.due, due.text, due.ongoing
        task.recurring = due.recurring
    elif not is_blank(values["due"]):
        task.due_text = values["due"].strip()
        task.flags.append("unparsed_due")
    task.targets = parse_targets(text)
    return task


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
