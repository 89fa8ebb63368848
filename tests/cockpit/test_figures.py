"""The cockpit's figures agree with the apps' own rules on a small city."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from luoshi.cockpit import queries
from luoshi.core import clock
from luoshi.express import queries as express_queries
from luoshi.express import workflow as wf
from luoshi.supervision import access as ledger_access
from luoshi.supervision.queries import Moment
from luoshi.supervision.status import Status

pytestmark = pytest.mark.django_db


def _python_statuses(user) -> Counter[str]:
    """Each visible task's status decided one by one by the ledger's model rules."""
    moment = Moment.now()
    return Counter(
        t.status_on(moment.today, moment.horizon).value for t in ledger_access.visible_tasks(user)
    )


def _by_key(figures):
    return {f.key: f.count for f in figures}


def test_ledger_tiles_count_every_status_as_the_ledger_does(cast, tasks):
    cockpit = queries.build(cast.leader)
    counts = _by_key(cockpit.ledger.statuses)
    assert counts == {s.value: _python_statuses(cast.leader)[s.value] for s in Status}
    assert counts == {
        "not_started": 1, "on_track": 1, "at_risk": 1, "overdue": 3, "done": 1,
        "not_applicable": 1,
    }  # fmt: skip
    assert cockpit.ledger.total == 8  # the pending task (9) is not in the ledger yet
    assert cockpit.scope == "city" and cockpit.unit is None


def test_ledger_tiles_link_to_the_ledger_filtered_by_status(cast, tasks):
    cockpit = queries.build(cast.office)
    urls = {f.key: f.url for f in cockpit.ledger.statuses}
    assert urls["overdue"] == "/ledger/?status=overdue"
    assert urls["done"] == "/ledger/?status=done"


def test_overdue_tasks_by_lead_unit_are_ranked_and_linked(cast, tasks):
    units = queries.build(cast.leader).ledger.overdue_by_unit
    assert [(f.label, f.count) for f in units] == [("市发展和改革委员会", 2), ("市财政局", 1)]
    ndrc = units[0]
    assert ndrc.url == f"/ledger/?unit={cast.units.ndrc.pk}&role=lead&status=overdue"


def test_overdue_ranking_keeps_the_top_ten(cast, tasks, monkeypatch):
    moment = Moment.now()
    assert len(queries.overdue_by_lead_unit(cast.leader, moment, limit=1)) == 1
    assert queries.overdue_by_lead_unit(cast.leader, moment, limit=1)[0].count == 2


def test_tasks_by_leader_count_a_shared_task_once_for_each_leader(cast, tasks):
    rows = {r.leader: r for r in queries.build(cast.leader).ledger.by_leader}
    assert set(rows) == {"杨跃卿", "邢海斌"}
    # 杨跃卿: 1 (overdue), 2 (overdue, shared), 4 (at risk), 6 (on track)
    assert rows["杨跃卿"].total == 4
    assert rows["杨跃卿"].counts["overdue"] == 2 and rows["杨跃卿"].counts["at_risk"] == 1
    # 邢海斌: 2 (overdue, shared), 3 (overdue), 5 (not started), 7 (done)
    assert rows["邢海斌"].total == 4
    assert rows["邢海斌"].counts == {
        "not_started": 1, "on_track": 0, "at_risk": 0, "overdue": 2, "done": 1,
        "not_applicable": 0,
    }  # fmt: skip
    assert rows["杨跃卿"].url == "/ledger/?leader=%E6%9D%A8%E8%B7%83%E5%8D%BF"
    assert rows["杨跃卿"].status_urls()["overdue"].endswith("&status=overdue")


def test_unit_staff_see_only_their_units_tasks(cast, tasks):
    cockpit = queries.build(cast.finance)
    assert cockpit.scope == "unit" and cockpit.unit == "市财政局"
    counts = _by_key(cockpit.ledger.statuses)
    assert counts == {s.value: _python_statuses(cast.finance)[s.value] for s in Status}
    assert sum(counts.values()) == 3  # tasks 2, 5 and 8
    assert [(f.label, f.count) for f in cockpit.ledger.overdue_by_unit] == [("市财政局", 1)]


def test_co_operating_unit_sees_the_task_it_works_on(cast, tasks):
    cockpit = queries.build(cast.land)
    assert _by_key(cockpit.ledger.statuses)["overdue"] == 1  # task 3, as co-operating unit
    assert cockpit.ledger.overdue_by_unit[0].label == "市发展和改革委员会"


def test_express_tiles_match_the_card_lists(cast, cards):
    now = clock.now()
    figures = queries.build(cast.leader).express
    assert (
        figures.open.count
        == express_queries.cards(cast.leader, express_queries.CardList.OPEN).count()
    )
    assert figures.open.count == 3
    overdue = express_queries.cards(cast.leader, express_queries.CardList.OVERDUE, at=now)
    assert figures.overdue.count == overdue.count() >= 1
    assert cards.stale.pk in {c.pk for c in overdue}
    assert figures.open.url == "/express/?list=open"
    assert figures.overdue.url == "/express/?list=overdue"


def test_express_closed_this_month_and_average_handling_time(cast, cards):
    figures = queries.build(cast.leader).express
    assert figures.closed_this_month.count == 1  # the August card is last month's
    cards.september.refresh_from_db()
    took = cards.september.closed_at - cards.september.filed_at
    assert took == dt.timedelta(days=3)
    assert figures.average_handling_seconds == pytest.approx(took.total_seconds())
    assert figures.average_handling_text == "3天"


def test_express_average_is_unknown_without_closed_cards(cast):
    figures = queries.build(cast.leader).express
    assert figures.closed_this_month.count == 0
    assert figures.average_handling_seconds is None and figures.average_handling_text == "—"


def test_express_cards_by_step_follow_the_workflow_order(cast, cards):
    steps = queries.build(cast.leader).express.by_step
    assert [(s.key, s.count) for s in steps] == [
        (wf.State.FILED.value, 2),
        (wf.State.ASSIGNED.value, 1),
    ]
    filed = steps[0]
    assert filed.label == wf.State.FILED.label
    assert filed.overdue == 1  # the card filed on 1 September
    assert filed.url == "/express/?list=open&state=filed"
    assert filed.overdue_url == "/express/?list=overdue&state=filed"


def test_express_figures_are_scoped_to_the_units_cards(cast, cards):
    land = queries.build(cast.land).express
    assert land.open.count == 1  # the card passed to it
    assert [s.key for s in land.by_step] == [wf.State.ASSIGNED.value]
    assert queries.build(cast.finance).express.open.count == 0


def test_incidents_by_state_and_level_and_warnings_by_colour(cast, emergencies):
    figures = queries.build(cast.leader).emergency
    level = emergencies.launched.proposed_level
    assert figures.proposed.count == 1
    assert figures.responding.count == 1  # the stood-down incident is not counted
    assert {f.key: f.count for f in figures.by_level} == {
        lv: int(lv == level) for lv in ("I", "II", "III", "IV")
    }
    assert figures.monitoring.count == 0
    assert {f.key: f.count for f in figures.warnings} == {
        "red": 0, "orange": 1, "yellow": 1, "blue": 0
    }  # fmt: skip
    assert figures.active_warnings == 2
    assert {f.url for f in figures.warnings} == {"/emergency/warnings/"}
    assert figures.proposed.url == "/emergency/"


def test_an_empty_city_has_zero_everywhere(cast):
    cockpit = queries.build(cast.admin)
    assert cockpit.ledger.total == 0 and cockpit.ledger.by_leader == []
    assert cockpit.ledger.overdue_by_unit == [] and cockpit.express.by_step == []
    assert cockpit.emergency.active_warnings == 0


def test_as_of_is_the_clocks_now_in_local_time(cast):
    cockpit = queries.build(cast.leader)
    assert cockpit.as_of == clock.parse_moment("2020-09-28T11:00")
    assert cockpit.ledger.today == dt.date(2020, 9, 28)
