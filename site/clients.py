"""Who is asking: the real client address behind the configured proxies, and admin login lockouts.

`X-Forwarded-For` is believed only from an address in `GONGKAI_TRUSTED_PROXIES`; anyone else could write
any address there and escape the rate limits (disclosure_requests.guard) and the login lockout (axes).
"""

import ipaddress
import logging
from functools import lru_cache

from django.conf import settings
from django.shortcuts import render

logger = logging.getLogger(__name__)

LOCKED_OUT = "登录失败次数过多，账号已暂时锁定。请 %(hours)s 小时后再试，或联系系统管理员解锁。"


@lru_cache(maxsize=8)
def _networks(proxies):
    networks = []
    for proxy in proxies:
        try:
            networks.append(ipaddress.ip_network(proxy, strict=False))
        except ValueError:
            logger.error("GONGKAI_TRUSTED_PROXIES 中的地址无效，已忽略：%s", proxy)
    return tuple(networks)


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def is_trusted_proxy(address):
    networks = _networks(tuple(settings.GONGKAI_TRUSTED_PROXIES))
    return address is not None and any(address in network for network in networks)


def client_address(request):
    """REMOTE_ADDR, or behind trusted proxies the last address in X-Forwarded-For that is not one of them;
    None without a valid REMOTE_ADDR."""
    remote_address = _address(request.META.get("REMOTE_ADDR", ""))
    if remote_address is None:  # not an address (a request built in code): nothing to key on, nor to store
        return None
    remote = str(remote_address)
    if not is_trusted_proxy(remote_address):
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:  # a forged or broken entry: the last trusted hop is all we know
            return remote
        if not is_trusted_proxy(address):
            return str(address)
    return remote


def login_locked_out(request, original_response=None, credentials=None):
    """django-axes' answer once an account is locked at this address: in Chinese, status 429."""
    hours = f"{settings.GONGKAI_LOGIN_COOLOFF_HOURS:g}"
    return render(
        request,
        "gongkai_site/login_locked_out.html",
        {"message": LOCKED_OUT % {"hours": hours}, "page_title": "登录已暂时锁定"},
        status=429,
    )


def already_recorded(target, ip_address):
    """axes signals again at each attempt while locked: one entry per lockout (per cool-off period)."""
    from datetime import timedelta

    from django.utils import timezone

    from audit.trail import entries

    since = timezone.now() - timedelta(hours=settings.GONGKAI_LOGIN_COOLOFF_HOURS)
    recent = entries(target).filter(timestamp__gte=since, data__step="login_locked_out")
    return any(entry.data.get("ip_address") == (ip_address or "") for entry in recent)


def record_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    """An audit entry for each lockout, on the account (or on axes' attempt record for an unknown name)."""
    from axes.models import AccessAttempt
    from django.contrib.auth import get_user_model

    from audit.trail import record

    account = get_user_model().objects.filter(username=username).first()
    target = account or AccessAttempt.objects.filter(username=username).order_by("-pk").first()
    if target is None or already_recorded(target, ip_address):
        return
    record(
        target,
        "登录锁定",
        step="login_locked_out",
        text=f"账号 {username} 在 {ip_address} 连续登录失败 {settings.GONGKAI_LOGIN_FAILURE_LIMIT} 次，已锁定。",
        username=username or "",
        ip_address=ip_address or "",
    )
