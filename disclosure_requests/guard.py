"""An offline CAPTCHA and per-address rate limits for the public form and API (issue 4, point 1 and 8).

The CAPTCHA is a small sum signed with the secret key: no outside service, works without JavaScript.
Each challenge can be answered once and for 30 minutes. Counts live in Django's cache, which every
worker process shares (the database table by default, Redis with REDIS_URL), so the limit holds across them.
"""

import re
import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

CAPTCHA_SALT = "disclosure_requests.captcha"
CAPTCHA_MAX_AGE = 30 * 60
DEFAULT_RATE = "20/h"
PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def new_challenge():
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    token = signing.dumps({"a": a, "b": b, "n": secrets.token_hex(8)}, salt=CAPTCHA_SALT)
    return f"{a} + {b} = ？", token


def check_challenge(token, answer):
    """True once for a right answer to a fresh challenge; a used or stale challenge is refused."""
    try:
        data = signing.loads(token or "", salt=CAPTCHA_SALT, max_age=CAPTCHA_MAX_AGE)
    except signing.BadSignature:
        return False
    if str(answer).strip() != str(data["a"] + data["b"]):
        return False
    return cache.add(f"captcha-used:{data['n']}", True, CAPTCHA_MAX_AGE)


def parse_rate(rate):
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*", rate or "")
    if not match:
        raise ValueError(f"GONGKAI_REQUEST_RATE 格式应为“次数/周期”，如 20/h，当前为：{rate!r}")
    count, multiplier, unit = match.groups()
    return int(count), int(multiplier or 1) * PERIODS[unit]


def client_address(request):
    return request.META.get("REMOTE_ADDR", "unknown")


def allow(request, scope, rate=None):
    """Count one hit for the client's address in `scope`; False once over the limit for the window."""
    limit, seconds = parse_rate(rate or getattr(settings, "GONGKAI_REQUEST_RATE", DEFAULT_RATE))
    window = int(time.time() // seconds)
    key = f"rate:{scope}:{client_address(request)}:{window}"
    cache.add(key, 0, seconds + 5)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, seconds + 5)
        count = 1
    return count <= limit
