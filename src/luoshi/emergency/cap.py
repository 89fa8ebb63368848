"""Warnings (预警) as CAP 1.2 alert messages, with identifiers in the GB/T 35965.1 style.

Pure Python (lxml). GB/T 35965.1-2018 (应急信息交互协议 第1部分:预警信息) profiles
OASIS CAP 1.2. Its message identifier is ``ZZZZZZDDDUUUXX_YYYYMMDDhhmmss_N``:
the issuing unit's 14-digit code (6-digit administrative division code of
GB/T 2260, 3-digit sector code, 3-digit internal code, 2-digit extension), the
entry time in Beijing time, and a one-digit sequence number for messages of the
same unit in the same second. Severity follows the warning colour: 红 Extreme,
橙 Severe, 黄 Moderate, 蓝 Minor.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Final, Literal
from zoneinfo import ZoneInfo

from lxml import etree

CAP_NS: Final = "urn:oasis:names:tc:emergency:cap:1.2"
BEIJING: Final = ZoneInfo("Asia/Shanghai")

MsgType = Literal["Alert", "Update", "Cancel"]

SEVERITY_BY_COLOUR: Final[dict[str, str]] = {
    "red": "Extreme",
    "orange": "Severe",
    "yellow": "Moderate",
    "blue": "Minor",
}
COLOUR_BY_LEVEL: Final[dict[str, str]] = {"I": "red", "II": "orange", "III": "yellow", "IV": "blue"}

#: CAP 1.2 ``category`` codes a playbook may name (``cap_category``).
CATEGORIES: Final = frozenset(
    {"Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra"}
    | {"CBRNE", "Other"}
)

_SENDER_CODE: Final = re.compile(r"^\d{14}$")
IDENTIFIER: Final = re.compile(r"^\d{14}_\d{14}_\d$")


class CapError(ValueError):
    """Data that cannot make a valid CAP message (bad sender code, unknown colour …)."""


def sender_code(division: str, sector: str = "000", internal: str = "000", ext: str = "00") -> str:
    """``ZZZZZZDDDUUUXX``: division code (GB/T 2260), sector, internal and extension codes."""
    code = f"{division}{sector}{internal}{ext}"
    if not _SENDER_CODE.match(code) or len(division) != 6:
        raise CapError(f"not a GB/T 35965.1 sender code: {code!r}")
    return code


def identifier(code: str, entered_at: dt.datetime, seq: int = 0) -> str:
    """``14050000000000_20200402090000_0``: sender code, Beijing entry time, sequence 0-9."""
    if not _SENDER_CODE.match(code):
        raise CapError(f"not a GB/T 35965.1 sender code: {code!r}")
    if not 0 <= seq <= 9:
        raise CapError("the sequence number of one second is a single digit (0-9)")
    if entered_at.tzinfo is None:
        raise CapError("the entry time must carry a time zone")
    stamp = entered_at.astimezone(BEIJING).strftime("%Y%m%d%H%M%S")
    return f"{code}_{stamp}_{seq}"


def cap_time(moment: dt.datetime) -> str:
    """CAP date-time: ``2020-04-02T09:00:00+08:00`` (no fractions, explicit offset, Beijing)."""
    if moment.tzinfo is None:
        raise CapError("CAP times must carry a time zone")
    return moment.astimezone(BEIJING).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class Reference:
    """An earlier message this one updates or cancels (CAP ``references``)."""

    sender: str
    identifier: str
    sent: dt.datetime

    def text(self) -> str:
        return f"{self.sender},{self.identifier},{cap_time(self.sent)}"


@dataclass(frozen=True)
class CapAlert:
    """One CAP alert message with a single ``info`` block in Chinese."""

    identifier: str
    sender: str
    sent: dt.datetime
    msg_type: MsgType
    event: str
    colour: str
    headline: str
    description: str
    area: str
    sender_name: str
    category: str = "Other"
    instruction: str = ""
    geocode: str = ""
    status: str = "Actual"
    urgency: str = "Expected"
    certainty: str = "Likely"
    effective: dt.datetime | None = None
    expires: dt.datetime | None = None
    references: tuple[Reference, ...] = ()
    parameters: tuple[tuple[str, str], ...] = field(default=())
    note: str = ""

    @property
    def severity(self) -> str:
        try:
            return SEVERITY_BY_COLOUR[self.colour]
        except KeyError:
            raise CapError(f"unknown warning colour {self.colour!r}") from None


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    node = etree.SubElement(parent, f"{{{CAP_NS}}}{tag}")
    if text is not None:
        node.text = text
    return node


def to_xml(alert: CapAlert) -> bytes:
    """The CAP 1.2 XML document (UTF-8, with declaration) for ``alert``."""
    if not IDENTIFIER.match(alert.identifier):
        raise CapError(f"not a GB/T 35965.1 identifier: {alert.identifier!r}")
    root = etree.Element(f"{{{CAP_NS}}}alert", nsmap={None: CAP_NS})
    _sub(root, "identifier", alert.identifier)
    _sub(root, "sender", alert.sender)
    _sub(root, "sent", cap_time(alert.sent))
    _sub(root, "status", alert.status)
    _sub(root, "msgType", alert.msg_type)
    _sub(root, "scope", "Public")
    if alert.note:
        _sub(root, "note", alert.note)
    if alert.references:
        _sub(root, "references", " ".join(r.text() for r in alert.references))
    info = _sub(root, "info")
    _sub(info, "language", "zh-CN")
    _sub(info, "category", alert.category)
    _sub(info, "event", alert.event)
    _sub(info, "urgency", "Past" if alert.msg_type == "Cancel" else alert.urgency)
    _sub(info, "severity", alert.severity)
    _sub(info, "certainty", alert.certainty)
    for moment, tag in ((alert.effective, "effective"), (alert.expires, "expires")):
        if moment is not None:
            _sub(info, tag, cap_time(moment))
    _sub(info, "senderName", alert.sender_name)
    _sub(info, "headline", alert.headline)
    _sub(info, "description", alert.description)
    if alert.instruction:
        _sub(info, "instruction", alert.instruction)
    for name, value in alert.parameters:
        param = _sub(info, "parameter")
        _sub(param, "valueName", name)
        _sub(param, "value", value)
    area = _sub(info, "area")
    _sub(area, "areaDesc", alert.area)
    if alert.geocode:
        geo = _sub(area, "geocode")
        _sub(geo, "valueName", "GB/T 2260")
        _sub(geo, "value", alert.geocode)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
