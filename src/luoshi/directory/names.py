"""Names of units (单位) and people (人员) as Chinese government text writes them.

Pure Python, no Django. The same unit appears under its full official name and
under the usual abbreviations (市发展和改革委员会 / 市发展改革委 / 市发改委); this
module normalises names, derives those abbreviations by generic morpheme rules,
and resolves a raw name to one canonical name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

# Brackets that may surround a name: opening → closing.
_BRACKETS = {
    "(": ")",
    "[": "]",
    "〔": "〕",
    "【": "】",
    "《": "》",
    "〈": "〉",
    "「": "」",
    "『": "』",
    "“": "”",
    "‘": "’",
    '"': '"',
    "'": "'",
}
_CLOSERS = {close: open_ for open_, close in _BRACKETS.items()}
# Punctuation that never belongs at either end of a name.
_EDGE_PUNCT = "。.,，、;；:：!！?？·•…—-_~|/\\*#"
_SPACE_RE = re.compile(r"\s+")
_DATE_RE = re.compile(r"\d+\s*[年月日]|\d{4}")
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")

# Generic abbreviation rules (简称规则): each rewrites one morpheme; rules compose.
ABBREVIATION_RULES: tuple[tuple[str, str], ...] = (
    ("和", ""),
    ("与", ""),
    ("和", "与"),  # 规划与自然资源局 is 规划和自然资源局 written the other way
    ("管理委员会", "管委会"),
    ("委员会", "委"),
    ("监督管理局", "监管局"),
    ("管理局", "局"),
    ("人民政府", "政府"),
    ("办公室", "办"),
    ("工作办", "办"),
    ("人力资源社会保障", "人社"),
    ("住房城乡建设", "住建"),
    ("发展改革", "发改"),
    ("工业信息化", "工信"),
    ("卫生健康", "卫健"),
    ("交通运输", "交通"),
    ("农业机械", "农机"),
    ("文化旅游", "文旅"),
    ("科学技术协会", "科协"),
    ("科学技术", "科技"),
    ("医疗保障", "医保"),
    ("行政审批", "审批"),
    ("人民防空", "人防"),
    ("精神文明建设", "文明"),
    ("退役军人事务", "退役军人"),
    ("残疾人联合会", "残联"),
    ("妇女联合会", "妇联"),
    ("归国华侨联合会", "侨联"),
    ("工商业联合会", "工商联"),
    ("文学艺术界联合会", "文联"),
    ("共产主义青年团", "共青团"),
    ("国有资产监督管理委", "国资委"),
    ("银行保险监督管理", "银保监"),
    ("食品药品监督管理", "食药监"),
    ("质量技术监督", "质监"),
    ("安全生产监督管理", "安监"),
    ("广播电视", "广电"),
    ("交通警察", "交警"),
    ("公安局交警", "公安交警"),
    ("消防救援支队", "消防支队"),
)

# A 市/县/区 government's office keeps its prefix but may drop 政府:
# 市政府外事办公室 → 市外事办公室; 市政府办公室 itself stays.
_GOV_OFFICE_RE = re.compile(r"^([市县区])政府(?=.+办(?:公室)?$)")
# A county-level government is often named by its place alone: 泽州县人民政府 → 泽州县.
_COUNTY_GOV_RE = re.compile(r"^(.{2,}[县区市旗])(?:人民)?政府$")
_MAX_VARIANTS = 1024

# Endings that make a short name clearly a unit name (单位名称的通名).
UNIT_SUFFIXES: tuple[str, ...] = (
    "局",
    "委",
    "办",
    "中心",
    "政府",
    "公司",
    "集团",
    "支队",
    "大队",
    "队",
    "部",
    "会",
    "联",
    "院",
    "所",
    "站",
    "室",
    "厅",
    "处",
    "社",
    "海关",
    "支行",
    "分行",
    "银行",
    "署",
    "馆",
    "台",
    "团",
    "校",
    "军分区",
    "管委会",
)

# Bodies that exist only inside one document (临时机构): never units of the directory.
AD_HOC_MARKERS: tuple[str, ...] = ("指挥部", "领导小组", "工作组", "专家组", "工作专班")
# Words that start a collective reference rather than a name (各县(市、区)人民政府).
COLLECTIVE_PREFIXES: tuple[str, ...] = (
    "各",
    "相关",
    "有关",
    "其他",
    "其它",
    "事发地",
    "当地",
    "所在地",
    "属地",
    "本级",
    "同级",
)
COLLECTIVE_SUFFIXES: tuple[str, ...] = ("部门", "成员单位", "单位", "机构", "同志")


def _is_han(char: str) -> bool:
    return bool(_HAN_RE.match(char))


def han_count(text: str) -> int:
    """Number of Chinese characters in ``text``."""
    return len(_HAN_RE.findall(text))


def _strip_edges(text: str) -> str:
    """Strip edge punctuation and surrounding brackets until nothing changes."""
    while True:
        before = text
        text = text.strip().strip(_EDGE_PUNCT).strip()
        if len(text) >= 2 and text[0] in _BRACKETS and _BRACKETS[text[0]] == text[-1]:
            inner = text[1:-1]
            if _balanced(inner):
                text = inner
        if text and text[0] in _BRACKETS and _BRACKETS[text[0]] not in text[1:]:
            text = text[1:]
        if text and text[-1] in _CLOSERS and _CLOSERS[text[-1]] not in text[:-1]:
            text = text[:-1]
        if text == before:
            return text


def _balanced(text: str) -> bool:
    stack: list[str] = []
    for char in text:
        if char in _BRACKETS and _BRACKETS[char] != char:
            stack.append(_BRACKETS[char])
        elif char in _CLOSERS and _CLOSERS[char] != char:
            if not stack or stack.pop() != char:
                return False
    return not stack


def width(text: str) -> str:
    """Full-width forms to half-width (（→( ，→, Ａ→A); Chinese and 〔〕【】 stay (NFKC)."""
    return unicodedata.normalize("NFKC", text)


_OPENERS = "([〔【"
_CLOSERS_FLAT = ")]〕】"


def split_top_level(text: str, separators: str | set[str]) -> list[str]:
    """Split on separators that are not inside brackets: ``各县(市、区)人民政府`` stays whole.

    Empty parts are kept (callers strip and drop them as they need).
    """
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS_FLAT and depth:
            depth -= 1
        if depth == 0 and char in separators:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def normalise_person_name(raw: str) -> str:
    """A person's name without stray spaces or punctuation: ``王 丽`` → ``王丽``."""
    text = _SPACE_RE.sub("", width(raw))
    return _strip_edges(text)


def normalise_unit_name(raw: str) -> str:
    """A unit name without whitespace, with half-width punctuation, unbracketed.

    ``（市 大数据应用局）`` → ``市大数据应用局``. Idempotent.
    """
    text = _SPACE_RE.sub("", width(raw))
    return _strip_edges(text)


def city_stem(city: str) -> str:
    """``晋城市`` or ``晋城`` → ``晋城`` (the part before 市)."""
    city = normalise_unit_name(city)
    return city[:-1] if city.endswith("市") and len(city) > 2 else city


def strip_city(name: str, city: str) -> str:
    """``晋城市无线电管理局`` → ``市无线电管理局`` for the issue's own city; else unchanged."""
    stem = city_stem(city)
    if stem and name.startswith(stem + "市") and len(name) > len(stem) + 2:
        return name[len(stem) :]
    return name


def _rewrites(name: str) -> Iterable[str]:
    """Every name one rule application away from ``name``."""
    for pattern, replacement in ABBREVIATION_RULES:
        start = name.find(pattern)
        while start != -1:
            rewritten = name[:start] + replacement + name[start + len(pattern) :]
            if han_count(rewritten) >= 2:
                yield rewritten
            start = name.find(pattern, start + 1)
    office = _GOV_OFFICE_RE.sub(r"\1", name)
    if office != name:
        yield office
    county = _COUNTY_GOV_RE.match(name)
    if county and han_count(county.group(1)) >= 2:
        yield county.group(1)


def abbreviations(full_name: str) -> set[str]:
    """The usual abbreviations (简称) of a unit's full name, by generic morpheme rules.

    ``市发展和改革委员会`` → {``市发展改革委员会``, ``市发展改革委``, ``市发改委``, …}.
    The name itself is not included.
    """
    name = normalise_unit_name(full_name)
    seen = {name}
    frontier = [name]
    while frontier and len(seen) < _MAX_VARIANTS:
        current = frontier.pop()
        for variant in _rewrites(current):
            if variant not in seen:
                seen.add(variant)
                frontier.append(variant)
    seen.discard(name)
    return seen


def prefix_forms(name: str) -> set[str]:
    """The ``市X`` / ``X`` counterparts of a name (市场监管局 ↔ 市市场监管局)."""
    forms = {"市" + name}
    if name.startswith("市") and han_count(name) > 2:
        forms.add(name[1:])
    forms.discard(name)
    return forms


def is_unit_like(name: str) -> bool:
    """Does the name clearly name a unit (ends with 局/委/办/中心/政府/公司/支队/…)?"""
    name = normalise_unit_name(name)
    return han_count(name) >= 2 and name.endswith(UNIT_SUFFIXES) and not is_ad_hoc(name)


def is_ad_hoc(name: str) -> bool:
    """A body that exists only inside one document (市指挥部办公室, 领导小组办公室)."""
    return any(marker in name for marker in AD_HOC_MARKERS)


def is_collective(name: str) -> bool:
    """A reference to a class of units, not one unit (各县(市、区)人民政府, 有关部门)."""
    return name.startswith(COLLECTIVE_PREFIXES) or name.endswith(COLLECTIVE_SUFFIXES)


def is_plausible_unit_name(name: str) -> bool:
    """Could this string be a unit's name at all (not prose, not a number)?"""
    name = normalise_unit_name(name)
    if han_count(name) < 2 or len(name) > 40:
        return False
    if any(char in name for char in "的。:_") or _DATE_RE.search(name):
        return False
    return not is_collective(name)


def unit_kind(name: str) -> str:
    """The directory kind of a unit by its name: government / county / party / enterprise / …"""
    if name.endswith("政府") and not name.startswith(("市", "省")):
        return "county"
    if name.endswith("政府") or name.endswith("政府办公室") or name.endswith("政府办"):
        return "government"
    if name.startswith(("市委", "县委", "区委", "共青团")) or name.endswith(("市委", "县委")):
        return "party"
    if name.endswith(("公司", "集团")):
        return "enterprise"
    if name.startswith("市"):
        return "department"
    return "other"


def is_near_duplicate(a: str, b: str) -> bool:
    """Do two names differ only by a few inserted characters with the same ends?

    ``市卫生健康委员会`` / ``市卫生和健康发展委员会``: likely one unit written two
    ways, to be confirmed by a person, never merged silently.
    """
    short, long_ = sorted((a, b), key=len)
    gap = len(long_) - len(short)
    if short == long_ or not 1 <= gap <= 4 or len(short) < 5:
        return False
    if short[:2] != long_[:2] or short[-2:] != long_[-2:]:
        return False
    chars = iter(long_)
    return all(char in chars for char in short)


def person_name_variants(names: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs of person names that are probably one person misprinted (卢瑞莲 / 卢端莲).

    Two names of two to four Han characters, with the same surname (first character) and
    length, differing in exactly one given-name character. Only flagged for a person to
    merge: two real people can have such names. Each pair once, in sorted order.
    """
    distinct = sorted({n for n in names if 2 <= len(n) <= 4 and all(map(_is_han, n))})
    pairs: list[tuple[str, str]] = []
    for index, first in enumerate(distinct):
        for second in distinct[index + 1 :]:
            if len(first) != len(second) or first[0] != second[0]:
                continue
            if sum(a != b for a, b in zip(first, second, strict=True)) == 1:
                pairs.append((first, second))
    return pairs


# Words of the functions a government organ is named after (机构职能用词): a unit name
# built from them is a real name even when it differs from another by one character
# (市体育局 / 市教育局); one that is not (市两务局 beside 市商务局) is a probable misprint.
DEPARTMENT_WORDS: tuple[str, ...] = (
    "发展和改革", "发展改革", "发改", "教育", "科学技术", "科技", "工业和信息化", "工业信息化",
    "工信", "公安", "国家安全", "民政", "司法", "财政", "人力资源和社会保障", "人社",
    "自然资源", "规划", "生态环境", "环境保护", "环保", "住房和城乡建设", "住建", "城乡建设",
    "交通运输", "交通", "水务", "水利", "农业农村", "农业", "农机", "畜牧", "兽医", "林业",
    "商务", "文化和旅游", "文化旅游", "文旅", "文物", "卫生健康", "卫健", "退役军人事务",
    "应急管理", "审计", "外事", "国资", "国有资产", "市场监督管理", "市场监管", "体育",
    "统计", "医疗保障", "医保", "能源", "煤炭", "城市管理", "城管", "行政审批", "审批服务",
    "信访", "税务", "海关", "气象", "地震", "防震减灾", "人防", "人民防空", "粮食", "物资储备",
    "扶贫", "乡村振兴", "档案", "地方志", "机关事务", "大数据", "政务服务", "公积金", "邮政",
    "烟草", "电力", "供电", "消防", "救援", "交警", "武警", "警察", "金融", "银保监", "保险",
    "人民银行", "侨联", "妇联", "残联", "科协", "文联", "工商联", "团委", "总工会", "红十字",
    "宣传", "组织", "统战", "政法", "编办", "机构编制", "纪委", "监委", "党校", "融媒体",
    "广播电视", "广电", "新闻", "出版", "知识产权", "药品", "食品", "质量", "标准", "计量",
    "安全生产", "安监", "执法", "法制", "法院", "检察", "监狱", "戒毒", "港口", "铁路",
    "民航", "公路", "高速", "通信", "移动", "联通", "电信", "招商", "投资促进", "开发区",
    "园区", "重点工程", "督查", "研究室", "参事", "接待", "口岸", "民族", "宗教", "外侨",
    "支队", "大队", "中队", "分局", "中心", "学校", "医院", "公司", "集团",
)  # fmt: skip
_DEPARTMENT_TEXT = "|".join(DEPARTMENT_WORDS)


def is_probable_typo(name: str, known: str) -> bool:
    """Does ``name`` differ from ``known`` by one misprinted character (市两务局 / 市商务局)?

    One character replaced, in a name of four characters or more, where the replaced
    character forms no government word with either neighbour (体育 in 市体育局 does, so
    市体育局 is not a misprint of 市教育局).
    """
    if len(name) != len(known) or len(name) < 4 or name == known:
        return False
    changed = [i for i, (a, b) in enumerate(zip(name, known, strict=True)) if a != b]
    if len(changed) != 1:
        return False
    at = changed[0]
    windows = [name[max(at - 1, 0) : at + 1], name[at : at + 2]]
    return not any(len(w) == 2 and w in _DEPARTMENT_TEXT for w in windows)


class UnitResolver:
    """Resolves raw unit names to canonical names.

    Built from canonical names and explicit aliases (alias → canonical). A raw
    name matches, after normalisation, in this order: a canonical name, an
    explicit alias, a derived abbreviation of a canonical name; then the same
    for its ``市X``/``X`` prefix form and its city-less form. A match to more
    than one canonical name is ambiguous and resolves to ``None``.
    """

    def __init__(
        self,
        canonical: Iterable[str],
        aliases: Mapping[str, str] | Iterable[tuple[str, str]] = (),
        *,
        city: str = "",
        derive: bool = True,
    ) -> None:
        self.city = city
        self._tiers: tuple[dict[str, set[str]], ...] = ({}, {}, {})
        names = {normalise_unit_name(name) for name in canonical}
        names.discard("")
        for name in names:
            self._add(0, name, name)
        pairs = aliases.items() if isinstance(aliases, Mapping) else aliases
        for alias, target in pairs:
            target = normalise_unit_name(target)
            self._add(1, normalise_unit_name(alias), target)
        if derive:
            for name in names:
                for variant in abbreviations(name) | {strip_city(name, city)}:
                    self._add(2, variant, name)

    def _add(self, tier: int, key: str, target: str) -> None:
        if key:
            self._tiers[tier].setdefault(key, set()).add(target)

    def candidates(self, raw: str) -> set[str]:
        """Canonical names ``raw`` could stand for, at the first level that matches."""
        name = normalise_unit_name(raw)
        if not name:
            return set()
        keys = [name]
        local = strip_city(name, self.city)
        if local != name:
            keys.append(local)
        for key in list(keys):
            keys.extend(sorted(prefix_forms(key)))
        for key in keys:
            for tier in self._tiers:
                found = tier.get(key)
                if found:
                    return set(found)
        return set()

    def resolve(self, raw: str) -> str | None:
        """The one canonical name ``raw`` stands for, or ``None`` (unknown or ambiguous)."""
        found = self.candidates(raw)
        return next(iter(found)) if len(found) == 1 else None


_SINGLE_SURNAME_SPLIT = re.compile(r"[\s、,，;；/]+")


def split_person_names(cell: str) -> list[str]:
    """Names in a cell: ``原粉娥 牛昆`` → two; ``王 丽`` → ``王丽``; ``李立新 赵 芳`` → two.

    A lone character is the surname of a name split by a stray space, so it is
    joined with the token after it.
    """
    tokens = [t for t in _SINGLE_SURNAME_SPLIT.split(width(cell)) if t]
    names: list[str] = []
    pending = ""
    for token in tokens:
        if pending:
            names.append(pending + token)
            pending = ""
        elif len(token) == 1 and _is_han(token):
            pending = token
        else:
            names.append(token)
    if pending:
        if names:
            names[-1] += pending
        else:
            names.append(pending)
    return [normalise_person_name(name) for name in names if normalise_person_name(name)]


# Endings of posts and units that end no personal name (社 and 会 do: 郑忠社).
_NOT_A_NAME_ENDINGS = tuple(s for s in UNIT_SUFFIXES if len(s) > 1) + tuple(
    "局办厅署科组队处部长员志级"
)
_PERSON_RE = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]{2,4}$")


def is_plausible_person_name(name: str) -> bool:
    """Two to four Chinese characters that do not look like a unit or a post."""
    if not _PERSON_RE.match(name) or name.startswith(("市", "省", "县")):
        return False
    return not name.endswith(_NOT_A_NAME_ENDINGS)
