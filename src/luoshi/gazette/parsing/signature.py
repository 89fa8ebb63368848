"""The signature (落款) of a notice: the issuer's name and the signing date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from luoshi.gazette.parsing.body import Line
from luoshi.gazette.parsing.text import is_date_line, is_organ_line, nonspace, parse_date

_ORGAN_AND_DATE = re.compile(r"^(?P<organ>\S{2,32}?)\s+(?P<date>\S{6,14}日)$")


@dataclass(frozen=True)
class Signature:
    first: int  # positions in the body lines
    last: int
    issuer: str
    signed_on: dt.date | None


def find_signature(lines: list[Line], issuer: str) -> Signature | None:
    """The first issuer line followed by a date line (for a notice issuing a plan that is
    the end of the covering notice, before the plan); failing that, a line holding only the
    header's issuer, or a date line on its own."""
    texts = [(position, text.strip()) for position, (_, text) in enumerate(lines)]
    nonblank = [(p, t) for p, t in texts if t and "\t" not in t]
    if not nonblank:
        return None
    for (position, text), following in zip(nonblank, [*nonblank[1:], (-1, "")], strict=True):
        if is_organ_line(text) and is_date_line(following[1]):
            return Signature(position, following[0], nonspace(text), parse_date(following[1]))
        one_line = _ORGAN_AND_DATE.match(text)
        if one_line and is_organ_line(one_line["organ"]) and is_date_line(one_line["date"]):
            return Signature(
                position, position, nonspace(one_line["organ"]), parse_date(one_line["date"])
            )
    for position, text in nonblank:
        if issuer and nonspace(text) == issuer:
            return Signature(position, position, issuer, None)
    for position, text in nonblank:
        if is_date_line(text):
            return Signature(position, position, "", parse_date(text))
    return None
