"""The 20-working-day clock of proactive disclosure (S1.4, S6.1)."""

from workdays.calendar import explain
from workdays.limits import time_limits
from workflow.deadlines import due_status


def review_deadline(review):
    """Due date of an item in review, explained day by day, with its basis."""
    days = review.deadline_override_days or time_limits().proactive
    return explain(review.formed, days)


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
