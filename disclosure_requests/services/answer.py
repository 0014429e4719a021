"""From the section's draft to the archive: consultation, extension, fees, approval, the answer letter
and its delivery (S2.5–S2.8, S6.2)."""

from django.utils import timezone

from workdays.calendar import add_working_days
from workdays.limits import time_limits

from .. import clock, letters
from ..models import DisclosureRequest, RequestPolicy, RequestProcess
from .record import decide, move_to, note, step_note

Decision = RequestProcess.Decision
AnswerKind = DisclosureRequest.AnswerKind
Status = DisclosureRequest.Status

# The row of table 三 each answer follows from its kind (a refusal's row is chosen with its reason): a
# choice of the law, not of the table, so it is written out here (tests check every value is a result row).
REPORT_ROW_OF_KIND = {
    AnswerKind.ALREADY_PUBLIC: "予以公开",
    AnswerKind.DISCLOSED: "予以公开",
    AnswerKind.PARTIAL: "部分公开",
    AnswerKind.NOT_EXIST: "无法提供/本机关不掌握相关政府信息",
    AnswerKind.OTHER_AGENCY: "无法提供/本机关不掌握相关政府信息",
    AnswerKind.TRANSFERRED: "不予处理/信访举报投诉类申请",
    AnswerKind.REPEAT: "不予处理/重复申请",
    AnswerKind.NOT_GOVERNMENT_INFORMATION: "其他处理/其他",
    AnswerKind.DEEMED_WITHDRAWN: "其他处理/申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    AnswerKind.CORRECTED: "其他处理/其他",
    AnswerKind.CORRECTION_TRANSFERRED: "其他处理/其他",
}


def assign_section(process, user, department):
    request = process.request
    request.department = department
    request.status = Status.IN_PROGRESS
    request.save(update_fields=["department", "status", "updated_at"])
    step_note(process, "assign_section", f"交{department}办理", user=user)


def draft_answer(
    process,
    user,
    *,
    answer_kind,
    refusal_row="",
    legal_ground="",
    reason="",
    other_agency="",
    other_agency_contact="",
):
    """The section's answer, one of the kinds of S2.5 (S2.9 for a correction), for the leader to approve."""
    request = process.request
    request.answer_kind = answer_kind
    request.report_row = (
        refusal_row if answer_kind == AnswerKind.REFUSED else REPORT_ROW_OF_KIND.get(answer_kind, "")
    )
    request.legal_ground, request.reason = legal_ground, reason
    request.other_agency, request.other_agency_contact = other_agency, other_agency_contact
    request.status = Status.AWAITING_APPROVAL
    request.save()
    text = f"拟答复：{request.get_answer_kind_display()}。{reason}"
    step_note(process, "draft_answer", text, user=user, decision=Decision.ANSWER)
    decide(process, Decision.ANSWER)


def propose_consultation(process, user, third_party, reason):
    """The answer may harm a third party's lawful rights: ask it first (S2.6)."""
    process.third_party, process.third_party_reason = third_party, reason
    process.save(update_fields=["third_party", "third_party_reason"])
    step_note(
        process, "draft_answer", f"拟征求第三方意见：{third_party}", user=user, decision=Decision.CONSULT
    )
    decide(process, Decision.CONSULT)


def propose_extension(process, user, days, reason):
    process.extension_days_requested, process.extension_reason = days, reason
    process.save(update_fields=["extension_days_requested", "extension_reason"])
    step_note(
        process, "draft_answer", f"申请延长{days}个工作日：{reason}", user=user, decision=Decision.EXTEND
    )
    decide(process, Decision.EXTEND)


def send_third_party_letter(process, user, sent_on):
    """征求第三方意见书 sent: the clock is paused until the reply (S2.6)."""
    request = process.request
    clock.pause(request, sent_on, user=user, basis=f"征求{process.third_party}意见")
    move_to(request, Status.CONSULTING)
    reply_due = add_working_days(sent_on, time_limits().third_party)
    letters.issue_to_third_party(
        process,
        "third_party_consultation",
        user,
        reason=process.third_party_reason,
        reply_deadline=reply_due,
        issued_date=sent_on,
    )
    text = f"向{process.third_party}发出征求意见书，请于{reply_due:%Y-%m-%d}前答复"
    step_note(process, "send_third_party_letter", text, user=user)


