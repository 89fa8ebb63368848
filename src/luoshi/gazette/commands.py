"""``luoshi documents`` (the contract in docs/contract.md)."""

from __future__ import annotations

import argparse

from luoshi.cli import print_json


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    documents = subparsers.add_parser("documents", help="list the documents in the library")
    documents.add_argument("--json", action="store_true")
    documents.set_defaults(handler=_documents)


def _documents(args: argparse.Namespace) -> int:
    from luoshi.gazette.queries import document_contract_rows

    rows = document_contract_rows()
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(
                f"{row['number'] or '—':<22} {row['date'] or '':<10} {row['type']:<4} {row['title']}"
            )
    return 0
