"""Document numbers (发文字号): 晋市政办〔2020〕15号 and the ways print spells them.

The year stands in 〔〕, [], 【】, ［］ or plain parentheses () / （）; all become 〔〕.
"""

from __future__ import annotations

import re

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_OPEN = "〔\\[【［(（"
_CLOSE = "〕\\]】］)）"
_BRACKETED_YEAR = re.compile(rf"[{_OPEN}]\s*(\d{{4}})\s*[{_CLOSE}]")

#: A document number standing alone on a line (the line under a notice's title).
NUMBER_LINE = re.compile(
    rf"^\s*[\u4e00-\u9fff]{{1,12}}\s*[{_OPEN}]\s*\d{{4}}\s*[{_CLOSE}]\s*第?\s*\d{{1,5}}\s*号\s*$"
)
#: A document number inside running text; the code is 1-8 Chinese characters.
NUMBER_IN_TEXT = re.compile(
    rf"(?P<code>[\u4e00-\u9fff]{{1,8}})\s*[{_OPEN}]\s*(?P<year>\d{{4}})\s*[{_CLOSE}]\s*第?\s*(?P<serial>\d{{1,5}})\s*号"
)
_CODE_NOISE = re.compile(r"^.*(?:[的和及与或、]|以及|印发|转发|根据|按照|依据|文件)")


def normalise_number(text: str) -> str:
    """``晋市政办[2020]15号`` / ``【2020】`` / ``(2020)`` / ``〔2020〕`` (with any spaces) →
    ``晋市政办〔2020〕15号``."""
    compact = re.sub(r"\s+", "", text.translate(_FULLWIDTH_DIGITS))
    return _BRACKETED_YEAR.sub(r"〔\1〕", compact)


def is_number_line(text: str) -> bool:
    return bool(NUMBER_LINE.match(text.translate(_FULLWIDTH_DIGITS)))


def clean_code(code: str) -> str:
    """Drop running text glued before an issuer code (《…》根据国办发 → 国办发)."""
    cleaned = _CODE_NOISE.sub("", code)
    return cleaned or code
