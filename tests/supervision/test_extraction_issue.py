"""Task extraction on the reference issue: every source, every kind of irregularity."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest

from luoshi.gazette.parsing import parse_issue
from luoshi.supervision.extraction import ExtractedTask, extract_tasks, tasks_contract

KEY_TASKS = "晋市政发〔2020〕4号"
BLUE_SKY = "晋市政办〔2020〕15号"


@pytest.fixture(scope="module")
def tasks(gazette_text: str) -> list[ExtractedTask]:
    return extract_tasks(parse_issue(gazette_text))


def of(tasks: list[ExtractedTask], number: str, kind: str | None = None) -> list[ExtractedTask]:
    return [t for t in tasks if t.document.endswith(number) and (kind is None or t.kind == kind)]


def by_ref(tasks: list[ExtractedTask], number: str, ref: str) -> ExtractedTask:
    (found,) = [t for t in of(tasks, number) if t.ref == ref]
    return found


def test_counts_per_document(tasks):
    counts = Counter((t.document, t.kind) for t in tasks)
    assert counts[(KEY_TASKS, "decomposition_row")] == 347  # 346 numbers, 346 printed twice
    assert counts[(BLUE_SKY, "task_table_row")] == 49
    assert counts[(BLUE_SKY, "assigned_clause")] == 39
    assert counts[("晋市政办〔2020〕20号", "assigned_clause")] == 33
    assert counts[("晋市政办〔2020〕8号", "assigned_clause")] == 10
    assert counts[("晋市政办〔2020〕13号", "assigned_clause")] == 13
    assert counts[("晋市政办〔2020〕7号", "schedule_phase")] == 5
    assert counts[("晋市政办〔2020〕7号", "unit_duty")] == 7
    assert counts[("晋市政办〔2020〕16号", "project")] == 13
    assert counts[("晋市政办〔2020〕16号", "unit_duty")] == 49


def test_emergency_plans_and_chronicles_assign_no_ledger_tasks(tasks):
    documents = {t.document for t in tasks}
    assert "晋市政办〔2020〕22号" not in documents  # 特种设备事故应急预案
    assert "" not in documents and None not in documents


def test_refs_are_unique_per_document(tasks):
    ids = [f"{t.document}#{t.ref}" for t in tasks]
    assert len(ids) == len(set(ids))


# -- the decomposition table (分解表) --------------------------------------------------


def test_decomposition_row_keeps_every_column(tasks):
    task = by_ref(tasks, KEY_TASKS, "序号11")
    assert task.province_task == "全省地区生产总值增长6.1%左右。"
    assert task.text == "全市地区生产总值增长6.2%左右。"
    assert task.lead_units == ["市发改委"]
    assert task.responsible_leaders == ["邹树琦"]
    assert task.leaders_in_charge == ["杨跃卿"]
    assert task.sections == ["国民经济综合科"]
    assert task.persons == ["张志斌"]
    assert [(t.metric, t.value, t.unit, t.qualifier) for t in task.targets] == [
        ("地区生产总值增长", 6.2, "%", "左右")
    ]


def test_numbers_run_from_1_to_346_with_346_printed_twice(tasks):
    numbers = [int(t.no) for t in of(tasks, KEY_TASKS, "decomposition_row")]
    assert sorted(set(numbers)) == list(range(1, 347))
    assert Counter(numbers)[346] == 2


def test_duplicate_number_is_flagged_on_both_rows(tasks):
    first = by_ref(tasks, KEY_TASKS, "序号346")
    second = by_ref(tasks, KEY_TASKS, "序号346-2")
    assert "duplicate_number" in first.flags and "duplicate_number" in second.flags
    assert first.lead_units == ["市红十字会"] and second.lead_units == ["市地方志"]
    flagged = [t for t in of(tasks, KEY_TASKS) if "duplicate_number" in t.flags]
    assert len(flagged) == 2


def test_html_in_cells_is_flagged_and_kept_verbatim(tasks):
    flagged = {t.no for t in of(tasks, KEY_TASKS) if "html_in_cell" in t.flags}
    assert {str(n) for n in range(340, 347)} <= flagged
    assert by_ref(tasks, KEY_TASKS, "序号346-2").text == "<p>完成志鉴“两全目标”。</p>"
    assert not by_ref(tasks, KEY_TASKS, "序号346-2").title.startswith("<")


def test_rows_not_concerning_the_city_are_not_applicable(tasks):
    rows = of(tasks, KEY_TASKS, "decomposition_row")
    not_applicable = [t for t in rows if t.not_applicable]
    assert len(not_applicable) == 30
    assert by_ref(tasks, KEY_TASKS, "序号18").not_applicable
    assert by_ref(tasks, KEY_TASKS, "序号18").lead_units == []
    # the text says so but the row still names a unit: a person must confirm
    assert "units_on_not_applicable" in by_ref(tasks, KEY_TASKS, "序号122").flags
    # the text says so and then goes on with a task: not marked, flagged
    row164 = by_ref(tasks, KEY_TASKS, "序号164")
    assert not row164.not_applicable and "not_applicable_with_text" in row164.flags


def test_continuation_rows_merge_into_their_task_with_their_units(tasks):
    row23 = by_ref(tasks, KEY_TASKS, "序号23")
    assert "continuation_row" in row23.flags
    assert row23.lead_units == ["市金融办", "市规划和自然资源局"]
    assert row23.persons == ["秦松明", "李琳", "李艳颜", "张晋民", "李国斌"]
    assert "自然资源利用保护科" in row23.sections
    row42 = by_ref(tasks, KEY_TASKS, "序号42")
    assert row42.lead_units == ["市生态环境局", "市市场监管局", "市住建局", "市商务局"]
    assert "打造放心消费市场环境" in row42.text and "绿色建筑行动实施意见" in row42.text
    assert not any(t.no is None for t in of(tasks, KEY_TASKS))


def test_misaligned_stretch_is_flagged_and_text_not_moved(tasks):
    flagged = {int(t.no) for t in of(tasks, KEY_TASKS) if "misaligned_row" in t.flags}
    assert set(range(59, 68)) <= flagged
    assert {344, 345, 346} <= flagged
    assert 11 not in flagged and 346 in flagged
    assert len(flagged) < 30  # a stretch, not the table
    row60 = by_ref(tasks, KEY_TASKS, "序号60")
    assert row60.province_task.startswith("城乡居民人均可支配收入")
    assert row60.text.startswith("进一步优化财政支出结构")  # as printed, not moved


def test_names_are_split_and_stray_spaces_removed(tasks):
    assert by_ref(tasks, KEY_TASKS, "序号15").persons == ["郭肖锋", "王洲"]
    assert by_ref(tasks, KEY_TASKS, "序号202").responsible_leaders == ["王丽"]
    assert by_ref(tasks, KEY_TASKS, "序号36").lead_units == ["市发改委", "市人社局"]
    assert by_ref(tasks, KEY_TASKS, "序号99").lead_units == ["市大数据应用局"]
    assert by_ref(tasks, KEY_TASKS, "序号93").sections == ["自然资源和生态环境审计科"]


def test_deadline_in_a_city_task(tasks):
    row319 = by_ref(tasks, KEY_TASKS, "序号319")
    assert row319.due == dt.date(2020, 10, 31) and row319.due_text == "10月底前"


# -- the blue-sky plan: attached task table and bracketed body tasks ---------------------


def test_task_table_rows(tasks):
    row1 = by_ref(tasks, BLUE_SKY, "序号1")
    assert row1.category == "优化调整产业结构和布局"
    assert row1.due == dt.date(2020, 12, 31)
    assert row1.lead_units == ["市生态环境局", "市工信局", "市审批服务管理局"]
    assert row1.implementing_units == ["各县(市、区)人民政府", "开发区管委会"]
    row17 = by_ref(tasks, BLUE_SKY, "序号17")
    assert row17.due == dt.date(2020, 9, 30) and row17.due_text == "2020年5月-9月"
    row26 = by_ref(tasks, BLUE_SKY, "序号26")
    assert row26.ongoing and row26.due is None
    assert row26.targets[0].qualifier == "不低于" and row26.targets[0].value == 20.0


def test_task_table_merged_cells_inherit_from_above(tasks):
    row10 = by_ref(tasks, BLUE_SKY, "序号10")  # 完成时限 merged with row 9
    assert row10.due == dt.date(2020, 6, 30) and "merged_cell" in row10.flags
    row24 = by_ref(tasks, BLUE_SKY, "序号24")  # 责任单位 merged with row 22
    assert row24.lead_units == ["市能源局"] and "merged_cell" in row24.flags
    row23 = by_ref(tasks, BLUE_SKY, "序号23")
    assert row23.category == "散煤清洁化替代"


def test_task_table_row_shifted_by_an_empty_cell(tasks):
    row30 = by_ref(tasks, BLUE_SKY, "序号30")
    assert "shifted_cells" in row30.flags
    assert row30.category == "运输结构绿色化"
    assert row30.lead_units == ["市发展改革委"] and row30.due == dt.date(2020, 12, 31)


def test_blue_sky_body_tasks_with_bracketed_units(tasks):
    task = by_ref(tasks, BLUE_SKY, "三、(二)10.-2")
    assert task.text.startswith("2020年12月底前,关停整合")
    assert task.lead_units == ["市生态环境局"]
    assert task.co_units == ["市住建局", "市工信局"]
    assert task.implementing_units == ["各县(市、区)人民政府"]
    assert task.due == dt.date(2020, 12, 31)
    several = by_ref(tasks, BLUE_SKY, "三、(一)1.-2")
    assert "multiple_deadlines" in several.flags and several.due == dt.date(2020, 12, 31)
    alone = by_ref(tasks, BLUE_SKY, "三、(三)13.")
    assert alone.lead_units == ["市市场监督管理局", "市商务局"]  # 按职责分别牵头


# -- the digital-government plan ---------------------------------------------------------


def test_digital_government_tasks(tasks):
    numbered = of(tasks, "晋市政办〔2020〕20号", "assigned_clause")
    assert [t.no for t in numbered] == [str(n) for n in range(1, 34)]
    task8 = by_ref(tasks, "晋市政办〔2020〕20号", "二、(四)8.")
    assert task8.title == "完善统一身份认证系统"
    assert task8.lead_units == ["市审批服务管理局"]
    assert task8.co_units == ["市公安局", "市市场监管局"]
    assert task8.due == dt.date(2020, 12, 31)
    task24 = by_ref(tasks, "晋市政办〔2020〕20号", "二、(七)24.")
    assert task24.co_units == ["各县(市、区)人民政府", "市发展改革委", "市直相关部门"]


# -- farmers' income, service industry ---------------------------------------------------


def test_farmers_income_measures_with_funds(tasks):
    measures = of(tasks, "晋市政办〔2020〕8号")
    assert len(measures) == 10
    first = measures[0]
    assert first.title == "实施粮食产能项目"
    assert first.funds == "市财政安排资金600万元"
    assert first.lead_units == ["市农业农村局", "市水务局"]
    assert measures[2].lead_units == ["市畜牧兽医服务中心"]
    assert measures[2].due == dt.date(2020, 12, 31)
    assert measures[9].lead_units == ["市人社局", "市农业农村局"]


def test_service_measures_share_the_bracket_of_their_group(tasks):
    measures = of(tasks, "晋市政办〔2020〕13号")
    assert [t.no for t in measures] == [str(n) for n in range(1, 14)]
    first, third = measures[0], measures[2]
    assert "shared_units" in first.flags and "shared_units" not in third.flags
    assert first.lead_units == third.lead_units
    assert "各县(市、区)人民政府" in first.lead_units
    assert measures[10].text.startswith("对限额以上住宿餐饮企业、缴纳税收200万元以上")


# -- smart parking, social security ------------------------------------------------------


def test_smart_parking_schedule_and_member_duties(tasks):
    phases = of(tasks, "晋市政办〔2020〕7号", "schedule_phase")
    assert [t.due for t in phases] == [
        dt.date(2020, 3, 31), dt.date(2020, 4, 30), dt.date(2020, 5, 31),
        dt.date(2020, 6, 30), dt.date(2020, 12, 31),
    ]  # fmt: skip
    assert all("missing_units" in t.flags for t in phases)
    duties = of(tasks, "晋市政办〔2020〕7号", "unit_duty")
    assert duties[1].lead_units == ["市财政局"] and duties[1].ongoing
    assert duties[1].ref == "附件1-2"


def test_social_security_projects_and_each_units_duty(tasks):
    project = by_ref(tasks, "晋市政办〔2020〕16号", "四、(一)")
    assert project.kind == "project" and project.title == "治安防控圈建设"
    assert project.lead_units == ["市公安局"]
    assert "市财政局" in project.co_units
    duty = by_ref(tasks, "晋市政办〔2020〕16号", "四、(一)2.-5")
    assert duty.lead_units == ["市委编办", "市人社局"]
    cut = by_ref(tasks, "晋市政办〔2020〕16号", "四、(一)2.-6")
    assert cut.text.endswith("建设工作。")  # print cut the line: rejoined


# -- dated obligations -------------------------------------------------------------------


def test_asset_registration_by_end_of_june(tasks):
    (task,) = of(tasks, "晋市政办〔2020〕10号")
    assert task.title == "进行资产登记"
    assert task.due == dt.date(2020, 6, 30)
    assert task.lead_units == ["各县(市、区)人民政府"]


def test_annual_deadlines_recur(tasks):
    grants = of(tasks, "晋市政办〔2020〕9号")
    survey = next(t for t in grants if "摸底" in t.title)
    assert survey.recurring == "每年5月底前" and survey.due == dt.date(2020, 5, 31)
    assert survey.lead_units == ["各高中阶段学校"]
    (profits,) = [t for t in of(tasks, "晋市政办〔2020〕19号") if t.due_event is None]
    assert profits.recurring == "每年5月31日前" and profits.due == dt.date(2020, 5, 31)
    assert profits.lead_units == ["市级独立核算企业"]


def test_work_to_finish_this_year_in_the_geohazard_plan(tasks):
    """晋市政办〔2020〕25号: "各县(市、区)今年要完成…规划的修编工作" (signed 2020-04-24)."""
    (task,) = [t for t in of(tasks, "晋市政办〔2020〕25号") if t.due_event is None]
    assert task.kind == "dated_obligation" and task.ref == "四、(五)"
    assert task.due == dt.date(2020, 12, 31) and task.due_text == "今年"
    assert task.lead_units == ["各县(市、区)人民政府"]
    assert "沁水县今年要完成部级地质灾害治理项目的施工" in task.text


def test_deadlines_counted_from_events_wait_for_an_anchor(tasks):
    """19号 counts declarations from the day a contract is signed or a notice received;
    25号 wants training done before the flood season (汛期前): kept as event-relative."""
    declared = {t.ref: t for t in of(tasks, "晋市政办〔2020〕19号") if t.due_event is not None}
    transfer = declared["三、(三)3."]
    assert transfer.due is None
    assert transfer.due_event.event == "签订产权转让合同"
    assert transfer.due_event.offset == "30个工作日" and not transfer.due_event.before
    upkeep = declared["三、(四)"]
    assert upkeep.due_event.event == "收到市国投公司国有资本收益上交通知"
    assert upkeep.due_event.offset == "15个工作日"
    (training,) = [t for t in of(tasks, "晋市政办〔2020〕25号") if t.due_event is not None]
    assert training.due_event.event == "汛期" and training.due_event.before
    assert training.due_text == "汛期前"


def test_quarterly_reporting_rule_keeps_all_dates(tasks):
    (rule,) = of(tasks, KEY_TASKS, "dated_obligation")
    assert "multiple_deadlines" in rule.flags and rule.due == dt.date(2020, 12, 22)


# -- the contract -----------------------------------------------------------------------


def test_tasks_contract_shape(tasks):
    rows = tasks_contract(tasks)
    assert len(rows) == len(tasks)
    keys = {
        "id", "document", "ref", "no", "title", "text", "lead_units", "co_units",
        "responsible_leaders", "leaders_in_charge", "sections", "persons", "due", "due_text",
        "ongoing", "not_applicable", "targets", "flags",
    }  # fmt: skip
    assert all(set(row) == keys for row in rows)
    json.dumps(rows, ensure_ascii=False)
    row = next(r for r in rows if r["id"] == f"{KEY_TASKS}#序号11")
    assert row["targets"] == [{"metric": "地区生产总值增长", "value": 6.2, "unit": "%"}]
    table_row = next(r for r in rows if r["id"] == f"{BLUE_SKY}#序号1")
    assert table_row["due"] == "2020-12-31"
    assert "各县(市、区)人民政府" in table_row["co_units"]


def test_every_flag_the_extraction_raises_has_a_chinese_label(tasks):
    from luoshi.supervision.extraction.model import FLAG_LABELS

    raised = {flag for task in tasks for flag in task.flags}
    assert raised and raised <= set(FLAG_LABELS)
