"""Taking in a request from any channel, and what the applicant may see and do of it."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from gongkai_site.background import send_mail_later

from .. import clock
from ..models import DisclosureRequest, RequestCounter
from .registration import record_supplement, supplement_list

logger = logging.getLogger(__name__)

NOT_FOUND = "未找到该申请：请核对申请编号和查询码。"


@transaction.atomic
def submit(form, channel, *, user=None, submitted_at=None, **extra):
    """Save a valid form as a new request: tracking number, access code, receipt date, clock.

    Returns (request, access_code); the code is shown once and only its hash is kept.
    """
    request = form.save(commit=False)
    submitted_at = submitted_at or timezone.now()
    request.channel = channel
    request.submitted_at = submitted_at
    for name, value in extra.items():
        setattr(request, name, value)
    request.tracking_number = RequestCounter.next_number(timezone.localdate(submitted_at).year)
    code = request.set_access_code()
    request.save()
    form.save_m2m()
    repeat = request.find_repeat()
    if repeat:
        request.repeat_of = repeat
        request.save(update_fields=["repeat_of"])
    if request.received_date:
        clock.start(request, user=user)
        request.refresh_from_db()
    from ..flows import DisclosureRequestFlow
    from ..letters import LetterError, issue

    DisclosureRequestFlow.receive.run(request=request)
    if request.received_date:
        try:
            issue(request, "registration_receipt", user)
        except LetterError:  # e.g. the agency is not set up yet: the request stands, staff issue it later
            logger.exception("registration receipt of %s not issued", request.tracking_number)
    return request, code


def notify_applicant(request, code, site_url=""):
    """Email the tracking number and access code, when the applicant gave an address."""
    if not request.email:
        return False
    status_url = f"{site_url}{reverse('disclosure_requests:status')}"
    due = f"{request.due_date:%Y年%m月%d日}" if request.due_date else "登记后告知"
    body = (
        f"{request.name}：\n\n您的政府信息公开申请已收到。\n"
        f"申请编号：{request.tracking_number}\n查询码：{code}\n"
        f"收到申请日期：{request.received_date:%Y年%m月%d日}\n答复期限：{due}\n\n"
        f"凭申请编号和查询码可在 {status_url} 查询办理进度、下载告知书。请妥善保管查询码。\n"
    )
    send_mail_later("政府信息公开申请已收到", body, [request.email], about=request)
    return True


def find_for_applicant(tracking_number, code):
    """The request, only when both the number and the code are right; otherwise None, the same either way."""
    request = DisclosureRequest.objects.filter(tracking_number=(tracking_number or "").strip()).first()
    if request is None:
        # spend the same time on a hash as a real check would
        DisclosureRequest(access_code_hash="").set_access_code()
        return None
    return request if request.check_access_code(code) else None


PUBLIC_STATUS = {
    DisclosureRequest.Status.SUBMITTED: "已收到，待登记",
    DisclosureRequest.Status.REGISTERED: "已登记，正在审查",
    DisclosureRequest.Status.AWAITING_SUPPLEMENT: "请按补正告知书补正申请",
    DisclosureRequest.Status.IN_PROGRESS: "正在办理",
    DisclosureRequest.Status.CONSULTING: "正在征求意见（期间不计入答复期限）",
    DisclosureRequest.Status.AWAITING_APPROVAL: "正在办理",
    DisclosureRequest.Status.ANSWERED: "已答复",
    DisclosureRequest.Status.DELIVERED: "已答复并送达",
    DisclosureRequest.Status.ARCHIVED: "已办结",
    DisclosureRequest.Status.WITHDRAWN: "逾期未补正，视为未申请",
    DisclosureRequest.Status.TRANSFERRED: "已转有关部门处理",
}


def overdue_requests(today):
    """Requests not answered by their due date (S6.2), for 综合科 and the accountability register."""
    return DisclosureRequest.objects.overdue(today)


def unregistered_requests(today):
    """Requests still not registered the working day after they arrived (S2.2, S2.4)."""
    return DisclosureRequest.objects.unregistered(today)


def waiting_supplement_task(request):
    from viewflow.workflow.status import STATUS

    from ..flows import DisclosureRequestFlow

    process = getattr(request, "process", None)
    if process is None:
        return None
    return process.task_set.filter(
        flow_task=DisclosureRequestFlow.await_supplement, status__in=[STATUS.NEW, STATUS.ASSIGNED]
    ).first()


def supplement_online(request, text, upload=None):
    """The applicant's 补正 from the status page: the step 综合科 records for a counter supplement, so the
    clock restarts today and the request goes back to the completeness review."""
    task = waiting_supplement_task(request)
    if task is None:
        raise ValidationError("该申请当前不需要补正。")
    with task.activation() as activation:
        if activation.task.status == "NEW":
            activation.assign(None)
        activation.start(None)
        record_supplement(activation.process, None, timezone.localdate(), text, upload)
        activation.execute()


def public_status(request, url_for_letter=None):
    """What the applicant sees: no names of staff, no section, no other personal data."""
    from ..letters import letters_for_applicant

    letters = letters_for_applicant(request)
    supplement = None
    if request.status == DisclosureRequest.Status.AWAITING_SUPPLEMENT:
        process = request.process
        supplement = {
            "items": supplement_list(process.supplement_items),
            "deadline": process.supplement_due.isoformat() if process.supplement_due else None,
        }
    return {
        "tracking_number": request.tracking_number,
        "status": PUBLIC_STATUS.get(request.status, request.get_status_display()),
        "received_date": request.received_date.isoformat() if request.received_date else None,
        "due_date": request.due_date.isoformat() if request.due_date else None,
        "due_date_provisional": request.due_date_provisional,
        "answered_on": request.answered_on.isoformat() if request.answered_on else None,
        "supplement": supplement,
        "letters": [
            {"title": letter.title, "url": url_for_letter(letter) if url_for_letter else ""}
            for letter in letters
        ],
    }
