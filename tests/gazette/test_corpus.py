"""Other issues and single documents (tests/corpus/) through the whole ingest, as the CLI runs it.

Each file is ingested with ``luoshi ingest --json`` on the configured database; the tests
assert what was recognised: documents by shape or number, kinds, numbers, outlines, the
two-column repair, deadlines, targets and the directory.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from luoshi.cli import main
from luoshi.directory.models import Unit, UnresolvedName
from luoshi.gazette.models import Document, DocumentReference
from luoshi.gazette.parsing import is_lossless, parse_issue
from luoshi.gazette.services import read_gazette_file
from luoshi.supervision.models import Task

pytestmark = pytest.mark.django_db(transaction=True)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FILES = sorted(CORPUS.glob("*.txt"))

# file → [(number, title, issuer, date, type)] of the documents it holds, in order
EXPECTED = {
    "changzhi-forest-fire-notice.txt": [
        (None, "关于做好2020年春季森林防灭火工作的通知", "长治市人民政府办公室", "2020-03-06", "通知"),
    ],
    "changzhi-parking-decree.txt": [
        ("长治市人民政府令第3号", "长治市人民政府令", "长治市人民政府", "2020-03-16", "令"),
    ],
    "changzhi-consent-reply.txt": [
        ("长政函〔2020〕21号", "关于同意《长治市2020年生猪稳产保供工作方案》的批复", "长治市人民政府", "2020-04-02", "批复"),
    ],
    "changzhi-letter.txt": [
        ("长政办函〔2020〕8号", "关于商请支持长治至临汾高速公路建设的函", "长治市人民政府办公室", "2020-04-08", "函"),
    ],
    "changzhi-announcement.txt": [
        ("长治市人民政府公告2020年第1号", "长治市人民政府公告", "长治市人民政府", "2020-04-10", "公告"),
    ],
    "changzhi-two-column.txt": [
        ("长政办发〔2020〕17号", "关于印发长治市2020年生猪稳产保供工作方案的通知", "长治市人民政府办公室", "2020-04-12", "方案"),
    ],
    "changzhi-2020-03-issue.txt": [
        ("长政办发〔2020〕21号", "关于印发《长治市统计员管理办法》《长治市首席统计员管理制度》的通知", "长治市人民政府办公室", "2020-03-02", "办法"),
        ("长政办发〔2020〕22号", "关于印发长治市突发地质灾害应急预案的通知", "长治市人民政府办公室", "2020-03-09", "预案"),
        ("长政办发〔2020〕23号", "关于进一步做好城市道路停车管理的通知", "长治市人民政府办公室", "2020-03-20", "通知"),
    ],
    "zezhou-flood-notice-gbk.txt": [
        ("泽政办发〔2020〕5号", "关于做好2020年防汛工作的通知", "晋城市泽州县人民政府办公室", "2020-04-20", "通知"),
    ],
}  # fmt: skip


def cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def ingest(capsys, name):
    return cli(capsys, "ingest", str(CORPUS / name), "--json")


def documents_by_title(capsys):
    return {row["title"]: row for row in cli(capsys, "documents", "--json")}


def test_every_corpus_file_is_described_here():
    assert sorted(EXPECTED) == [path.name for path in FILES]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_each_file_ingests_with_what_it_holds(capsys, path):
    summary = ingest(capsys, path.name)
    expected = EXPECTED[path.name]
    assert summary["documents"] == len(expected)
    rows = cli(capsys, "documents", "--json")
    assert [(r["number"], r["title"], r["issuer"], r["date"], r["type"]) for r in rows] == expected
    parsed = parse_issue(read_gazette_file(path))
    assert all(is_lossless(document) for document in parsed.documents)
    again = ingest(capsys, path.name)
    assert again["already_ingested"] and Document.objects.count() == len(expected)


def test_a_downloaded_notice_without_a_number_gets_its_tasks_and_event_deadlines(capsys):
    ingest(capsys, "changzhi-forest-fire-notice.txt")
    document = Document.objects.get()
    assert document.number is None
    assert list(document.references.values_list("kind", "target_number")) == [
        ("cites", "晋政办发〔2019〕88号")
    ]
    tasks = cli(capsys, "tasks", "--json")
    events = {t["due_event"]["event"]: t for t in tasks if t["due_event"]}
    assert events["收到通知"]["due_event"]["offset"] == "10日"
    assert events["收到通知"]["lead_units"] == ["各县(区)人民政府"]
    assert events["汛期结束"]["due"] is None
    (goal,) = [t for t in tasks if t["due"]]
    assert goal["due"] == "2020-06-30"
    assert {"metric": "森林覆盖率", "value": 33.0, "unit": "%"} in goal["targets"]
    assert len({t["id"] for t in tasks}) == len(tasks)


def test_a_decree_titles_its_articles(capsys):
    ingest(capsys, "changzhi-parking-decree.txt")
    outline = Document.objects.get().outline
    titles = {entry["label"]: entry["title"] for entry in outline if entry["level"] == 2}
    assert titles["第一条"] == "【立法目的】" and titles["第二条"] == "适用范围"
    assert titles["第三条"] == "市城市管理局是本市停车场的主管部门"


def test_the_two_column_fragment_returns_to_its_paragraph(capsys):
    ingest(capsys, "changzhi-two-column.txt")
    blocks = Document.objects.get().blocks
    assert blocks[0]["text"].endswith("各有关单位：")
    assert blocks[1]["text"].endswith("请认真贯彻执行。")


def test_targets_and_the_misprinted_unit_of_the_two_column_notice(capsys):
    ingest(capsys, "changzhi-2020-03-issue.txt")  # 市商务局 is known from here
    ingest(capsys, "changzhi-two-column.txt")
    tasks = cli(capsys, "tasks", "--json", "--document", "长政办发(2020)17号")
    pigs = next(t for t in tasks if t["targets"])
    assert pigs["targets"][0] == {"metric": "生猪存栏", "value": 100.0, "unit": "万头"}
    assert pigs["due"] == "2020-12-31"
    assert not Unit.objects.filter(name="市两务局").exists()
    queued = UnresolvedName.objects.get(raw_name="市两务局")
    assert "疑似错字" in queued.context and "市商务局" in queued.context


def test_a_consent_reply_links_to_the_plan_it_approves(capsys):
    ingest(capsys, "changzhi-consent-reply.txt")
    ingest(capsys, "changzhi-two-column.txt")
    approval = DocumentReference.objects.get(kind=DocumentReference.Kind.APPROVES)
    assert approval.target_title == "长治市2020年生猪稳产保供工作方案"
    assert approval.target.number == "长政办发〔2020〕17号"
    rows = documents_by_title(capsys)
    assert rows["关于同意《长治市2020年生猪稳产保供工作方案》的批复"]["approves"] == [
        "长治市2020年生猪稳产保供工作方案"
    ]


def test_an_issue_with_parenthesised_numbers_and_a_notice_issuing_two_documents(capsys):
    summary = ingest(capsys, "changzhi-2020-03-issue.txt")
    assert summary["plans"] == 1
    assert not [w for w in summary["warnings"] if "目录" in w]
    rows = documents_by_title(capsys)
    statistics = rows["关于印发《长治市统计员管理办法》《长治市首席统计员管理制度》的通知"]
    assert statistics["issued"] == [
        {"title": "长治市统计员管理办法", "type": "办法"},
        {"title": "长治市首席统计员管理制度", "type": "制度"},
    ]
    parking = rows["关于进一步做好城市道路停车管理的通知"]
    assert parking["cites"] == ["长政发〔2019〕12号"]
    plan = Document.objects.get(doc_type="预案")
    levels = [(entry["label"], entry["level"]) for entry in plan.outline]
    assert ("2.1.1", 3) in levels and ("2.3", 2) in levels
    tasks = cli(capsys, "tasks", "--json", "--document", "长政办发〔2020〕23号")
    assert [t["lead_units"] for t in tasks] == [["市城市管理局"], ["市城市管理局"], ["市商务局"]]
    assert tasks[0]["due"] == "2020-06-30"
    assert tasks[1]["due_event"]["event"] == "收到通知"
    assert tasks[2]["due_event"]["event"] == "春节"
    assert not Task.objects.filter(document=plan).exists()  # plans are the emergency app's


def test_a_gbk_notice_with_seasonal_deadlines(capsys):
    ingest(capsys, "zezhou-flood-notice-gbk.txt")
    tasks = cli(capsys, "tasks", "--json")
    assert [(t["due_event"]["event"], t["due_event"]["offset"]) for t in tasks] == [
        ("汛期", ""),
        ("主汛期", "10天"),
    ]
