"""``luoshi grade`` through ``luoshi.cli.main``."""

import io
import json

import pytest

from luoshi.cli import main


def run(argv, capsys, monkeypatch, stdin=None):
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_one_object_gives_one_answer(capsys, monkeypatch):
    code, out, err = run(
        ["grade", "--plan", "coal-mine", "--facts", "-"],
        capsys,
        monkeypatch,
        '{"trapped_or_missing": 4}',
    )
    assert code == 0 and err == ""
    answer = json.loads(out)
    assert answer["plan"] == "coal-mine" and answer["level"] == "II"
    assert answer["clauses"][0]["ref"] == "4.2.2(1)②"
    assert set(answer) >= {"plan", "level", "clauses", "decided_by", "notify", "reports_due"}


def test_array_gives_answers_in_order(capsys, monkeypatch):
    facts = [{"deaths": 10}, {"deaths": 0}, {"deaths": 5}, {"deaths": 1}]
    code, out, _ = run(
        ["grade", "--plan", "road-traffic", "--facts", "-"], capsys, monkeypatch, json.dumps(facts)
    )
    assert code == 0
    assert [a["level"] for a in json.loads(out)] == ["I", "none", "II", "III"]


def test_empty_array(capsys, monkeypatch):
    code, out, _ = run(
        ["grade", "--plan", "road-traffic", "--facts", "-"], capsys, monkeypatch, "[]"
    )
    assert code == 0 and json.loads(out) == []


def test_facts_from_a_file(tmp_path, capsys, monkeypatch):
    path = tmp_path / "facts.json"
    path.write_text('{"deaths": 3, "hazardous_chemicals": true}', encoding="utf-8")
    code, out, _ = run(
        ["grade", "--plan", "road-traffic", "--facts", str(path)], capsys, monkeypatch
    )
    assert code == 0 and json.loads(out)["level"] == "II"


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (["--plan", "flood"], "{}", "unknown plan 'flood'"),
        (["--plan", "coal-mine"], '{"trapped": 4}', "unknown field 'trapped'"),
        (["--plan", "coal-mine"], '{"deaths": "4"}', "must be a number"),
        (["--plan", "coal-mine"], '{"cross_city": "yes"}', "true or false"),
        (["--plan", "coal-mine"], '{"deaths": 4', "malformed JSON"),
        (["--plan", "coal-mine"], "", "malformed JSON"),
        (["--plan", "coal-mine"], '"deaths"', "JSON object"),
        (["--plan", "coal-mine"], '[{"deaths": 1}, {"deaths": -2}]', "facts[1]: field 'deaths'"),
        (["--plan", "coal-mine"], "[1]", "facts[0]: facts must be a JSON object"),
    ],
)
def test_errors_are_one_line_on_stderr_and_non_zero(argv, stdin, message, capsys, monkeypatch):
    code, out, err = run(["grade", *argv, "--facts", "-"], capsys, monkeypatch, stdin)
    assert code != 0 and out == ""
    assert message in err and err.count("\n") == 1


def test_missing_file(tmp_path, capsys, monkeypatch):
    code, out, err = run(
        ["grade", "--plan", "coal-mine", "--facts", str(tmp_path / "nope.json")],
        capsys,
        monkeypatch,
    )
    assert code != 0 and out == "" and "cannot read facts" in err
