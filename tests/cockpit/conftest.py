"""A small city for the cockpit, built through the apps' own services: ledger tasks in every
status, express cards open, overdue and closed, incidents and warnings. It is the morning
of Monday 28 September 2020 unless a test says otherwise."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from tests.emergency.people import give_posts

from factories import make_document, make_user
from luoshi.core import clock
from luoshi.core.models import User
from luoshi.core.roles import Role
from luoshi.directory.models import Unit
from luoshi.emergency import actions
from luoshi.emergency.playbook import load_playbook
from luoshi.express import services as express
from luoshi.express.services import Filing
from luoshi.gazette.models import Document
from luoshi.supervision import services as ledger
from luoshi.supervision.extraction.model import ExtractedTask

NOW = "2020-09-28T11:00"


@pytest.fixture(autouse=True)
def _autumn_2020(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with clock.frozen(NOW):
        yield


@pytest.fixture
def cast(db):
    units = SimpleNamespace(
        ndrc=Unit.objects.create(name="市发展和改革委员会"),
        finance=Unit.objects.create(name="市财政局"),
        land=Unit.objects.create(name="市规划和自然资源局"),
        county=Unit.objects.create(name="泽州县人民政府", kind=Unit.Kind.COUNTY),
        key=Unit.objects.create(name="市重点工程项目建设办公室", kind=Unit.Kind.GOVERNMENT),
        city=Unit.objects.create(name="市人民政府", kind=Unit.Kind.GOVERNMENT),
    )
    return SimpleNamespace(
        units=units,
        leader=make_user("leader", Role.LEADER, units.city, display_name="杨跃卿"),
        office=make_user("office", Role.SUPERVISION, display_name="督查室 张敏"),
        admin=make_user("admin", Role.ADMIN, is_staff=True, is_superuser=True),
        ndrc=make_user("ndrc", Role.UNIT_STAFF, units.ndrc),
        finance=make_user("finance", Role.UNIT_STAFF, units.finance),
        land=make_user("land", Role.UNIT_STAFF, units.land),
        nobody=make_user("nobody", Role.UNIT_STAFF),
        liaison=make_user("liaison", Role.LIAISON, units.county),
        key=make_user("key", Role.KEY_PROJECTS, units.key),
        duty=make_user("duty", Role.DUTY_OFFICER, units.city),
    )


def _document() -> Document:
    return make_document(body_text="")


# (no, lead unit attribute, leaders in charge, due, what happens to it)
TASKS = [
    ("1", "ndrc", ["杨跃卿"], dt.date(2020, 9, 1), "live"),
    ("2", "finance", ["杨跃卿", "邢海斌"], dt.date(2020, 8, 14), "live"),
    ("3", "ndrc", ["邢海斌"], dt.date(2020, 7, 31), "live"),
    ("4", "ndrc", ["杨跃卿"], dt.date(2020, 9, 30), "live"),
    ("5", "finance", ["邢海斌"], dt.date(2020, 12, 31), "live"),
    ("6", "ndrc", ["杨跃卿"], dt.date(2020, 12, 31), "reported"),
    ("7", "ndrc", ["邢海斌"], dt.date(2020, 12, 31), "closed"),
    ("8", "finance", [], dt.date(2020, 12, 31), "not_applicable"),
    ("9", "ndrc", ["杨跃卿"], dt.date(2020, 6, 30), "pending"),
]


def _report(user: User, task, **values):
    period = task.periods.order_by("due").first()
    report = ledger.save_report(user, period, narrative="按计划推进", percent=50, **values)
    return ledger.submit_report(user, report, version=report.version)


@pytest.fixture
def tasks(cast):
    document = _document()
    made = {}
    with clock.frozen("2020-03-25T09:00"):
        for no, lead, leaders, due, fate in TASKS:
            unit = getattr(cast.units, lead)
            item = ExtractedTask(
                document=document.number, ref=f"附件 序号{no}", no=no, title=f"重点任务{no}",
                text=f"重点任务{no}的内容。", lead_units=[unit.name],
                co_units=[cast.units.land.name] if no == "3" else [],
                leaders_in_charge=leaders, due=due, due_text="",
            )  # fmt: skip
            task = ledger.create_task(item, document=document)
            if fate != "pending":
                task = ledger.confirm_task(cast.office, task)
            made[no] = task
    staff = {"ndrc": cast.ndrc, "finance": cast.finance}
    with clock.frozen("2020-09-20T10:00"):
        _report(cast.ndrc, made["6"])
        done = _report(cast.ndrc, made["7"], close_requested=True)
        ledger.accept_report(cast.office, done)
        ledger.close_out(cast.office, made["7"], comment="已完成")
        ledger.mark_not_applicable(cast.office, made["8"], reason="本市不涉及")
    assert staff  # every lead unit has a member of staff
    for task in made.values():
        task.refresh_from_db()
    return made


FILING = Filing(
    project_name="晋城市丹河快速路建设项目",
    builder="晋城市交通投资有限公司",
    contact="王工 13800000000",
    situation="项目红线内有两处高压线杆需迁改,需协调供电公司。",
)


def _at(moment: str, action):
    with clock.frozen(moment):
        return action()


def _walk_to_closed(cast, filed: str, closed: str):
    card = _at(filed, lambda: express.file_card(cast.liaison, FILING))
    start = clock.parse_moment(filed)
    due = dt.date(2020, 10, 30)
    steps = [
        lambda: express.triage_ordinary(
            cast.key, card.pk, "请市规划和自然资源局办理", cast.units.land.pk, due
        ),
        lambda: express.accept(cast.land, card.pk, "李科长", "用地科"),
        lambda: express.complete(cast.land, card.pk, "已协调解决"),
    ]
    for i, step in enumerate(steps, start=1):
        _at((start + dt.timedelta(hours=i)).isoformat(), step)
    return _at(closed, lambda: express.close(cast.key, card.pk, "同意完结"))


@pytest.fixture
def cards(cast):
    """Two open cards (one filed long ago, its step overdue), one at the unit, and two
    closed cards: one in September (3 days' handling), one in August."""
    fresh = _at("2020-09-28T09:00", lambda: express.file_card(cast.liaison, FILING))
    stale = _at("2020-09-01T09:00", lambda: express.file_card(cast.liaison, FILING))
    at_unit = _at("2020-09-27T09:00", lambda: express.file_card(cast.liaison, FILING))
    at_unit = _at(
        "2020-09-27T10:00",
        lambda: express.triage_ordinary(
            cast.key, at_unit.pk, "请办理", cast.units.land.pk, dt.date(2020, 10, 30)
        ),
    )
    september = _walk_to_closed(cast, "2020-09-10T09:00", "2020-09-13T09:00")
    august = _walk_to_closed(cast, "2020-08-03T09:00", "2020-08-05T09:00")
    return SimpleNamespace(
        fresh=fresh, stale=stale, at_unit=at_unit, september=september, august=august
    )


def _incident(cast, title: str, trapped: int):
    data = actions.IncidentInput(
        plan_id="coal-mine", title=title, county="泽州县", place="某煤矿3号井",
        occurred_at=clock.parse_moment("2020-09-28T08:00"), reporter="矿调度室 张三",
        facts={"trapped_or_missing": trapped},
    )  # fmt: skip
    return actions.open_incident(cast.duty, data)


def _warning(cast, level: str):
    data = actions.WarningInput(
        plan_id="coal-mine", level=level, area="泽州县", headline=f"煤矿事故{level}级预警",
        description="发现煤矿重大事故隐患", authority="晋城市煤矿事故应急指挥部",
    )  # fmt: skip
    return actions.issue_warning(cast.duty, data)


@pytest.fixture
def emergencies(cast):
    """Three incidents: one launched, one awaiting a decision, one stood down; three warnings,
    one of them lifted."""
    launched = _incident(cast, "某煤矿透水事故", 4)
    give_posts(cast.leader)  # 总指挥 of every plan's headquarters
    actions.decide_level(cast.leader, launched.pk, launched.proposed_level, "同意")
    waiting = _incident(cast, "另一煤矿透水事故", 4)
    ended = _incident(cast, "已结束的事故", 4)
    actions.decide_level(cast.leader, ended.pk, ended.proposed_level, "同意")
    playbook = load_playbook("coal-mine")
    refs = [c.ref for c in playbook.termination.conditions]
    actions.stand_down(cast.leader, ended.pk, refs, "被困人员全部升井", confirmed=True)
    lifted = _warning(cast, "II")
    _warning(cast, "II")
    _warning(cast, "III")
    actions.lift_warning(cast.duty, lifted.pk, "隐患已消除")
    return SimpleNamespace(launched=launched, waiting=waiting, ended=ended)
