"""``luoshi revenue assess``: the contract, and one stderr line for bad input."""

from __future__ import annotations

import io
import json

import pytest

from luoshi.cli import main

pytestmark = pytest.mark.django_db(transaction=True)


def run(monkeypatch, capsys, payload) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(payload)))
    code = main(["revenue", "assess", "--facts", "-", "--json"])
    out, err = capsys.readouterr()
    return code, out, err


def test_should_answer_with_amount_rate_limits_and_clauses(monkeypatch, capsys):
    code, out, _ = run(
        monkeypatch, capsys, {"kind": "profit", "fiscal_year": 2019, "base": 1000000}
    )
    answer = json.loads(out)
    assert code == 0
    assert answer["amount"] == 180000.0 and answer["rate"] == 0.18
    assert answer["declare_by"] == "2020-06-01" and answer["pay_by"] is None
    assert [c["ref"] for c in answer["clauses"]] == [
        "晋市政办〔2020〕19号 二、(一)",
        "晋市政办〔2020〕19号 三、(三)1",
    ]


def test_should_name_the_bad_item_of_an_array(monkeypatch, capsys):
    good = {"kind": "profit", "fiscal_year": 2020, "base": 1}
    code, out, err = run(
        monkeypatch, capsys, [good, {"kind": "transfer", "fiscal_year": 2020, "base": 1}]
    )
    assert code == 1 and out == ""
    assert err.strip() == "luoshi revenue: facts[1]: event_date is required for transfer"
