"""``luoshi grants assess``: the contract, and one stderr line for bad input."""

from __future__ import annotations

import io
import json

import pytest

from luoshi.cli import main

DIBAO = {
    "categories": ["dibao"],
    "hukou_jincheng": True,
    "full_time": True,
    "institution": "higher_vocational",
    "donations_yuan": 0,
    "family_planning_aid_yuan": 0,
}


def run(monkeypatch, capsys, stdin: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["grants", "assess", "--applicant", "-", "--json"])
    out, err = capsys.readouterr()
    return code, out, err


def test_should_answer_an_object_with_an_object(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, json.dumps(DIBAO))
    answer = json.loads(out)
    assert code == 0
    assert set(answer) == {"eligible", "amount", "tier", "clauses", "exclusions", "missing"}
    assert (answer["eligible"], answer["amount"]) == (True, 5000)


def test_should_answer_an_array_in_order(monkeypatch, capsys):
    excluded = DIBAO | {"categories": ["low_income"], "donations_yuan": 3500}
    code, out, _ = run(monkeypatch, capsys, json.dumps([DIBAO, excluded]))
    assert code == 0 and [a["amount"] for a in json.loads(out)] == [5000, 0]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ([DIBAO, DIBAO | {"categories": ["rich"]}], "applicant[1]: unknown category 'rich'"),
        (DIBAO | {"donations_yuan": -1}, "donations_yuan must be a finite number of at least 0"),
        (DIBAO | {"full_time": "yes"}, "full_time must be true or false"),
        (DIBAO | {"salary": 1}, "unknown field 'salary'"),
        ("just text", "applicant must be a JSON object"),
    ],
)
def test_should_refuse_bad_input_with_one_line(monkeypatch, capsys, payload, message):
    code, out, err = run(monkeypatch, capsys, json.dumps(payload))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and message in err


def test_should_refuse_malformed_json(monkeypatch, capsys):
    code, _, err = run(monkeypatch, capsys, '{"categories": [')
    assert code == 1 and "malformed JSON in applicant" in err
