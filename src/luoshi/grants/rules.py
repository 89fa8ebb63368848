"""Who gets a 大学新生资助 grant, and how much: 晋市政办〔2020〕9号 一、 as rules-as-code.

Pure: no Django. Every answer quotes the clauses that decided it. Where a clause reads two ways,
the reading is a field of :class:`Readings`, with the alternative named next to it:

- 一、3's exclusions open with "属于城乡低保边缘家庭、低收入家庭的": read literally, they bind only
  applicants whose grant would rest on those two categories (``exclusions_bind="edge_and_low_income"``,
  the default); read broadly, every applicant (``"all"``).
- "享受资助金额超过3000元的(含3000元)" after donations *or* family-planning aid: the aid is added
  up (``aid_basis="sum"``, the default) or each source is held to 3,000 元 alone (``"each"``).
- 低保边缘: per-capita yearly income below 1.5 × the previous year's city-district 低保 standard
  (a yearly figure the city centre sets); a claim that cannot be checked for lack of the two
  figures is listed under ``missing`` and not counted.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, field
from typing import Any, Literal

DOCUMENT = "晋市政办〔2020〕9号"

TIER_AMOUNTS = {1: 5000, 2: 4000}
AID_LIMIT_YUAN = 3000
EDGE_FACTOR = 1.5


class Category(enum.StrEnum):
    """The family situations 一、1 and 一、2 name."""

    DIBAO = "dibao"  # 城乡低保
    MARTYR = "martyr"  # 烈士家庭
    HEROIC_ACT = "heroic_act"  # 见义勇为致困
    TEKUN = "tekun"  # 特困供养
    DISABLED_STUDENT = "disabled_student"  # 残疾学生
    DIBAO_EDGE = "dibao_edge"  # 低保边缘
    WORK_INJURY = "work_injury"  # 因公伤致困
    PARENT_DISABLED = "parent_disabled"  # 父母一方残疾
    CHRONIC_ILLNESS = "chronic_illness"  # 主要成员长期患病或丧失劳动能力
    LOW_INCOME = "low_income"  # 其他低收入家庭


TIER_OF = {
    Category.DIBAO: 1,
    Category.MARTYR: 1,
    Category.HEROIC_ACT: 1,
    Category.TEKUN: 1,
    Category.DISABLED_STUDENT: 1,
    Category.DIBAO_EDGE: 2,
    Category.WORK_INJURY: 2,
    Category.PARENT_DISABLED: 2,
    Category.CHRONIC_ILLNESS: 2,
    Category.LOW_INCOME: 2,
}

EXCLUSION_CATEGORIES = frozenset({Category.DIBAO_EDGE, Category.LOW_INCOME})

INSTITUTIONS = {
    "undergraduate": "普通本科高校",
    "higher_vocational": "高等职业学校",
    "junior_college": "高等专科学校",
}

CLAUSES: dict[str, str] = {
    "一": (
        "经国家批准设立的高等学历教育全日制普通本科高校、高等职业学校和高等专科学校正式录取的"
        "晋城市居民户籍家庭经济困难大学新生,符合以下条件,给予相应的资助"
    ),
    "一、1": (
        "属于城乡低保家庭的,或属于烈士家庭的,因见义勇为行为导致家庭经济困难的,特困救助供养的,"
        "残疾学生,资助标准为每生5000元。"
    ),
    "一、2": (
        "属于城乡低保边缘家庭的,或因公伤致家庭经济困难的,父母一方残疾家庭的,家庭主要成员长期患病"
        "或丧失劳动能力造成家庭经济困难的,以及其他低收入家庭的,资助标准为每生4000元。"
    ),
    "一、2 低保边缘": (
        "低保边缘家庭指人均年收入分别低于上年全市平均城乡低保标准(以市区标准计算)1.5倍以下的家庭。"
    ),
    "一、3": (
        "属于城乡低保边缘家庭、低收入家庭的,已经享受社会、企业团体、个人捐助的大学新生或享受计划生育"
        "困难家庭救助资助的大学新生,享受资助金额超过3000元的(含3000元),二本C类院校录取的新生,"
        "不享受政府专项家庭经济困难大学新生资助。"
    ),
}


class ApplicantError(ValueError):
    """The applicant's facts are malformed; the message names the field."""


@dataclass(frozen=True)
class Readings:
    """How the clauses that read two ways are applied (a setting of the programme)."""

    exclusions_bind: Literal["edge_and_low_income", "all"] = "edge_and_low_income"
    aid_basis: Literal["sum", "each"] = "sum"
    dibao_standard_yuan: float | None = None  # the year's figure when the applicant gives none


@dataclass(frozen=True)
class Applicant:
    categories: frozenset[Category]
    hukou_jincheng: bool
    full_time: bool
    institution: str
    admission_batch: str = ""
    per_capita_income_yuan: float | None = None
    dibao_standard_yuan: float | None = None
    donations_yuan: float = 0.0
    family_planning_aid_yuan: float = 0.0


@dataclass
class Assessment:
    eligible: bool
    amount: int
    tier: int | None
    clauses: list[dict[str, str]] = field(default_factory=list)
    exclusions: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "eligible": self.eligible,
            "amount": self.amount,
            "tier": self.tier,
            "clauses": self.clauses,
            "exclusions": self.exclusions,
            "missing": self.missing,
        }


