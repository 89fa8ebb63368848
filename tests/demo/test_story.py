"""The demo's story on the bundled issue, as of 2020-07-01 09:00: the review done but for the
tasks without a lead unit, reports on every period already due, a few late units, cards in
several steps and an incident; every unit the story reaches has an account; seeding twice
changes nothing."""

from __future__ import annotations

import pytest
from django.db.models import Q

from luoshi.core import clock
from luoshi.core.models import AuditEntry, User
from luoshi.core.roles import Role
from luoshi.demo.accounts import ensure_demo_users, ensure_unit_accounts
from luoshi.demo.commands import display_width, table
from luoshi.demo.story import seed_story
from luoshi.emergency.models import Incident
from luoshi.express.models import Card
from luoshi.supervision.models import Report, Task, TaskUnit
from luoshi.supervision.queries import Moment, status_counts
from luoshi.supervision.status import Status

NOW = "2020-07-01T09:00"


@pytest.fixture
def seeded(library, db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with clock.frozen(NOW):
        ensure_demo_users()
        ensure_unit_accounts()
        summary = seed_story()
        yield summary


def test_the_story_as_of_the_first_of_july(seeded):
    assert not seeded.already
    # the review: only the tasks no lead unit was found for wait in the queue
    pending = Task.objects.filter(state=Task.State.PENDING)
    assert seeded.queue == pending.count() > 0
    assert not TaskUnit.objects.filter(task__in=pending, role=TaskUnit.Role.LEAD).exists()
    assert Task.objects.filter(state=Task.State.ACTIVE).count() > 400
    # statuses that make sense: most on track, some late, a few closed out, none reported late
    with clock.frozen(NOW):
        counts = status_counts(Task.objects.all(), Moment.now())
    assert counts[Status.ON_TRACK] > counts[Status.OVERDUE] > 0
    assert counts[Status.DONE] == seeded.closed > 0
    assert 0 < seeded.late_units < 10
    # every report was written before the moment, and the office has one left to review
    assert not Report.objects.filter(Q(created_at__gt=clock.parse_moment(NOW))).exists()
    assert Report.objects.filter(state=Report.State.SUBMITTED).count() == 1
    assert Report.objects.filter(state=Report.State.RETURNED).count() == 1
    # cards in several steps, each reaching only units with an account
    states = set(Card.objects.values_list("state", flat=True))
    assert {"closed", "in_progress", "awaiting_instruction", "awaiting_dispatch", "filed"} <= states
    staffed = set(User.objects.filter(role=Role.UNIT_STAFF).values_list("unit_id", flat=True))
    assert (
        set(Card.objects.exclude(responsible_unit=None).values_list("responsible_unit", flat=True))
        <= staffed
    )
    lead_units = set(
        TaskUnit.objects.filter(role=TaskUnit.Role.LEAD).values_list("unit_id", flat=True)
    )
    assert lead_units <= staffed
    incident = Incident.objects.get()
    assert incident.state == Incident.State.ACTIVE and incident.occurred_at < clock.parse_moment(
        NOW
    )


def test_seeding_twice_changes_nothing(seeded):
    counts = (Report.objects.count(), Card.objects.count(), AuditEntry.objects.count())
    with clock.frozen(NOW):
        again = seed_story()
        ensure_demo_users()
        ensure_unit_accounts()
    assert again.already
    assert (Report.objects.count(), Card.objects.count(), AuditEntry.objects.count()) == counts


def test_the_account_table_lines_up_in_a_chinese_terminal():
    rows = [["用户名", "单位"], ["danwei", "市发展和改革委员会"], ["dw001", "中国电信晋城分公司"]]
    lines = table(rows)
    # the second column starts at the same terminal column on every line
    columns = {
        display_width(line[: line.index(row[1])]) for line, row in zip(lines, rows, strict=True)
    }
    assert columns == {display_width("danwei") + 2}
    assert display_width("市发改委") == 8 and display_width("dw001") == 5
