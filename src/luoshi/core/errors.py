"""One error type for every refusal, and one mapping of it to HTTP for pages and the API.

A domain rule or an action that cannot do what was asked raises a :class:`DomainError`
(or one of its four kinds) with a message for a person, in Chinese. Pages show the message
and the API answers ``{"detail": message, "code": code}`` with the status of its kind:

=============  ======  =====================================================
kind           status  meaning
=============  ======  =====================================================
``Invalid``    400     the input is wrong (missing field, bad value)
``Forbidden``  403     this user may not do this
``NotFound``   404     no such object, or not visible to this user
``Conflict``   409     the object's state forbids it (already done, stale)
=============  ======  =====================================================

Django's own ``PermissionDenied`` and ``Http404`` map to 403 and 404 the same way, so access
helpers may keep raising them.
"""

from __future__ import annotations

import enum
from typing import ClassVar


class ErrorCode(enum.StrEnum):
    INVALID = "invalid"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"


HTTP_STATUS: dict[ErrorCode, int] = {
    ErrorCode.INVALID: 400,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.CONFLICT: 409,
}


class DomainError(Exception):
    """A refusal with a message for a person; ``code`` decides the HTTP status."""

    default_code: ClassVar[ErrorCode] = ErrorCode.INVALID

    def __init__(self, message: str, *, code: ErrorCode | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code

    @property
    def status(self) -> int:
        return HTTP_STATUS[self.code]


class Invalid(DomainError):
    default_code = ErrorCode.INVALID


class Forbidden(DomainError):
    default_code = ErrorCode.FORBIDDEN


class NotFound(DomainError):
    default_code = ErrorCode.NOT_FOUND


class Conflict(DomainError):
    default_code = ErrorCode.CONFLICT
