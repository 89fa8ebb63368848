"""Telling people about cards: in-app notices, email, and SMS through an adapter.

Services call :func:`schedule` inside their transaction; delivery happens after
commit, so a rolled-back change never notifies anyone. SMS goes through the
:class:`SmsGateway` named by ``LUOSHI_EXPRESS_SMS_GATEWAY`` (dotted path); the
default :class:`LoggingSmsGateway` only writes a log line, for sites without an
SMS contract.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.module_loading import import_string

from luoshi.core import clock
from luoshi.core.models import User
from luoshi.express.models import Card, Notification

log = logging.getLogger("luoshi.express.sms")


class SmsGateway(Protocol):
    """Anything that can send one short message (短信平台)."""

    def send(self, recipient: str, text: str) -> None: ...


class LoggingSmsGateway:
    """Writes each message to the log instead of sending it."""

    sent: list[tuple[str, str]] = []

    def send(self, recipient: str, text: str) -> None:
        log.info("SMS to %s: %s", recipient, text)
        LoggingSmsGateway.sent.append((recipient, text))


def sms_gateway() -> SmsGateway:
    path = getattr(settings, "LUOSHI_EXPRESS_SMS_GATEWAY", "")
    if path:
        gateway: SmsGateway = import_string(path)()
        return gateway
    return LoggingSmsGateway()


def sms_address(user: User) -> str:
    """Where an SMS for ``user`` goes: a ``phone`` attribute when the site has one."""
    return str(getattr(user, "phone", "") or user.username)


def deliver(
    recipients: Iterable[User], card: Card, kind: str, message: str, *, sms: bool = False
) -> list[Notification]:
    """Notify now: an in-app notice each, email where an address is known, SMS when asked."""
    people = {u.pk: u for u in recipients if u.is_active}
    now = clock.now()
    text = f"{card.number} {card.project_name}:{message}"[:255]
    notices = Notification.objects.bulk_create(
        [
            Notification(recipient=u, card=card, kind=kind, message=text, created_at=now)
            for u in people.values()
        ]
    )
    emails = [u.email for u in people.values() if u.email]
    if emails:
        send_mail(f"【项目直通车】{text[:60]}", text, None, emails, fail_silently=True)
    if sms:
        gateway = sms_gateway()
        for user in people.values():
            gateway.send(sms_address(user), f"【项目直通车】{text}")
    return notices


def schedule(
    recipients: Iterable[User], card: Card, kind: str, message: str, *, sms: bool = False
) -> None:
    """Notify after the current transaction commits."""
    people = list(recipients)
    transaction.on_commit(lambda: deliver(people, card, kind, message, sms=sms))


def unread_count(user: User) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
