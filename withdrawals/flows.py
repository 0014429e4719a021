"""撤回公开, read top to bottom: 信息员或综合科申请（写明理由）→ 科室负责人审核 → 综合科批准 → 系统撤回并记录."""

from viewflow import this
from viewflow.workflow import flow, lock

from workflow.nodes import FormTask

from . import forms, services
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
        data = request_form.cleaned_data
        return services.open_request(
            activation.process, activation.flow_task, page, user, data["department"], data["reason"]
        )

    def take_down(self, activation):
        services.take_down(activation.process)

    def close_refused(self, activation):
        services.close(activation.process, Withdrawal.Outcome.REFUSED)
