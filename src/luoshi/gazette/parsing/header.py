"""A notice's header (版头): issuer (发文机关), title (标题) and number (发文字号)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from luoshi.gazette.parsing.numbers import normalise_number
from luoshi.gazette.parsing.text import is_organ_line, nonspace, organ_prefix, tidy

_ABOUT = re.compile(r"关于")
#: The serial of a 令 or 公告 printed under its title: 第12号, 2020年第3号, (2020)第3号.
_SERIAL = re.compile(r"^(?:[(（〔\[]?(?P<year>\d{4})[)）〕\]]?年?)?第(?P<serial>\d{1,5})号$")
#: Titles that are an organ's name and the kind alone (晋城市人民政府令, …公告).
_ORGAN_KIND = re.compile(r"^(?P<organ>.+?)(?P<kind>令|公告|通告)$")


@dataclass(frozen=True)
class Header:
    issuer: str
    title: str
    number: str | None  # None when the text prints no number (it can be added later)


def parse_header(title_lines: list[str], number_line: str) -> Header:
    """Issuer, title and number from the header lines (and the number line, if any).

    The issuer is the organ name before 关于 (on its own line or the same line as the
    title); the title is the rest, joined and without the spaces print put in
    ("通 知" → "通知"). A 令 or 公告 titled by its organ alone (晋城市人民政府令) keeps
    that title, and its 第N号 line makes its number (晋城市人民政府令第12号).
    """
    issuer = ""
    serial = None
    parts: list[str] = []
    for line in title_lines:
        if not parts and nonspace(line).endswith("文件"):
            continue  # the red masthead (版头) "晋城市人民政府文件"
        if serial is None and (serial := _SERIAL.match(nonspace(line))) is not None:
            continue
        if not issuer and not parts and is_organ_line(line):
            issuer = nonspace(line)
            continue
        parts.append(tidy(line))
    title = "".join(parts)
    own_kind = _ORGAN_KIND.match(title)
    if own_kind and organ_prefix(own_kind["organ"]) == own_kind["organ"]:
        issuer = issuer or own_kind["organ"]
    elif not issuer:
        match = _ABOUT.search(title)
        prefix = title[: match.start()] if match else organ_prefix(title)
        if prefix and prefix == organ_prefix(prefix):
            issuer, title = prefix, title[len(prefix) :]
    number = normalise_number(number_line.strip()) or None
    if number is None and serial is not None and own_kind is not None:
        number = f"{own_kind['organ']}{own_kind['kind']}{nonspace(serial.group(0))}"
    return Header(issuer=issuer, title=title, number=number)
