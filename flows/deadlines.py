"""The 20-working-day clock of proactive disclosure (S1.4, S6.1)."""

from django.utils import timezone

from workdays.calendar import explain, working_days_between
from workdays.limits import time_limits

NEAR_DUE_WORKING_DAYS = 5


def review_deadline(review):
    """Due date of an item in review, explained day by day, with its basis."""
    days = review.deadline_override_days or time_limits().proactive
    return explain(review.formed, days)


def due_status(due, today=None):
    today = today or timezone.localdate()
    left = working_days_between(today, due)
    if left < 0:
        return "overdue", f"已超期 {-left} 个工作日"
    if left <= NEAR_DUE_WORKING_DAYS:
        return "near", f"剩余 {left} 个工作日"
    return "ok", f"剩余 {left} 个工作日"


def reviews_near_or_past_due(today=None):
    """Items in review near or past their limit, soonest first: rows of review, due, state and text."""
    from .models import PublicationReview

    rows = []
    in_review = PublicationReview.objects.filter(outcome=PublicationReview.Outcome.IN_REVIEW)
    for review in in_review.select_related("page", "department"):
        due = review_deadline(review).due
        state, text = due_status(due, today)
        if state != "ok":
            rows.append({"review": review, "due": due, "state": state, "text": text})
    return sorted(rows, key=lambda row: row["due"])
