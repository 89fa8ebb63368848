"""Who is who in a plan (组织体系): the headquarters, its office and the working groups."""

from __future__ import annotations

import re
from typing import Any, Final

from luoshi.emergency.drafting.outline import Clause, Section, find_any

_UNIT_SPLIT: Final = re.compile(r"[、,，;；]")
_GROUP_TITLE: Final = re.compile(r"组$")


def split_units(text: str) -> list[str]:
    """``市应急局、市工信局(市国资委),晋城军分区等部门。`` → the unit names (parentheses kept)."""
    units: list[str] = []
    depth, current = 0, ""
    for ch in text.strip().rstrip("。.;；"):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        if depth == 0 and _UNIT_SPLIT.match(ch):
            units.append(current)
            current = ""
        else:
            current += ch
    units.append(current)
    cleaned = [re.sub(r"(?:等(?:部门|单位)?(?:组成)?|组成)$", "", u.strip()) for u in units]
    return [u for u in cleaned if u]


def _after(clauses: list[Clause], *labels: str) -> tuple[str, Clause] | None:
    for clause in clauses:
        for label in labels:
            match = re.match(rf"^{label}\s*[:：]\s*(.+)$", clause.text)
            if match:
                return match.group(1), clause
    return None


def _search(clauses: list[Clause], pattern: str) -> tuple[str, Clause] | None:
    for clause in clauses:
        match = re.search(pattern, clause.text)
        if match:
            return match.group(1).strip(), clause
    return None


def _quote(clause: Clause) -> dict[str, str]:
    return {"ref": clause.ref, "text": clause.text}


def draft_headquarters(root: Section, title: str) -> dict[str, Any]:
    """The headquarters (指挥部): name, commander, deputies, members, office and its director."""
    section = find_any(root, [("指挥部",), ("指挥机构",), ("组织体系",), ("组织",)])
    clauses = list(section.all_clauses()) if section is not None else []
    org = find_any(root, [("组织",), ("指挥体系",)])
    if org is not None:
        clauses = list(org.all_clauses())
    quotes: list[dict[str, str]] = []
    name = _search(clauses, r"(?:设立|成立)([^,，。()（）]{2,40}?指挥部)")
    if name is None:
        name = _search(clauses, r"^([^,，。]{2,40}?指挥部)[(（]以下简称")
    commander = _after(clauses, "总指挥", "指挥长") or _search(
        clauses, r"(?:总指挥|指挥长)由([^,，。]+?)担任"
    )
    deputies = _after(clauses, "副总指挥", "副指挥长")
    members = _after(clauses, "成员单位", "成员")
    office = _search(clauses, r"办公室设在([^,，。;；]+)")
    director = _search(clauses, r"办公室主任由([^,，。]+?)(?:担任|兼任)") or _search(
        clauses, r"([^,，。]+?)兼任办公室主任"
    )
    for found in (name, commander, deputies, office, director):
        if found is not None and _quote(found[1]) not in quotes:
            quotes.append(_quote(found[1]))
    return {
        "name": name[0] if name else f"{title.removesuffix('应急预案')}应急指挥部",
        "commander": [commander[0]] if commander else [],
        "deputies": split_units(deputies[0]) if deputies else [],
        "members": split_units(members[0]) if members else [],
        "office": office[0] if office else "",
        "office_director": director[0] if director else "",
        "quotes": quotes,
        "confidence": 0.9 if name and office and commander else 0.5,
    }


def draft_groups(root: Section) -> list[dict[str, Any]]:
    """The working groups (工作组): sections titled ``…组`` under the organisation chapter."""
    parent = find_any(root, [("工作组",), ("工作小组",)])
    if parent is None:
        return []
    groups: list[dict[str, Any]] = []
    for section in parent.children:
        name = section.title.rstrip("。:：")
        if not _GROUP_TITLE.search(name):
            continue
        groups.append(_group(name, section))
    return groups


def _group(name: str, section: Section) -> dict[str, Any]:
    clauses = list(section.all_clauses())
    lead = _after(clauses, "牵头单位", "组长单位") or _search(clauses, r"由([^,，。]+?)牵头")
    members = _after(clauses, "组成单位", "成员单位", "成员") or _search(
        clauses, r"成员由([^。]+?)组成"
    )
    duties = _after(clauses, "主要职责", "职责") or _search(clauses, r"组成,((?:负责|承担).+)$")
    text = duties[1].text if duties else (clauses[0].text if clauses else name)
    return {
        "name": name,
        "lead": split_units(lead[0]) if lead else [],
        "members": split_units(members[0]) if members else [],
        "duties": duties[0] if duties else "",
        "ref": section.ref,
        "text": text,
        "confidence": 0.9 if lead and members and duties else 0.5,
    }
