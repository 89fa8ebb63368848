"""The parser on the bundled issue (晋城市人民政府公报 2020年第2期): every document as printed."""

from __future__ import annotations

import datetime as dt

import pytest

from luoshi.gazette.parsing import ParsedDocument, ParsedIssue, is_lossless, parse_issue
from luoshi.gazette.parsing.audit import parsed_text
from luoshi.gazette.parsing.text import nonspace

NOTICES = [
    (
        "晋市政发〔2020〕4号",
        "关于落实2020年省《政府工作报告》重点工作任务的通知",
        "晋城市人民政府",
        "2020-03-20",
        "通知",
    ),
    (
        "晋市政办〔2020〕6号",
        "关于加快现代农业产业园创建的实施意见",
        "晋城市人民政府办公室",
        "2020-03-04",
        "实施意见",
    ),
    (
        "晋市政办〔2020〕7号",
        "关于印发2020年智慧停车建设项目实施方案的通知",
        "晋城市人民政府办公室",
        "2020-03-06",
        "方案",
    ),
    (
        "晋市政办〔2020〕8号",
        "关于疫情期间促进农民增收十项举措的通知",
        "晋城市人民政府办公室",
        "2020-03-09",
        "通知",
    ),
    (
        "晋市政办〔2020〕9号",
        "关于印发《晋城市资助家庭经济困难大学新生办法》的通知",
        "晋城市人民政府办公室",
        "2020-03-16",
        "办法",
    ),
    (
        "晋市政办〔2020〕10号",
        "关于进一步加强扶贫资产管理的实施意见",
        "晋城市人民政府办公室",
        "2020-03-11",
        "实施意见",
    ),
    (
        "晋市政办〔2020〕11号",
        "关于印发晋城市农作物有害生物及农业外来有害生物入侵灾害应急预案的通知",
        "晋城市人民政府办公室",
        "2020-03-13",
        "预案",
    ),
    (
        "晋市政办〔2020〕12号",
        "关于印发晋城市道路交通安全应急预案的通知",
        "晋城市人民政府办公室",
        "2020-03-17",
        "预案",
    ),
    (
        "晋市政办〔2020〕13号",
        "关于印发晋城市逆周期调节支持服务业发展的若干措施的通知",
        "晋城市人民政府办公室",
        "2020-03-17",
        "措施",
    ),
    (
        "晋市政办〔2020〕14号",
        "关于印发晋城市推进药品耗材集中带量采购和使用工作实施方案的通知",
        "晋城市人民政府办公室",
        "2020-03-19",
        "方案",
    ),
    (
        "晋市政办〔2020〕15号",
        "关于印发晋城市打赢蓝天保卫战2020年决战计划的通知",
        "晋城市人民政府办公室",
        "2020-03-18",
        "计划",
    ),
    (
        "晋市政办〔2020〕16号",
        "关于印发晋城市加强社会治安防控体系建设实施方案的通知",
        "晋城市人民政府办公室",
        "2020-03-19",
        "方案",
    ),
    (
        "晋市政办〔2020〕17号",
        "关于加快工艺美术产业发展的实施意见",
        "晋城市人民政府办公室",
        "2020-03-24",
        "实施意见",
    ),
    (
        "晋市政办〔2020〕18号",
        "关于印发《晋城市服务项目“24小时直通车”制度》的通知",
        "晋城市人民政府办公室",
        "2020-03-26",
        "制度",
    ),
    (
        "晋市政办〔2020〕19号",
        "关于印发晋城市市级企业国有资本收益收支管理办法的通知",
        "晋城市人民政府办公室",
        "2020-03-25",
        "办法",
    ),
    (
        "晋市政办〔2020〕20号",
        "关于印发晋城市加快数字政府建设实施方案的通知",
        "晋城市人民政府办公室",
        "2020-03-24",
        "方案",
    ),
    (
        "晋市政办〔2020〕21号",
        "关于印发《晋城市乡(镇、办事处)统计员派出制和片区化管理办法(试行)》"
        "《晋城市乡镇统计片区首席统计员管理制度(试行)》的通知",
        "晋城市人民政府办公室",
        "2020-03-30",
        "办法",
    ),
    (
        "晋市政办〔2020〕22号",
        "关于印发晋城市特种设备事故应急预案的通知",
        "晋城市人民政府办公室",
        "2020-03-27",
        "预案",
    ),
    (
        "晋市政办〔2020〕23号",
        "关于印发晋城市煤矿事故应急预案的通知",
        "晋城市人民政府办公室",
        "2020-04-02",
        "预案",
    ),
    (
        "晋市政办〔2020〕24号",
        "关于印发晋城市突发动动物疫情应急预案的通知",
        "晋城市人民政府办公室",
        "2020-04-20",
        "预案",
    ),
    (
        "晋市政办〔2020〕25号",
        "关于印发晋城市2020年度地质灾害防治方案的通知",
        "晋城市人民政府办公室",
        "2020-04-24",
        "方案",
    ),
    (
        "晋市政办〔2020〕26号",
        "关于印发晋城市食品安全突发事件应急预案的通知",
        "晋城市人民政府办公室",
        "2020-04-26",
        "预案",
    ),
]


