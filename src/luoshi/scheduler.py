"""The worker (``luoshi worker``): runs the scheduled jobs of ``settings.LUOSHI_SCHEDULE``.

Reminders, escalations, the express clocks and the monthly bulletin run by themselves in
this one process, which ``make demo`` starts beside the web server (APScheduler; see
ARCHITECTURE.md for why). Each job is an app's function with no required argument that
reads the time from :mod:`luoshi.core.clock` and is idempotent: running it twice, or in two
workers at once, sends nothing twice. A job's failure is logged and the next run retries.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from django.conf import settings
from django.db import close_old_connections, connection
from django.utils.module_loading import import_string

from luoshi.core import clock

log = logging.getLogger("luoshi.worker")


@dataclass(frozen=True)
class Job:
    """One entry of ``LUOSHI_SCHEDULE``: an id, the function's dotted path, the trigger."""

    id: str
    func: str
    trigger: dict[str, Any]

    def call(self) -> Any:
        """Run the job once in this thread, with a fresh database connection."""
        function: Callable[[], Any] = import_string(self.func)
        _drop_stale_connections()
        try:
            result = function()
        finally:
            _drop_stale_connections()
        log.info("job %s done as of %s: %s", self.id, clock.now().isoformat(), _summary(result))
        return result


def _drop_stale_connections() -> None:
    # A worker thread keeps its connection between runs: drop it when broken or too old. Inside
    # a transaction (a caller's, or a test's) the connection is in use and stays.
    if not connection.in_atomic_block:
        close_old_connections()


def _summary(result: Any) -> str:
    if hasattr(result, "as_dict"):
        return str(result.as_dict())
    if isinstance(result, list):
        return f"{len(result)} new"
    return str(result)


def configured_jobs() -> list[Job]:
    return [Job(job_id, func, dict(trigger)) for job_id, func, trigger in settings.LUOSHI_SCHEDULE]


def build_scheduler(
    jobs: Iterable[Job] | None = None,
    scheduler: BaseScheduler | None = None,
    *,
    run_now: bool = True,
) -> BaseScheduler:
    """A scheduler holding every job; with ``run_now`` each also runs once at start.

    Jobs run one at a time (a single worker thread), a missed run is run once late
    (coalesced), and a job never overlaps itself.
    """
    scheduler = scheduler or BlockingScheduler(
        timezone=settings.TIME_ZONE,
        executors={"default": {"type": "threadpool", "max_workers": 1}},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
    )
    for job in configured_jobs() if jobs is None else jobs:
        trigger = dict(job.trigger)
        kind = trigger.pop("trigger")
        extra = {"next_run_time": _wall_clock()} if run_now else {}
        scheduler.add_job(job.call, kind, id=job.id, name=job.id, **trigger, **extra)
    return scheduler


def _wall_clock() -> dt.datetime:
    # The scheduler's triggers run on the real time; the jobs read core.clock (LUOSHI_NOW).
    return dt.datetime.now(tz=clock.local_zone())  # noqa: TID251


def run_once(job_id: str) -> Any:
    """Run one configured job now (``luoshi worker --once ID``)."""
    for job in configured_jobs():
        if job.id == job_id:
            return job.call()
    raise KeyError(job_id)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    worker = subparsers.add_parser(
        "worker", help="run reminders, escalations and the monthly bulletin on their schedule"
    )
    worker.add_argument("--once", metavar="JOB", help="run one job now and exit")
    worker.add_argument("--list", action="store_true", help="list the scheduled jobs and exit")
    worker.set_defaults(handler=_worker)


def _worker(args: argparse.Namespace) -> int:
    from luoshi.cli import CommandError

    jobs = configured_jobs()
    if args.list:
        for job in jobs:
            print(f"{job.id:<22} {job.func}  {job.trigger}")
        return 0
    if args.once:
        try:
            result = run_once(args.once)
        except KeyError as exc:
            names = "、".join(j.id for j in jobs)
            raise CommandError(f"没有名为 {args.once} 的定时任务(可用:{names})") from exc
        print(_summary(result))
        return 0
    scheduler = build_scheduler(jobs)
    print(f"定时任务已启动({len(jobs)} 项,按 Ctrl-C 停止),当前时间 {clock.now():%Y-%m-%d %H:%M}")
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
    return 0
