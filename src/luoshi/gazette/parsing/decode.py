"""Bytes of a gazette file → text (UTF-8 with or without BOM, GBK/GB18030, UTF-16)."""

from __future__ import annotations

import codecs
import unicodedata

from luoshi.core.text import strip_control_characters
from luoshi.gazette.parsing.model import GazetteError

_CONTROL_SHARE = 0.02
_ALLOWED_CONTROLS = frozenset("\t\n\r\f")


def decode_gazette(data: bytes) -> str:
    """Decode a gazette file; refuse empty or binary data with a GazetteError. Newlines → \\n,
    stray control characters removed."""
    if not data.strip():
        raise GazetteError("文件为空 / the file is empty")
    text = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")
    if not text.strip():
        raise GazetteError("文件为空 / the file is empty")
    controls = sum(
        1 for ch in text if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc"
    )
    if controls > len(text) * _CONTROL_SHARE:
        raise GazetteError("这是二进制文件,不是公报文本 / binary data, not a gazette text")
    return strip_control_characters(text)  # a stray one would break the exports of its document


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    if b"\x00" in data:
        raise GazetteError(
            "这是二进制文件(含空字节),不是公报文本 / binary data, not a gazette text"
        )
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise GazetteError("无法识别文件编码(应为 UTF-8 或 GBK) / unknown text encoding")


def _strict(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise GazetteError(
            f"文件不是有效的 {encoding.upper()} 文本 / invalid {encoding}"
        ) from error
    if "\x00" in text:
        raise GazetteError(
            "这是二进制文件(含空字节),不是公报文本 / binary data, not a gazette text"
        )
    return text