@pytest.fixture(scope="module")
def issue(gazette_text: str) -> ParsedIssue:
    return parse_issue(gazette_text)


def document(issue: ParsedIssue, number: str) -> ParsedDocument:
    return next(d for d in issue.documents if d.number == number)


def heading_titles(doc: ParsedDocument) -> list[str]:
    return [entry.title for entry in doc.outline]


# -- the issue ---------------------------------------------------------------------------


def test_should_read_the_cover_of_the_issue(issue):
    assert (issue.city, issue.title) == ("晋城市", "晋城市人民政府公报")
    assert (issue.year, issue.number, issue.total_number) == (2020, 2, 260)


def test_should_find_22_notices_then_2_chronicles_in_order(issue):
    kinds = [d.kind for d in issue.documents]
    assert kinds == ["notice"] * 22 + ["chronicle"] * 2
    assert [d.seq for d in issue.documents] == list(range(1, 25))


def test_should_find_every_title_of_the_table_of_contents(issue):
    assert len(issue.contents) == 24
    assert issue.contents[0] == "关于落实2020年省《政府工作报告》重点工作任务的通知"
    assert issue.contents[-1] == "晋城市人民政府4月大事记"
    unmatched = [w for w in issue.warnings if "没有对应" in w or "不在目录" in w]
    assert unmatched == []


def test_should_warn_where_the_contents_and_the_title_differ(issue):
    # The 目录 says 国有资产 where the notice says 国有资本, and the notice doubles 动动物.
    differing = [w for w in issue.warnings if "不一致" in w]
    assert len(differing) == 2
    assert any("国有资产" in w and "国有资本" in w for w in differing)
    assert any("动动物" in w for w in differing)


@pytest.mark.parametrize(("number", "title", "issuer", "date", "doc_type"), NOTICES)
def test_should_read_the_header_and_signature_of_each_notice(
    issue, number, title, issuer, date, doc_type
):
    doc = document(issue, number)
    assert doc.title == title
    assert doc.issuer == issuer
    assert doc.signed_on == dt.date.fromisoformat(date)
    assert doc.doc_type == doc_type
    assert doc.kind == "notice"
    assert sum(1 for b in doc.blocks if b.kind == "signature") == 1


def test_should_normalise_numbers_printed_with_square_brackets(issue):
    assert document(issue, "晋市政办〔2020〕15号").header_lines[-1] == "晋市政办[2020]15号"


def test_should_lose_no_character_of_any_document(issue, gazette_text):
    for doc in issue.documents:
        assert is_lossless(doc), doc.number or doc.title
        assert nonspace(parsed_text(doc)) == nonspace(doc.source_text)
    lines = gazette_text.split("\n")
    for doc in issue.documents:
        region = "\n".join(lines[doc.start_line - 1 : doc.end_line])
        assert region == doc.source_text


def test_should_give_each_document_its_own_stretch_of_the_issue(issue):
    spans = [(d.start_line, d.end_line) for d in issue.documents]
    assert all(first <= last for first, last in spans)
    assert all(a[1] < b[0] for a, b in zip(spans, spans[1:], strict=False))
    # The back cover (传达政令 宣传政策 …) belongs to no document.
    assert "传达政令" not in issue.documents[-1].source_text


# -- body ------------------------------------------------------------------------------


