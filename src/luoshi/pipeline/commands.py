"""``luoshi ingest PATH [--json]`` (the contract in docs/contract.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from luoshi.cli import CommandError, print_json


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ingest = subparsers.add_parser("ingest", help="ingest a gazette issue file")
    ingest.add_argument("path", type=Path)
    ingest.add_argument("--json", action="store_true")
    ingest.set_defaults(handler=_ingest)


def wait_for_writers() -> None:
    """On SQLite, wait (up to ten minutes) for another ingest holding the write lock instead of
    failing after the default five seconds: an issue takes longer than that to store."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout = 600000")


def _ingest(args: argparse.Namespace) -> int:
    from luoshi.gazette.parsing.model import GazetteError
    from luoshi.pipeline import ingest_file

    wait_for_writers()
    try:
        summary = ingest_file(args.path)
    except GazetteError as exc:
        raise CommandError(str(exc)) from exc
    if args.json:
        print_json(summary.as_contract())
    else:
        state = "已导入过,未作改动" if summary.already_ingested else "导入完成"
        print(
            f"{state}: {summary.documents} 份文件, {summary.plans} 个应急预案, {summary.tasks} 项任务"
        )
        for warning in summary.warnings:
            print(f"  提示: {warning}")
    return 0
