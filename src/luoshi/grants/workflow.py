"""The yearly 大学新生资助 procedure of 晋市政办〔2020〕9号 二、 as a state machine.

Pure: no Django. An application climbs four levels — the high school (学校初审), the county
student-aid centre (县级核查, with home visits to a random sample), the city centre (市级审核) and
the education bureau (市教育局确定). The school and the county each publish the list they pass up,
and the city centre publishes the recipients the bureau has decided, for at least five working
days (公示) before the list moves on (to the next level, or to payment); an objection must be
resolved first. Any level may return an application to the school with its reason.
"""

from __future__ import annotations

import datetime as dt
import enum
import random
from collections.abc import Sequence

from luoshi.core.calendar import WorkingCalendar

PUBLICITY_WORKING_DAYS = 5  # 二、(三)1: 不少于五个工作日的公示


class Level(enum.StrEnum):
    SCHOOL = "school"  # 高中阶段学校
    COUNTY = "county"  # 县(市、区)学生资助中心
    CITY = "city"  # 市学生资助事务中心
    BUREAU = "bureau"  # 市教育局


LEVEL_NAMES = {
    Level.SCHOOL: "学校",
    Level.COUNTY: "县级资助中心",
    Level.CITY: "市学生资助事务中心",
    Level.BUREAU: "市教育局",
}
# Where a publicised list moves once its 公示 is over: the city's list goes to payment (None).
FORWARD_TO: dict[Level, Level | None] = {
    Level.SCHOOL: Level.COUNTY,
    Level.COUNTY: Level.CITY,
    Level.CITY: None,
}
PUBLISHING_LEVELS = tuple(FORWARD_TO)


class State(enum.StrEnum):
    DRAFT = "draft"  # 学校录入中
    IN_REVIEW = "in_review"  # 在某一级审核
    LISTED = "listed"  # 本级审核通过,列入本级公示名单
    APPROVED = "approved"  # 市教育局确定资助
    RETURNED = "returned"  # 退回学校补正
    REJECTED = "rejected"  # 不予资助


STATE_NAMES = {
    State.DRAFT: "录入中",
    State.IN_REVIEW: "审核中",
    State.LISTED: "公示名单中",
    State.APPROVED: "已确定资助",
    State.RETURNED: "已退回",
    State.REJECTED: "不予资助",
}


class WorkflowError(ValueError):
    """A step the procedure does not allow now; the message is for a person, in Chinese."""


def check_review(state: State, at: Level, actor_level: Level) -> None:
    """Whether an office of ``actor_level`` may decide on an application at ``at`` in ``state``."""
    if actor_level != at:
        raise WorkflowError(f"该申请在{LEVEL_NAMES[at]}审核,本单位不能审核")
    if state != State.IN_REVIEW:
        raise WorkflowError(f"该申请{STATE_NAMES[state]},不在审核中")


def after_approval(at: Level) -> tuple[State, Level]:
    """Where a level's approval puts an application: on the school's or county's list for 公示,
    before the bureau (after the city centre), or decided and on the city's list (the bureau)."""
    if at is Level.CITY:
        return State.IN_REVIEW, Level.BUREAU
    if at is Level.BUREAU:
        return State.APPROVED, Level.CITY
    return State.LISTED, at


def check_submit(state: State) -> None:
    if state not in (State.DRAFT, State.RETURNED):
        raise WorkflowError(f"该申请{STATE_NAMES[state]},不能再次提交")


# --- 公示 ------------------------------------------------------------------------------------


def publicity_ends(starts: dt.date, calendar: WorkingCalendar) -> dt.date:
    """The last day of a 公示 that starts on ``starts``: five working days, ``starts`` the first
    when it is a working day."""
    first = calendar.next_working_day(starts)
    return calendar.add_working_days(first, PUBLICITY_WORKING_DAYS - 1)


def check_forward(
    level: Level, today: dt.date, ends: dt.date | None, open_objections: int
) -> Level | None:
    """Where a publicised list may move today (None: to payment), or WorkflowError saying why not."""
    if level not in FORWARD_TO:
        raise WorkflowError("该级不公示名单")
    if ends is None:
        raise WorkflowError("名单尚未公示,不能上报")
    if today <= ends:
        raise WorkflowError(f"公示期至{ends.year}年{ends.month}月{ends.day}日,期满后方可上报")
    if open_objections:
        raise WorkflowError(f"尚有{open_objections}件异议未处理,处理后方可上报")
    return FORWARD_TO[level]


# --- home visits ------------------------------------------------------------------------------


def draw_sample(application_ids: Sequence[int], size: int, seed: str) -> list[int]:
    """The applications a county visits again (随机入户核查): ``size`` of them, drawn reproducibly
    from ``seed`` (recorded with the draw) so anyone can check the draw."""
    if size < 0:
        raise WorkflowError("抽查数量不能为负数")
    ordered = sorted(set(application_ids))
    chosen = random.Random(seed).sample(ordered, min(size, len(ordered)))
    return sorted(chosen)
