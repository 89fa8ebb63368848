"""``luoshi deadline``: the deadline a Chinese time-limit expression sets.

Also ``luoshi holidays``: seed the holiday table from the State Council's
arrangements and show one year's days off and 调休 working days.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from luoshi.cli import CommandError, print_json
from luoshi.core.calendar import WorkingCalendar


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    deadline = subparsers.add_parser(
        "deadline", help="ISO deadline of a time-limit expression (5个工作日, 9月底前 …)"
    )
    deadline.add_argument("expr", help="the expression, e.g. 30个工作日内, 24小时, 年底前")
    deadline.add_argument(
        "--from",
        dest="start",
        metavar="DATETIME",
        help="start moment, ISO date or date-time (naive = local time); default: now",
    )
    deadline.add_argument(
        "--document-year", type=int, help="year of the document, for dates written without one"
    )
    deadline.add_argument("--json", action="store_true")
    deadline.set_defaults(handler=_deadline, needs_db=True)

    holidays = subparsers.add_parser(
        "holidays", help="seed and show the holiday table (节假日调整)"
    )
    holidays.add_argument("year", type=int, nargs="?", help="show this year's days off and 调休")
    holidays.add_argument(
        "--seed", action="store_true", help="copy the package's arrangements into the table"
    )
    holidays.add_argument("--json", action="store_true")
    holidays.set_defaults(handler=_holidays, needs_db=True)


def _deadline(args: argparse.Namespace) -> int:
    from luoshi.core import clock
    from luoshi.core.deadlines import TimeLimitError, resolve_deadline
    from luoshi.core.holidays import load_calendar

    try:
        start = clock.parse_moment(args.start) if args.start else clock.now()
    except ValueError as exc:
        raise CommandError(f"--from 不是 ISO 日期或日期时间: {args.start!r}") from exc
    try:
        deadline = resolve_deadline(
            args.expr, start, load_calendar(), document_year=args.document_year
        )
    except TimeLimitError as exc:
        raise CommandError(str(exc)) from exc
    if args.json:
        print_json(
            {
                "expr": args.expr,
                "from": deadline.start.isoformat(),
                "due": deadline.due.isoformat(),
                "recurring": deadline.recurring,
                "note": deadline.note or None,
            }
        )
    else:
        print(deadline.due.isoformat())
        if deadline.note:
            print(f"luoshi deadline: 注意: {deadline.note}", file=sys.stderr)
    return 0


def _holidays(args: argparse.Namespace) -> int:
    from luoshi.core.holidays import load_calendar, seed_holidays

    added = seed_holidays() if args.seed else 0
    if args.year is None:
        if args.json:
            print_json({"seeded": added})
        elif args.seed:
            print(f"已写入 {added} 天")
        return 0
    if not 1 <= args.year <= 9998:
        raise CommandError(f"年份无效: {args.year}")
    calendar = load_calendar()
    days = _special_days(calendar, args.year)
    if args.json:
        print_json(
            {
                "year": args.year,
                "announced": calendar.is_announced(args.year),
                "seeded": added,
                "days": days,
            }
        )
        return 0
    if not calendar.is_announced(args.year):
        print(f"{args.year}年放假安排尚未公布(按双休日计算)", file=sys.stderr)
    for item in days:
        status = "上班" if item["working"] else "休息"
        print(f"{item['day']}  {status}  {item['name']}")
    return 0


def _special_days(calendar: WorkingCalendar, year: int) -> list[dict[str, object]]:
    """Days whose status differs from the plain Monday-to-Friday week."""
    days: list[dict[str, object]] = []
    day = dt.date(year, 1, 1)
    while day.year == year:
        working = calendar.is_working_day(day)
        if working != (day.weekday() < 5):
            days.append(
                {
                    "day": day.isoformat(),
                    "working": working,
                    "name": calendar.holiday_name(day) or "",
                }
            )
        day += dt.timedelta(days=1)
    return days
