"""Control characters in text a person typed or a program sent (pure).

XML 1.0, hence every docx, xlsx and CAP file, cannot hold C0 control characters other than tab,
line feed and carriage return; a title carrying ``\\x0b`` would break each export of its object
for good. Input is refused when it holds one (:func:`control_character`); text from files that
were never typed (a gazette's extracted print) is cleaned with :func:`strip_control_characters`.
"""

from __future__ import annotations

import re

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
REFUSAL = "输入内容含有不可见的控制字符(如从其他软件复制带入),请删除后重新提交"


def control_character(text: str) -> str | None:
    """The first control character in ``text`` (tab and line breaks are text), or ``None``."""
    match = CONTROL_CHARACTERS.search(text)
    return match[0] if match else None


def strip_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)
