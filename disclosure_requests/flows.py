"""依申请公开 (rule 2), read top to bottom like the regulation.

综合科登记 → 审查是否完整 → (不完整) 一次性告知补正，停止计时 → 申请人补正，重新计时；逾期无正当理由
不补正 → 视为未申请，终止 → 交承办科室 → 科室拟定答复（制度二第五条七种情形之一，并写明依据和理由）
→ [涉及第三方：征求意见书，暂停计时，15个工作日内答复；不同意则不公开，除非因公共利益决定公开并书面告知]
→ [需要延期：分管领导批准，只能一次，最长15个工作日] → [申请减免费用：信息公开工作机构负责人决定]
→ 分管领导审批答复 → 出具答复书 → 按申请人选择的方式送达 → 归档。
"""

import datetime

from django.utils import timezone
from viewflow import this
from viewflow.workflow import flow, lock

from workflow.nodes import FormTask, decided

from . import flow_forms as forms
from .models import RequestProcess
from .services import answer, registration

Decision = RequestProcess.Decision
GENERAL_OFFICE = "disclosure_requests.register_request"


def section_officer(activation):
    department = activation.process.request.department
    return department.information_officer or department.head


def leader_in_charge(activation):
    department = activation.process.request.department
    return department.leader_in_charge or department.head


class DisclosureRequestFlow(flow.Flow):
    """政府信息公开申请办理"""

    process_class = RequestProcess
    lock_impl = lock.select_for_update_lock

    receive = flow.StartHandle(this.open_request).Annotation(title="收到申请").Next(this.register)

    register = (
        FormTask(forms.RegisterForm, drafts=True)
        .Annotation(title="综合科登记")
        .Permission(GENERAL_OFFICE)
        .Next(this.review_completeness)
    )
    review_completeness = (
        FormTask(forms.CompletenessForm)
        .Annotation(title="审查申请是否完整")
        .Permission(GENERAL_OFFICE)
        .Next(this.after_review)
    )
    after_review = flow.If(decided(Decision.INCOMPLETE)).Then(this.await_supplement).Else(this.assign_section)

    await_supplement = (
        FormTask(forms.SupplementForm)
        .Annotation(title="等待申请人补正")
        .Permission(GENERAL_OFFICE)
        .OnTimeout(this.supplement_period_over, this.deemed_withdrawn, title="补正期限届满")
        .Next(this.after_supplement)
    )
    after_supplement = (
        flow.Switch()
        .Case(this.review_completeness, decided(Decision.SUPPLEMENTED))
        .Case(this.await_supplement, decided(Decision.GOOD_REASON))
        .Default(this.deemed_withdrawn)
    )
    deemed_withdrawn = (
        flow.Function(this.close_deemed_withdrawn).Annotation(title="视为未申请").Next(this.end)
    )

    assign_section = (
        FormTask(forms.AssignForm)
        .Annotation(title="交承办科室")
        .Permission(GENERAL_OFFICE)
        .Next(this.draft_answer)
    )
    draft_answer = (
        FormTask(forms.AnswerForm, drafts=True)
        .Annotation(title="承办科室拟定答复")
        .Assign(section_officer)
        .Next(this.after_draft)
    )
    after_draft = (
        flow.Switch()
        .Case(this.send_third_party_letter, decided(Decision.CONSULT))
        .Case(this.approve_extension, decided(Decision.EXTEND))
        .Default(this.check_fee_waiver)
    )

    send_third_party_letter = (
        FormTask(forms.ThirdPartyLetterForm)
        .Annotation(title="发出征求第三方意见书")
        .Assign(section_officer)
        .Next(this.third_party_reply)
    )
    third_party_reply = (
        FormTask(forms.ThirdPartyReplyForm)
        .Annotation(title="登记第三方意见")
        .Assign(section_officer)
        .Next(this.draft_answer)
    )

    approve_extension = (
        FormTask(forms.ExtensionApprovalForm, approves=True)
        .Annotation(title="分管领导审批延期")
        .Assign(leader_in_charge)
        .Next(this.draft_answer)
    )

    check_fee_waiver = (
        flow.If(lambda activation: bool(activation.process.request.fee_waiver_ground))
        .Then(this.decide_fee_waiver)
        .Else(this.leader_approval)
    )
    decide_fee_waiver = (
        FormTask(forms.FeeWaiverForm)
        .Annotation(title="决定费用减免")
        .Permission("disclosure_requests.decide_fee_waiver")
        .Next(this.leader_approval)
    )

    leader_approval = (
        FormTask(forms.LeaderApprovalForm, approves=True)
        .Annotation(title="分管领导审批答复")
        .Assign(leader_in_charge)
        .Next(this.after_approval)
    )
    after_approval = flow.If(decided(Decision.RETURN)).Then(this.draft_answer).Else(this.issue_answer)

    issue_answer = flow.Function(this.record_answer).Annotation(title="出具答复书").Next(this.deliver)
    deliver = (
        FormTask(forms.DeliveryForm).Annotation(title="送达").Permission(GENERAL_OFFICE).Next(this.archive)
    )
    archive = flow.Function(this.close_archived).Annotation(title="归档").Next(this.end)

    end = flow.End()

    def open_request(self, activation, request):
        activation.process.request = request
        activation.process.save()
        return activation.process

    def approver(self, process):
        """The leader who approved the answer signs it off; the letter is issued in their name."""
        approval = process.task_set.filter(flow_task=self.leader_approval).order_by("-finished").first()
        return approval.owner if approval else None

    def supplement_period_over(self, activation):
        """The first moment after the last day of the 补正 period (the day itself is the applicant's)."""
        day_after = activation.process.supplement_due + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))

    def close_deemed_withdrawn(self, activation):
        registration.close_deemed_withdrawn(activation.process)

    def record_answer(self, activation):
        answer.issue_answer(activation.process, self.approver(activation.process))

    def close_archived(self, activation):
        answer.archive(activation.process)
