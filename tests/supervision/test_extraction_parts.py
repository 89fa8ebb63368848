"""Extraction pieces on hand-built blocks: brackets, names, clauses, tables, duties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.gazette.parsing.model import Block, ParsedDocument
from luoshi.supervision.extraction import extract_document
from luoshi.supervision.extraction.brackets import find_assignments, parse_assignment
from luoshi.supervision.extraction.clauses import build_clauses
from luoshi.supervision.extraction.duties import parse_duty
from luoshi.supervision.extraction.names import split_people, split_sections, split_units
from luoshi.supervision.extraction.text import similarity


def document(
    *blocks: Block, number: str = "某市政办〔2021〕3号", doc_type: str = "方案"
) -> ParsedDocument:
    return ParsedDocument(
        seq=1, kind="notice", number=number, title="关于印发某方案的通知", issuer="某市人民政府办公室",
        signed_on=dt.date(2021, 4, 2), doc_type=doc_type, blocks=list(blocks),
    )  # fmt: skip


def table(*rows: list[str]) -> Block:
    return Block(kind="table", rows=[list(r) for r in rows], header_rows=1)


DECOMPOSITION_HEADER = ["序号", "省政府2021年重点工作任务", "某市2021年重点工作任务", "牵头单位",
                        "责任领导", "分管领导", "责任科室", "责任人"]  # fmt: skip


# -- brackets ------------------------------------------------------------------------------


def test_bracket_roles():
    found = parse_assignment(
        "市能源局牵头,市发展改革委、市工信局等部门配合,各县(市、区)人民政府负责落实"
    )
    assert found is not None
    assert found.lead == ["市能源局"]
    assert found.co == ["市发展改革委", "市工信局"]
    assert found.implementing == ["各县(市、区)人民政府"]


def test_responsible_units_list_all_lead():
    found = parse_assignment("责任单位:市人社局、市农业农村局")
    assert found is not None and found.lead == ["市人社局", "市农业农村局"] and not found.co


def test_implementing_units_lead_when_nobody_leads():
    found = parse_assignment("市交通局、城区人民政府负责落实")
    assert found is not None and found.lead == ["市交通局", "城区人民政府"]


@pytest.mark.parametrize(
    "text", ["(含一晚)", "(市、区)", "[各县(市、区)目标待省下达后另行分解下达]"]
)
def test_brackets_that_assign_nobody(text):
    assert find_assignments(f"某项工作{text}。") == []


def test_nested_brackets_of_mixed_kinds():
    (match,) = find_assignments("完成改造。〔市住建局牵头,各县（市、区)人民政府负责落实〕其后")
    assert match.assignment.lead == ["市住建局"]
    assert match.assignment.implementing == ["各县(市、区)人民政府"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="市局委(（)）〔〕[]【】、,牵头配合负责落实责任单位: 甲乙", max_size=60))
def test_bracket_search_never_crashes(text):
    for match in find_assignments(text):
        assert 0 <= match.start < match.end <= len(text)
        assert match.assignment.lead


# -- names ---------------------------------------------------------------------------------


def test_unit_lists():
    assert split_units("市发改委 市人社局") == ["市发改委", "市人社局"]
    assert split_units("市大数据 应用局") == ["市大数据应用局"]
    assert split_units("市投资 促进中心") == ["市投资促进中心"]
    assert split_units("各县(市、区)人民政府、开发区管委会") == [
        "各县(市、区)人民政府",
        "开发区管委会",
    ]
    assert split_units("市税务局等部门") == ["市税务局"]
    assert split_units("——") == []


def test_people_and_sections():
    assert split_people("郭肖锋 王洲") == ["郭肖锋", "王洲"]
    assert split_people("王 丽") == ["王丽"]
    assert split_people("陈红飞 何 燕 翟福明") == ["陈红飞", "何燕", "翟福明"]
    assert split_people("侯根红、张宁波") == ["侯根红", "张宁波"]
    assert split_sections("开发区 管理科") == ["开发区管理科"]
    assert split_sections("预算科 综合科") == ["预算科", "综合科"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["张三", "李四四", "王", "丽", "欧阳明"]), max_size=6))
def test_people_split_never_loses_a_character(tokens):
    cell = " ".join(tokens)
    assert "".join(split_people(cell)) == "".join(cell.split())


def test_similarity_bounds():
    assert similarity("城镇新增就业3万人", "城镇新增就业3万人") == 1.0
    assert similarity("", "任何") == 0.0
    assert 0.0 <= similarity("推进证照分离改革", "加强药品监管") <= 1.0


# -- clauses ---------------------------------------------------------------------------------


def test_numbered_paragraphs_open_clauses_and_cut_headings_rejoin():
    doc = document(
        Block(kind="heading", label="一、", level=1, text="提振市场"),
        Block(kind="paragraph", text="1. 对景区免门票。"),
        Block(kind="heading", label="2.", level=2, text="对限额以上企业、缴纳税收200"),
        Block(kind="paragraph", text="万元以上的企业给予补贴。"),
    )
    root = build_clauses(doc)
    (section,) = root.children
    first, second = section.children
    assert (first.ref, first.text) == ("一、1.", "对景区免门票。")
    assert second.text == "对限额以上企业、缴纳税收200万元以上的企业给予补贴。"


def test_attachment_restarts_numbering():
    doc = document(
        Block(kind="heading", label="一、", level=1, text="总则"),
        Block(kind="paragraph", text="附件2"),
        Block(kind="paragraph", text="市财政局:负责资金保障。"),
        Block(kind="paragraph", text="市住建局职责:负责建设监管。"),
    )
    tasks = extract_document(doc)
    assert [(t.ref, t.lead_units, t.kind) for t in tasks] == [
        ("附件2-1", ["市财政局"], "unit_duty"),
        ("附件2-2", ["市住建局"], "unit_duty"),
    ]


def test_duty_lines():
    duty = parse_duty("市委编办、市人社局:负责配合加强人员力量。")
    assert duty is not None and duty.units == ["市委编办", "市人社局"]
    assert parse_duty("组 长:王斌权") is None
    assert parse_duty("具体申报要求如下:") is None
    assert parse_duty("牵头单位:市公安局。") is None


# -- whole documents built by hand (another city, another year) --------------------------------


def test_decomposition_table_in_another_city():
    doc = document(
        table(
            DECOMPOSITION_HEADER,
            [
                "1",
                "全省增长6%。",
                "全市增长7%以上。",
                "市统计局",
                "赵 六",
                "钱七",
                "综合科",
                "孙八",
            ],
            ["", "", "年底前完成普查。", "市发改委", "周九", "吴十", "规划科", "郑一"],
            ["2", "做好甲工作。", "此项工作不涉及某市。", "—", "—", "—", "—", "—"],
            DECOMPOSITION_HEADER,
            [
                "2",
                "做好乙工作。",
                "<p>做好乙工作。</p>",
                "市商务局",
                "冯二",
                "陈三",
                "外贸科",
                "褚四",
            ],
        )
    )
    first, second, third = extract_document(doc)
    assert first.lead_units == ["市统计局", "市发改委"]
    assert first.responsible_leaders == ["赵六", "周九"]
    assert first.due == dt.date(2021, 12, 31)
    assert first.targets[0].value == 7.0 and first.targets[0].qualifier == "以上"
    assert "continuation_row" in first.flags
    assert second.not_applicable and second.lead_units == []
    assert "duplicate_number" in second.flags and "duplicate_number" in third.flags
    assert third.ref == "序号2-2" and "html_in_cell" in third.flags


def test_task_table_by_header_words():
    header = ["类别", "序号", "重点工作", "主要任务", "完成时限", "责任单位"]
    doc = document(
        table(
            header,
            ["甲类", "1", "甲", "完成甲。", "9月底前", "市水务局牵头,市财政局配合"],
            ["", "2", "", "完成乙。", "", ""],
            ["", "3", "", "坚持丙。", "持续推进", "市水务局负责落实"],
        )
    )
    one, two, three = extract_document(doc)
    assert one.due == dt.date(2021, 9, 30) and one.co_units == ["市财政局"]
    assert two.due == one.due and two.lead_units == ["市水务局"] and "merged_cell" in two.flags
    assert two.category == "甲类"
    assert three.ongoing and three.due is None


def test_emergency_plans_are_not_read():
    doc = document(
        Block(kind="heading", label="1.", level=1, text="救援。"),
        Block(kind="paragraph", text="2021年6月底前完成演练。(市应急局牵头)"),
        doc_type="预案",
    )
    assert extract_document(doc) == []


def test_schedule_phase_with_a_bracket():
    doc = document(
        Block(kind="heading", label="(一)", level=2, text="2021年5月-7月"),
        Block(kind="paragraph", text="完成平台建设。(市大数据局牵头)"),
    )
    (phase,) = extract_document(doc)
    assert phase.kind == "schedule_phase"
    assert phase.due == dt.date(2021, 7, 31) and phase.lead_units == ["市大数据局"]
