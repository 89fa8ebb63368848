"""The demo's story, played through the real actions at the moments they would have happened.

As of the clock's now (``LUOSHI_NOW``, 2020-07-01 09:00 in ``make demo``):

- the supervision office confirmed each document's tasks a few days after it was signed; the
  tasks it could not confirm (no lead unit found in the text) wait in the review queue;
- lead units reported on every period already due, the office accepted the reports and closed
  out the tasks whose deadline has passed; a few units (every :data:`LATE_EVERY`-th by name)
  missed their latest report, so the ledger, the reminders and the bulletin have late units;
  the demo unit (``danwei``) has one report awaiting review and one returned to rework;
- five 直通车 cards in different steps (one closed, one at the unit, one waiting for the vice
  mayor past its 24 hours, one waiting for the government office, one just filed);
- a road-traffic incident reported last night, its response level decided by the leader.

Idempotent: a second run finds the story's audit entry and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.db import transaction
from django.db.models import F

from luoshi.core import audit, clock
from luoshi.core.models import AuditEntry, User
from luoshi.directory.models import Unit
from luoshi.emergency import actions as emergency
from luoshi.emergency.demo import ensure_demo_posts
from luoshi.express import services as express
from luoshi.express.models import Notification as CardNotice
from luoshi.gazette.models import Document
from luoshi.supervision import services as ledger
from luoshi.supervision.models import Notification as LedgerNotice
from luoshi.supervision.models import Report, ReportingPeriod, Task, TaskUnit

SEEDED = "demo.story_seeded"
LATE_EVERY = 12  # one lead unit in twelve (by name) missed its latest report
T = TypeVar("T")


@dataclass
class Summary:
    confirmed: int = 0
    queue: int = 0
    reports: int = 0
    closed: int = 0
    late_units: int = 0
    cards: int = 0
    incidents: int = 0
    already: bool = False

    def as_dict(self) -> dict[str, int | bool]:
        return dict(self.__dict__)


def at(moment: dt.datetime, action: Callable[[], T]) -> T:
    """Run ``action`` as of ``moment``."""
    with clock.frozen(moment):
        return action()


def _morning(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=clock.local_zone())


def seed_story() -> Summary:
    """Play the story once (see the module's docstring)."""
    if AuditEntry.objects.filter(action=SEEDED).exists():
        return Summary(already=True)
    now = clock.now()
    people = {u.username: u for u in User.objects.filter(username__in=_CAST)}
    missing = sorted(set(_CAST) - set(people))
    if missing:
        raise LookupError("缺少演示账号:" + "、".join(missing) + "(请先运行 luoshi demo-users)")
    summary = Summary()
    with transaction.atomic():
        _review(people["duchashi"], now, summary)
        _reports(people, now, summary)
        _cards(people, now, summary)
        _incident(people, now, summary)
        _mark_old_notices_read(now)
        audit.record(SEEDED, None, summary="演示数据", object_type="demo", after=summary.as_dict())
    return summary


_CAST = ("duchashi", "danwei", "lingdao", "zhongdianban", "lianluoyuan", "zhiban", "zhengfuban")


def _mark_old_notices_read(now: dt.datetime) -> None:
    """What the story sent more than a day ago was read when it came; the rest waits unread."""
    day_before = now - dt.timedelta(days=1)
    for model in (LedgerNotice, CardNotice):
        model.objects.filter(created_at__lt=day_before, read_at=None).update(
            read_at=F("created_at") + dt.timedelta(hours=2)
        )


# -- the office's review ------------------------------------------------------------------------


def _review(office: User, now: dt.datetime, summary: Summary) -> None:
    documents = Document.objects.filter(tasks__state=Task.State.PENDING).distinct()
    for document in documents.order_by("signed_on", "pk"):
        pending = Task.objects.filter(document=document, state=Task.State.PENDING).order_by("pk")
        signed = document.signed_on or now.date()
        moment = min(_morning(signed + dt.timedelta(days=3)), now)
        confirmed, _ = at(moment, lambda p=pending: ledger.confirm_tasks(office, list(p)))
        summary.confirmed += len(confirmed)
    summary.queue = Task.objects.filter(state=Task.State.PENDING).count()


# -- progress reports ---------------------------------------------------------------------------


def _reports(people: dict[str, User], now: dt.datetime, summary: Summary) -> None:
    office, demo_unit = people["duchashi"], people["danwei"]
    staff = {u.unit_id: u for u in User.objects.filter(role="unit_staff").order_by("pk")}
    lead_units = Unit.objects.filter(
        assignments__role=TaskUnit.Role.LEAD, assignments__task__state=Task.State.ACTIVE
    ).distinct()
    late = {
        u.pk for i, u in enumerate(lead_units.order_by("name")) if i % LATE_EVERY == LATE_EVERY - 1
    }
    late.discard(demo_unit.unit_id)
    summary.late_units = len(late)
    held_back = 0  # the demo unit's reports left for the office (one submitted, one returned)
    tasks = Task.objects.filter(state=Task.State.ACTIVE, not_applicable=False).order_by("pk")
    for task in tasks:
        lead = task.assignments.filter(role=TaskUnit.Role.LEAD).order_by("pk").first()
        author = staff.get(lead.unit_id) if lead else None
        periods = list(task.periods.filter(due__lt=now.date()).order_by("due", "seq"))
        if author is None or not periods:
            continue
        if lead is not None and lead.unit_id in late:
            periods = periods[:-1]
        for n, period in enumerate(periods, start=1):
            last = n == len(periods)
            finished = last and task.due is not None and task.due < now.date()
            report = _submit(author, task, period, n, len(periods), finished, now)
            summary.reports += 1
            if last and author == demo_unit and held_back < 2:
                held_back += 1
                if held_back == 2:
                    at(_after(period, now, 1), lambda r=report: ledger.return_report(
                        office, r, comment="请补充完成情况的量化数据和佐证材料"
                    ))  # fmt: skip
                continue
            at(_after(period, now, 1), lambda r=report: ledger.accept_report(office, r))
            if finished:
                at(_after(period, now, 2), lambda t=task: ledger.close_out(office, t))
                summary.closed += 1


def _after(period: ReportingPeriod, now: dt.datetime, days: int) -> dt.datetime:
    return min(_morning(period.due + dt.timedelta(days=days)), now - dt.timedelta(hours=1))


def _submit(
    author: User, task: Task, period: ReportingPeriod, n: int, of: int, finished: bool,
    now: dt.datetime,
) -> Report:  # fmt: skip
    percent = 100 if finished else min(90, round(100 * n / (of + 1)))
    narrative = f"{author.unit}按照文件要求推进“{task.title[:30]}”:{period.label}" + (
        "已全部完成,申请销号。" if finished else f"完成阶段性工作,总体进度约{percent}%。"
    )
    moment = min(_morning(period.due - dt.timedelta(days=2), 15), now - dt.timedelta(hours=2))
    moment = max(moment, (task.updated_at or moment) + dt.timedelta(hours=1))

    def write() -> Report:
        draft = ledger.save_report(
            author, period, narrative=narrative, percent=percent, close_requested=finished
        )
        return ledger.submit_report(author, draft, version=draft.version)

    return at(moment, write)


# -- 直通车 cards -------------------------------------------------------------------------------


def _cards(people: dict[str, User], now: dt.datetime, summary: Summary) -> None:
    liaison, key = people["lianluoyuan"], people["zhongdianban"]
    leader = people["lingdao"]
    unit = people["danwei"].unit
    assert unit is not None
    due = (now + dt.timedelta(days=30)).date()

    def file(hours_ago: float, project: str, situation: str) -> int:
        filing = express.Filing(
            project, f"{project[:8]}建设单位", "项目负责人 13800000000", situation
        )
        card = at(now - dt.timedelta(hours=hours_ago), lambda: express.file_card(liaison, filing))
        summary.cards += 1
        return card.pk

    def step(hours_ago: float, action: Callable[[], object]) -> None:
        at(now - dt.timedelta(hours=hours_ago), action)

    done = file(23 * 24, "泽州县光伏发电项目", "项目并网接入需供电公司批复接入方案。")
    step(23 * 24 - 3, lambda: express.triage_ordinary(key, done, "请市发改委协调", unit.pk, due))
    step(23 * 24 - 20, lambda: express.accept(people["danwei"], done, "李华", "能源科"))
    step(22 * 24, lambda: express.complete(people["danwei"], done, "接入方案已批复。"))
    step(21 * 24, lambda: express.close(key, done, "问题已解决,同意完结"))

    working = file(47, "泽州县丹河快速路建设项目", "红线内两处高压线杆需迁改,需协调供电公司。")
    step(42, lambda: express.triage_ordinary(key, working, "请市发改委牵头协调", unit.pk, due))
    step(24, lambda: express.accept(people["danwei"], working, "李华", "项目科"))
    step(
        17,
        lambda: express.report_progress(people["danwei"], working, "已召开协调会,迁改方案已确定。"),
    )

    hard = file(60, "泽州县物流园区项目", "项目用地规划调整涉及多个部门,需市领导协调。")
    step(
        50,
        lambda: express.triage_hard(
            key, hard, "涉及用地规划调整,报请分管副市长协调", leader.pk, due
        ),
    )

    signed = file(70, "泽州县污水处理厂提标改造项目", "改造资金缺口较大,需市级统筹支持。")
    step(
        65,
        lambda: express.triage_hard(key, signed, "资金统筹事项,报请分管副市长批示", leader.pk, due),
    )
    step(18, lambda: express.instruct(leader, signed, "请市政府办转市发改委会同市财政局研究解决。"))

    file(16, "泽州县农产品冷链物流中心项目", "项目施工许可办理进度较慢,请协调加快办理。")


# -- an incident --------------------------------------------------------------------------------


def _incident(people: dict[str, User], now: dt.datetime, summary: Summary) -> None:
    occurred = now - dt.timedelta(hours=11)
    data = emergency.IncidentInput(
        plan_id="road-traffic", title="二广高速连接线货车与客车相撞事故", county="泽州县",
        place="国道207线泽州县巴公镇段", occurred_at=occurred, reporter="市公安局交警支队 值班室",
        facts={"deaths": 3, "injured": 12, "counties_affected": 1},
        summary="一辆货车与一辆客车相撞,造成人员伤亡,道路单向通行。",
    )  # fmt: skip
    opened = at(
        occurred + dt.timedelta(minutes=25), lambda: emergency.open_incident(people["zhiban"], data)
    )
    level = opened.proposed_level
    ensure_demo_posts()  # 王强 is 总指挥 of every plan's headquarters
    at(occurred + dt.timedelta(minutes=50), lambda: emergency.decide_level(people["lingdao"], opened.pk, level, "同意研判建议"))  # fmt: skip
    summary.incidents += 1
