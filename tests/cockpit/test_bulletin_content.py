"""The monthly bulletin's content (pure): summary first, late units named, compact tables."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from luoshi.cockpit.bulletin import (
    NAMED_UNITS,
    BulletinFacts,
    LateTask,
    OverdueCard,
    compose,
    late_units,
)

UNITS = [
    "市发展和改革委员会",
    "市财政局",
    "市商务局",
    "市公安局",
    "市能源局",
    "市交通运输局",
    "泽州县人民政府",
]


def _task(units: tuple[str, ...], late: int = 3, title: str = "推进重点项目建设") -> LateTask:
    return LateTask(title, "晋市政发〔2020〕4号", dt.date(2020, 6, 22), late, units)


def _facts(tasks=(), cards=()) -> BulletinFacts:
    return BulletinFacts(
        year=2020, month=6, as_of=dt.date(2020, 7, 1), issuer="市人民政府督查室",
        task_counts=[("已销号", 120), ("正常推进", 300), ("临期预警", 10), ("逾期", len(tasks))],
        late_tasks=list(tasks), open_cards=4, closed_cards_in_month=2, overdue_cards=list(cards),
    )  # fmt: skip


def test_the_summary_gives_the_figures_first_and_names_the_late_units():
    tasks = [_task(("市财政局",), 8), _task(("市商务局",), 2), _task(("市商务局", "市财政局"), 5)]
    bulletin = compose(_facts(tasks))
    assert bulletin.title == "关于2020年6月重点工作督查督办情况的通报"
    assert bulletin.date_text == "2020年7月1日"
    overview = bulletin.sections[0]
    assert [s.heading for s in bulletin.sections] == [
        "总体情况",
        "逾期单位",
        "超时处置卡",
        "工作要求",
    ]
    first = overview.paragraphs[0]
    assert first.startswith("截至2020年7月1日,市政府督查督办事项共433项,其中已销号120项")
    # 市财政局 and 市商务局 have two each; 市财政局's longest delay is longer, so it comes first
    assert "逾期较多的是市财政局(2项)、市商务局(2项)。" in first
    table = bulletin.sections[1].table
    assert table is not None
    assert table.rows == (("1", "市财政局", "2", "8"), ("2", "市商务局", "2", "5"))


def test_no_late_units_and_no_overdue_cards_are_said_plainly():
    bulletin = compose(_facts())
    assert "各牵头单位均无逾期事项" in bulletin.sections[0].paragraphs[0]
    assert bulletin.sections[1].paragraphs == ("本期无逾期单位。",)
    assert bulletin.sections[2].paragraphs == ("本期无环节超时的处置卡。",)
    assert bulletin.late_units == ()


def test_overdue_cards_are_listed_longest_late_first_with_their_step_and_unit():
    cards = [
        OverdueCard("直通车〔2020〕3号", "丹河快速路", "待责任单位接收", "市发展和改革委员会", 5),
        OverdueCard("直通车〔2020〕1号", "光伏电站", "待市重点办梳理", "", 30),
    ]
    bulletin = compose(_facts(cards=cards))
    table = bulletin.sections[2].table
    assert table is not None
    assert [r[1] for r in table.rows] == ["直通车〔2020〕1号", "直通车〔2020〕3号"]
    assert table.rows[0][4] == "—"  # no responsible unit before triage
    assert "环节超时2件" in bulletin.sections[0].paragraphs[1]


late_task = st.builds(
    _task,
    st.lists(st.sampled_from(UNITS), min_size=1, max_size=3).map(tuple),
    st.integers(min_value=1, max_value=200),
)


@given(st.lists(late_task, max_size=30))
def test_every_late_unit_is_named_once_with_all_of_its_tasks(tasks):
    units = late_units(tasks)
    names = [u.unit for u in units]
    assert len(names) == len(set(names))
    assert set(names) == {u for t in tasks for u in t.lead_units}
    for row in units:
        mine = [t for t in tasks if row.unit in t.lead_units]
        assert row.tasks == len(mine)
        assert row.longest_working_days == max(t.working_days_late for t in mine)
    keys = [(-u.tasks, -u.longest_working_days, u.unit) for u in units]
    assert keys == sorted(keys)


@given(st.lists(late_task, max_size=30))
def test_tables_stay_compact_and_the_summary_names_only_the_first_units(tasks):
    bulletin = compose(_facts(tasks))
    for section in bulletin.sections:
        if section.table is not None:
            assert len(section.table.columns) <= 6
            assert all(len(r) == len(section.table.columns) for r in section.table.rows)
            assert [r[0] for r in section.table.rows] == [
                str(i) for i in range(1, len(section.table.rows) + 1)
            ]
    summary = bulletin.sections[0].paragraphs[0]
    units = bulletin.late_units
    for unit in units[:NAMED_UNITS]:
        assert f"{unit.unit}({unit.tasks}项)" in summary
    if len(units) > NAMED_UNITS:
        assert f"等{len(units)}个单位" in summary
