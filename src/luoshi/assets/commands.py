"""``luoshi assets flag``: recompute each asset's condition (闲置 / 亏损 / 效益差) from its
revenue records with :func:`luoshi.assets.rules.flag_asset`; prints how many changed."""

from __future__ import annotations

import argparse

from luoshi.cli import Subparsers, verbs_of


def register(subparsers: Subparsers) -> None:
    verbs = verbs_of(subparsers, "assets", "poverty-alleviation assets (扶贫资产)")
    verb = verbs.add_parser("flag", help="flag idle and loss-making assets from revenue records")
    verb.set_defaults(handler=_flag, needs_db=True)


def _flag(args: argparse.Namespace) -> int:
    from luoshi.assets.flagging import flag_all

    changed = flag_all()
    print(f"{changed} assets changed condition")
    return 0
