"""``luoshi demo-users`` (the demo accounts) and ``luoshi demo-seed`` (the demo's story)."""

from __future__ import annotations

import argparse
import os
import unicodedata

from luoshi.cli import CommandError, print_json


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    users = subparsers.add_parser("demo-users", help="create one demo account per role and unit")
    users.add_argument("--json", action="store_true")
    users.set_defaults(handler=_demo_users)
    seed = subparsers.add_parser(
        "demo-seed", help="play the demo's story (review, reports, cards, an incident) once"
    )
    seed.add_argument("--json", action="store_true")
    seed.set_defaults(handler=_demo_seed)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (W) and fullwidth (F) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(width - display_width(text), 0)


def table(rows: list[list[str]], gap: int = 2) -> list[str]:
    """Rows as lines whose columns line up in a terminal showing Chinese."""
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        (" " * gap).join(pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip()
        for row in rows
    ]


def require_demo() -> None:
    """The demo accounts share one published password: never create them on a production server."""
    from django.conf import settings

    if not (settings.DEBUG or os.environ.get("LUOSHI_DEMO") == "1"):
        raise CommandError(
            "演示账号和演示数据只能在演示环境中创建(LUOSHI_DEBUG=1 或 LUOSHI_DEMO=1);"
            "生产环境请用 manage createsuperuser"
        )


def _demo_users(args: argparse.Namespace) -> int:
    from luoshi.demo.accounts import DEMO_PASSWORD, ensure_demo_users, ensure_unit_accounts
    from luoshi.emergency.demo import ensure_demo_posts

    require_demo()
    roles = ensure_demo_users()
    units = ensure_unit_accounts()
    ensure_demo_posts()
    if args.json:
        print_json(roles + units)
        return 0
    print(f"演示账号(密码均为 {DEMO_PASSWORD}):")
    head = [["用户名", "角色", "单位"]]
    for line in table(head + [[a["username"], a["role"], a["unit"]] for a in roles]):
        print("  " + line)
    if units:
        print(f"各牵头单位另有经办人账号 {len(units)} 个(角色:责任单位):")
        cells = [[a["username"], a["unit"]] for a in units]
        pairs = [
            cells[i] + (cells[i + 1] if i + 1 < len(cells) else ["", ""])
            for i in range(0, len(cells), 2)
        ]
        for line in table(pairs):
            print("  " + line)
    return 0


def _demo_seed(args: argparse.Namespace) -> int:
    from luoshi.core import clock
    from luoshi.demo.story import seed_story

    require_demo()
    try:
        summary = seed_story()
    except LookupError as exc:
        raise CommandError(str(exc)) from exc
    if args.json:
        print_json(summary.as_dict())
    elif summary.already:
        print("演示数据已存在,未作改动")
    else:
        print(
            f"演示数据(截至 {clock.now():%Y年%-m月%-d日 %H:%M}):确认事项 {summary.confirmed} 项,"
            f"待审核 {summary.queue} 项;进展报告 {summary.reports} 份,销号 {summary.closed} 项,"
            f"迟报单位 {summary.late_units} 个;直通车处置卡 {summary.cards} 件;突发事件 {summary.incidents} 起"
        )
    return 0
