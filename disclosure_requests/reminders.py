"""Deadline reminders to a request's handlers: 5 and 2 working days before the due date and on it (S6.2).

Run daily by `python manage.py request_reminders`. Each reminder is a row unique by request, due date and
moment, so a rerun sends nothing twice; a day the job did not run is caught up on the next run (the
tightest moment reached is sent). A due date moved by 补正, a pause or an extension is reminded afresh.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from gongkai_site.background import send_mail_later
from viewflow.workflow.status import STATUS

from workdays.calendar import working_days_between

from .models import DisclosureRequest, Reminder
from .services.record import note

MOMENTS = sorted(Reminder.Moment.values)  # 0, 2, 5


@dataclass
class Sent:
    request: DisclosureRequest
    moment: int
    recipients: list


def moment_reached(days_left):
    """The tightest reminder moment reached with `days_left` working days to go, or None."""
    return next((moment for moment in MOMENTS if 0 <= days_left <= moment), None)


def handlers_of(request):
    """Whoever holds the request's open tasks; for a pooled task, the section's officer and head."""
    process = getattr(request, "process", None)
    owners = []
    if process is not None:
        open_tasks = process.task_set.filter(status__in=[STATUS.NEW, STATUS.ASSIGNED], flow_task_type="HUMAN")
        owners = [task.owner for task in open_tasks.select_related("owner") if task.owner]
    department = request.department
    if not owners and department is not None:
        owners = [person for person in (department.information_officer, department.head) if person]
    return list(dict.fromkeys(owners))


def remind(request, moment):
    """Record and send one reminder; None when it was already sent."""
    people = handlers_of(request)
    names = "、".join(person.get_full_name() or person.get_username() for person in people) or "未指定经办人"
    try:
        with transaction.atomic():
            Reminder.objects.create(
                request=request, due_date=request.due_date, moment=moment, recipients=names
            )
    except IntegrityError:
        return None
    label = Reminder.Moment(moment).label
    text = f"{label}提醒：答复期限为{request.due_date:%Y年%m月%d日}，已提醒{names}"
    note(request, "期限提醒", text, step="reminder")
    addresses = [person.email for person in people if person.email]
    if addresses:
        subject = f"【依申请公开】{request.tracking_number} {label}"
        body = f"申请 {request.tracking_number} 的答复期限为{request.due_date:%Y年%m月%d日}（{label}），请及时办理。"
        send_mail_later(subject, body, addresses, about=request)
    return Sent(request, moment, people)


def send_due_reminders(today, progress=None):
    """Every reminder due on `today`; `progress(sent)` is called after each one sent."""
    sent = []
    waiting = DisclosureRequest.objects.waiting_for_answer().filter(due_date__gte=today)
    for request in waiting.select_related("department", "process").order_by("due_date", "pk"):
        moment = moment_reached(working_days_between(today, request.due_date))
        if moment is None:
            continue
        result = remind(request, moment)
        if result:
            sent.append(result)
            if progress:
                progress(result)
    return sent
