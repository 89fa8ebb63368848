"""One run of the worker's jobs on a small city: reminders, escalations and the bulletin are
sent or stored once, however often the jobs run."""

from __future__ import annotations

import pytest

from luoshi import scheduler
from luoshi.cockpit.models import Bulletin
from luoshi.core import clock
from luoshi.express.models import Escalation
from luoshi.express.models import Notification as CardNotice
from luoshi.supervision.models import Notification

pytestmark = pytest.mark.django_db


def _sent() -> tuple[int, int, int, int]:
    return (
        Notification.objects.count(),
        Escalation.objects.count(),
        CardNotice.objects.filter(kind="overdue").count(),
        Bulletin.objects.count(),
    )


def test_running_every_job_twice_sends_nothing_twice(
    cast, tasks, cards, django_capture_on_commit_callbacks
):
    jobs = scheduler.configured_jobs()
    with django_capture_on_commit_callbacks(execute=True):
        for job in jobs:
            job.call()
    once = _sent()
    notices, escalations, card_notices, stored = once
    assert notices > 0  # overdue ledger tasks escalated to units and the office
    assert escalations > 0 and card_notices > 0
    assert Escalation.objects.filter(card=cards.stale).count() == 1  # filed on 1 September
    assert stored == 1  # August's bulletin
    with django_capture_on_commit_callbacks(execute=True):
        for job in jobs:
            job.call()
        scheduler.run_once("ledger-reminders")
    assert _sent() == once


def test_a_later_day_sends_what_is_new_only(cast, tasks, cards, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        scheduler.run_once("express-escalations")
    before = Escalation.objects.count()
    with clock.frozen("2020-09-30T11:00"), django_capture_on_commit_callbacks(execute=True):
        scheduler.run_once("express-escalations")  # the fresh card's 24 hours have run out
    assert Escalation.objects.count() > before


def test_an_unknown_job_is_refused():
    with pytest.raises(KeyError):
        scheduler.run_once("no-such-job")
