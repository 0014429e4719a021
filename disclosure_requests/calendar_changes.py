"""When the working-day calendar changes, every open request's due date is counted again (DESIGN 14).

Each change is written into the request's handling record with before → after, so the office can
show why a date moved; reminders and the breach check then read the new date.
"""

from audit.trail import record

from .clock import clock_for
from .models import DisclosureRequest


def recount_due_dates(**kwargs):
    for request in DisclosureRequest.objects.waiting_for_answer().exclude(due_date=None):
        due = clock_for(request).due
        if due is None or due == request.due_date:
            continue
        before, request.due_date = request.due_date, due
        request.save(update_fields=["due_date", "updated_at"])
        record(
            request,
            "工作日历变更，重新计算答复期限",
            step="calendar_changed",
            changes=[("答复期限", f"{before:%Y-%m-%d}", f"{due:%Y-%m-%d}")],
        )
