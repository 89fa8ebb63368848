"""Full-text search of the library: same hits, same order on SQLite and PostgreSQL."""

import datetime as dt
import itertools

import pytest

from luoshi.gazette import search as search_module
from luoshi.gazette.models import Document, Issue, Passage, SearchTerm
from luoshi.gazette.search import (
    SearchPage,
    index_document,
    rebuild_index,
    search,
    unindex_document,
)

pytestmark = pytest.mark.django_db

_counter = itertools.count(1)


@pytest.fixture
def issue():
    return Issue.objects.create(
        city="晋城",
        title="晋城市人民政府公报",
        year=2020,
        number=2,
        source_name="test.txt",
        source_sha256=f"{next(_counter):064d}",
        ingested_at=dt.datetime(2020, 7, 1, tzinfo=dt.UTC),
    )


@pytest.fixture
def make_doc(issue):
    seqs = itertools.count(1)

    def make(title, *paragraphs, doc_type="通知", number=None, tables=(), index=True):
        blocks = [
            {"kind": "paragraph", "text": text, "anchor": f"p{i}"}
            for i, text in enumerate(paragraphs, start=1)
        ]
        blocks += [
            {"kind": "table", "rows": rows, "anchor": f"t{i}"} for i, rows in enumerate(tables)
        ]
        document = Document.objects.create(
            issue=issue,
            seq=next(seqs),
            title=title,
            number=number,
            doc_type=doc_type,
            blocks=blocks,
            body_text="\n".join(paragraphs),
        )
        if index:
            index_document(document)
        return document

    return make


def ids(page):
    return [hit.document_id for hit in page.hits]


def test_should_find_a_two_character_word_inside_a_longer_run(make_doc):
    # FTS5 trigram and pg_trgm both miss this case.
    parking = make_doc("关于推进城市建设的通知", "加快推进智慧停车建设，缓解停车难。")
    make_doc("关于安全生产的通知", "加强煤矿安全监管。")
    page = search("停车")
    assert page.total == 1
    assert ids(page) == [parking.pk]
    assert page.hits[0].title == "关于推进城市建设的通知"


def test_should_find_digits_next_to_chinese(make_doc):
    express = make_doc("直通车制度", "建立项目问题“24小时直通车”制度。")
    handling = make_doc("办理制度", "按照“13710”工作制度办理。")
    assert ids(search("24小时")) == [express.pk]
    assert ids(search("13710")) == [handling.pk]
    assert search("25小时").total == 0


def test_should_rank_title_matches_then_frequent_matches(make_doc):
    once = make_doc("关于安全生产的通知", "严禁在消防通道停车。", "加强检查。")
    titled = make_doc("关于加强城市停车管理的通知", "规划停车设施。", "规范停车收费。")
    often = make_doc("关于交通秩序的通知", "停车场建设。", "路内停车管理。", "停车诱导系统。")
    make_doc("关于教育工作的通知", "发放助学金。")
    assert ids(search("停车")) == [titled.pk, often.pk, once.pk]


def test_should_show_the_passages_holding_most_of_the_query(make_doc):
    make_doc("通知", "煤矿安全。", "推进智慧停车建设。", "停车管理。", "智慧城市。")
    snippets = search("智慧停车 建设").hits[0].snippets
    assert [s.anchor for s in snippets] == ["p2", "p3"]
    assert snippets[0].html == "推进<mark>智慧停车建设</mark>。"


def test_should_break_ties_by_document_id(make_doc):
    first = make_doc("通知一", "煤矿安全。")
    second = make_doc("通知二", "煤矿安全。")
    page = search("煤矿")
    assert ids(page) == [first.pk, second.pk]
    assert page.hits[0].score == page.hits[1].score > 0


def test_should_require_every_query_token_in_the_document(make_doc):
    both = make_doc("通知一", "推进智慧停车建设。", "加强煤矿安全监管。")
    make_doc("通知二", "推进智慧停车建设。")
    make_doc("通知三", "加强煤矿安全监管。")
    assert ids(search("停车 煤矿")) == [both.pk]
    assert ids(search("智慧停车")) == [both.pk, both.pk + 1]
    assert search("智慧煤矿").total == 0  # 慧煤 occurs nowhere


