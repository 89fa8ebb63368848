"""The worker's schedule: every job registered with its trigger (one run on a small city is in
tests/cockpit/test_scheduled_jobs.py)."""

from __future__ import annotations

import datetime as dt

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from django.utils.module_loading import import_string

from luoshi import scheduler
from luoshi.core import clock


def test_every_job_is_registered_with_its_trigger_and_runs_once_at_start():
    real = dt.datetime.now(tz=clock.local_zone())  # noqa: TID251
    with clock.frozen("2020-07-01T09:00"):  # the demo's moment: the triggers still use real time
        sched = scheduler.build_scheduler(scheduler=BackgroundScheduler(timezone="Asia/Shanghai"))
    jobs = {job.id: job for job in sched.get_jobs()}
    assert set(jobs) == {job.id for job in scheduler.configured_jobs()}
    assert {
        "ledger-reminders",
        "revenue-reminders",
        "express-escalations",
        "monthly-bulletin",
        "asset-flags",
    } <= set(jobs)
    assert isinstance(jobs["express-escalations"].trigger, IntervalTrigger)
    assert jobs["express-escalations"].trigger.interval.total_seconds() == 300
    assert isinstance(jobs["ledger-reminders"].trigger, CronTrigger)
    assert str(jobs["monthly-bulletin"].trigger.fields[2]) == "1"  # day of month
    for job in jobs.values():  # first run: at once
        assert abs(job.next_run_time - real) < dt.timedelta(minutes=1)
    later = scheduler.build_scheduler(
        scheduler=BackgroundScheduler(timezone="Asia/Shanghai"), run_now=False
    )
    # without run_now the first run waits for the trigger (computed when the scheduler starts)
    assert all(not hasattr(job, "next_run_time") for job in later.get_jobs())


def test_every_configured_function_exists():
    for job in scheduler.configured_jobs():
        assert callable(import_string(job.func))
