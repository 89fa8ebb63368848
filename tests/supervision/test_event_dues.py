"""Deadlines counted from events or seasons: found in text, kept, anchored by the office."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from hypothesis import given
from hypothesis import strategies as st

from luoshi.core.calendar import WorkingCalendar
from luoshi.core.errors import Conflict
from luoshi.core.models import AuditEntry
from luoshi.supervision import services
from luoshi.supervision.extraction.due import find_dues
from luoshi.supervision.extraction.events import EventDue, anchor_event_due, find_event_dues
from luoshi.supervision.services.anchoring import anchor_due_event

from .conftest import extracted

SIGNED = dt.date(2020, 3, 20)


@pytest.mark.parametrize(
    ("text", "event", "before", "offset"),
    [
        ("各地要在汛期前完成河道清障。", "汛期", True, ""),
        ("汛期结束后15日内组织复查。", "汛期结束", False, "15日"),
        ("各县(区)要在收到通知之日起10日内完成排查。", "收到通知", False, "10日"),
        ("主汛期前10天完成隐患排查。", "主汛期", True, "10天"),
        ("自本通知印发之日起5个工作日内报送名单。", "本通知印发", False, "5个工作日"),
        ("供暖期到来之前完成锅炉改造。", "供暖期到来", True, ""),
    ],
)
def test_should_read_a_deadline_counted_from_an_event(text, event, before, offset):
    (found,) = find_event_dues(text)
    assert (found.event, found.before, found.offset) == (event, before, offset)
    assert found.text in text


@pytest.mark.parametrize(
    "text", ["本办法从印发之日起执行。", "自2020年5月1日起施行。", "汛期安全工作要常抓不懈。"]
)
def test_should_not_read_a_start_of_validity_or_a_mention_as_a_deadline(text):
    assert find_event_dues(text) == []


def test_should_read_a_goal_date_as_the_deadline():
    (due,) = find_dues("加快工程建设进度,实现12月底通车的目标。", SIGNED)
    assert due.due == dt.date(2020, 12, 31)
    (due,) = find_dues("确保6月底建成投用。", SIGNED)
    assert due.due == dt.date(2020, 6, 30)


CALENDAR = WorkingCalendar()
DAYS = st.dates(dt.date(2021, 1, 1), dt.date(2025, 12, 31))


@given(DAYS, st.integers(1, 90))
def test_anchoring_counts_natural_days_from_the_event(day, n):
    after = EventDue(f"汛期结束后{n}日内", "汛期结束", before=False, offset=f"{n}日")
    before = EventDue(f"汛期前{n}天", "汛期", before=True, offset=f"{n}天")
    assert anchor_event_due(after, day, CALENDAR) == day + dt.timedelta(days=n)
    assert anchor_event_due(before, day, CALENDAR) == day - dt.timedelta(days=n)


@given(DAYS)
def test_before_an_event_without_a_limit_is_the_day_before(day):
    assert anchor_event_due(EventDue("汛期前", "汛期", True), day) == day - dt.timedelta(days=1)
    assert anchor_event_due(EventDue("汛期后", "汛期", False), day) == day


@given(DAYS, st.integers(1, 30), st.booleans())
def test_working_days_from_an_event_land_on_working_days(day, n, before):
    due = EventDue("", "收到通知", before=before, offset=f"{n}个工作日")
    anchored = anchor_event_due(due, day, CALENDAR)
    assert CALENDAR.is_working_day(anchored)
    first, last = sorted((day, anchored))
    between = [first + dt.timedelta(days=k) for k in range(1, (last - first).days + 1)]
    counted = between if not before else [first, *between[:-1]]
    assert sum(CALENDAR.is_working_day(d) for d in counted) == n


@given(DAYS, DAYS, st.integers(0, 60), st.booleans())
def test_a_later_event_never_brings_the_deadline_earlier(a, b, n, before):
    due = EventDue("", "汛期", before=before, offset=f"{n}日" if n else "")
    early, late = sorted((a, b))
    assert anchor_event_due(due, early, CALENDAR) <= anchor_event_due(due, late, CALENDAR)


@pytest.fixture
def flood_task(document, units):
    item = extracted(
        no="3", due=None, due_text="汛期结束后15日内", targets=[],
        due_event=EventDue("汛期结束后15日内", "汛期结束", before=False, offset="15日"),
    )  # fmt: skip
    return services.create_task(item, document=document)


def test_the_office_anchors_the_event_and_the_due_date_follows(flood_task, people):
    assert flood_task.due is None and flood_task.due_event["event"] == "汛期结束"
    task = anchor_due_event(
        people["office"], flood_task, dt.date(2020, 9, 30), reason="气象部门通知"
    )
    task.refresh_from_db()
    assert task.due == dt.date(2020, 10, 15)
    assert task.due_event["anchored_on"] == "2020-09-30"
    entry = AuditEntry.objects.get(action="supervision.due_event_anchored")
    assert entry.before["due"] is None and entry.after["due"] == "2020-10-15"
    assert entry.reason == "气象部门通知"
    again = anchor_due_event(people["office"], task, dt.date(2020, 9, 15))
    assert again.due == dt.date(2020, 9, 30)


def test_only_the_office_anchors_and_only_event_deadlines(flood_task, people, document):
    with pytest.raises(PermissionDenied):
        anchor_due_event(people["a"], flood_task, dt.date(2020, 9, 30))
    dated = services.create_task(extracted(no="4"), document=document)
    with pytest.raises(Conflict):
        anchor_due_event(people["office"], dated, dt.date(2020, 9, 30))
    assert not AuditEntry.objects.filter(action="supervision.due_event_anchored").exists()
