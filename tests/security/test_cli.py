"""The command line under trouble (issue 16 §9): an unreachable database, two ingests of one file
at once, and the same issue in another encoding."""

import json
import subprocess

import pytest

from .conftest import REPO, luoshi_command, luoshi_environment, run_luoshi

GAZETTE = REPO / "data" / "jincheng-2020-02.txt"
UNREACHABLE = {"LUOSHI_DATABASE_URL": "postgres://luoshi:x@127.0.0.1:9/luoshi?connect_timeout=2"}


@pytest.mark.parametrize(
    "args",
    [
        ["ingest", str(GAZETTE)],
        ["documents", "--json"],
        ["tasks"],
        ["remind"],
        ["express-escalate"],
        ["holidays", "2020"],
        ["demo-users"],
    ],
    ids=lambda a: a[0],
)
def test_an_unreachable_database_is_one_line_on_stderr(production_env, args):
    result = run_luoshi(*args, env={**production_env, **UNREACHABLE, "LUOSHI_DEMO": "1"})
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1, result.stderr
    assert "数据库" in result.stderr


def test_two_ingests_of_one_file_at_once_store_it_once(production_env):
    assert run_luoshi("documents", env=production_env).returncode == 0  # the schema, once
    command = [luoshi_command(), "ingest", str(GAZETTE), "--json"]
    env = luoshi_environment(production_env)
    both = [subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]  # fmt: skip
    outcomes = [(p.wait(timeout=600), *p.communicate()) for p in both]
    assert [code for code, _, _ in outcomes] == [0, 0], [err for _, _, err in outcomes]
    summaries = [json.loads(out) for _, out, _ in outcomes]
    assert sorted(s["already_ingested"] for s in summaries) == [False, True]
    assert summaries[0]["documents"] == summaries[1]["documents"] > 0


@pytest.mark.django_db
def test_a_gbk_copy_is_the_same_issue(tmp_path):
    from luoshi.gazette.models import Issue
    from luoshi.pipeline import ingest_file

    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(GAZETTE.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"))
    first = ingest_file(GAZETTE)
    again = ingest_file(gbk)
    assert again.already_ingested and again.issue_id == first.issue_id
    assert Issue.objects.count() == 1
