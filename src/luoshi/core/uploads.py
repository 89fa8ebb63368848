"""Uploaded files checked before anything reads them: spreadsheet packages within bounds.

An xlsx file is a zip of XML parts. A few kilobytes can declare a sheet 16,384 columns wide,
hold one shared string of hundreds of megabytes, or inflate to gigabytes; a spreadsheet library
would build all of it in memory. :func:`xlsx_problem` reads only the zip's directory and the
head of each worksheet and names what is out of bounds, in words for the person who uploaded it.
"""

from __future__ import annotations

import re
import zipfile
from typing import IO

MAX_PARTS = 200
MAX_UNPACKED = 48 * 1024 * 1024  # all parts together, inflated
MAX_SHARED_STRINGS = 16 * 1024 * 1024
MAX_RATIO = 200  # inflated / compressed, per part (XML of a real sheet stays well under 100)
MAX_COLUMNS = 64
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)?\d*:?([A-Z]+)(\d+)"')


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def xlsx_problem(stream: IO[bytes], *, max_rows: int) -> str | None:
    """Why this xlsx package may not be opened, or ``None`` when it is within bounds."""
    try:
        package = zipfile.ZipFile(stream)
        parts = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return "无法读取文件:请上传 xlsx 格式的表格"
    if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNPACKED:
        return "表格解压后过大,请只保留填报表中的内容后重新上传"
    for part in parts:
        if part.file_size > MAX_RATIO * max(part.compress_size, 1024):
            return "表格的压缩比异常,疑似恶意文件,不予导入"
        if part.filename.endswith("sharedStrings.xml") and part.file_size > MAX_SHARED_STRINGS:
            return "表格中的文字总量过大,请删去与填报无关的内容后重新上传"
        if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
            with package.open(part) as sheet:
                head = sheet.read(4096)
            match = _DIMENSION.search(head)
            if match and column_number(match[2].decode()) > MAX_COLUMNS:
                return f"表格范围过宽(超过 {MAX_COLUMNS} 列),请使用本系统下载的填报表"
            if match and int(match[3]) > max_rows:
                return f"表格行数超过上限 {max_rows} 行"
    stream.seek(0)
    return None


# --- evidence (佐证材料、证明材料): an allow-list checked by content ---------------------------

EVIDENCE_KINDS = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
}
EVIDENCE_EXTENSIONS = {".pdf": "pdf", ".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png"}
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
# paths, control and shell characters, and the direction overrides that disguise an extension
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|\u202a-\u202e\u2066-\u2069]+")


def safe_filename(name: str, *, limit: int = 100) -> str:
    """A file name without paths, control or shell characters, at most ``limit`` characters."""
    base = _UNSAFE_NAME.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1]).strip(" ._")
    if not base:
        return "file"
    stem, dot, ext = base.rpartition(".")
    if dot and len(ext) <= 8:
        return stem[: limit - len(ext) - 1] + "." + ext
    return base[:limit]


def evidence_problem(name: str, size: int, head: bytes) -> str | None:
    """Why an uploaded evidence file is refused (in words for its uploader), or ``None``.

    PDF, JPEG and PNG only, recognised by their first bytes (never by the name or the browser's
    word alone), no larger than 10 MB; the name's extension must agree with the content.
    """
    if size == 0:
        return "文件为空"
    if size > MAX_EVIDENCE_BYTES:
        return f"文件过大({size / 1048576:.1f} MB),上限 {MAX_EVIDENCE_BYTES // 1048576} MB"
    kind = next((k for k, (_, magics) in EVIDENCE_KINDS.items() if head.startswith(magics)), None)
    if kind is None:
        return "只接受 PDF、JPG、PNG 格式的证明材料"
    ext = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if EVIDENCE_EXTENSIONS.get(ext) != kind:
        return "文件扩展名与文件内容不符"
    return None


def evidence_content_type(head: bytes) -> str:
    for content_type, magics in EVIDENCE_KINDS.values():
        if head.startswith(magics):
            return content_type
    return "application/octet-stream"


# -- evidence (佐证材料) and attachments --------------------------------------------------------

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of .doc/.xls/WPS
ZIP = b"PK\x03\x04"
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "doc": (OLE,), "xls": (OLE,), "wps": (OLE, ZIP), "et": (OLE, ZIP),
    "docx": (ZIP,), "xlsx": (ZIP,), "ofd": (ZIP,), "zip": (ZIP, b"PK\x05\x06"),
    "jpg": (b"\xff\xd8\xff",), "jpeg": (b"\xff\xd8\xff",), "png": (b"\x89PNG\r\n\x1a\n",),
}  # fmt: skip


def content_problem(stream: IO[bytes], extension: str) -> str | None:
    """Why the content does not match its extension's type (checked by its first bytes)."""
    head = stream.read(8192)
    stream.seek(0)
    if extension == "txt":
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = head.decode("gb18030")
            except UnicodeDecodeError:
                return "文本文件应为 UTF-8 或 GBK 编码的纯文本"
        return "文本文件中含有二进制内容" if "\x00" in text else None
    signatures = SIGNATURES.get(extension)
    if signatures is None or not head.startswith(signatures):
        return f"文件内容与扩展名 .{extension} 不符,请上传真实的 {extension.upper()} 文件"
    return None