def test_should_escape_text_and_mark_matches(make_doc):
    make_doc("通知", "<script>alert('停车')</script>推进智慧停车建设 & 管理")
    html = search("停车").hits[0].snippets[0].html
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;<mark>停车</mark>&#x27;)&lt;/script&gt;" in html
    assert "智慧<mark>停车</mark>建设 &amp; 管理" in html


def test_should_mark_overlapping_bigrams_as_one_stretch(make_doc):
    make_doc("通知", "推进智慧停车建设。")
    assert search("智慧停车").hits[0].snippets[0].html == "推进<mark>智慧停车</mark>建设。"


def test_should_shorten_snippets_around_the_first_match(make_doc):
    make_doc("通知", "前" * 300 + "煤矿安全" + "后" * 300)
    html = search("煤矿").hits[0].snippets[0].html
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>煤矿</mark>" in html
    assert len(html.replace("<mark>", "").replace("</mark>", "")) <= search_module.SNIPPET_CHARS + 2


def test_should_give_snippet_anchors_of_paragraphs_and_table_rows(make_doc):
    make_doc(
        "任务分工",
        "各单位认真落实。",
        tables=[[["序号", "任务", "责任单位"], ["1", "建设智慧停车平台", "市住建局"]]],
    )
    assert [s.anchor for s in search("停车").hits[0].snippets] == ["t0"]
    assert [s.anchor for s in search("落实").hits[0].snippets] == ["p1"]
    assert search("住建").hits[0].snippets[0].html == "1 | 建设智慧停车平台 | 市<mark>住建</mark>局"


def test_should_filter_by_document_type(make_doc):
    notice = make_doc("通知", "煤矿安全。", doc_type="通知")
    opinion = make_doc("意见", "煤矿安全。", doc_type="意见")
    assert ids(search("煤矿", doc_type="意见")) == [opinion.pk]
    assert ids(search("煤矿", doc_type="通知")) == [notice.pk]
    assert search("煤矿", doc_type="决定").total == 0


def test_should_page_through_results(make_doc):
    docs = [make_doc(f"通知{i}", "煤矿安全。" * (i + 1)) for i in range(5)]
    everything = ids(search("煤矿", limit=20))
    assert sorted(everything) == sorted(d.pk for d in docs)
    pages = [search("煤矿", limit=2, offset=offset) for offset in (0, 2, 4, 6)]
    assert [p.total for p in pages] == [5, 5, 5, 5]
    assert [ids(p) for p in pages] == [everything[0:2], everything[2:4], everything[4:5], []]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "，。、！？",
        '"',
        "'",
        "\\",
        "*",
        "NEAR(",
        "NEAR(停车 煤矿, 2)",
        '停车" OR "煤矿',
        "停车 OR 煤矿",
        "NOT 停车",
        "-停车",
        "停车*",
        "^停车",
        "tokens:停车",
        "{停车}",
        "' OR 1=1 --",
        "%_%",
        "停车\x00",
        "停车" * 5000,
        "a" * 10_000,
        "：".join(str(i) for i in range(3000)),
    ],
)
def test_should_survive_hostile_queries(make_doc, query):
    make_doc("通知", "推进智慧停车建设。加强煤矿安全。")
    page = search(query)
    assert isinstance(page, SearchPage)
    assert page.total == len(page.hits) <= 1


def test_should_answer_empty_queries_with_an_empty_page(make_doc):
    make_doc("通知", "推进智慧停车建设。")
    for query in ("", "  \t", "。，、"):
        assert search(query) == SearchPage(total=0, hits=[])


def test_should_drop_index_rows_with_their_issue(issue, make_doc):
    make_doc("通知", "煤矿安全。")
    assert SearchTerm.objects.exists()
    issue.delete()
    assert not SearchTerm.objects.exists()
    assert search("煤矿").total == 0


def test_should_stop_finding_unindexed_and_deleted_documents(make_doc):
    kept = make_doc("通知一", "煤矿安全。")
    dropped = make_doc("通知二", "煤矿安全。")
    deleted = make_doc("通知三", "煤矿安全。")
    unindex_document(dropped)
    deleted.delete()
    assert ids(search("煤矿")) == [kept.pk]
    assert not Passage.objects.filter(document=dropped).exists()


