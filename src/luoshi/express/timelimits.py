"""The step clocks of the 直通车 and 13710 tracks: which time limit each step has, and when
it falls due.

Source: 《晋城市服务项目"24小时直通车"制度》(晋市政办〔2020〕18号) 第七至九条 and the
province's 13710 督办 rules. Every 直通车 step has 24 natural hours; on the 13710 track a
unit has 1 day to deploy, 3 days to feed back, 7 days (一般问题) or 30 days (重大复杂问题, or
the date of a dated plan) to solve, then close-out. Which limits count natural hours,
natural days or working days is a :class:`ClockPolicy`, configurable.

Limits are time-limit expressions (``24小时``, ``3个工作日``, ``30天``) read and counted by the
one deadline engine, :mod:`luoshi.core.deadlines` (start day not counted, days end at
23:59:59, working days with 调休).

Pure Python: no Django import.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from luoshi.core.calendar import WorkingCalendar
from luoshi.core.deadlines import TimeLimit, TimeLimitError, end_of_day, parse_time_limit
from luoshi.core.deadlines import resolve_deadline as _resolve
from luoshi.express.workflow import Card, Severity, State, Track


def duration(text: str) -> TimeLimit:
    """A limit that is a duration (``24小时``, ``3个工作日``, ``30天``); a date is refused."""
    limit = parse_time_limit(text)
    if not limit.is_duration:
        raise TimeLimitError(f"环节时限须为时长(如24小时、3个工作日): {text}")
    return limit


@dataclass(frozen=True)
class ClockPolicy:
    """Which limit each step has (configurable; see ``LUOSHI_EXPRESS_LIMITS``).

    Defaults: every 直通车 step is 24 natural hours, as the rules say
    ("24小时之内"). On the 13710 track, deployment (1), feedback (3) and solving
    an ordinary problem (7) count working days, since those are office
    procedures that do not run over weekends and holidays; solving a major
    problem within "1个月" counts 30 natural days; closing out counts 1
    working day.
    """

    express_step: TimeLimit = duration("24小时")
    deploy: TimeLimit = duration("1个工作日")
    feedback: TimeLimit = duration("3个工作日")
    solve_ordinary: TimeLimit = duration("7个工作日")
    solve_major: TimeLimit = duration("30天")
    close_out: TimeLimit = duration("1个工作日")

    @classmethod
    def from_mapping(cls, values: dict[str, str]) -> ClockPolicy:
        """A policy with some limits replaced: ``{"deploy": "1天", "solve_major": "22个工作日"}``."""
        known = {f.name for f in fields(cls)}
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"未知的时限名称: {', '.join(sorted(unknown))}")
        return cls(**{k: duration(v) for k, v in values.items()})

    def describe(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name).text for f in fields(self)}


@dataclass(frozen=True)
class Clock:
    """The policy and the working-day calendar used to set deadlines."""

    calendar: WorkingCalendar
    policy: ClockPolicy = field(default_factory=ClockPolicy)

    def due(self, start: dt.datetime, limit: TimeLimit) -> dt.datetime:
        """When ``limit`` counted from ``start`` falls due."""
        return _resolve(limit, start, self.calendar).due

    def step_deadline(self, card: Card) -> dt.datetime | None:
        """When the running step of ``card`` is due; None for a finished card."""
        p = self.policy
        if card.state.terminal:
            return None
        if card.track is Track.EXPRESS:
            if card.state in (State.ACCEPTED, State.IN_PROGRESS):
                return end_of_day(card.due_date) if card.due_date else None
            return self.due(card.entered_at, p.express_step)
        origin = card.clock_origin or card.entered_at
        if card.state is State.ASSIGNED:
            return self.due(card.entered_at, p.deploy)
        if card.state is State.ACCEPTED:
            return self.due(origin, p.feedback)
        if card.state is State.IN_PROGRESS:
            if card.plan_due is not None:
                return end_of_day(card.plan_due)
            solve = p.solve_major if card.severity is Severity.MAJOR else p.solve_ordinary
            return self.due(origin, solve)
        if card.state is State.COMPLETED:
            return self.due(card.entered_at, p.close_out)
        return self.due(card.entered_at, p.express_step)

    def step_limit(self, card: Card) -> str:
        """The rule behind the running step's deadline, in words."""
        p = self.policy
        if card.state.terminal:
            return ""
        if card.track is Track.EXPRESS:
            if card.state in (State.ACCEPTED, State.IN_PROGRESS):
                return "市重点办确定的办结时限"
            return f"{p.express_step.text}内办理"
        if card.state is State.ASSIGNED:
            return f"13710:{p.deploy.text}内部署"
        if card.state is State.ACCEPTED:
            return f"13710:{p.feedback.text}内反馈"
        if card.state is State.IN_PROGRESS:
            if card.plan_due is not None:
                return "13710:按解决计划时限"
            if card.severity is Severity.MAJOR:
                return f"13710:重大复杂问题{p.solve_major.text}内解决"
            return f"13710:一般问题{p.solve_ordinary.text}内解决"
        if card.state is State.COMPLETED:
            return f"13710:{p.close_out.text}内销号"
        return f"{p.express_step.text}内办理"
