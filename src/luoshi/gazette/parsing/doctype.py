"""The kind of a document (文种), read from its title."""

from __future__ import annotations

import re

from luoshi.gazette.parsing.model import IssuedDocument

# Kind words, longest first; the value is the kind reported.
_ISSUED_KINDS: tuple[tuple[str, str], ...] = (
    ("应急预案", "预案"),
    ("实施方案", "方案"),
    ("工作方案", "方案"),
    ("行动方案", "方案"),
    ("实施意见", "意见"),
    ("实施细则", "细则"),
    ("预案", "预案"),
    ("方案", "方案"),
    ("办法", "办法"),
    ("制度", "制度"),
    ("计划", "计划"),
    ("措施", "措施"),
    ("举措", "措施"),
    ("规定", "规定"),
    ("细则", "细则"),
    ("规则", "规则"),
    ("规划", "规划"),
    ("意见", "意见"),
    ("条例", "条例"),
    ("纲要", "纲要"),
    ("要点", "要点"),
    ("标准", "标准"),
    ("清单", "清单"),
    ("规程", "规程"),
    ("章程", "章程"),
    ("决定", "决定"),
    ("通知", "通知"),
)
_OWN_KINDS = (
    "实施意见",
    "指导意见",
    "意见",
    "通知",
    "决定",
    "通告",
    "公告",
    "通报",
    "批复",
    "命令",
    "决议",
    "报告",
    "请示",
    "纪要",
    "函",
    "令",
)
_ISSUING = re.compile(r"^关于(?:印发|转发|批转|发布)(?P<issued>.+?)的(?:通知|通告|公告)$")
_QUOTED = re.compile(r"《([^《》]+)》")
_CONSENT = re.compile(
    r"^关于(?:同意|批准)(?:印发|实施|发布|设立|成立|调整|修订)?(?P<name>.+?)的(?:通知|批复|函|决定)$"
)
_TRIAL = re.compile(r"[(（](?:试行|暂行|修订|草案|征求意见稿)[)）]$")


def document_type(title: str) -> str:
    """预案/方案/办法/… for a notice that issues (印发) one; else the title's own kind word
    (通知, 实施意见, 决定 …); "" when the title names no kind."""
    compact = re.sub(r"\s+", "", title)
    issuing = _ISSUING.match(compact)
    if issuing:
        issued = issuing.group("issued")
        quoted = _QUOTED.findall(issued)
        return _issued_kind(quoted[0] if quoted else issued) or "通知"
    if compact.endswith("大事记"):
        return "大事记"
    for kind in _OWN_KINDS:
        if compact.endswith(kind):
            return kind
    return ""


def _issued_kind(name: str) -> str:
    name = _TRIAL.sub("", name.strip("《》"))
    for word, kind in _ISSUED_KINDS:
        if name.endswith(word):
            return kind
    best, best_at = "", -1
    for word, kind in _ISSUED_KINDS:
        at = name.rfind(word)
        if at > best_at:
            best, best_at = kind, at
    return best


def issued_documents(title: str) -> list[IssuedDocument]:
    """What a notice issues (印发/转发), each with its own kind: 《X办法》《Y制度》 → 办法, 制度;
    empty for a notice that issues nothing."""
    issuing = _ISSUING.match(re.sub(r"\s+", "", title))
    if not issuing:
        return []
    names = _QUOTED.findall(issuing.group("issued")) or [issuing.group("issued")]
    return [IssuedDocument(name, _issued_kind(name) or "通知") for name in names]


def approved_name(title: str) -> str:
    """The name of what a consent notice approves (关于同意《X》的批复 → X); "" otherwise."""
    consent = _CONSENT.match(re.sub(r"\s+", "", title))
    if not consent:
        return ""
    quoted = _QUOTED.findall(consent.group("name"))
    return quoted[0] if quoted else consent.group("name")
