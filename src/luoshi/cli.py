"""``luoshi`` command line (the contract in docs/contract.md).

Each app contributes commands through a ``commands`` module exposing
``register(subparsers)``; a command's handler returns the process exit code.
Failures print one line on stderr and exit non-zero.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeAlias

COMMAND_MODULES = [
    "luoshi.parking.commands",
    "luoshi.revenue.commands",
    "luoshi.grants.commands",
    "luoshi.assets.commands",
    "luoshi.pipeline.commands",
    "luoshi.gazette.commands",
    "luoshi.core.deadline_commands",
    "luoshi.core.backup_commands",
    "luoshi.express.commands",
    "luoshi.supervision.commands",
    "luoshi.emergency.commands",
    "luoshi.emergency.playbook_commands",
    "luoshi.scheduler",
    "luoshi.demo.commands",
]


class CommandError(Exception):
    """A failure to report as one line on stderr."""


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.settings")
    import django

    django.setup()


def ensure_schema() -> None:
    """Create or update the database schema quietly (commands work on an empty database)."""
    from django.core.management import call_command

    from luoshi.settings import VAR_DIR

    VAR_DIR.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)


Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def verbs_of(subparsers: Subparsers, name: str, help: str) -> Subparsers:
    """A command with verbs (``luoshi parking reprice``): the verbs' subparsers."""
    command = subparsers.add_parser(name, help=help)
    return command.add_subparsers(dest="verb", required=True)


def json_input_verb(
    verbs: Subparsers,
    name: str,
    *,
    help: str,
    flag: str,
    handler: Callable[[argparse.Namespace], int],
    needs_db: bool = False,
) -> argparse.ArgumentParser:
    """A verb that reads one JSON document (``--flag FILE|-``) and prints JSON."""
    verb = verbs.add_parser(name, help=help)
    verb.add_argument(f"--{flag}", required=True, help="JSON file, or - for stdin")
    verb.add_argument("--json", action="store_true", help="accepted for symmetry; output is JSON")
    verb.set_defaults(handler=handler, needs_db=needs_db)
    return verb


def read_json(source: str, what: str) -> Any:
    """The JSON document in file ``source`` (``-``: standard input); CommandError when unreadable."""
    try:
        if source == "-":
            text = sys.stdin.read()
        else:
            with open(source, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as exc:
        raise CommandError(f"cannot read {what} from {source}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise CommandError(f"{what} in {source} are not UTF-8") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(f"malformed JSON in {what}: {exc.msg} (line {exc.lineno})") from exc


def answer_each(
    data: Any, answer: Callable[[Any], Any], error: type[Exception], *, label: str
) -> Any:
    """Answer a JSON object, or each item of an array in order; an ``error`` names the item
    (``label[2]: …``)."""
    batch = isinstance(data, list)
    answers = []
    for index, item in enumerate(data if batch else [data]):
        try:
            answers.append(answer(item))
        except error as exc:
            where = f"{label}[{index}]: " if batch else ""
            raise CommandError(f"{where}{exc}") from exc
    return answers if batch else answers[0]


def answer_json(
    source: str, *, what: str, answer: Callable[[Any], Any], error: type[Exception]
) -> int:
    """Read the JSON in ``source``, answer it (object) or each of its items (array), print."""
    print_json(answer_each(read_json(source, what), answer, error, label=what))
    return 0


def database_trouble(exc: Exception) -> str:
    """One line saying what went wrong with the database (never a traceback)."""
    detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
    if "locked" in detail:
        return f"数据库正忙(另一项写入正在进行),请稍后重试({detail})"
    return f"无法使用数据库,请检查 LUOSHI_DATABASE_URL 与数据库服务({detail})"


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="luoshi", description="Luoshi (落实) command line")
    subparsers = parser.add_subparsers(dest="command", required=True)
    manage = subparsers.add_parser("manage", help="run a Django management command")
    manage.add_argument("args", nargs=argparse.REMAINDER)
    manage.set_defaults(handler=_manage, needs_db=False)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def _manage(args: argparse.Namespace) -> int:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["luoshi manage", *args.args])
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    setup_django()
    from django.db import DatabaseError

    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        if getattr(args, "needs_db", True):
            ensure_schema()
        return handler(args)
    except CommandError as exc:
        print(f"luoshi {args.command}: {exc}", file=sys.stderr)
        return 1
    except DatabaseError as exc:
        print(f"luoshi {args.command}: {database_trouble(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
