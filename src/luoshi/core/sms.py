"""Text messages (短信): one gateway interface for every app, addressed to the user's phone.

The gateway is the class named by ``LUOSHI_SMS_GATEWAY`` (a dotted path; a site with an SMS
contract supplies one); the default :class:`LoggingSmsGateway` only writes a log line.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from luoshi.core.models import User

log = logging.getLogger("luoshi.sms")


class SmsGateway(Protocol):
    """Anything that can send one short message to a phone number (短信平台)."""

    def send(self, phone: str, text: str) -> None: ...


class LoggingSmsGateway:
    """Writes each message to the log instead of sending it (development and tests)."""

    sent: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        LoggingSmsGateway.sent.append((phone, text))
        log.info("SMS to %s: %s", phone, text)


def sms_gateway() -> SmsGateway:
    """The gateway named by ``settings.LUOSHI_SMS_GATEWAY``, else the logging one."""
    path = settings.LUOSHI_SMS_GATEWAY
    gateway: SmsGateway = import_string(path)() if path else LoggingSmsGateway()
    return gateway


def text_users(users: Iterable[User], text: str) -> int:
    """Send ``text`` to every user with a phone number; a failed send is logged, not raised.

    Call after commit: a message cannot be taken back. Returns how many were sent.
    """
    gateway, sent = sms_gateway(), 0
    for user in users:
        if not user.phone:
            continue
        try:
            gateway.send(user.phone, text)
            sent += 1
        except Exception:  # noqa: BLE001 - a failed message must not undo the action
            log.exception("SMS to %s failed", user.phone)
    return sent