def record_third_party_reply(
    process, user, reply, received_on, public_interest_override=False, public_interest_reason=""
):
    """The reply, or none; a refusal binds unless the public interest overrides it, told in writing (S2.6)."""
    request = process.request
    process.third_party_reply = reply
    process.public_interest_override = public_interest_override
    process.public_interest_reason = public_interest_reason
    process.save(update_fields=["third_party_reply", "public_interest_override", "public_interest_reason"])
    clock.resume(request, received_on, user=user)
    move_to(request, Status.IN_PROGRESS)
    text = f"{process.third_party}：{process.get_third_party_reply_display()}"
    if public_interest_override:
        letters.issue_to_third_party(process, "public_interest_notice", user, reason=public_interest_reason)
        text += f"；因公共利益决定公开，书面告知第三方：{public_interest_reason}"
    elif reply == "refuse":
        text += "；不予公开"
    step_note(process, "third_party_reply", text, user=user)


def approve_extension(process, user, opinion=""):
    """The leader in charge approves: once, at most the limit; the applicant is told in writing (S6.2)."""
    request, days = process.request, process.extension_days_requested
    clock.extend(request, days, timezone.localdate(), user=user, basis="分管领导批准延期")
    request.refresh_from_db()
    letters.issue(request, "extension_notice", user, reason=process.extension_reason, extension_days=days)
    text = f"同意延长{days}个工作日，书面告知申请人。{opinion}"
    step_note(process, "approve_extension", text, user=user, decision=Decision.APPROVE)
    decide(process, Decision.APPROVE)


def refuse_extension(process, user, opinion=""):
    step_note(process, "approve_extension", f"不同意延期。{opinion}", user=user, decision=Decision.RETURN)
    decide(process, Decision.RETURN)


def decide_fee_waiver(process, user, approved, fee_amount=0):
    """The head of the disclosure office waives the fee or not; the applicant gets the decision (S2.8)."""
    request = process.request
    request.fee_waiver_approved = approved
    request.fee_amount = 0 if approved else fee_amount
    request.save(update_fields=["fee_waiver_approved", "fee_amount", "updated_at"])
    verdict = "同意减免" if approved else f"不予减免，收费{request.fee_amount}元"
    letters.issue(
        request,
        "fee_decision",
        user,
        waiver_ground=request.get_fee_waiver_ground_display(),
        waiver_decision=verdict,
        fee_amount=f"{request.fee_amount:.2f}",
        fee_standard=RequestPolicy.current().fee_standard,
    )
    step_note(
        process, "decide_fee_waiver", f"{request.get_fee_waiver_ground_display()}：{verdict}", user=user
    )


def approve_answer(process, user, opinion=""):
    step_note(process, "leader_approval", f"同意答复。{opinion}", user=user, decision=Decision.APPROVE)
    decide(process, Decision.APPROVE)


def return_answer(process, user, opinion):
    """Back to the section, with the reason."""
    move_to(process.request, Status.IN_PROGRESS)
    step_note(process, "leader_approval", f"退回修改。{opinion}", user=user, decision=Decision.RETURN)
    decide(process, Decision.RETURN)


def issue_answer(process, approver):
    """The 答复书, in the name of the leader who approved it."""
    request = process.request
    request.answered_on = timezone.localdate()
    request.status = Status.ANSWERED
    request.save(update_fields=["answered_on", "status", "updated_at"])
    letters.issue_answer(request, approver)
    note(request, "出具答复书", f"答复书：{request.get_answer_kind_display()}", step="issue_answer")


def deliver(process, user, delivered_on, how):
    """The answer delivered as the applicant chose (S2.7)."""
    request = process.request
    request.delivered_on = delivered_on
    request.status = Status.DELIVERED
    request.save(update_fields=["delivered_on", "status", "updated_at"])
    step_note(process, "deliver", f"{request.get_delivery_display()}送达：{how}", user=user)


def archive(process):
    request = process.request
    request.status = Status.ARCHIVED
    request.save(update_fields=["status", "updated_at"])
