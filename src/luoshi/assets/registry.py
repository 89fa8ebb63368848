"""The registry's sheet (扶贫资产登记表): one column list for import and export, every row of an
import validated before any is stored, and the registration action."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.db import transaction
from openpyxl import load_workbook

from luoshi.assets import rules
from luoshi.assets.access import visible_villages
from luoshi.assets.models import Asset, Village
from luoshi.core import audit, clock
from luoshi.core.documents import Column, house_workbook
from luoshi.core.errors import Invalid
from luoshi.core.models import User
from luoshi.core.uploads import xlsx_problem

COLUMNS = [
    Column("资产编号", 14), Column("资产名称", 24), Column("资产类别", 12), Column("子类", 16),
    Column("资金来源", 20), Column("投入金额(元)", 14, "decimal"), Column("形成年度", 9, "integer"),
    Column("县(市、区)", 10), Column("乡(镇)", 10), Column("村", 10), Column("管护主体", 16),
    Column("管护责任人", 10), Column("经营性", 8),
]  # fmt: skip
TITLES = [c.title for c in COLUMNS]
MAX_ROWS = 20_000
FIRST_YEAR = 2016  # 十三五


@dataclass
class RowProblem:
    row: int
    message: str


class SheetRefused(Invalid):
    """A sheet with problems: nothing was imported; ``problems`` names each row."""

    def __init__(self, problems: list[RowProblem]) -> None:
        shown = ";".join(f"第{p.row}行:{p.message}" for p in problems[:20])
        more = f"(另有{len(problems) - 20}处)" if len(problems) > 20 else ""
        super().__init__(f"表格有{len(problems)}处问题,未导入任何数据。{shown}{more}")
        self.problems = problems


def export_sheet(assets: Iterable[Asset]) -> bytes:
    rows = [
        [a.code, a.name, a.asset_class, a.sub_class, a.fund_sources, a.amount, a.year,
         a.village.county, a.village.township, a.village.name, a.custodian, a.responsible,
         "是" if a.earns_revenue else "否"]
        for a in assets
    ]  # fmt: skip
    return house_workbook("扶贫资产登记表", COLUMNS, rows, numbered=False)


def import_sheet(actor: User, stream: IO[bytes]) -> int:
    """Store every row of a county's sheet, or none: SheetRefused names each bad row."""
    problem = xlsx_problem(stream, max_rows=MAX_ROWS + 10)
    if problem:
        raise Invalid(problem)
    rows = _rows(stream)
    villages = {(v.county, v.township, v.name): v for v in visible_villages(actor)}
    codes = set(
        Asset.objects.filter(
            code__in=[str(r[0]).strip() for _, r in rows if r and r[0]]
        ).values_list("code", flat=True)
    )
    problems: list[RowProblem] = []
    assets: list[Asset] = []
    seen: set[str] = set()
    now = clock.now()
    for number, values in rows:
        try:
            asset = _asset(values, villages, now, actor)
            if asset.code in codes or asset.code in seen:
                raise ValueError(f"资产编号 {asset.code} 已登记")
            seen.add(asset.code)
            assets.append(asset)
        except ValueError as exc:
            problems.append(RowProblem(number, str(exc)))
    if problems:
        raise SheetRefused(problems)
    if not assets:
        raise Invalid("表格中没有资产行")
    with transaction.atomic():
        Asset.objects.bulk_create(assets, batch_size=1000)
        audit.record(
            "assets.import", None, actor=actor, object_type="assets.asset",
            summary=f"导入扶贫资产 {len(assets)} 项", after={"codes": [a.code for a in assets[:50]]},
        )  # fmt: skip
    return len(assets)


def _rows(stream: IO[bytes]) -> list[tuple[int, Sequence[Any]]]:
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise Invalid("无法读取表格,请上传本系统导出的 xlsx 登记表") from exc
    sheet = book.worksheets[0]
    header_at, found = None, []
    for index, row in enumerate(sheet.iter_rows(max_col=len(TITLES), values_only=True), start=1):
        if header_at is None:
            if [str(v or "").strip() for v in row] == TITLES:
                header_at = index
            elif index > 5:
                raise Invalid(f"未找到表头,第一行应为:{'、'.join(TITLES)}")
            continue
        if any(v not in (None, "") for v in row):
            found.append((index, row))
        if len(found) > MAX_ROWS:
            raise Invalid(f"一次最多导入 {MAX_ROWS} 行")
    book.close()
    if header_at is None:
        raise Invalid(f"未找到表头,第一行应为:{'、'.join(TITLES)}")
    return found


def _asset(
    values: Sequence[Any],
    villages: dict[tuple[str, str, str], Village],
    now: dt.datetime,
    actor: User,
) -> Asset:
    text = [str(v).strip() if v is not None else "" for v in values] + [""] * len(TITLES)
    code, name, asset_class, sub_class, sources = text[:5]
    if not code or not name:
        raise ValueError("缺少资产编号或名称")
    try:
        rules.check_class(asset_class, sub_class)
    except rules.RuleError as exc:
        raise ValueError(str(exc)) from exc
    try:
        amount = Decimal(text[5].replace(",", ""))
    except InvalidOperation as exc:
        raise ValueError("投入金额应为数字") from exc
    if not amount.is_finite() or amount < 0 or amount > Decimal("1e11"):
        raise ValueError("投入金额应为0或正数")
    if not text[6].isdigit() or not FIRST_YEAR <= int(text[6]) <= now.year:
        raise ValueError(f"形成年度应在{FIRST_YEAR}年至{now.year}年之间")
    village = villages.get((text[7], text[8], text[9]))
    if village is None:
        raise ValueError(f"村“{text[7]}{text[8]}{text[9]}”不存在或不在本账户管理区域内")
    if not text[10] or not text[11]:
        raise ValueError("缺少管护主体或管护责任人")
    if text[12] not in ("是", "否"):
        raise ValueError("经营性应填“是”或“否”")
    return Asset(
        code=code[:32], name=name[:128], asset_class=asset_class, sub_class=sub_class,
        fund_sources=sources[:128], amount=amount.quantize(Decimal("0.01")), year=int(text[6]),
        village=village, county=village.county, custodian=text[10][:128], responsible=text[11][:32],
        earns_revenue=text[12] == "是", registered_at=now, registered_by=actor,
    )  # fmt: skip
