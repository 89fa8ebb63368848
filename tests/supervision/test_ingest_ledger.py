"""Ingesting the bundled issue stores its tasks for review; ``luoshi tasks`` prints the contract."""

from __future__ import annotations

import json

import pytest

from luoshi.cli import main
from luoshi.pipeline import ingest_file
from luoshi.supervision import services
from luoshi.supervision.models import Task

pytestmark = pytest.mark.django_db

CONTRACT_KEYS = {
    "id", "document", "ref", "no", "title", "text", "lead_units", "co_units",
    "responsible_leaders", "leaders_in_charge", "sections", "persons", "due", "due_text",
    "ongoing", "not_applicable", "targets", "flags",
}  # fmt: skip


@pytest.fixture
def ingested(gazette_path):
    return ingest_file(gazette_path)


def test_ingest_stores_pending_tasks_with_provenance(ingested, gazette_path):
    stored = Task.objects.count()
    assert ingested.tasks == stored > 346  # the decomposition table alone has 346 rows
    assert set(Task.objects.values_list("state", flat=True)) == {Task.State.PENDING}
    row = Task.objects.get(document__number="晋市政发〔2020〕4号", no="11")
    assert "6.2%" in row.text and row.original["text"] == row.text
    assert [u.name for u in row.lead_units()]  # resolved to a canonical unit
    again = ingest_file(gazette_path)
    assert again.already_ingested and again.tasks == stored == Task.objects.count()


def test_ingest_indexes_every_leader_in_charge_for_the_leader_filter(ingested):
    from luoshi.supervision.models import TaskLeader

    expected = {(t.pk, n) for t in Task.objects.all() for n in t.leaders_in_charge}
    assert expected and set(TaskLeader.objects.values_list("task_id", "name")) == expected


def test_confirming_a_key_task_gives_the_22nd_quarterly_deadlines(ingested, people):
    task = Task.objects.get(document__number="晋市政发〔2020〕4号", no="11")
    services.confirm_task(people["office"], task)
    assert [p.due.isoformat() for p in task.periods.order_by("due")][:4] == [
        "2020-03-22", "2020-06-22", "2020-09-22", "2020-12-22",
    ]  # fmt: skip


def test_tasks_command_prints_the_contract(ingested, capsys):
    assert main(["tasks", "--json", "--document", "晋市政发[2020]4号"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(CONTRACT_KEYS <= set(r) for r in rows)
    assert {r["document"] for r in rows} == {"晋市政发〔2020〕4号"}
    row = next(r for r in rows if r["no"] == "11")
    assert row["targets"] and set(row["targets"][0]) == {"metric", "value", "unit"}
    assert any(r["not_applicable"] for r in rows)
    assert main(["tasks", "--json", "--document", "晋市政发〔1999〕1号"]) == 1
    assert "没有文件" in capsys.readouterr().err