def assess(applicant: Applicant, readings: Readings = Readings()) -> Assessment:
    """The grant ``applicant`` is entitled to under 一、1–3."""
    cited = ["一"]
    if not applicant.hukou_jincheng or not applicant.full_time:
        reasons = []
        if not applicant.hukou_jincheng:
            reasons.append("非晋城市居民户籍")
        if not applicant.full_time:
            reasons.append("非全日制录取")
        return _answer(None, cited, exclusions=reasons)
    counted, missing = _counted_categories(applicant, readings)
    tier = min((TIER_OF[c] for c in counted), default=None)
    if tier is None:
        return _answer(None, cited, missing=missing)
    cited.append(f"一、{tier}")
    if Category.DIBAO_EDGE in counted and tier == 2:
        cited.append("一、2 低保边缘")
    exclusions = _exclusions(applicant, counted, tier, readings)
    if exclusions:
        cited.append("一、3")
        return _answer(None, cited, exclusions=exclusions, missing=missing)
    return _answer(tier, cited, missing=missing)


def _counted_categories(
    applicant: Applicant, readings: Readings
) -> tuple[set[Category], list[str]]:
    counted = set(applicant.categories)
    missing: list[str] = []
    if Category.DIBAO_EDGE in counted:
        standard = applicant.dibao_standard_yuan or readings.dibao_standard_yuan
        income = applicant.per_capita_income_yuan
        if income is None:
            missing.append("per_capita_income_yuan")
        if standard is None:
            missing.append("dibao_standard_yuan")
        if income is None or standard is None or income >= EDGE_FACTOR * standard:
            counted.discard(Category.DIBAO_EDGE)
    return counted, missing


def _exclusions(
    applicant: Applicant, counted: set[Category], tier: int, readings: Readings
) -> list[str]:
    # Literal reading: bound when the grant would rest only on 低保边缘 / 低收入.
    bound = readings.exclusions_bind == "all" or (tier == 2 and counted <= EXCLUSION_CATEGORIES)
    if not bound:
        return []
    found = []
    aid = (applicant.donations_yuan, applicant.family_planning_aid_yuan)
    over = sum(aid) >= AID_LIMIT_YUAN if readings.aid_basis == "sum" else max(aid) >= AID_LIMIT_YUAN
    if over:
        found.append("已享受捐助或计划生育困难家庭救助3000元以上(含3000元)")
    if "二本C" in applicant.admission_batch.replace(" ", ""):
        found.append("二本C类院校录取")
    return found


def _answer(
    tier: int | None,
    refs: list[str],
    *,
    exclusions: list[str] | None = None,
    missing: list[str] | None = None,
) -> Assessment:
    return Assessment(
        eligible=tier is not None,
        amount=TIER_AMOUNTS.get(tier, 0) if tier is not None else 0,
        tier=tier,
        clauses=[{"ref": f"{DOCUMENT} {ref}", "text": CLAUSES[ref]} for ref in refs],
        exclusions=exclusions or [],
        missing=missing or [],
    )


# --- reading applicant facts (the ``luoshi grants assess`` contract) -------------------------

FIELDS = {
    "categories",
    "hukou_jincheng",
    "full_time",
    "institution",
    "admission_batch",
    "per_capita_income_yuan",
    "dibao_standard_yuan",
    "donations_yuan",
    "family_planning_aid_yuan",
}
REQUIRED = ("categories", "hukou_jincheng", "full_time", "institution")


def applicant_from_json(data: object) -> Applicant:
    """An :class:`Applicant` from a JSON object; ApplicantError names the first bad field."""
    if not isinstance(data, dict):
        raise ApplicantError("applicant must be a JSON object")
    unknown = sorted(set(data) - FIELDS)
    if unknown:
        raise ApplicantError(f"unknown field {unknown[0]!r}")
    for name in REQUIRED:
        if name not in data:
            raise ApplicantError(f"missing field {name!r}")
    return Applicant(
        categories=_categories(data["categories"]),
        hukou_jincheng=_bool(data, "hukou_jincheng"),
        full_time=_bool(data, "full_time"),
        institution=_institution(data["institution"]),
        admission_batch=_text(data, "admission_batch"),
        per_capita_income_yuan=_amount(data, "per_capita_income_yuan", optional=True),
        dibao_standard_yuan=_amount(data, "dibao_standard_yuan", optional=True),
        donations_yuan=_amount(data, "donations_yuan") or 0.0,
        family_planning_aid_yuan=_amount(data, "family_planning_aid_yuan") or 0.0,
    )


def _categories(value: object) -> frozenset[Category]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ApplicantError("categories must be a list of strings")
    known = {c.value for c in Category}
    for item in value:
        if item not in known:
            raise ApplicantError(f"unknown category {item!r}")
    return frozenset(Category(v) for v in value)


def _bool(data: dict[str, object], name: str) -> bool:
    value = data[name]
    if not isinstance(value, bool):
        raise ApplicantError(f"{name} must be true or false")
    return value


def _institution(value: object) -> str:
    if value not in INSTITUTIONS:
        raise ApplicantError(f"institution must be one of {', '.join(INSTITUTIONS)}")
    return str(value)


def _text(data: dict[str, object], name: str) -> str:
    value = data.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > 64:
        raise ApplicantError(f"{name} must be a string of at most 64 characters")
    return value


def _amount(data: dict[str, object], name: str, *, optional: bool = False) -> float | None:
    value = data.get(name)
    if value is None:
        if optional:
            return None
        value = 0
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ApplicantError(f"{name} must be a number")
    if not math.isfinite(value) or value < 0:
        raise ApplicantError(f"{name} must be a finite number of at least 0")
    return float(value)
