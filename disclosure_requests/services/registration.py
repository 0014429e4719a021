"""From arrival to a complete request: registration, the completeness review and 补正 (S2.2, S2.4)."""

from django.utils import timezone

from workdays.calendar import add_working_days
from workdays.limits import time_limits

from .. import clock, letters
from ..models import DisclosureRequest, RequestProcess
from .answer import REPORT_ROW_OF_KIND
from .record import decide, move_to, note, step_note

Decision = RequestProcess.Decision
Status = DisclosureRequest.Status


def register(process, user, *, signed_on=None, confirmed_on=None, remark=""):
    """综合科 registers the request; for post, fax, e-mail and letters the day receipt was established."""
    request = process.request
    if request.received_date is None:
        request.signed_on, request.confirmed_on = signed_on, confirmed_on
        request.save()  # the model derives received_date from the channel and these days
    if not request.clock_entries.exists():
        clock.start(request, user=user)
    move_to(request, Status.REGISTERED)
    request.handlers.add(user)
    step_note(
        process, "register", f"登记，收到申请之日 {request.received_date:%Y-%m-%d}。{remark}", user=user
    )


def accept_as_complete(process, user):
    step_note(process, "review_completeness", "申请内容完整，予以受理", user=user, decision=Decision.COMPLETE)
    decide(process, Decision.COMPLETE)


def supplement_list(items):
    """The items of a 补正告知书, one per line, without the numbers staff may have typed."""
    return [line.strip().lstrip("0123456789.、） ").strip() for line in items.splitlines() if line.strip()]


def ask_for_supplement(process, user, items, period_days=None):
    """One notice listing every item, with a reasonable period; the clock stops meanwhile."""
    request, today = process.request, timezone.localdate()
    process.supplement_items = items.strip()
    process.supplement_due = add_working_days(today, period_days or time_limits().supplement)
    process.save(update_fields=["supplement_items", "supplement_due"])
    clock.stop_for_supplement(request, today, user=user)
    move_to(request, Status.AWAITING_SUPPLEMENT)
    letters.issue(
        request,
        "supplement_notice",
        user,
        items_to_supplement=supplement_list(process.supplement_items),
        supplement_deadline=process.supplement_due,
    )
    text = f"告知补正，期限至{process.supplement_due:%Y-%m-%d}：{process.supplement_items}"
    step_note(process, "review_completeness", text, user=user, decision=Decision.INCOMPLETE)
    decide(process, Decision.INCOMPLETE)


def notice_day(request):
    """The day the last 补正告知书 went out."""
    return request.clock_entries.filter(kind="supplement_stop").latest("date", "pk").date


def record_supplement(process, user, received_on, text, upload=None):
    """The applicant supplemented: the clock restarts from `received_on`; `user` None is the applicant
    online."""
    request = process.request
    process.supplement_text = text
    if upload:
        process.supplement_file = upload
    process.save(update_fields=["supplement_text", "supplement_file"])
    clock.restart_after_supplement(request, received_on, user=user)
    move_to(request, Status.REGISTERED)
    who = "申请人网上补正" if user is None else Decision.SUPPLEMENTED.label
    step_note(process, "await_supplement", f"{who}。{text}", user=user, decision=Decision.SUPPLEMENTED)
    decide(process, Decision.SUPPLEMENTED)


def allow_more_time(process, user, new_due, reason):
    """The applicant gave a good reason: a later 补正 period."""
    process.supplement_due = new_due
    process.save(update_fields=["supplement_due"])
    text = f"{Decision.GOOD_REASON.label}。{reason}"
    step_note(process, "await_supplement", text, user=user, decision=Decision.GOOD_REASON)
    decide(process, Decision.GOOD_REASON)


def record_not_supplemented(process, user, remark=""):
    text = f"{Decision.NOT_SUPPLEMENTED.label}。{remark}"
    step_note(process, "await_supplement", text, user=user, decision=Decision.NOT_SUPPLEMENTED)
    decide(process, Decision.NOT_SUPPLEMENTED)


def close_deemed_withdrawn(process):
    """The period passed without a good reason: 视为未申请, and the applicant is told in writing."""
    request = process.request
    request.status = Status.WITHDRAWN
    request.answer_kind = DisclosureRequest.AnswerKind.DEEMED_WITHDRAWN
    request.report_row = REPORT_ROW_OF_KIND[request.answer_kind]
    request.answered_on = timezone.localdate()
    request.save()
    letters.issue(request, "deemed_withdrawn", None, supplement_deadline=process.supplement_due)
    note(request, "视为未申请", "逾期无正当理由未补正，不再处理，已书面告知申请人", step="deemed_withdrawn")
