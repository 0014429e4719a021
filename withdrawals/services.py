"""What each step of 撤回公开 means: forms validate and call these, as the flow's handlers do."""

from wagtail.log_actions import log

from audit.trail import entries, record
from cms_pages.publication import authorised_publication

from .models import Withdrawal

Decision = Withdrawal.Decision


def record_step(withdrawal, flow_task, user, decision, text=""):
    return record(
        withdrawal,
        str(flow_task.task_title),
        user=user,
        step=flow_task.name,
        decision=decision,
        decision_label=Decision(decision).label,
        text=text,
    )


def open_request(withdrawal, flow_task, page, user, department, reason):
    """信息员 or 综合科 asks for the item to come down, with the reason and the section to review it."""
    withdrawal.page, withdrawal.requested_by = page, user
    withdrawal.department, withdrawal.reason = department, reason
    withdrawal.save()
    record_step(withdrawal, flow_task, user, Decision.REQUEST, reason)
    return withdrawal


def decide(withdrawal, flow_task, user, decision, opinion=""):
    """The section head's review or 综合科's approval: agree, or refuse with the reason."""
    record_step(withdrawal, flow_task, user, decision, opinion)
    withdrawal.last_decision = decision
    withdrawal.save(update_fields=["last_decision"])


def take_down(withdrawal):
    """The only unpublication of an item outside the importer: authorised, and recorded with its reason."""
    approver = entries(withdrawal).filter(data__decision=Decision.APPROVE).last().user
    item = withdrawal.page.specific
    with authorised_publication(f"撤回公开 #{withdrawal.pk}"):
        item.unpublish(user=approver, log_action=False)
    log(
        instance=item,
        action="withdrawals.withdraw",
        user=approver,
        data={
            "withdrawal": withdrawal.pk,
            "reason": withdrawal.reason,
            "requested_by": withdrawal.requested_by.get_username(),
        },
    )
    close(withdrawal, Withdrawal.Outcome.WITHDRAWN)


def close(withdrawal, outcome):
    withdrawal.outcome = outcome
    withdrawal.save(update_fields=["outcome"])
