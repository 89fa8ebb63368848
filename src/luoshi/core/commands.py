"""Platform commands: demo accounts."""

from __future__ import annotations

import argparse
import os

from luoshi.cli import CommandError, print_json


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = subparsers.add_parser("demo-users", help="create one demo account per role")
    demo.add_argument("--json", action="store_true")
    demo.set_defaults(handler=_demo_users)


def _demo_users(args: argparse.Namespace) -> int:
    from django.conf import settings

    from luoshi.core.demo import ensure_demo_users

    # The demo accounts share one published password: never create them on a production server.
    if not (settings.DEBUG or os.environ.get("LUOSHI_DEMO") == "1"):
        raise CommandError(
            "演示账号只能在演示环境中创建(LUOSHI_DEBUG=1 或 LUOSHI_DEMO=1);生产环境请用 manage createsuperuser"
        )

    accounts = ensure_demo_users()
    if args.json:
        print_json(accounts)
    else:
        print("演示账号(用户名 / 密码 / 角色 / 单位):")
        for account in accounts:
            print(
                f"  {account['username']:<14} {account['password']:<14} {account['role']:<10} {account['unit']}"
            )
    return 0
