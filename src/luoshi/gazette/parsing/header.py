"""A notice's header (版头): issuer (发文机关), title (标题) and number (发文字号)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from luoshi.gazette.parsing.numbers import normalise_number
from luoshi.gazette.parsing.text import is_organ_line, nonspace, organ_prefix, tidy

_ABOUT = re.compile(r"关于")


@dataclass(frozen=True)
class Header:
    issuer: str
    title: str
    number: str


def parse_header(title_lines: list[str], number_line: str) -> Header:
    """Issuer and title from the lines above the number line.

    The issuer is the organ name before 关于 (on its own line or the same line as the
    title); the title is the rest, joined and without the spaces print put in
    ("通 知" → "通知").
    """
    issuer = ""
    parts: list[str] = []
    for line in title_lines:
        if not parts and nonspace(line).endswith("文件"):
            continue  # the red masthead (版头) "晋城市人民政府文件"
        if not issuer and not parts and is_organ_line(line):
            issuer = nonspace(line)
            continue
        parts.append(tidy(line))
    title = "".join(parts)
    if not issuer:
        match = _ABOUT.search(title)
        prefix = title[: match.start()] if match else organ_prefix(title)
        if prefix and prefix == organ_prefix(prefix):
            issuer, title = prefix, title[len(prefix) :]
    return Header(issuer=issuer, title=title, number=normalise_number(number_line.strip()))
