"""Ingest service: one transaction, idempotent, bad input refused without partial rows."""

from pathlib import Path

import pytest

from luoshi.core.models import AuditEntry
from luoshi.gazette.models import ChronicleEvent, Document, DocumentReference, Issue, Passage
from luoshi.gazette.parsing.model import GazetteError
from luoshi.pipeline import ingest_file, ingest_text

pytestmark = pytest.mark.django_db

TABLES = (Issue, Document, DocumentReference, ChronicleEvent, Passage)


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in TABLES}


def test_should_store_every_document_of_the_issue(gazette_path):
    summary = ingest_file(gazette_path)

    assert summary.documents == 24
    assert summary.plans == 6
    assert Document.objects.filter(kind="notice").count() == 22
    assert Document.objects.filter(kind="chronicle", number__isnull=True).count() == 2
    assert Passage.objects.count() > 1000
    assert AuditEntry.objects.filter(action="gazette.ingest").count() == 1


def test_should_change_nothing_when_the_same_issue_is_ingested_twice(gazette_path):
    ingest_file(gazette_path)
    before = row_counts()

    again = ingest_file(gazette_path)

    assert again.already_ingested
    assert again.documents == 24
    assert row_counts() == before


def test_should_link_references_to_documents_in_the_library(gazette_path):
    ingest_file(gazette_path)
    smart_parking = Document.objects.get(number="晋市政办〔2020〕7号")
    linked = DocumentReference.objects.filter(target__isnull=False)
    # Every linked reference points at the document holding that number.
    assert all(ref.target.number == ref.target_number for ref in linked)
    assert smart_parking.issue.documents.count() == 24


def test_should_link_a_reference_to_a_document_ingested_later():
    cited = "晋市政办〔2031〕9号"
    first = _one_notice_issue(
        "晋市政办〔2032〕1号", body=f"根据《某办法》({cited})要求,特制定本通知。"
    )
    ingest_text(first, source_name="a.txt")
    ref = DocumentReference.objects.get(target_number=cited)
    assert ref.target is None

    ingest_text(_one_notice_issue(cited, body="本办法自印发之日起施行。"), source_name="b.txt")

    ref.refresh_from_db()
    assert ref.target is not None and ref.target.number == cited


def test_should_write_nothing_when_parsing_fails(tmp_path: Path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    with pytest.raises(GazetteError):
        ingest_file(bad)
    assert sum(row_counts().values()) == 0


@pytest.mark.parametrize(
    "payload",
    [
        b"",
        b"\x00\x01\x02\x03\xff\xfe" * 200,
        "这只是一段普通的文字,没有任何公文。\n".encode() * 50,
    ],
    ids=["empty", "binary", "no-document"],
)
def test_should_refuse_input_that_is_not_a_gazette(tmp_path: Path, payload: bytes):
    path = tmp_path / "input.txt"
    path.write_bytes(payload)
    with pytest.raises(GazetteError):
        ingest_file(path)
    assert sum(row_counts().values()) == 0


def test_should_refuse_an_oversized_file(tmp_path: Path, settings):
    settings.LUOSHI_MAX_GAZETTE_BYTES = 1024
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2048)
    with pytest.raises(GazetteError, match="过大"):
        ingest_file(path)


def test_should_decode_a_gbk_encoded_issue(tmp_path: Path, gazette_text):
    path = tmp_path / "gbk.txt"
    path.write_bytes(gazette_text.encode("gb18030"))

    summary = ingest_file(path)

    assert summary.documents == 24


def test_should_keep_script_tags_as_text(tmp_path: Path):
    hostile = _one_notice_issue(
        "晋市政办〔2033〕5号", body="<script>alert('x')</script>请认真贯彻执行。"
    )
    ingest_text(hostile, source_name="hostile.txt")
    document = Document.objects.get(number="晋市政办〔2033〕5号")
    assert "<script>alert('x')</script>" in document.body_text


def explode(context):
    raise RuntimeError("disk full")


def record_step(context):
    context.counts["seen_documents"] = len(context.documents)
    context.warnings.append(f"step saw {context.issue.source_name}")


def test_should_roll_back_every_row_when_a_step_fails(settings, gazette_path):
    settings.LUOSHI_INGEST_STEPS = [*settings.LUOSHI_INGEST_STEPS, f"{__name__}.explode"]
    with pytest.raises(RuntimeError):
        ingest_file(gazette_path)
    assert sum(row_counts().values()) == 0


def test_should_run_the_declared_steps_in_the_ingest(settings, gazette_path):
    settings.LUOSHI_INGEST_STEPS = [f"{__name__}.record_step"]
    summary = ingest_file(gazette_path)
    issue = Issue.objects.get()
    assert issue.counts == {"seen_documents": 24}
    assert f"step saw {gazette_path.name}" in summary.warnings
    assert summary.tasks == 0  # the ledger's step was not listed, so no task was stored


def _one_notice_issue(number: str, *, body: str) -> str:
    return "\n\n".join(
        [
            "晋城市人民政府公报",
            "晋城市人民政府办公室",
            "关于测试事项的通知",
            number,
            "各县(市、区)人民政府,市人民政府各委、办、局:",
            body,
            "晋城市人民政府办公室",
            "2031年3月4日",
        ]
    )


def test_should_store_what_a_truncated_file_holds_and_say_what_is_missing(
    tmp_path: Path, gazette_text
):
    path = tmp_path / "truncated.txt"
    path.write_text(gazette_text[: len(gazette_text) // 2], encoding="utf-8")

    summary = ingest_file(path)

    assert 0 < summary.documents < 24
    assert any("目录" in w and "没有对应的文件" in w for w in summary.warnings)