def test_should_reindex_idempotently_and_follow_edits(make_doc):
    document = make_doc("通知", "煤矿安全。")
    count = Passage.objects.count()
    index_document(document)
    index_document(document)
    assert Passage.objects.count() == count
    assert ids(search("煤矿")) == [document.pk]
    document.blocks = [{"kind": "paragraph", "text": "智慧停车。", "anchor": "p1"}]
    index_document(document)
    assert search("煤矿").total == 0
    assert ids(search("停车")) == [document.pk]


def test_should_index_many_documents_with_bulk_create(make_doc):
    documents = [make_doc(f"通知{i}", "煤矿安全。", index=False) for i in range(3)]
    for document in documents:
        index_document(document)
    assert search("煤矿").total == 3


def test_should_rebuild_the_index_without_changing_results(make_doc):
    make_doc("通知一", "推进智慧停车建设。")
    make_doc("关于停车的通知", "停车。")
    before = search("停车")
    rebuild_index()
    assert search("停车") == before
    assert before.total == 2


def test_should_find_words_of_the_real_gazette(issue, gazette_text):
    lines = [line for line in gazette_text.splitlines() if line.strip()]
    size = len(lines) // 4 + 1
    for part in range(4):
        chunk = lines[part * size : (part + 1) * size]
        document = Document.objects.create(
            issue=issue,
            seq=part + 1,
            title=chunk[0][:255],
            blocks=[{"kind": "paragraph", "text": line, "anchor": ""} for line in chunk],
            body_text="\n".join(chunk),
        )
        index_document(document)
    for query in ("停车", "扶贫资产", "煤矿", "24小时", "13710"):
        page = search(query)
        assert page.total >= 1, query
        assert "<mark>" in page.hits[0].snippets[0].html, query


@pytest.mark.parametrize(
    "query",
    ["晋市政办〔2020〕7号", "晋市政办[2020]7号", "晋市政办【2020】7号", " 晋市政办 [2020] 7号 "],
)
def test_should_rank_the_document_with_the_queried_number_first(make_doc, query):
    citing = [
        make_doc(
            f"关于贯彻晋市政办〔2020〕7号的通知{n}",
            "根据晋市政办〔2020〕7号文件要求。",
            "晋市政办〔2020〕7号明确,晋市政办〔2020〕7号。",
            number=f"晋市政办〔2020〕{20 + n}号",
        )
        for n in range(3)
    ]
    numbered = make_doc(
        "关于加强消防安全工作的通知", "加强消防安全。", number="晋市政办〔2020〕7号"
    )
    page = search(query)
    assert ids(page) == [numbered.pk, *(doc.pk for doc in citing)]
    assert page.total == 4


def test_should_rank_the_numbered_document_only_within_the_chosen_type(make_doc):
    make_doc("关于消防的通知", "加强消防安全。", number="晋市政办〔2020〕7号", doc_type="通知")
    assert search("晋市政办〔2020〕7号", doc_type="预案").total == 0


def test_should_not_take_a_longer_or_partial_number_for_the_document_number(make_doc):
    seven = make_doc("关于消防的通知", "加强消防安全。", number="晋市政办〔2020〕7号")
    seventy = make_doc("关于供水的通知", "供水。", number="晋市政办〔2020〕70号")
    assert ids(search("晋市政办〔2020〕70号"))[:1] == [seventy.pk]
    assert seven.pk not in ids(search("晋市政办〔2020〕70号"))


def test_should_rank_documents_holding_the_whole_word_above_scattered_bigrams(make_doc):
    scattered = make_doc(
        "关于直通通车道路的通知",
        "直通各乡镇的公路全部通车。",
        "直通高速,年底通车。",
        "直通机场,按期通车。",
    )
    whole = make_doc("关于服务项目的通知", "建立项目直通车制度。")
    assert ids(search("直通车")) == [whole.pk, scattered.pk]
    assert ids(search("直通车 通知")) == [whole.pk, scattered.pk]


def test_should_find_the_24_hour_express_notice_first_in_the_real_gazette(library):
    hits = search("直通车").hits
    assert hits and "直通车" in hits[0].title
    first = search("晋市政办[2020]7号").hits[0]
    assert first.number == "晋市政办〔2020〕7号"
