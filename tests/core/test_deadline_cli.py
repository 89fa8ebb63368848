"""``luoshi deadline`` and ``luoshi holidays`` on the command line."""

import datetime as dt
import json

import pytest

from luoshi.cli import main
from luoshi.core.holidays import set_override

pytestmark = pytest.mark.django_db


def test_prints_the_iso_deadline(capsys):
    assert main(["deadline", "5个工作日", "--from", "2020-09-30T09:00"]) == 0
    out, err = capsys.readouterr()
    assert out == "2020-10-14T23:59:59+08:00\n"
    assert err == ""


def test_json_output(capsys):
    assert main(["deadline", "每年5月31日前", "--from", "2020-06-01", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "expr": "每年5月31日前",
        "from": "2020-06-01T00:00:00+08:00",
        "due": "2021-05-31T23:59:59+08:00",
        "recurring": True,
        "note": None,
    }


def test_hours_keep_the_start_zone_offset(capsys):
    assert main(["deadline", "二十四小时", "--from", "2020-10-01T00:00:00+00:00"]) == 0
    assert capsys.readouterr().out.strip() == "2020-10-02T08:00:00+08:00"


def test_document_year(capsys):
    args = ["deadline", "9月底前", "--from", "2021-01-04", "--document-year", "2020", "--json"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["due"] == "2020-09-30T23:59:59+08:00"
    assert "早于" in data["note"]


def test_unannounced_year_warns_on_stderr(capsys):
    assert main(["deadline", "5个工作日", "--from", "2099-03-02"]) == 0
    out, err = capsys.readouterr()
    assert out == "2099-03-09T23:59:59+08:00\n"
    assert "2099年" in err and err.count("\n") == 1


def test_admin_override_applies(capsys):
    set_override(dt.date(2020, 10, 9), False, "临时停工")
    assert main(["deadline", "1个工作日", "--from", "2020-09-30"]) == 0
    assert capsys.readouterr().out == "2020-10-10T23:59:59+08:00\n"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["deadline", "尽快", "--from", "2020-01-01"], "无法识别的时限表述"),
        (["deadline", "2月30日前", "--from", "2020-01-01"], "日期无效"),
        (["deadline", "5个工作日", "--from", "not-a-date"], "--from"),
        (["deadline", "5个工作日", "--from", "2020-13-01"], "--from"),
    ],
)
def test_failures_are_one_line_on_stderr(capsys, args, fragment):
    assert main(args) != 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("luoshi deadline: ") and fragment in err
    assert err.count("\n") == 1


def test_holidays_seed_and_show(capsys):
    assert main(["holidays", "--seed", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["seeded"] > 500
    assert main(["holidays", "2020", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["announced"] is True
    days = {d["day"]: d for d in data["days"]}
    assert days["2020-10-10"]["working"] is True
    assert days["2020-10-08"] == {"day": "2020-10-08", "working": False, "name": "国庆节"}


def test_holidays_of_an_unannounced_year(capsys):
    assert main(["holidays", "2099"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "2099年放假安排尚未公布" in err
