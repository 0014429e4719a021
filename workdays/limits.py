"""The one way to read a time limit: `time_limits().answer` is the answer limit in working days under the
regime in force (期限设置 in the admin)."""

from .models import TimeLimits


def time_limits(regime=None):
    """The limits in force, or those of `regime` ("seed" or "2019")."""
    return TimeLimits.load().in_force(regime)
