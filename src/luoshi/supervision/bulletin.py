"""The quarterly 督查通报 as an official document: the figures first, the late units named, one
table per unit that fits the page, and the overdue items in a short table (the rest is in the
ledger), instead of hundreds of bullet lines. Plain Python: ``exports`` gathers the figures."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from luoshi.core.documents import OfficialDocument, chinese_date
from luoshi.supervision.status import Status

MAX_LISTED = 30  # overdue items listed in the bulletin; the ledger export holds them all


@dataclass(frozen=True)
class Late:
    """An overdue item: its lead unit, title, the date it missed and its progress."""

    unit: str
    title: str
    missed: dt.date
    percent: int


@dataclass
class QuarterFigures:
    year: int
    quarter: int
    first: dt.date
    last: dt.date
    as_of: dt.date
    by_unit: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    overdue: list[Late] = field(default_factory=list)

    def totals(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for counts in self.by_unit.values():
            out.update(counts)
        return out


def _rate(on_time: int, due: int) -> str:
    return f"{on_time * 100 // due}%" if due else "—"


def quarterly_bulletin(figures: QuarterFigures, *, issuer: str, issued: dt.date) -> bytes:
    f = figures
    doc = OfficialDocument(
        f"关于{f.year}年第{f.quarter}季度督查督办工作情况的通报",
        issuer=issuer,
        number=f"督查通报〔{f.year}〕第{f.quarter}期",
        addressees="各县(市、区)人民政府,市直各有关单位",
    )
    doc.paragraph(
        f"按照市政府督查督办工作安排,现将{f.year}年第{f.quarter}季度"
        f"({chinese_date(f.first)}至{chinese_date(f.last)})重点工作任务落实情况通报如下。"
    )
    _overview(doc, f)
    _late_units(doc, f)
    _unit_table(doc, f)
    doc.heading1("下一步工作要求")
    doc.paragraph(
        "各责任单位要对照任务清单逐项梳理,对逾期事项说明原因、明确整改措施和完成时限,"
        "按期报送工作进展;已完成的事项及时申请销号。市政府督查室将持续跟踪督办,"
        "对整改不力的单位予以通报。"
    )
    doc.signature(issuer, issued)
    return doc.to_bytes()


def _overview(doc: OfficialDocument, f: QuarterFigures) -> None:
    t = f.totals()
    doc.heading1("总体情况")
    doc.paragraph(
        f"截至{chinese_date(f.as_of)},纳入督办的事项共{t['tasks']}项次,涉及牵头单位"
        f"{len(f.by_unit)}个。其中已销号{t[Status.DONE.value]}项次,正常推进"
        f"{t[Status.ON_TRACK.value]}项次,临期{t[Status.AT_RISK.value]}项次,逾期"
        f"{t[Status.OVERDUE.value]}项次,未启动{t[Status.NOT_STARTED.value]}项次。本季度应报送"
        f"进展{t['due']}期,按时报送{t['on_time']}期,按时报送率{_rate(t['on_time'], t['due'])}。"
    )


def _late_units(doc: OfficialDocument, f: QuarterFigures) -> None:
    doc.heading1("逾期事项")
    if not f.overdue:
        doc.paragraph("本季度无逾期事项。")
        return
    per_unit = Counter(item.unit for item in f.overdue)
    named = "、".join(f"{unit}({n}项)" for unit, n in per_unit.most_common())
    doc.paragraph(f"逾期事项{len(f.overdue)}项次,涉及{len(per_unit)}个单位:{named}。")
    listed = sorted(f.overdue, key=lambda x: (-per_unit[x.unit], x.unit, x.missed, x.title))
    rows = [
        [item.unit, item.title, chinese_date(item.missed), f"{item.percent}%"]
        for item in listed[:MAX_LISTED]
    ]
    doc.table(["责任单位", "督办事项", "应完成(报送)日期", "完成进度"], rows)
    if len(listed) > MAX_LISTED:
        doc.paragraph(f"另有{len(listed) - MAX_LISTED}项逾期事项,详见督查台账。")


def _unit_table(doc: OfficialDocument, f: QuarterFigures) -> None:
    doc.heading1("各单位落实情况")
    headers = ["责任单位", "事项数", "已销号", "正常推进", "临期", "逾期", "按时报送"]
    units = sorted(f.by_unit.items(), key=lambda item: (-item[1][Status.OVERDUE.value], item[0]))
    rows: list[list[object]] = [
        [
            unit,
            c["tasks"],
            c[Status.DONE.value],
            c[Status.ON_TRACK.value],
            c[Status.AT_RISK.value],
            c[Status.OVERDUE.value],
            f"{c['on_time']}/{c['due']}",
        ]  # fmt: skip
        for unit, c in units
    ]
    doc.paragraph("按逾期事项多少排列;“按时报送”为本季度按时报送期数/应报送期数。")
    doc.table(headers, rows)
