"""What every export shares: the MIME types and Chinese dates as official documents write them."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CAP = "application/cap+xml; charset=utf-8"
MIME_TYPES = {"docx": DOCX, "xlsx": XLSX, "xml": CAP}


def mime_type(filename: str) -> str:
    """The MIME type of an export by its file name's extension."""
    return MIME_TYPES[filename.rsplit(".", 1)[-1].lower()]


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """The ``Content-Disposition`` value for ``filename``: an ASCII fallback name for old
    clients, then the real (Chinese) name per RFC 5987/6266 as ``filename*=UTF-8''…``."""
    kind = "inline" if inline else "attachment"
    extension = filename.rsplit(".", 1)[-1] if "." in filename else ""
    plain = filename.isascii() and all(ch.isalnum() or ch in "-_." for ch in filename)
    fallback = filename if plain else f"download.{extension}" if extension else "download"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def chinese_date(day: dt.date) -> str:
    """成文日期 form: ``2020年3月31日`` (Arabic numerals, no leading zeros, GB/T 9704-2012 7.3.5)."""
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_datetime(moment: dt.datetime) -> str:
    """A moment in the same form with the clock time: ``2020年3月31日 9:05``."""
    return f"{chinese_date(moment)} {moment.hour}:{moment.minute:02d}"


def chinese_number(n: int) -> str:
    """一 … 九十九, as outline labels count (一、 / (一))."""
    digits = "零一二三四五六七八九"
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return digits[ones]
    head = "" if tens == 1 else digits[tens]
    return f"{head}十{digits[ones] if ones else ''}"


_CONTROL = {code: None for code in [*range(32), 0x7F] if chr(code) not in "\n\t"}


def printable(text: str) -> str:
    """``text`` without control characters (except newline and tab), which neither Word's nor
    Excel's XML may hold."""
    return text if text.isprintable() else text.translate(_CONTROL)


_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_HALF = ",:;()?!"
_FULL = str.maketrans(_HALF, "\uff0c\uff1a\uff1b\uff08\uff09\uff1f\uff01")  # ,:;()?!
_PUNCTUATION = re.compile(rf"(?<=[{_CJK}])[{re.escape(_HALF)}]|[{re.escape(_HALF)}](?=[{_CJK}])")


def typeset(text: str) -> str:
    """Printable text with Chinese punctuation: an ASCII ``, : ; ( ) ? !`` next to a Chinese
    character becomes full-width (``9:05``, ``1,000`` and ``1/1`` stay as they are)."""
    text = printable(text)
    for _ in range(2):  # a second pass for marks next to marks just widened: (…):
        text = _PUNCTUATION.sub(lambda m: m[0].translate(_FULL), text)
    return text
