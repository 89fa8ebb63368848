"""The monthly supervision bulletin (督查通报): its content from the ledger's and the cards' facts.

Pure Python (no Django import). :func:`compose` turns :class:`BulletinFacts` (what the
ledger and the 直通车 cards say as of one day) into a :class:`Bulletin`: a title, the
summary figures first, the late units named (most overdue tasks first), then two compact
tables (at most six columns) and the standing requirements. Rendering it as a document is
someone else's job.

Rules:
- a unit is named once, with all of its overdue tasks (a task with two lead units counts
  for each), ordered by overdue tasks, then the longest delay, then name;
- the summary names at most :data:`NAMED_UNITS` units; the table lists every late unit;
- cards are listed longest past their limit first;
- dates are written the Chinese way (2020年7月1日), never with leading zeros.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from luoshi.core.documents.formats import chinese_date

NAMED_UNITS = 5  # late units named in the summary sentence; the table holds them all


@dataclass(frozen=True)
class LateTask:
    """An overdue ledger task (逾期事项) and its lead units."""

    title: str
    document: str  # 文号, or "" when the source has none
    due: dt.date
    working_days_late: int
    lead_units: tuple[str, ...]


@dataclass(frozen=True)
class OverdueCard:
    """An open 直通车 card whose running step is past its limit (环节超时)."""

    number: str
    project: str
    step: str
    unit: str  # the responsible unit, or "" before one is assigned
    hours_late: int


@dataclass(frozen=True)
class BulletinFacts:
    """What the bulletin reports, as of one day."""

    year: int
    month: int
    as_of: dt.date
    issuer: str
    task_counts: Sequence[tuple[str, int]]  # (status label, tasks), in the ledger's order
    late_tasks: Sequence[LateTask]
    open_cards: int
    closed_cards_in_month: int
    overdue_cards: Sequence[OverdueCard]


@dataclass(frozen=True)
class UnitLateness:
    """One late unit (逾期单位): its overdue tasks and the longest delay among them."""

    unit: str
    tasks: int
    longest_working_days: int


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()  # indexes of right-aligned columns


@dataclass(frozen=True)
class Section:
    heading: str  # 总体情况 (the document numbers it 一、)
    paragraphs: tuple[str, ...] = ()
    table: Table | None = None


@dataclass(frozen=True)
class Bulletin:
    title: str
    issuer: str
    date_text: str  # 成文日期, e.g. 2020年7月1日
    addressees: str
    sections: tuple[Section, ...] = field(default_factory=tuple)
    late_units: tuple[UnitLateness, ...] = ()


def period_label(year: int, month: int) -> str:
    return f"{year}年{month}月"


def late_units(tasks: Sequence[LateTask]) -> list[UnitLateness]:
    """Every lead unit with overdue tasks, most overdue tasks first."""
    counts: dict[str, int] = defaultdict(int)
    longest: dict[str, int] = defaultdict(int)
    for task in tasks:
        for unit in dict.fromkeys(task.lead_units):
            counts[unit] += 1
            longest[unit] = max(longest[unit], task.working_days_late)
    rows = [UnitLateness(u, counts[u], longest[u]) for u in counts]
    return sorted(rows, key=lambda r: (-r.tasks, -r.longest_working_days, r.unit))


def compose(facts: BulletinFacts) -> Bulletin:
    """The bulletin for ``facts``: summary first, late units named, compact tables."""
    units = late_units(facts.late_tasks)
    cards = sorted(facts.overdue_cards, key=lambda c: (-c.hours_late, c.number))
    sections = [
        Section("总体情况", (_ledger_summary(facts, units), _cards_summary(facts, cards))),
        _units_section(units),
        _cards_section(cards),
        Section("工作要求", REQUIREMENTS),
    ]
    return Bulletin(
        title=f"关于{period_label(facts.year, facts.month)}重点工作督查督办情况的通报",
        issuer=facts.issuer,
        date_text=chinese_date(facts.as_of),
        addressees="各县(市、区)人民政府,市人民政府各委、局、办,各有关单位:",
        sections=tuple(sections),
        late_units=tuple(units),
    )


REQUIREMENTS = (
    "(一)被通报单位要对照逾期事项逐项分析原因,明确整改措施和完成时限,"
    "于5个工作日内将整改情况书面报市政府督查室。",
    "(二)各责任单位要严格按照时间节点报送进展,对临期事项提前研判,确保按期完成。",
    "(三)市重点办要加强对“24小时直通车”处置卡的跟踪督办,超时环节及时报告分管副市长。",
)


def _ledger_summary(facts: BulletinFacts, units: Sequence[UnitLateness]) -> str:
    total = sum(n for _, n in facts.task_counts)
    parts = "、".join(f"{label}{n}项" for label, n in facts.task_counts if n)
    text = f"截至{chinese_date(facts.as_of)},市政府督查督办事项共{total}项"
    text += f",其中{parts}。" if parts else "。"
    if not units:
        return text + "各牵头单位均无逾期事项。"
    named = "、".join(f"{u.unit}({u.tasks}项)" for u in units[:NAMED_UNITS])
    more = f"等{len(units)}个单位" if len(units) > NAMED_UNITS else ""
    return (
        text + f"逾期事项{len(facts.late_tasks)}项,涉及{len(units)}个牵头单位,"
        f"逾期较多的是{named}{more}。"
    )


def _cards_summary(facts: BulletinFacts, cards: Sequence[OverdueCard]) -> str:
    text = (
        f"“24小时直通车”处置卡未办结{facts.open_cards}件,"
        f"{facts.month}月办结{facts.closed_cards_in_month}件"
    )
    if not cards:
        return text + ",无环节超时处置卡。"
    return text + f",环节超时{len(cards)}件(见第三部分)。"


def _units_section(units: Sequence[UnitLateness]) -> Section:
    if not units:
        return Section("逾期单位", ("本期无逾期单位。",))
    table = Table(
        caption="表1 逾期事项牵头单位",
        columns=("序号", "牵头单位", "逾期事项(项)", "最长逾期(工作日)"),
        rows=tuple(
            (str(i), u.unit, str(u.tasks), str(u.longest_working_days))
            for i, u in enumerate(units, 1)
        ),
        numeric=frozenset({0, 2, 3}),
    )
    lead = f"以下{len(units)}个单位牵头的事项已超过完成时限,予以通报:"
    return Section("逾期单位", (lead,), table)


def _cards_section(cards: Sequence[OverdueCard]) -> Section:
    if not cards:
        return Section("超时处置卡", ("本期无环节超时的处置卡。",))
    table = Table(
        caption="表2 环节超时的“24小时直通车”处置卡",
        columns=("序号", "编号", "项目", "所处环节", "责任单位", "超时(小时)"),
        rows=tuple(
            (str(i), c.number, c.project, c.step, c.unit or "—", str(c.hours_late))
            for i, c in enumerate(cards, 1)
        ),
        numeric=frozenset({0, 5}),
    )
    return Section("超时处置卡", (f"以下{len(cards)}件处置卡当前环节已超过时限:",), table)
