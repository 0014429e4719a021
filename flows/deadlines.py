"""The 20-working-day clock of proactive disclosure (S1.4, S6.1)."""

from django.utils import timezone

from workdays.calendar import explain, working_days_between

PROACTIVE_LIMIT_DAYS = 20
NEAR_DUE_WORKING_DAYS = 5


def review_deadline(review):
    """Due date of an item in review, explained day by day, with its basis."""
    days = review.deadline_override_days or PROACTIVE_LIMIT_DAYS
    return explain(review.formed, days)


def due_status(due, today=None):
    today = today or timezone.localdate()
    left = working_days_between(today, due)
    if left < 0:
        return "overdue", f"已超期 {-left} 个工作日"
    if left <= NEAR_DUE_WORKING_DAYS:
        return "near", f"剩余 {left} 个工作日"
    return "ok", f"剩余 {left} 个工作日"
