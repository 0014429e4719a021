"""Applicants' personal data encrypted at rest (PIPL; SPEC "Across all rules").

The key comes from the environment (`GONGKAI_FIELD_KEY`, one or more comma-separated Fernet keys,
newest first, so keys can be rotated); development checkouts get one generated into var/ like the
secret key. It is read when a value is encrypted or decrypted, never stored in the repository.
"""

import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "enc1:"


def _keys():
    keys = [
        key.strip() for key in (getattr(settings, "GONGKAI_FIELD_KEY", "") or "").split(",") if key.strip()
    ]
    if not keys:
        raise ImproperlyConfigured("请设置 GONGKAI_FIELD_KEY 环境变量（申请人个人信息加密密钥）。")
    return keys


def _fernet():
    return MultiFernet([Fernet(key.encode()) for key in _keys()])


def encrypt(text):
    if not text:
        return ""
    return PREFIX + _fernet().encrypt(text.encode()).decode()


def decrypt(value):
    if not value or not value.startswith(PREFIX):
        return value or ""
    try:
        return _fernet().decrypt(value[len(PREFIX) :].encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured("个人信息无法解密：GONGKAI_FIELD_KEY 与加密时的密钥不一致。") from error


def digest(text):
    """A keyed fingerprint, to find the same ID number again without storing it readable."""
    if not text:
        return ""
    normalised = text.strip().upper().encode()
    return hmac.new(_keys()[-1].encode(), normalised, hashlib.sha256).hexdigest()


class EncryptedCharField(models.TextField):
    """Stored encrypted (Fernet); Python code and forms see the plain text."""

    def __init__(self, *args, max_length=None, **kwargs):
        self.plain_max_length = max_length
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.plain_max_length:
            kwargs["max_length"] = self.plain_max_length
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value) if value else (value or "")

    def value_to_string(self, obj):
        """Serialized (dumpdata, backups) encrypted: readable only with the key."""
        return encrypt(self.value_from_object(obj))

    def to_python(self, value):
        return decrypt(value) if isinstance(value, str) else value

    def formfield(self, **kwargs):
        from django import forms

        return models.Field.formfield(
            self, **{"form_class": forms.CharField, "max_length": self.plain_max_length, **kwargs}
        )
