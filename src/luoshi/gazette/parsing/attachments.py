"""Attachments (附件) a document lists, and the appendices (附录) of emergency plans."""

from __future__ import annotations

import re

from luoshi.gazette.parsing.model import Block
from luoshi.gazette.parsing.text import nonspace, tidy

_ATTACHMENT_LINE = re.compile(r"^附\s*件\s*[:：]\s*")
_ITEM = re.compile(r"(?:^|\s|(?<=[^\d.]))(\d{1,2})\s*[.．、](?!\d)")
_APPENDIX_TITLES = ("附录", "附件")
_OPENERS = {"《": "》", "(": ")", "（": "）", "“": "”"}


def find_attachments(blocks: list[Block]) -> list[str]:
    """Names from "附件:1.xxx 2.yyy" paragraphs and from the sub-headings of a 附录 heading;
    a name cut short by print (unbalanced 《) is completed from a later line that starts with it."""
    names: list[str] = []
    for index, block in enumerate(blocks):
        if block.kind == "paragraph" and _ATTACHMENT_LINE.match(block.text):
            names.extend(_listed(block.text))
        elif block.kind == "heading" and nonspace(block.text) in _APPENDIX_TITLES:
            names.extend(_children(blocks, index))
    completed = [_complete(name, blocks) for name in names]
    unique: list[str] = []
    for name in completed:
        if name and name not in unique:
            unique.append(name)
    return unique


def _listed(text: str) -> list[str]:
    body = tidy(_ATTACHMENT_LINE.sub("", text).replace("\n", " "))
    starts = [m for m in _ITEM.finditer(body)]
    if not starts or starts[0].start() > 1:
        return [body] if body else []
    names = []
    for position, match in enumerate(starts):
        end = starts[position + 1].start() if position + 1 < len(starts) else len(body)
        names.append(body[match.end() : end].strip())
    return [name for name in names if name]


def _children(blocks: list[Block], index: int) -> list[str]:
    parent = blocks[index]
    names: list[str] = []
    child_level = 0
    for block in blocks[index + 1 :]:
        if block.kind != "heading":
            continue
        if block.level <= parent.level:
            break
        child_level = child_level or block.level
        if block.level == child_level:
            names.append(tidy(block.text))
    return names


def _complete(name: str, blocks: list[Block]) -> str:
    if _balanced(name):
        return name
    for block in blocks:
        if block.kind in ("paragraph", "heading"):
            candidate = tidy(block.text)
            if candidate.startswith(name) and len(candidate) > len(name) and _balanced(candidate):
                return candidate
    return name


def _balanced(text: str) -> bool:
    return all(text.count(opener) == text.count(closer) for opener, closer in _OPENERS.items())
