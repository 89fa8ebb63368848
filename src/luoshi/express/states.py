"""Where a 直通车 card stands and who the parties are: states, actors, categories, tracks.

Source: 《晋城市服务项目"24小时直通车"制度》(晋市政办〔2020〕18号) and the 13710 rules; the
moves between the states are in :mod:`luoshi.express.workflow`.

Pure Python: no Django import.
"""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    """Where a card stands (处置卡状态)."""

    FILED = "filed"
    RETURNED = "returned"
    AWAITING_INSTRUCTION = "awaiting_instruction"
    AWAITING_DISPATCH = "awaiting_dispatch"
    ASSIGNED = "assigned"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]

    @property
    def terminal(self) -> bool:
        return self in TERMINAL_STATES


STATE_LABELS: dict[State, str] = {
    State.FILED: "待市重点办梳理",
    State.RETURNED: "退回补充材料",
    State.AWAITING_INSTRUCTION: "待分管副市长批示",
    State.AWAITING_DISPATCH: "待市政府办转交",
    State.ASSIGNED: "待责任单位落实负责人",
    State.ACCEPTED: "已落实负责人,待报告进展",
    State.IN_PROGRESS: "责任单位办理中",
    State.COMPLETED: "已办结,待市重点办完结",
    State.CLOSED: "已完结",
    State.WITHDRAWN: "已撤回",
}

TERMINAL_STATES = frozenset({State.CLOSED, State.WITHDRAWN})
OPEN_STATES = frozenset(State) - TERMINAL_STATES


class Actor(StrEnum):
    """The parties of the rules (制度中的角色)."""

    LIAISON = "liaison"  # 联络员 (第五、六条)
    KEY_OFFICE = "key_office"  # 市重点办 (第三、七条)
    VICE_MAYOR = "vice_mayor"  # 分管副市长 (第八条)
    GOV_OFFICE = "gov_office"  # 市政府办公室相关科室 (第八条)
    RESPONSIBLE_UNIT = "responsible_unit"  # 责任单位 (第九条)
    SUPERVISION = "supervision"  # 督查室 (第十条)

    @property
    def label(self) -> str:
        return ACTOR_LABELS[self]


ACTOR_LABELS: dict[Actor, str] = {
    Actor.LIAISON: "联络员",
    Actor.KEY_OFFICE: "市重点办",
    Actor.VICE_MAYOR: "分管副市长",
    Actor.GOV_OFFICE: "市政府办相关科室",
    Actor.RESPONSIBLE_UNIT: "责任单位",
    Actor.SUPERVISION: "督查室",
}


class Category(StrEnum):
    """Kind of problem decided at triage (第七条)."""

    ORDINARY = "ordinary"  # 一般性问题
    HARD = "hard"  # 疑难问题

    @property
    def label(self) -> str:
        return "一般性问题" if self is Category.ORDINARY else "疑难问题"


class Track(StrEnum):
    """Which set of time limits applies."""

    EXPRESS = "express"  # 24小时直通车
    T13710 = "13710"  # 13710 督办

    @property
    def label(self) -> str:
        return "24小时直通车" if self is Track.EXPRESS else "13710督办"


class Severity(StrEnum):
    """13710: how long solving may take."""

    ORDINARY = "ordinary"  # 一般问题: 7天内解决
    MAJOR = "major"  # 重大复杂问题: 1个月内解决或明确时限计划

    @property
    def label(self) -> str:
        return "一般问题" if self is Severity.ORDINARY else "重大复杂问题"