def test_should_rejoin_a_paragraph_split_by_a_page_break(issue):
    doc = document(issue, "晋市政发〔2020〕4号")
    joined = [b for b in doc.blocks if b.kind == "paragraph" and "汇总情况等工作" in b.text]
    assert len(joined) == 1
    assert joined[0].text.startswith("各级各部门要对照重点工作细化目标任务")
    assert not any(b.text.startswith("总情况等工作") for b in doc.blocks)


def test_should_rejoin_lines_of_two_column_print(issue):
    doc = document(issue, "晋市政办〔2020〕9号")
    opening = next(b for b in doc.blocks if b.text.startswith("为使我市家庭经济困难大学新生"))
    assert "及时获得政府和社会的资助" in opening.text
    assert opening.text.endswith("结合我市实际制定本办法:")


def test_should_read_a_list_item_that_wraps_as_a_paragraph_not_a_heading(issue):
    doc = document(issue, "晋市政办〔2020〕9号")
    item = next(b for b in doc.blocks if b.text.startswith("2.属于城乡低保边缘家庭的"))
    assert item.kind == "paragraph"
    assert item.text.endswith("1.5倍以下的家庭。")


def test_should_split_a_paragraph_heading_into_its_short_title_and_text(issue):
    doc = document(issue, "晋市政办〔2020〕6号")
    index = next(
        i for i, b in enumerate(doc.blocks) if b.kind == "heading" and b.text == "科学编制规划。"
    )
    heading, text = doc.blocks[index], doc.blocks[index + 1]
    assert heading.label == "(一)" and heading.level == 2
    assert text.kind == "paragraph" and text.text.startswith("坚持规划先行")


def test_should_outline_the_smart_parking_plan_down_to_its_work_schedule(issue):
    doc = document(issue, "晋市政办〔2020〕7号")
    top = [(e.label, e.title) for e in doc.outline if e.level == 1]
    assert ("五、", "工作任务") in top
    assert len(top) == 6
    schedule = next(i for i, e in enumerate(doc.outline) if e.title == "工作任务")
    assert doc.outline[schedule + 1].title == "2019年12月-2020年3月"
    assert doc.outline[schedule + 1].level == 2


def test_should_give_emergency_plans_decimal_outlines_three_deep(issue):
    for number in (
        "晋市政办〔2020〕11号",
        "晋市政办〔2020〕12号",
        "晋市政办〔2020〕22号",
        "晋市政办〔2020〕26号",
    ):
        doc = document(issue, number)
        levels = {e.label: e.level for e in doc.outline}
        assert levels["1"] == 1 and levels["1.1"] == 2
        assert max(e.level for e in doc.outline) >= 3
    food = document(issue, "晋市政办〔2020〕26号")
    assert ("5.1.1", "响应条件", 3) in [(e.label, e.title, e.level) for e in food.outline]
    crops = document(issue, "晋市政办〔2020〕11号")
    assert ("4.3.1.1", "启动条件", 4) in [(e.label, e.title, e.level) for e in crops.outline]


def test_should_outline_chapters_and_articles(issue):
    doc = document(issue, "晋市政办〔2020〕21号")
    assert doc.outline[0].label == "第一章" and doc.outline[0].title == "总则"
    assert (doc.outline[1].label, doc.outline[1].level) == ("第一条", 2)


def test_should_anchor_every_heading_and_table_uniquely(issue):
    for doc in issue.documents:
        anchors = [b.anchor for b in doc.blocks if b.anchor]
        assert len(anchors) == len(set(anchors))
        assert [e.anchor for e in doc.outline] == [
            b.anchor for b in doc.blocks if b.kind == "heading"
        ]
        tables = [b for b in doc.blocks if b.kind == "table"]
        assert [t.anchor for t in tables] == [f"t-{n}" for n in range(1, len(tables) + 1)]


def test_should_merge_the_task_table_repeated_on_every_page_into_one(issue):
    doc = document(issue, "晋市政发〔2020〕4号")
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1
    table = tables[0]
    assert table.header_rows == 1
    assert table.rows[0][:2] == ["序号", "省政府2020年重点工作任务"]
    data = table.rows[1:]
    assert len(data) > 346
    assert data[-1][0] == "346"
    assert not any(row[0] == "序号" for row in data)
    assert all(len(row) == len(table.rows[0]) for row in table.rows)
    # One page prints 牵头单位 instead of 牵头责任单位: merged, and said so.
    assert any("重复表头" in w for w in doc.warnings)


