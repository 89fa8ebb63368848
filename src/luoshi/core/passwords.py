"""Password rules beyond Django's own validators (等级保护: three of four character classes)."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError

CHARACTER_CLASSES = {
    "小写字母": re.compile(r"[a-z]"),
    "大写字母": re.compile(r"[A-Z]"),
    "数字": re.compile(r"[0-9]"),
    "符号": re.compile(r"[^a-zA-Z0-9]"),
}


class CharacterClassValidator:
    """At least three of: lower-case letters, capitals, digits, symbols."""

    required = 3

    def validate(self, password: str, user: Any = None) -> None:
        present = sum(1 for pattern in CHARACTER_CLASSES.values() if pattern.search(password))
        if present < self.required:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return "密码须包含小写字母、大写字母、数字、符号中的至少三类。"


class UsernameDerivedValidator:
    """Refuse a password built on the username (zhangsan → Zhangsan2020!)."""

    def validate(self, password: str, user: Any = None) -> None:
        username = str(getattr(user, "username", "") or "").lower()
        letters = re.sub(r"[^a-z]", "", password.lower())
        if len(username) >= 3 and (username in password.lower() or letters == username):
            raise ValidationError(self.get_help_text(), code="password_from_username")

    def get_help_text(self) -> str:
        return "密码不能以用户名为基础构成。"
