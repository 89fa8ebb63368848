"""Exports open with openpyxl / python-docx, have the gazette's columns, and respect the unit scope;
imports validate every row and import nothing from a sheet with errors."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from luoshi.core import clock
from luoshi.core.documents.formats import typeset
from luoshi.core.errors import Conflict
from luoshi.supervision import imports, services
from luoshi.supervision.exports import GAZETTE_COLUMNS
from luoshi.supervision.models import Report

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def pair(make_task, people):
    a = make_task("1", title="甲单位事项", text="甲单位任务")
    b = make_task(
        "2", title="乙单位事项", text='=HYPERLINK("http://x")乙单位任务', lead_units=["市财政局"]
    )
    with clock.frozen("2020-03-21T09:00"):
        rb = services.save_report(
            people["b"], b.periods.first(), narrative="乙机密进展", percent=20
        )
        services.submit_report(people["b"], rb, version=rb.version)
    return a, b


def workbook(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def test_xlsx_export_has_the_gazette_and_progress_columns(pair, people):
    with clock.frozen("2020-04-10T09:00"):
        book = workbook(client_for(people["office"]).get(reverse("ledger:export_tasks")))
    sheet = book.active
    assert sheet["A1"].value == "督查督办事项台账" and sheet["A2"].value == "统计截至2020年4月10日"
    header = [c.value for c in sheet[3]]
    assert header[: len(GAZETTE_COLUMNS) + 1] == [
        "序号", "原表序号", "省政府重点工作任务", "市重点工作任务", "牵头责任单位", "责任领导",
        "分管领导", "责任科室", "责任人",
    ]  # fmt: skip
    assert {"督办状态", "完成进度(%)", "最近进展", "审核意见"} <= set(header)
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert [r[0] for r in rows] == [1, 2]  # 序号 counts the rows
    b_row = next(r for r in rows if r[1] == "2")
    assert b_row[4] == "市财政局" and b_row[header.index("最近进展")] == "乙机密进展"
    b_text = sheet.cell(row=4 + rows.index(b_row), column=4)
    assert b_text.value == '=HYPERLINK("http://x")乙单位任务'  # the text as written ...
    assert b_text.data_type == "s" and b_text.quotePrefix  # ... never a formula
    assert isinstance(b_row[header.index("完成进度(%)")], int)


def test_unit_a_cannot_read_unit_b_through_exports(pair, people):
    staff_a = client_for(people["a"])
    book = workbook(staff_a.get(reverse("ledger:export_tasks")))
    text = " ".join(str(c.value) for row in book.active.iter_rows() for c in row)
    assert "甲单位任务" in text and "乙单位" not in text and "乙机密进展" not in text
    # asking for unit B's rows by filter gives nothing either
    book = workbook(staff_a.get(reverse("ledger:export_tasks"), {"unit": people["b"].unit_id}))
    assert book.active.max_row == 3  # title, note, header
    summary = docx.Document(
        io.BytesIO(
            staff_a.get(reverse("ledger:export_summary"), {"year": 2020, "quarter": 1}).content
        )
    )
    all_text = "\n".join(p.text for p in summary.paragraphs) + "\n".join(
        c.text for t in summary.tables for row in t.rows for c in row.cells
    )
    assert "市财政局" not in all_text and "乙单位" not in all_text


def test_quarterly_summary_docx_has_per_unit_figures(pair, people):
    with clock.frozen("2020-04-10T09:00"):
        response = client_for(people["office"]).get(
            reverse("ledger:export_summary"), {"year": 2020, "quarter": 1}
        )
    document = docx.Document(io.BytesIO(response.content))
    text = [p.text.replace("\n", "") for p in document.paragraphs]  # titles break into lines
    assert text[0] == "晋城市人民政府督查室" and "督查通报〔2020〕第1期" in text
    assert "关于2020年第1季度督查督办工作情况的通报" in text
    overview = next(t for t in text if t.startswith("截至"))
    assert overview.startswith(typeset("截至2020年3月31日,纳入督办的事项共2项次,涉及牵头单位2个"))
    assert "逾期1项次" in overview and "按时报送1期" in overview
    assert typeset("逾期事项1项次,涉及1个单位:市发展和改革委员会(1项)。") in text  # named
    late = document.tables[0]
    assert [c.text for c in late.rows[1].cells] == [
        "市发展和改革委员会", "甲单位事项", "2020年3月22日", "0%",
    ]  # fmt: skip
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells] == [
        "责任单位", "事项数", "已销号", "正常推进", "临期", "逾期", "按时报送",
    ]  # fmt: skip
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert rows["市发展和改革委员会"][5] == "1"  # 甲: Q1 report missed on 3月22日 → overdue
    assert rows["市财政局"][6] == "1/1"  # 乙 reported in time
    assert text[-2:] == ["晋城市人民政府督查室", "2020年4月10日"]


def summary_rows(user, year, quarter):
    response = client_for(user).get(
        reverse("ledger:export_summary"), {"year": year, "quarter": quarter}
    )
    document = docx.Document(io.BytesIO(response.content))
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in document.tables[-1].rows[1:]}
    late = [[c.text for c in r.cells] for t in document.tables[:-1] for r in t.rows[1:]]
    return rows, late


def test_a_past_quarter_is_summarised_as_it_stood_then(pair, people):
    """甲 reports its Q1 period late (4月1日) and 乙 is closed out in Q2: exported in July, the
    Q1 summary still shows 甲 overdue (with Q1's progress) and 乙 not yet closed."""
    a, b = pair
    with clock.frozen("2020-04-01T09:00"):
        late = services.save_report(people["a"], a.periods.first(), narrative="补报", percent=30)
        services.submit_report(people["a"], late, version=late.version)
    with clock.frozen("2020-05-06T09:00"):
        services.accept_report(people["office"], Report.objects.get(task=b))
        services.close_out(people["office"], b, comment="已完成", override=True)
    with clock.frozen("2020-07-10T09:00"):
        q1, q1_late = summary_rows(people["office"], 2020, 1)
        q2, _ = summary_rows(people["office"], 2020, 2)
    # 事项数, 已销号, 正常推进, 临期, 逾期, 按时报送
    assert q1["市发展和改革委员会"][1:7] == ["1", "0", "0", "0", "1", "0/1"]
    assert q1_late == [["市发展和改革委员会", "甲单位事项", "2020年3月22日", "0%"]]
    assert q1["市财政局"][1:7] == ["1", "0", "1", "0", "0", "1/1"]
    assert q2["市发展和改革委员会"][4] == "0" and q2["市财政局"][2] == "1"


def sheet_bytes(rows):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(imports.HEADERS)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_progress_sheet_round_trip(pair, people):
    a, b = pair
    staff_a = client_for(people["a"])
    book = load_workbook(io.BytesIO(staff_a.get(reverse("ledger:progress_sheet")).content))
    sheet = book.active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "市发展和改革委员会进展填报表"  # the title row, then the header
    assert rows[1] == imports.HEADERS and len(rows) == 3 and rows[2][0] == a.pk
    for column, value in zip("GHIK", ("=一季度完成", 25, "增长=6.4%", "报送"), strict=True):
        sheet[f"{column}3"] = value
    sheet["G3"].data_type = "s"  # typed as text, as the downloaded sheet's cells are
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("表.xlsx", buffer.getvalue())
    response = staff_a.post(reverse("ledger:import"), {"sheet": upload})
    assert response.status_code == 302
    report = Report.objects.get(task=a)
    assert report.state == Report.State.SUBMITTED and report.percent == 25
    assert report.narrative == "=一季度完成"  # read back exactly as written
    assert report.target_values == [{"metric": "增长", "value": 6.4, "unit": "%"}]


def test_a_sheet_with_any_error_imports_nothing(pair, people):
    a, b = pair
    pa = a.periods.order_by("due").first()
    pb = b.periods.order_by("due").first()
    rows = [
        [a.pk, pa.pk, "1", "", "", None, "正常的一行", 30, "", "否", "草稿"],
        [b.pk, pb.pk, "2", "", "", None, "别单位的事项", 30, "", "否", "草稿"],
        [a.pk, pa.pk, "1", "", "", None, "重复", 150, "增长六", "也许", "提交"],
    ]
    upload = SimpleUploadedFile("表.xlsx", sheet_bytes(rows))
    response = client_for(people["a"]).post(reverse("ledger:import"), {"sheet": upload})
    assert response.status_code == 400
    html = response.content.decode()
    for message in (
        "第3行“事项编号”",
        "第4行“完成进度(%)”",
        "第4行“指标完成值”",
        "第4行“申请销号”",
        "第4行“报送方式”",
    ):
        assert message in html
    assert not Report.objects.filter(task=a).exists()


def test_import_refuses_what_is_not_a_progress_sheet(people, task):
    staff = client_for(people["a"])
    bad = staff.post(
        reverse("ledger:import"), {"sheet": SimpleUploadedFile("x.xlsx", b"not a workbook")}
    )
    assert bad.status_code == 400 and "无法读取文件" in bad.content.decode()
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["别的表"])
    buffer = io.BytesIO()
    book.save(buffer)
    wrong = staff.post(
        reverse("ledger:import"), {"sheet": SimpleUploadedFile("x.xlsx", buffer.getvalue())}
    )
    assert "表头与填报表不一致" in wrong.content.decode()


def test_import_is_all_or_nothing_when_an_action_refuses(pair, people):
    """A row that passes validation but is refused by the action rolls back earlier rows."""
    a, _ = pair
    first, second = a.periods.order_by("due")[:2]
    rows = [
        [a.pk, first.pk, "1", "", "", None, "第一期", 30, "", "否", "报送"],
        [a.pk, second.pk, "1", "", "", None, "第二期", 30, "", "否", "报送"],
    ]
    original = services.submit_report
    calls = []

    def flaky(user, report, *, version):
        calls.append(report.pk)
        if len(calls) == 2:
            raise Conflict("模拟拒绝")
        return original(user, report, version=version)

    import luoshi.supervision.imports as module

    module.services.submit_report = flaky
    try:
        result = imports.import_progress_sheet(
            people["a"], SimpleUploadedFile("t.xlsx", sheet_bytes(rows))
        )
    finally:
        module.services.submit_report = original
    assert [str(e) for e in result.errors] == ["第3行: 模拟拒绝"]
    assert not Report.objects.filter(task=a).exists()