def test_should_keep_html_in_cells_as_text(issue):
    table = next(b for b in document(issue, "晋市政发〔2020〕4号").blocks if b.kind == "table")
    cell = next(c for row in table.rows for c in row if c.startswith("<p>"))
    assert cell.endswith("</p>")


def test_should_read_the_task_list_of_the_blue_sky_plan_as_one_table(issue):
    doc = document(issue, "晋市政办〔2020〕15号")
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1
    assert tables[0].rows[0][:3] == ["类别", "序号", "重点工作"]
    assert len(tables[0].rows) - tables[0].header_rows == 49
    assert len(tables[0].merged_rows) == 6


def test_should_find_the_signature_after_the_covering_notice_before_the_plan(issue):
    doc = document(issue, "晋市政办〔2020〕7号")
    signature = next(i for i, b in enumerate(doc.blocks) if b.kind == "signature")
    assert doc.blocks[signature].text == "晋城市人民政府办公室\n2020年3月6日"
    assert doc.blocks[signature + 1].text == "2020年智慧停车建设项目实施方案"
    assert signature < len(doc.blocks) // 4


# -- attachments and references ------------------------------------------------------------


def test_should_list_attachments(issue):
    assert document(issue, "晋市政办〔2020〕7号").attachments == [
        "晋城市智慧停车工作领导小组成员单位职责",
        "晋城市智慧停车工作领导小组成员名单",
    ]
    assert document(issue, "晋市政办〔2020〕11号").attachments == [
        "应急处置流程图",
        "县级灾害报告格式",
    ]
    # Print cut the name short after 《政府; it is completed from the attachment's own title.
    assert document(issue, "晋市政发〔2020〕4号").attachments == [
        "晋城市人民政府落实2020年省《政府工作报告》重点工作任务细化分解表"
    ]


def test_should_list_the_appendices_of_an_emergency_plan(issue):
    assert document(issue, "晋市政办〔2020〕12号").attachments == [
        "指挥体系组织架构图",
        "市级应急响应流程图",
        "应急工作联系表",
    ]


def test_should_find_cited_documents_with_their_titles(issue):
    doc = document(issue, "晋市政办〔2020〕10号")
    assert doc.cites == ["晋政办发〔2019〕80号"]
    assert doc.references[0].title == "山西省人民政府办公厅关于进一步加强扶贫资产管理的意见"
    assert document(issue, "晋市政办〔2020〕16号").cites == ["国办发〔2016〕15号"]


def test_should_find_repealed_documents(issue):
    assert document(issue, "晋市政办〔2020〕26号").repeals == ["晋市政办〔2018〕40号"]
    assert document(issue, "晋市政办〔2020〕24号").repeals == ["晋市政办〔2015〕66号"]
    # 12号 names two plans by number, then repeals them by the titles of their notices.
    traffic = document(issue, "晋市政办〔2020〕12号")
    assert sorted(traffic.repeals) == ["晋市政办〔2014〕43号", "晋市政办〔2014〕75号"]
    assert traffic.cites == []


def test_should_never_reference_a_document_itself(issue):
    for doc in issue.documents:
        assert doc.number not in [r.number for r in doc.references]


# -- chronicles ----------------------------------------------------------------------------


def test_should_read_chronicles_as_dated_events(issue):
    march, april = issue.documents[-2:]
    assert (march.title, march.number, march.doc_type) == (
        "晋城市人民政府3月大事记",
        None,
        "大事记",
    )
    assert march.issuer == "晋城市人民政府"
    assert len(march.events) == 11
    assert len(april.events) == 23
    assert march.events[0].date == dt.date(2020, 3, 3)
    assert march.events[0].text.startswith("市委农村工作领导小组会议召开")
    # ※ is a further event on the date above it, its text re-joined across lines.
    assert march.events[4].date == dt.date(2020, 3, 11)
    assert march.events[4].text == "市长刘锋主持召开市政府第54次常务会议。"
    assert april.events[-1].date == dt.date(2020, 4, 30)
    assert all(e.date is not None and e.date.year == 2020 for e in march.events + april.events)
