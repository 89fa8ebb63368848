"""``luoshi backup PATH`` / ``luoshi restore PATH``: the whole database to one file and back.

SQLite is copied with its online backup API (consistent while the site runs); PostgreSQL with
``pg_dump --format=custom`` and ``pg_restore --clean``. Uploaded files live in ``var/media`` and
the generated secret key in ``var/secret_key``: back those up with the file system.
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from luoshi.cli import CommandError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = subparsers.add_parser("backup", help="write the whole database to one file")
    backup.add_argument("path", type=Path)
    backup.set_defaults(handler=_backup)
    restore = subparsers.add_parser("restore", help="replace the database with a backup file")
    restore.add_argument("path", type=Path)
    restore.set_defaults(handler=_restore, needs_db=False)


def _database() -> dict[str, Any]:
    from django.db import connection

    connection.close()  # the copy must see every committed row, and restore must own the file
    return dict(connection.settings_dict)


def _postgres_url(db: dict[str, Any]) -> list[str]:
    return [
        "--dbname",
        f"postgresql://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
    ]


def _copy(source: str, target: str) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def _run(command: list[str]) -> None:
    try:
        result = subprocess.run(command, capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise CommandError(f"未找到 {command[0]}:请安装 PostgreSQL 客户端") from exc
    if result.returncode != 0:
        raise CommandError((result.stderr.strip().splitlines() or ["失败"])[-1])


def _backup(args: argparse.Namespace) -> int:
    db = _database()
    args.path.parent.mkdir(parents=True, exist_ok=True)
    if db["ENGINE"].endswith("sqlite3"):
        _copy(str(db["NAME"]), str(args.path))
    else:
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--file",
                str(args.path),
                *_postgres_url(db),
            ]
        )
    print(f"已备份到 {args.path}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    if not args.path.is_file():
        raise CommandError(f"备份文件不存在: {args.path}")
    db = _database()
    if db["ENGINE"].endswith("sqlite3"):
        try:
            with sqlite3.connect(f"file:{args.path}?mode=ro", uri=True) as check:
                check.execute("SELECT count(*) FROM django_migrations").fetchone()
        except sqlite3.DatabaseError as exc:
            raise CommandError(f"不是本系统的 SQLite 备份: {args.path}") from exc
        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        _copy(str(args.path), str(db["NAME"]))
    else:
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                *_postgres_url(db),
                str(args.path),
            ]
        )
    print(f"已从 {args.path} 恢复")
    return 0
