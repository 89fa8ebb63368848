"""Status rules (pure) and their SQL mirror agree; property tests on the rules."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.core.calendar import WorkingCalendar
from luoshi.supervision.status import (
    Checkpoint,
    Status,
    Submission,
    TaskFacts,
    days_overdue,
    facts_as_of,
    next_due,
    task_status,
    warning_horizon,
)

CAL = WorkingCalendar()
D = dt.date
days = st.dates(min_value=D(2020, 1, 1), max_value=D(2021, 12, 31))
checkpoint = st.builds(Checkpoint, due=days, covered=st.booleans())


def task_facts(min_periods: int = 0) -> st.SearchStrategy[TaskFacts]:
    return st.builds(
        TaskFacts,
        not_applicable=st.booleans(),
        closed=st.booleans(),
        due=st.none() | days,
        checkpoints=st.lists(checkpoint, min_size=min_periods, max_size=6).map(tuple),
        reported=st.booleans(),
        close_requested=st.booleans(),
    )


facts = task_facts()
facts_with_periods = task_facts(min_periods=1)


def test_overdue_the_day_after_an_unreported_deadline():
    f = TaskFacts(due=D(2020, 12, 31), checkpoints=(Checkpoint(D(2020, 3, 22)),))
    assert task_status(f, D(2020, 3, 22), CAL) is Status.AT_RISK  # still the deadline day
    assert task_status(f, D(2020, 3, 23), CAL) is Status.OVERDUE
    assert task_status(f, D(2020, 3, 1), CAL) is Status.NOT_STARTED


def test_a_covered_period_moves_to_the_next_deadline():
    f = TaskFacts(
        due=D(2020, 12, 31),
        checkpoints=(Checkpoint(D(2020, 3, 22), True), Checkpoint(D(2020, 6, 22))),
        reported=True,
    )
    assert next_due(f) == D(2020, 6, 22)
    assert task_status(f, D(2020, 4, 1), CAL) is Status.ON_TRACK
    assert days_overdue(next_due(f), D(2020, 6, 25)) == 3


def test_warning_window_counts_working_days_over_national_day():
    # 2020-09-30 (Wed) + 5 working days: 10-01..10-08 are off, 10-10 (Sat) is a 调休 working day
    assert warning_horizon(D(2020, 9, 30), CAL, 5) == D(2020, 10, 14)
    f = TaskFacts(due=D(2020, 10, 14))
    assert task_status(f, D(2020, 9, 30), CAL) is Status.AT_RISK
    assert task_status(TaskFacts(due=D(2020, 10, 15)), D(2020, 9, 30), CAL) is Status.NOT_STARTED


def test_close_out_request_stops_the_own_deadline_from_running():
    f = TaskFacts(due=D(2020, 6, 30), reported=True, close_requested=True)
    assert task_status(f, D(2020, 7, 10), CAL) is Status.ON_TRACK
    f = TaskFacts(due=D(2020, 6, 30), reported=True)
    assert task_status(f, D(2020, 7, 10), CAL) is Status.OVERDUE


@settings(max_examples=300, deadline=None)
@given(facts, days)
def test_status_properties(f, today):
    status = task_status(f, today, CAL)
    if f.not_applicable:
        assert status is Status.NOT_APPLICABLE
    elif f.closed:
        assert status is Status.DONE
    else:
        open_due = next_due(f)
        assert (status is Status.OVERDUE) == (open_due is not None and open_due < today)
        if status in (Status.ON_TRACK, Status.NOT_STARTED):
            assert open_due is None or open_due > today
            assert (status is Status.ON_TRACK) == f.reported


@settings(max_examples=200, deadline=None)
@given(facts_with_periods, days, st.integers(min_value=0, max_value=10))
def test_covering_a_period_never_makes_a_task_later(f, today, k):
    """Reporting can only help: covering any period never turns a status into overdue."""
    i = k % len(f.checkpoints)
    covered = list(f.checkpoints)
    covered[i] = Checkpoint(covered[i].due, True)
    better = TaskFacts(**{**f.__dict__, "checkpoints": tuple(covered)})
    before, after = next_due(f), next_due(better)
    if before is None:
        assert after is None  # covering a period never opens a deadline
    else:
        assert after is None or after >= before
    if task_status(f, today, CAL) is not Status.OVERDUE:
        assert task_status(better, today, CAL) is not Status.OVERDUE


@settings(max_examples=100, deadline=None)
@given(days, st.integers(min_value=0, max_value=15))
def test_horizon_is_never_before_today_and_grows_with_the_window(today, n):
    assert warning_horizon(today, CAL, n) >= today
    assert warning_horizon(today, CAL, n + 1) > warning_horizon(today, CAL, n)


@pytest.mark.django_db
def test_sql_mirror_agrees_with_the_pure_function(make_task, people):
    """For many 'today's, every task is found by exactly the status filter of its pure status."""
    from luoshi.supervision import services
    from luoshi.supervision.models import Task
    from luoshi.supervision.queries import Moment, status_counts, status_filter

    tasks = [make_task(str(i), due=D(2020, 3 + i, 28)) for i in range(4)]
    report = services.save_report(
        people["a"], tasks[1].periods.order_by("due")[0], narrative="x", percent=10
    )
    services.submit_report(people["a"], report, version=report.version)
    services.mark_not_applicable(people["office"], make_task("9", confirm=False), reason="不涉及")
    pending = make_task("8", confirm=False)  # awaiting review: in no status
    for today in [D(2020, 3, 1), D(2020, 3, 18), D(2020, 3, 23), D(2020, 5, 1), D(2020, 7, 30)]:
        moment = Moment(today, warning_horizon(today, CAL))
        for task in Task.objects.exclude(pk=pending.pk):
            expected = task_status(services.facts_of(task), today, CAL)
            assert task.status_on(moment.today, moment.horizon) is expected
            found = [
                s
                for s in Status
                if Task.objects.filter(status_filter(s, moment), pk=task.pk).exists()
            ]
            assert found == [expected], (task, today)
        assert status_counts(Task.objects.all(), moment) == {
            s: Task.objects.filter(status_filter(s, moment)).count() for s in Status
        }


period_dues = st.lists(days, max_size=5).map(lambda dues: dict(enumerate(dues)))


@st.composite
def histories(draw):
    periods = draw(period_dues)
    submissions = draw(
        st.lists(
            st.builds(
                Submission,
                period=st.sampled_from(sorted(periods)) if periods else st.just(0),
                submitted_on=days,
                percent=st.integers(0, 100),
                close_requested=st.booleans(),
            ),
            max_size=6,
        )
    )
    return periods, submissions, draw(st.none() | days)


@settings(max_examples=200, deadline=None)
@given(histories(), days, days)
def test_the_past_only_gains_reports_and_close_out_as_days_pass(history, day, later):
    periods, submissions, closed_on = history
    day, later = min(day, later), max(day, later)

    def as_of(when):
        return facts_as_of(
            when, not_applicable=False, closed_on=closed_on, due=D(2021, 12, 31),
            periods=periods, submissions=submissions,
        )  # fmt: skip

    (then, _), (after, _) = as_of(day), as_of(later)
    covered = {c for c in range(len(then.checkpoints)) if then.checkpoints[c].covered}
    assert all(after.checkpoints[c].covered for c in covered)
    assert after.reported >= then.reported and after.closed >= then.closed
    nothing_yet = all(s.submitted_on > day for s in submissions)
    assert then.reported is not nothing_yet
    if nothing_yet and not then.closed:
        assert task_status(then, day, CAL) not in (Status.ON_TRACK, Status.DONE)


def test_as_of_takes_the_progress_of_the_latest_period_reported_by_then():
    periods = {1: D(2020, 3, 22), 2: D(2020, 6, 22)}
    submissions = [
        Submission(2, D(2020, 6, 20), percent=50, close_requested=True),
        Submission(1, D(2020, 3, 20), percent=25),
    ]
    kwargs = dict(not_applicable=False, closed_on=None, due=D(2020, 12, 31), periods=periods)
    march, march_percent = facts_as_of(D(2020, 3, 31), submissions=submissions, **kwargs)
    june, june_percent = facts_as_of(D(2020, 6, 30), submissions=submissions, **kwargs)
    assert march_percent == 25 and not march.close_requested
    assert next_due(march) == D(2020, 6, 22)
    assert june_percent == 50 and june.close_requested and next_due(june) is None


@pytest.mark.django_db
def test_tasks_without_an_open_deadline_sort_as_if_it_were_infinitely_far(make_task, people):
    from luoshi.supervision import services
    from luoshi.supervision.models import Task
    from luoshi.supervision.queries import LedgerFilter, Moment, ledger_tasks

    later, sooner = make_task("1"), make_task("2")
    standing = make_task("3", due=None, due_text="长期坚持", ongoing=True)
    services.mark_not_applicable(people["office"], make_task("4"), reason="不涉及")
    Task.objects.filter(pk=later.pk).update(next_due=D(2020, 6, 22))
    Task.objects.filter(pk=sooner.pk).update(next_due=D(2020, 3, 22))
    Task.objects.filter(pk=standing.pk).update(next_due=None)
    moment = Moment(D(2020, 3, 20), D(2020, 3, 27))

    def order(sort):
        tasks = ledger_tasks(people["office"], LedgerFilter(sort=sort), moment)
        return [t.no for t in tasks]

    assert order("due")[:2] == ["2", "1"] and set(order("due")[2:]) == {"3", "4"}
    assert set(order("-due")[:2]) == {"3", "4"} and order("-due")[2:] == ["1", "2"]
