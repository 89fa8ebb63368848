"""The ``luoshi ingest`` / ``luoshi documents`` command-line contract."""

import json

import pytest

from luoshi.cli import main
from luoshi.gazette.models import Document

pytestmark = pytest.mark.django_db(transaction=True)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_should_print_the_ingest_summary_as_json(capsys, gazette_path):
    code, out, err = run(capsys, "ingest", str(gazette_path), "--json")

    assert code == 0, err
    summary = json.loads(out)
    assert summary["documents"] == 24
    assert summary["plans"] == 6
    assert isinstance(summary["tasks"], int)
    assert isinstance(summary["warnings"], list)


def test_should_list_documents_per_the_contract(capsys, gazette_path):
    run(capsys, "ingest", str(gazette_path))
    code, out, _ = run(capsys, "documents", "--json")

    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 24
    assert set(rows[0]) == {
        "number",
        "title",
        "issuer",
        "date",
        "type",
        "attachments",
        "cites",
        "repeals",
        "approves",
        "issued",
    }
    by_number = {r["number"]: r for r in rows}
    statistics = by_number["晋市政办〔2020〕21号"]
    assert [i["type"] for i in statistics["issued"]] == ["办法", "制度"]
    food = by_number["晋市政办〔2020〕26号"]
    assert food["type"] == "预案"
    assert "晋市政办〔2018〕40号" in food["repeals"]
    assert by_number["晋市政办〔2020〕15号"]["type"] == "计划"
    assert sum(1 for r in rows if r["number"] is None) == 2
    assert all(r["date"] is None or len(r["date"]) == 10 for r in rows)


@pytest.mark.parametrize(
    ("payload", "message"),
    [(b"", ""), (b"\x00\xff" * 100, ""), ("普通文字\n".encode() * 10, "")],
    ids=["empty", "binary", "no-document"],
)
def test_should_exit_non_zero_with_one_line_on_bad_input(capsys, tmp_path, payload, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(payload)

    code, out, err = run(capsys, "ingest", str(path), "--json")

    assert code != 0
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert Document.objects.count() == 0


def test_should_report_a_missing_file(capsys, tmp_path):
    code, _, err = run(capsys, "ingest", str(tmp_path / "nope.txt"))
    assert code != 0
    assert "不存在" in err
