"""The public form's and API's guards: an image/audio CAPTCHA, API keys and per-address rate limits.

The CAPTCHA is django-simple-captcha: the answer is drawn in an image (and spoken, with flite), never
written in the page, and the challenge lives in the database, so it is answered once across every
process and restart. Machine clients of the JSON API send a key of `GONGKAI_API_KEYS` in `X-API-Key`
instead. Rate limits count in Django's cache, which every worker shares (the database table by default,
Redis with REDIS_URL), over a sliding window, keyed on the real client address (gongkai_site.clients).
"""

import hmac
import re
import time

from captcha.fields import CaptchaField, CaptchaTextInput
from captcha.models import CaptchaStore
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone
from gongkai_site.clients import client_address

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
CAPTCHA_WRONG = "验证码不正确或已过期，请按新的图片重新输入。"


class CaptchaWidget(CaptchaTextInput):
    template_name = "disclosure_requests/captcha_widget.html"


class SingleUseCaptchaField(CaptchaField):
    """A challenge is used up by its first answer, right or wrong: one DELETE decides, so two processes
    posting the same answer at once cannot both pass."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "验证码")
        kwargs.setdefault("help_text", "请输入图片中的字母（不区分大小写）；看不清可以听语音验证码")
        kwargs.setdefault("error_messages", {"required": "请输入验证码。", "incomplete": "请输入验证码。"})
        super().__init__(widget=CaptchaWidget, **kwargs)

    def clean(self, value):
        if not value or not value[1]:
            raise ValidationError(self.error_messages["required"], code="required")
        check_captcha(value[0], value[1])
        return value[0]


def check_captcha(key, answer):
    """Raises unless `answer` is right for the unexpired challenge `key`, which it uses up either way."""
    key, answer = str(key or "")[:40], str(answer or "").strip().lower()[:40]
    CaptchaStore.remove_expired()
    deleted, _ = CaptchaStore.objects.filter(
        hashkey=key, response=answer, expiration__gt=timezone.now()
    ).delete()
    if deleted != 1:
        CaptchaStore.objects.filter(hashkey=key).delete()
        raise ValidationError(CAPTCHA_WRONG, code="captcha")


def has_api_key(request):
    """True when the request carries one of `GONGKAI_API_KEYS` in X-API-Key (compared in constant time)."""
    given = request.headers.get("X-API-Key", "").encode()
    return bool(given) and any(hmac.compare_digest(given, key.encode()) for key in settings.GONGKAI_API_KEYS)


def parse_rate(rate):
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*", rate or "")
    if not match:
        raise ValueError(f"GONGKAI_REQUEST_RATE 格式应为“次数/周期”，如 20/h，当前为：{rate!r}")
    count, multiplier, unit = match.groups()
    return int(count), int(multiplier or 1) * PERIODS[unit]


def _count(key, seconds):
    cache.add(key, 0, 2 * seconds + 5)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 2 * seconds + 5)
        return 1


def allow(request, scope, rate=None):
    """Count one hit for the client's address in `scope`; False once over the limit.

    A sliding window: the hits of the current fixed window plus the previous one's, weighted by how much
    of it still lies within the last `period` seconds, so no burst fits across a window boundary.
    """
    limit, seconds = parse_rate(rate or settings.GONGKAI_REQUEST_RATE)
    now = time.time()
    window = int(now // seconds)
    prefix = f"rate:{scope}:{client_address(request)}"
    current = _count(f"{prefix}:{window}", seconds)
    previous = cache.get(f"{prefix}:{window - 1}", 0)
    overlap = 1 - (now - window * seconds) / seconds
    return current + previous * overlap <= limit
