"""What task extraction produces: plain data, no Django.

The ledger stores these as ``supervision.Task`` rows (names resolved to canonical
units there); ``luoshi tasks --json`` prints them per the contract in docs/contract.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from luoshi.supervision.extraction.events import EventDue


@dataclass(frozen=True)
class Target:
    """A quantitative target (量化指标): ``增长6.2%左右`` → metric 增长, value 6.2, unit %, qualifier 左右."""

    metric: str
    value: float
    unit: str
    qualifier: str = ""  # 左右 / 以上 / 以内 / 不低于 …


@dataclass
class ExtractedTask:
    """One assigned task with its provenance and the source text kept verbatim.

    ``ref`` says where it came from (a table row, ``附件 第12行``, or a clause, ``三、(二)2.``);
    ``no`` is the number printed in the source (序号), when there is one. Unit and person
    names are as printed (whitespace normalised); the ledger resolves them to canonical units.
    ``flags`` lists source irregularities for a person to confirm (duplicate_number,
    misaligned_row, html_in_cell, continuation_row, missing_units …).
    """

    document: str  # normalised number of the source document ("" when it prints none)
    ref: str
    no: str | None
    title: str
    text: str
    province_task: str = ""
    category: str = ""
    lead_units: list[str] = field(default_factory=list)
    co_units: list[str] = field(default_factory=list)
    # units that carry the work out locally (负责落实) next to the lead units
    implementing_units: list[str] = field(default_factory=list)
    responsible_leaders: list[str] = field(default_factory=list)
    leaders_in_charge: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    due: dt.date | None = None
    due_text: str = ""
    ongoing: bool = False
    recurring: str = ""  # e.g. "每年5月31日前"; due is then the first occurrence
    # a deadline counted from an event (汛期前, 收到通知之日起10日内) when no date is given
    due_event: EventDue | None = None
    not_applicable: bool = False
    funds: str = ""  # money the text assigns to the task (e.g. 市财政安排资金600万元)
    targets: list[Target] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    # which extractor found it: decomposition_row, task_table_row, assigned_clause,
    # schedule_phase, project, unit_duty, dated_obligation
    kind: str = ""
    document_seq: int = 0  # the source document's place in its issue (ParsedDocument.seq)


FLAG_LABELS: dict[str, str] = {
    "duplicate_number": "序号重复",
    "misaligned_row": "疑似错行(文字或属相邻行)",
    "html_in_cell": "单元格含HTML标记",
    "continuation_row": "含无序号续行",
    "not_applicable_with_text": "标注不涉及但有任务内容",
    "units_on_not_applicable": "不涉及却列有单位",
    "missing_text": "缺少任务内容",
    "missing_units": "未写明责任单位",
    "merged_cell": "合并单元格(沿用上行)",
    "shifted_cells": "单元格错位",
    "shared_units": "多项共用责任单位",
    "multiple_deadlines": "含多个时限",
    "unparsed_due": "时限无法识别",
}
"""Chinese labels of the source irregularities in ``ExtractedTask.flags`` (for people)."""
