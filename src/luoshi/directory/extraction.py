"""Unit and person mentions in a parsed gazette issue (单位与人员的出处).

Pure Python, no Django. Reads the parser's dataclasses and collects, with the
document and place they come from:

- unit columns of tables (牵头责任单位 / 牵头单位 / 责任单位 / 成员单位 / 单位),
  whose cells may list several units or be prose (市生态环境局牵头,…负责落实);
- unit (or 名称) columns of contact tables (单位 + 电话);
- bracketed assignments in the text: (责任单位:市农业农村局), [责任单位:…],
  〔市政务信息管理局牵头,…配合〕, and labelled lines (牵头单位:市公安局。);
- rosters of leading groups (组 长:冯志亮 副市长 / 成 员:杨跃卿 市发展和改革委员会副主任),
  in paragraphs or in tables: person, title, and the unit named in the title;
- the people columns of task decomposition tables (责任领导 / 分管领导 / 责任人,
  with 责任科室), linked to the row's lead unit.

Collective references (各县(市、区)人民政府, 有关部门) and bodies that exist only
inside one document (市指挥部办公室, 领导小组) are not units and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from luoshi.directory.names import (
    is_ad_hoc,
    is_plausible_person_name,
    is_plausible_unit_name,
    is_unit_like,
    normalise_person_name,
    normalise_unit_name,
    split_person_names,
    split_top_level,
    width,
)
from luoshi.gazette.parsing.model import Block, ParsedDocument, ParsedIssue


@dataclass(frozen=True)
class UnitMention:
    """A unit name as written (normalised), and where it was found."""

    name: str
    document: str
    where: str

    @property
    def context(self) -> str:
        return f"{self.document} {self.where}".strip()


@dataclass(frozen=True)
class PersonMention:
    """A person named in a roster or a task table.

    ``role``: 组长 / 副组长 / 成员 / 责任领导 / 分管领导 / 责任人. ``title`` is the post as
    written (市发展和改革委员会副主任), ``unit`` the raw name of the unit the person
    serves in (from the title, or the task row's lead unit), ``section`` the 责任科室.
    """

    name: str
    role: str
    document: str
    where: str
    title: str = ""
    unit: str = ""
    section: str = ""

    @property
    def context(self) -> str:
        return f"{self.document} {self.where}".strip()


@dataclass
class Mentions:
    units: list[UnitMention] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)

    def extend(self, other: Mentions) -> None:
        self.units.extend(other.units)
        self.people.extend(other.people)


# --- splitting a unit field -------------------------------------------------

_OPENERS = "([〔【"
_CLOSERS = ")]〕】"
_FIELD_LABEL_RE = re.compile(
    r"^\s*(?:牵头责任单位|牵头单位|责任单位|配合单位|协办单位|成员单位|牵头部门|责任部门|主责单位|实施单位)\s*[:：]\s*"
)
_ROLE_RE = re.compile(
    r"(?:按职责)?(?:分别)?(?:牵头(?:负责)?|负责落实|具体负责|负责|配合|参与|落实|协助|组成$)"
)
_ETC_RE = re.compile(r"等(?:相关|有关|其他)?(?:部门|单位|成员单位)?$")
_TOP_SEPARATORS = ",;、。及或"
_NAME_START = ("市", "省", "县", "区", "中共", "共青团", "国网", "中国")
_PAREN_ALIAS_RE = re.compile(r"^(.+?)\(([^()]+)\)$")


def _split_top_level(text: str, separators: str) -> list[str]:
    """Split at separators outside brackets (各县(市、区) stays whole), dropping blank parts."""
    return [part for part in split_top_level(text, separators) if part.strip()]


def _join_spaced(piece: str) -> list[str]:
    """Whitespace either separates two names (市发改委 市人社局) or splits one (市大数据 应用局)."""
    names: list[str] = []
    buffer = ""
    for token in piece.split():
        if buffer and token.startswith(_NAME_START) and not is_unit_like(token[:1]):
            names.append(buffer)
            buffer = ""
        buffer += token
        if is_unit_like(buffer) or buffer.endswith(")"):
            names.append(buffer)
            buffer = ""
    if buffer:
        names.append(buffer)
    return names


def _with_parenthetical(name: str) -> list[str]:
    """``市工信局(市国资委)``: a unit acting as another: both are mentioned."""
    match = _PAREN_ALIAS_RE.match(name)
    if match and is_unit_like(match.group(1)) and is_unit_like(match.group(2)):
        return [match.group(1), match.group(2)]
    return [name]


def split_unit_field(text: str) -> list[str]:
    """Unit names in a cell or a bracketed assignment, in order, without duplicates.

    ``市生态环境局、市工信局牵头,各县(市、区)人民政府、开发区管委会负责落实``
    → ``[市生态环境局, 市工信局, 开发区管委会]``.
    """
    text = _FIELD_LABEL_RE.sub("", width(text))
    names: list[str] = []
    for part in _split_top_level(text, _TOP_SEPARATORS):
        for piece in _ROLE_RE.split(part):
            if "由" in piece:
                piece = piece[piece.rindex("由") + 1 :]
            piece = _ETC_RE.sub("", piece.strip())
            for raw in _join_spaced(piece):
                for name in _with_parenthetical(normalise_unit_name(raw)):
                    name = normalise_unit_name(_ETC_RE.sub("", name))
                    if is_plausible_unit_name(name) and not is_ad_hoc(name) and name not in names:
                        names.append(name)
    return names


# --- rosters ------------------------------------------------------------------

_ROSTER_LABEL_RE = re.compile(
    r"^\s*(副\s*组\s*长|组\s*长|成\s*员|副\s*总\s*指\s*挥|总\s*指\s*挥|副\s*主\s*任|主\s*任)\s*[:：]\s*"
)
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
_ROSTER_LINE_RE = re.compile(
    rf"^(?P<name>[{_HAN}]{{1,3}}(?:\s+[{_HAN}]{{1,2}})?)\s+(?P<title>\S.*)$"
)
_POST_RE = re.compile(
    r"(?:(?:[市县区]委)?常委|党组成员|党组书记|党委书记|(?:[一二三四]级)?(?:调研员|巡视员)"
    r"|(?:常务)?副?(?:局长|主任|秘书长|支队长|大队长|总经理|经理|总编辑|总编|县长|区长|市长"
    r"|主席|部长|处长|科长|院长|所长|站长|行长|社长|馆长|书记|理事长|会长|团长|校长|队长|主任委员))$"
)
_ROSTER_PAIR_RE = re.compile(
    rf"(?P<name>[{_HAN}](?:\s?[{_HAN}]){{1,3}})\s+(?P<title>[^\s:：]*?"
    r"(?:(?:[一二三四]级)?调研员|巡视员|书记|常委|主任|总经理|经理|总编|秘书长|市长|县长|区长|局长|支队长|部长|主席))"
)


def split_title(title: str) -> tuple[str, str]:
    """``市发展和改革委员会副主任`` → (``市发展和改革委员会``, ``副主任``); ``副市长`` → ("", 副市长).

    With several posts (副市长、市公安局局长) the first one naming a unit gives the unit.
    """
    title = normalise_unit_name(title)
    for part in re.split(r"[、,;]", title):
        unit = part
        while (match := _POST_RE.search(unit)) and match.start() > 0:
            unit = unit[: match.start()]
        if unit != part and is_plausible_unit_name(unit):
            return unit, part[len(unit) :]
    return "", title


def _has_post(title: str) -> bool:
    return any(_POST_RE.search(part) for part in re.split(r"[、,;]", title))


def roster_role(label: str) -> str:
    return re.sub(r"\s+", "", label)


def _roster_people(line: str, role: str, source: tuple[str, str]) -> list[PersonMention]:
    """People on one roster line: ``冯志亮 副市长`` or several pairs run together."""
    line = width(line).strip()
    match = _ROSTER_LINE_RE.match(line)
    pairs: list[tuple[str, str]] = []
    if match and _has_post(match.group("title")):
        pairs.append((match.group("name"), match.group("title")))
    else:
        pairs.extend((m.group("name"), m.group("title")) for m in _ROSTER_PAIR_RE.finditer(line))
    people = []
    for raw_name, raw_title in pairs:
        name = normalise_person_name(raw_name)
        if not is_plausible_person_name(name):
            continue
        title = normalise_unit_name(raw_title)
        unit, _post = split_title(title)
        people.append(
            PersonMention(
                name=name, role=role, document=source[0], where=source[1], title=title, unit=unit
            )
        )
    return people


# --- documents ----------------------------------------------------------------


def document_label(document: ParsedDocument) -> str:
    """How a mention's context names its document: the number, else the title."""
    return document.number or document.title or f"第{document.seq}篇"


_HEADER_SPACE_RE = re.compile(r"\s+")
_PEOPLE_COLUMNS = ("责任领导", "分管领导", "责任人", "联系人", "负责人")
_SECTION_SUFFIXES = ("科", "室", "组", "部", "办", "中心", "队", "所", "站", "处", "台", "会", "联")


def _header(block: Block) -> list[str]:
    count = block.header_rows or 1
    columns = max((len(row) for row in block.rows), default=0)
    cells = ["" for _ in range(columns)]
    for row in block.rows[:count]:
        for index, cell in enumerate(row):
            cells[index] += _HEADER_SPACE_RE.sub("", width(cell))
    return cells


def _split_sections(cell: str) -> list[str]:
    sections: list[str] = []
    buffer = ""
    for token in width(cell).split():
        buffer += token
        if buffer.endswith(_SECTION_SUFFIXES):
            sections.append(buffer)
            buffer = ""
    if buffer:
        sections.append(buffer)
    return sections


def _is_roster_row(row: list[str]) -> bool:
    return bool(row) and bool(_ROSTER_LABEL_RE.match(width(row[0])))


class _DocumentReader:
    def __init__(self, document: ParsedDocument) -> None:
        self.document = document
        self.label = document_label(document)
        self.found = Mentions()
        self.tables = 0

    def units(self, text: str, where: str) -> list[str]:
        names = split_unit_field(text)
        self.found.units.extend(UnitMention(name, self.label, where) for name in names)
        return names

    def read(self) -> Mentions:
        roster_role_now = ""
        for block in self.document.blocks:
            if block.kind == "table":
                self.tables += 1
                self.table(block)
                roster_role_now = ""
            elif block.kind in ("paragraph", "heading"):
                roster_role_now = self.paragraph(block, roster_role_now)
        return self.found

    # paragraphs

    def paragraph(self, block: Block, roster: str) -> str:
        text = width(block.text)
        for line in text.splitlines() or [text]:
            label = _ROSTER_LABEL_RE.match(line)
            if label and block.kind == "paragraph":
                roster = roster_role(label.group(1))
                self.roster_line(line[label.end() :], roster)
                continue
            if roster and block.kind == "paragraph" and _ROSTER_LINE_RE.match(line.strip()):
                people = _roster_people(line, roster, (self.label, "领导小组名单"))
                if people:
                    self.add_roster_people(people)
                    continue
            roster = ""
            self.labelled_line(line)
            self.brackets(line)
        return roster

    def roster_line(self, line: str, role: str) -> None:
        self.add_roster_people(_roster_people(line, role, (self.label, "领导小组名单")))

    def add_roster_people(self, people: list[PersonMention]) -> None:
        for person in people:
            self.found.people.append(person)
            if person.unit:
                self.units(person.unit, "领导小组名单")

    def labelled_line(self, line: str) -> None:
        match = _FIELD_LABEL_RE.match(line)
        if match:
            self.units(line[match.end() :], f"「{match.group(0).strip(' :：')}」")

    def brackets(self, text: str) -> None:
        for inner in _bracketed(text):
            label = _FIELD_LABEL_RE.match(inner)
            if label:
                self.units(inner, f"括注「{label.group(0).strip(' :：')}」")
            elif _ROLE_RE.search(inner) and "。" not in inner:
                first = split_unit_field(_split_top_level(inner, _TOP_SEPARATORS)[0])
                if first and is_unit_like(first[0]):
                    self.units(inner, "括注")

    # tables

    def table(self, block: Block) -> None:
        if any(_is_roster_row(row) for row in block.rows):
            self.roster_table(block)
            return
        header = _header(block)
        has_phone = any("电话" in cell for cell in header)
        unit_columns = [
            i
            for i, cell in enumerate(header)
            if ("单位" in cell and ":" not in cell)
            or (has_phone and cell in ("名称", "单位名称", "部门"))
        ]
        people_columns = {i: cell for i, cell in enumerate(header) if cell in _PEOPLE_COLUMNS}
        section_column = next((i for i, cell in enumerate(header) if "科室" in cell), None)
        if not unit_columns:
            return
        lead = next((i for i in unit_columns if "牵头" in header[i]), unit_columns[0])
        for number, row in enumerate(block.rows[block.header_rows or 1 :], start=1):
            if _repeats_header(row, header):
                continue  # a page's repeated header
            lead_units: list[str] = []
            for column in unit_columns:
                if column < len(row) and row[column].strip():
                    where = f"表格{self.tables}「{header[column]}」第{number}行"
                    names = self.units(row[column], where)
                    if column == lead:
                        lead_units = names
            if people_columns:
                self.row_people(row, number, people_columns, section_column, lead_units)

    def row_people(
        self,
        row: list[str],
        number: int,
        columns: dict[int, str],
        section_column: int | None,
        lead_units: list[str],
    ) -> None:
        sections = (
            _split_sections(row[section_column])
            if section_column is not None and section_column < len(row)
            else []
        )
        for column, role in columns.items():
            if column >= len(row):
                continue
            names = [
                n
                for n in split_person_names(row[column])
                if is_plausible_person_name(n) and n not in _PEOPLE_COLUMNS
            ]
            for index, name in enumerate(names):
                unit = _pick(lead_units, index, len(names))
                section = _pick(sections, index, len(names)) if role == "责任人" else ""
                self.found.people.append(
                    PersonMention(
                        name=name,
                        role=role,
                        document=self.label,
                        where=f"表格{self.tables}「{role}」第{number}行",
                        unit=unit,
                        section=section,
                    )
                )

    def roster_table(self, block: Block) -> None:
        role = ""
        for row in block.rows:
            cells = [width(cell).strip() for cell in row]
            label = _ROSTER_LABEL_RE.match(cells[0]) if cells else None
            if label:
                role = roster_role(label.group(1))
                rest = cells[0][label.end() :]
                cells = ([rest] if rest else []) + cells[1:]
            elif cells and not cells[0]:
                cells = cells[1:]
            if not role:
                continue
            pairs = list(zip(cells[0::2], cells[1::2], strict=False))
            for index, (name_cell, title_cell) in enumerate(pairs):
                if name_cell and title_cell:
                    # A second column of pairs continues the list: its role is not stated.
                    line = f"{name_cell} {title_cell}"
                    pair_role = role if index == 0 else ""
                    self.add_roster_people(
                        _roster_people(line, pair_role, (self.label, "领导小组名单"))
                    )


def _repeats_header(row: list[str], header: list[str]) -> bool:
    cells = [_HEADER_SPACE_RE.sub("", width(cell)) for cell in row]
    filled = [cell for cell in cells if cell]
    same = sum(1 for cell in filled if cell in header or cell == "序号")
    return bool(filled) and same >= max(2, (len(filled) + 1) // 2)


def _pick(values: list[str], index: int, count: int) -> str:
    """The value for the index-th of ``count`` names: shared if one, paired if as many."""
    if len(values) == 1:
        return values[0]
    if len(values) == count and index < len(values):
        return values[index]
    return ""


def _bracketed(text: str) -> Iterator[str]:
    """Contents of top-level brackets ( [ 〔 【, nested ones kept inside; unclosed runs to the end."""
    depth = 0
    start = 0
    for index, char in enumerate(text):
        if char in _OPENERS:
            if depth == 0:
                start = index + 1
            depth += 1
        elif char in _CLOSERS and depth:
            depth -= 1
            if depth == 0:
                yield text[start:index]
    if depth:
        yield text[start:]


def extract_document(document: ParsedDocument) -> Mentions:
    """Unit and person mentions of one document."""
    return _DocumentReader(document).read()


def extract_mentions(issue: ParsedIssue) -> Mentions:
    """Unit and person mentions of every document of an issue, in reading order."""
    found = Mentions()
    for document in issue.documents:
        found.extend(extract_document(document))
    return found
