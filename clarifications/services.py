"""What each step of rule 9 does to a case: the flow, the admin views, the forms and the tests call these.

Every step is written to the case's audit trail; `step` is the flow node that ran (its name and title).
"""

from django.utils import timezone

from audit.trail import record
from cms_pages.publication import authorised_publication
from letters.issuing import issue_letter
from letters.kinds import LetterKind
from organisation.models import Agency

from .models import Clarification, ClarificationNoticePage
from .setup import ensure_notice_listing

Outcome = Clarification.Outcome
APPROVE, RETURN = "approve", "return"
ASSESSMENT_FIELDS = ("is_truthful", "is_complete", "harm", "assessment", "route")
PLAN_FIELDS = ("notice_title", "notice_body", "methods", "issued_in_name_of", "is_sensitive", "other_units")
LETTER_FIELDS = ("receiving_unit", "letter_reason")


def record_step(case, step, user, decision_label, text=""):
    return record(
        case,
        str(step.task_title),
        user=user,
        step=step.name,
        decision_label=decision_label,
        text=text,
    )


def update_fields(case, values, names):
    for name in names:
        setattr(case, name, values[name])
    case.save(update_fields=list(names))


def register_case(
    case, step, user, *, title, content, spread, found_on, department, is_emergency=False, emergency_basis=""
):
    """登记 (S9.1): who found what, where it spread, and which section assesses it."""
    case.title, case.content, case.spread, case.found_on = title, content, spread, found_on
    case.department, case.is_emergency, case.emergency_basis = department, is_emergency, emergency_basis
    case.registered_by = user
    case.save()
    emergency = f"突发事件，依据：{case.emergency_basis}" if case.is_emergency else ""
    record_step(case, step, user, f"登记，交{case.department}研判", emergency)
    return case


def assess(case, step, user, findings):
    """科室研判 (S9.4, S9.5): true? complete? how harmful? and which way it is clarified."""
    update_fields(case, findings, ASSESSMENT_FIELDS)
    record_step(
        case,
        step,
        user,
        f"{case.get_route_display()}（真实：{case.get_is_truthful_display()}；"
        f"完整：{case.get_is_complete_display()}；危害{case.get_harm_display()}）",
        case.assessment,
    )


def draft_plan(case, step, user, plan, channels):
    """澄清方案 (S9.5, S9.7): the notice, its channels and methods, and in whose name it goes out."""
    update_fields(case, plan, PLAN_FIELDS)
    case.channels.set(channels)
    names = "、".join(channel.name for channel in channels)
    record_step(
        case, step, user, f"拟{case.get_issued_in_name_of_display()}澄清，渠道：{names}", case.methods
    )


def draft_letter(case, step, user, letter):
    """移送或报告: to whom and why; the letter itself is issued once the case is approved."""
    update_fields(case, letter, LETTER_FIELDS)
    record_step(case, step, user, f"拟函至{case.receiving_unit}", case.letter_reason)


def record_consent(case, step, user, agreed, note):
    """涉及其他单位职责的，先征得其同意 (S9.7); a refusal sends the case back to the section."""
    case.last_decision = APPROVE if agreed else RETURN
    case.save(update_fields=["last_decision"])
    decision = "涉及单位均同意" if agreed else "有单位不同意，退回科室重新研判"
    record_step(case, step, user, decision, note)


def decide(case, step, user, approved, note, approval_document=""):
    """主要领导或州人民政府审批 (S9.7): approve the plan or letter, or return the case to the section."""
    case.last_decision = APPROVE if approved else RETURN
    case.approved_by = user if approved else None
    if approved and approval_document:
        case.approval_document = approval_document
    case.save(update_fields=["last_decision", "approved_by", "approval_document"])
    record_step(case, step, user, "同意" if approved else "不同意，退回科室重新研判", note)


def publish_notice(case, step):
    """在门户网站发布澄清公告 (S9.8), in the name of the one who approved it."""
    notice = ClarificationNoticePage(
        title=case.notice_title,
        slug=f"clarification-{case.pk}",
        notice_date=timezone.localdate(),
        issuer=issuer(case),
        body=case.notice_body,
        live=False,
    )
    with authorised_publication(f"澄清审批 #{case.pk}"):
        ensure_notice_listing().add_child(instance=notice)
        notice.save_revision(user=case.approved_by).publish(
            user=case.approved_by, skip_permission_checks=True
        )
    case.notice, case.published_at, case.outcome = notice, timezone.now(), Outcome.PUBLISHED
    case.save(update_fields=["notice", "published_at", "outcome"])
    record_step(case, step, case.approved_by, "已在门户网站发布澄清公告", notice.title)
    return notice


def record_other_channels(case, step, user, note):
    """其他渠道发布情况 (S9.8)."""
    record_step(case, step, user, "已在其他渠道发布", note)


def send_transfer_letter(case, step):
    return send_letter(case, step, LetterKind.CLARIFICATION_TRANSFER, Outcome.TRANSFERRED)


def send_report(case, step):
    return send_letter(case, step, LetterKind.CLARIFICATION_REPORT, Outcome.REPORTED)


def send_letter(case, step, kind, outcome):
    context = {
        "receiving_unit": case.receiving_unit,
        "false_information": case.content,
        "spread": case.spread,
        "found_date": case.found_on,
        "assessment": case.assessment,
        "reason": case.letter_reason,
    }
    case.letter = issue_letter(
        kind, context, subject=case, recipient=case.receiving_unit, user=case.approved_by
    )
    case.outcome = outcome
    case.save(update_fields=["letter", "outcome"])
    record_step(case, step, case.approved_by, f"已发{case.letter.title}（{case.letter.letter_number}）")
    return case.letter


def close_as_not_needed(case):
    case.outcome = Outcome.NOT_NEEDED
    case.save(update_fields=["outcome"])


def issuer(case):
    return issuer_in_name_of(case.issued_in_name_of)


def issuer_in_name_of(name):
    """The notice's issuer, from the agency record: the agency, or its 上一级行政机关 (the 州人民政府)."""
    agency = Agency.current()
    if agency is None:
        return ""
    return agency.superior_government if name == Clarification.Name.PREFECTURE else agency.name
