"""How near a due date is, in working days, as every inbox row shows it."""

from django.utils import timezone

from workdays.calendar import working_days_between

NEAR_DUE_WORKING_DAYS = 5


def due_status(due, today=None):
    today = today or timezone.localdate()
    left = working_days_between(today, due)
    if left < 0:
        return "overdue", f"已超期 {-left} 个工作日"
    if left <= NEAR_DUE_WORKING_DAYS:
        return "near", f"剩余 {left} 个工作日"
    return "ok", f"剩余 {left} 个工作日"
