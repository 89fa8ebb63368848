"""JSON API of the leader cockpit: one read-only endpoint with every figure of the page.

Session authentication (log in through the site). Without a session the endpoint answers
401. City-wide roles get the whole city; anyone else the figures the apps' access helpers
let them see (``scope`` says which).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.security import django_auth

from luoshi.cockpit import queries

router = Router(tags=["领导驾驶舱"], auth=django_auth)


class ErrorOut(Schema):
    detail: str


class FigureOut(Schema):
    key: str
    label: str
    count: int
    url: str = Field(description="对应的筛选列表页")


class LeaderOut(Schema):
    leader: str
    counts: dict[str, int] = Field(description="按督办状态的事项数")
    total: int
    url: str


class StepOut(Schema):
    key: str
    label: str
    count: int
    overdue: int
    url: str
    overdue_url: str


class LedgerOut(Schema):
    today: dt.date
    horizon: dt.date = Field(description="临期预警窗口的最后一天")
    total: int
    statuses: list[FigureOut]
    overdue_by_unit: list[FigureOut] = Field(description="逾期事项最多的牵头单位(前10)")
    by_leader: list[LeaderOut]


class ExpressOut(Schema):
    open: FigureOut
    overdue: FigureOut
    closed_this_month: FigureOut
    average_handling_seconds: float | None = Field(description="本月完结处置卡的平均办理用时(秒)")
    average_handling_text: str
    by_step: list[StepOut]


class EmergencyOut(Schema):
    proposed: FigureOut
    responding: FigureOut
    by_level: list[FigureOut]
    monitoring: FigureOut
    active_warnings: int
    warnings: list[FigureOut]


class CockpitOut(Schema):
    as_of: dt.datetime
    scope: Literal["city", "unit"]
    unit: str | None
    statuses: list[tuple[str, str]] = Field(description="督办状态的键与中文名,按显示顺序")
    ledger: LedgerOut
    express: ExpressOut
    emergency: EmergencyOut


@router.get("", response={200: CockpitOut, 401: ErrorOut}, summary="领导驾驶舱数据")
def cockpit(request: HttpRequest) -> queries.Cockpit:
    return queries.build(request.user)
