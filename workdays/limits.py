"""The one way to read a time limit: `time_limits().answer` is the answer limit in working days under the
regime in force (期限设置 in the admin).

Limits are read on every deadline (an inbox counts one per row), so, like the calendar, the setting is kept
in the shared cache, read from it once per request, and cleared in every process when it is saved.
"""

import threading

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import TimeLimits

CACHE_KEY = "workdays:time_limits"
CACHE_SECONDS = 300
_request = threading.local()


def time_limits(regime=None):
    """The limits in force, or those of `regime` ("seed" or "2019")."""
    return _setting().in_force(regime)


def _setting():
    setting = getattr(_request, "setting", None)
    if setting is None:
        setting = cache.get(CACHE_KEY)
        if setting is None:
            setting = TimeLimits.load()
            cache.set(CACHE_KEY, setting, CACHE_SECONDS)
        if getattr(_request, "active", False):
            _request.setting = setting
    return setting


@receiver(post_save, sender=TimeLimits)
def clear_cache(**kwargs):
    cache.delete(CACHE_KEY)
    _request.setting = None


@receiver(request_started)
@receiver(request_finished)
def _forget_request_setting(**kwargs):
    _request.setting = None
    _request.active = kwargs.get("signal") is request_started
