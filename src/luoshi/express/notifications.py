"""Telling people about cards: in-app notices, email, and SMS through an adapter.

Actions call :func:`deliver` after commit, so a rolled-back change never notifies anyone.
SMS goes to the user's phone through the one gateway of :mod:`luoshi.core.sms`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.mail import send_mail

from luoshi.core import clock
from luoshi.core.models import User
from luoshi.core.sms import text_users
from luoshi.express.models import Card, Notification


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
        text_users(people.values(), f"【项目直通车】{text}")
    return notices


def unread_count(user: User) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
