"""Sealed personal data: values stored encrypted (Fernet) and looked up by keyed digest.

Used for what must never be readable from a database dump, such as applicants' ID numbers:
``seal`` encrypts, ``unseal`` decrypts for the roles allowed to see the value, ``digest`` gives a
keyed HMAC for uniqueness and look-up without decrypting. The key comes from
``settings.LUOSHI_FIELD_KEY`` (derived from the secret key when unset; changing either makes
sealed values unreadable, so set it once and keep it with the backups).
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _key_material() -> bytes:
    return hashlib.sha256(("luoshi-field-key:" + settings.LUOSHI_FIELD_KEY).encode()).digest()


def _fernet() -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_key_material()))


def seal(value: str) -> str:
    return _fernet().encrypt(value.encode("utf-8")).decode("ascii")


def unseal(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise ValueError("无法解密:密钥已更换或数据已损坏") from exc


def digest(value: str) -> str:
    return hmac.new(_key_material(), value.encode("utf-8"), hashlib.sha256).hexdigest()
