"""Personal information (个人信息): resident ID numbers checked, names, IDs and plates masked.

Pure: no Django. Lists and public pages show personal data only masked (个人信息保护法):
``mask_name("张小明") == "张*明"``, ``mask_id("140502200203041234") == "1405**********1234"``,
``mask_plate("晋E12345") == "晋E***45"``.
"""

from __future__ import annotations

import datetime as dt
import re

# GB 11643-1999: weights of the first 17 digits, and the check character for the sum mod 11.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_ID = re.compile(r"^\d{17}[\dX]$")
_PLATE = re.compile(r"^[\u4e00-\u9fff][A-Z][A-Z0-9]{5,6}$")


class PersonalDataError(ValueError):
    """A malformed ID number or plate; the message is for a person, in Chinese."""


def normalise_id(text: str) -> str:
    return text.strip().replace(" ", "").upper()


def check_id_number(text: str, *, today: dt.date | None = None) -> str:
    """The normalised 18-digit resident ID number, or PersonalDataError saying what is wrong."""
    number = normalise_id(text)
    if not _ID.match(number):
        raise PersonalDataError("身份证号应为18位,前17位为数字,末位为数字或X")
    birth = id_birth_date(number)
    if birth is None:
        raise PersonalDataError("身份证号中的出生日期无效")
    if today is not None and birth > today:
        raise PersonalDataError("身份证号中的出生日期晚于今天")
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS, strict=True))
    if _CHECK[total % 11] != number[17]:
        raise PersonalDataError("身份证号校验位不正确,请核对")
    return number


def id_check_character(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def id_birth_date(number: str) -> dt.date | None:
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def mask_id(number: str) -> str:
    """The first four and last four characters; the rest hidden."""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_name(name: str) -> str:
    """张* for two characters, 张*明 for three, 欧**明 for four: first and last kept."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def normalise_plate(text: str) -> str:
    """A plate as stored: no spaces or separators, letters upper-case (晋E·12345 → 晋E12345)."""
    plate = re.sub(r"[\s·\-.]", "", text).upper()
    if not _PLATE.match(plate):
        raise PersonalDataError(f"车牌号格式不正确: {text[:16]}")
    return plate


def mask_plate(plate: str) -> str:
    """Province and letter, then the last two characters: 晋E12345 → 晋E***45."""
    if len(plate) <= 4:
        return plate[:1] + "*" * (len(plate) - 1)
    return plate[:2] + "*" * (len(plate) - 4) + plate[-2:]
