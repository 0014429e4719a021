"""撤回公开, read top to bottom: 信息员或综合科申请（写明理由）→ 科室负责人审核 → 综合科批准 → 系统撤回并记录."""

from viewflow import this
from viewflow.workflow import flow, lock
from wagtail.log_actions import log

from audit.trail import entries
from cms_pages.publication import authorised_publication
from workflow.nodes import FormTask

from . import forms
from .models import Withdrawal

Decision = Withdrawal.Decision


def approved(activation):
    return activation.process.last_decision == Decision.APPROVE


class WithdrawalFlow(flow.Flow):
    """撤回公开"""

    process_class = Withdrawal
    lock_impl = lock.select_for_update_lock

    start = (
        flow.StartHandle(this.open_request).Annotation(title="申请撤回公开").Next(this.section_head_review)
    )

    section_head_review = (
        FormTask(forms.DecisionForm)
        .Annotation(title="科室负责人审核撤回")
        .Assign(lambda activation: activation.process.department.head)
        .Next(this.after_section_head)
    )
    after_section_head = flow.If(approved).Then(this.general_office_approval).Else(this.refuse)

    general_office_approval = (
        FormTask(forms.DecisionForm)
        .Annotation(title="综合科批准撤回")
        .Permission("withdrawals.approve_withdrawal")
        .Next(this.after_general_office)
    )
    after_general_office = flow.If(approved).Then(this.withdraw).Else(this.refuse)

    withdraw = flow.Function(this.take_down).Annotation(title="撤回公开").Next(this.end)
    refuse = flow.Function(this.close_refused).Annotation(title="不予撤回").Next(this.end)
    end = flow.End()

    def open_request(self, activation, page, user, request_form):
        withdrawal = activation.process
        withdrawal.page, withdrawal.requested_by = page, user
        withdrawal.department = request_form.cleaned_data["department"]
        withdrawal.reason = request_form.cleaned_data["reason"]
        withdrawal.save()
        forms.record_step(activation, user, Decision.REQUEST, withdrawal.reason)
        return withdrawal

    def take_down(self, activation):
        """The only unpublication of an item outside the importer: authorised, and recorded with its reason."""
        withdrawal = activation.process
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
        self.close(withdrawal, Withdrawal.Outcome.WITHDRAWN)

    def close_refused(self, activation):
        self.close(activation.process, Withdrawal.Outcome.REFUSED)

    @staticmethod
    def close(withdrawal, outcome):
        withdrawal.outcome = outcome
        withdrawal.save(update_fields=["outcome"])
