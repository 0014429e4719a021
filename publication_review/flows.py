"""The publication processes, each read top to bottom like the regulation.

信息发布保密审查 (rule 4): 信息员填写审核及保密审查表 → 科室负责人 → 分管领导 → [征求其他机关意见、
会签 (rule 8)] → 综合科收集 → 保密工作领导小组核准 → (重大、疑难) 主要领导批准 → 发布. Every step may
return the item to the officer, or refer it to the competent secrecy department and wait (S1.4, S3.3).

征求意见 (rule 8): one sub-process per agency, all in parallel: 发函 → 复函 (reminder when no reply
in 15 working days) → 不同意则协商 → 协商不成报领导小组 → 报州主管部门协调.

工作动态 (S4.5, S4.6): 综合科编辑初审并盖章 → 分管宣传工作的领导审批 (疑难报主要领导) → 信息发布员发布.
"""

from django.forms.models import construct_instance
from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.status import STATUS

from workflow.nodes import FormTask, decided

from . import forms, services
from .documents import reply_due_at
from .models import Consultation, PublicationReview

Decision = PublicationReview.Decision


def route_opinion(next_step):
    """After a review step: on to `next_step`, back to the officer, or to the secrecy department."""
    return (
        flow.Switch()
        .Case(this.return_to_officer, decided(Decision.RETURN))
        .Case(this.refer_to_secrecy_department, decided(Decision.REFER))
        .Default(next_step)
    )


class PublicationSteps:
    """The work both publication flows do: take the submission, publish or close it."""

    def start_review(self, activation, page, user, review_form):
        review = construct_instance(review_form, activation.process)
        channels = review_form.cleaned_data["channels"]
        return services.start_review(review, activation.flow_task, page, user, channels)

    def publish_approved_revision(self, activation):
        services.publish(activation.process)

    def unlock_for_revision(self, activation):
        services.unlock_page(activation.process.page)

    def close_without_publishing(self, activation):
        withdrawn = activation.flow_task.name == "withdraw"
        Outcome = PublicationReview.Outcome
        services.close(activation.process, Outcome.WITHDRAWN if withdrawn else Outcome.WITHHELD)


class PublicationReviewFlow(PublicationSteps, flow.Flow):
    """信息发布保密审查"""

    process_class = PublicationReview
    lock_impl = lock.select_for_update_lock

    submit = flow.StartHandle(this.start_review).Annotation(title="信息员报送").Next(this.section_head_review)

    section_head_review = (
        FormTask(forms.OpinionForm, approves=True)
        .Annotation(title="科室负责人审查")
        .Assign(lambda activation: activation.process.department.head)
        .Next(this.after_section_head)
    )
    after_section_head = route_opinion(this.leader_in_charge_review)

    leader_in_charge_review = (
        FormTask(forms.OpinionForm, approves=True)
        .Annotation(title="分管领导审查")
        .Assign(lambda activation: activation.process.department.leader_in_charge)
        .Next(this.after_leader_in_charge)
    )
    after_leader_in_charge = route_opinion(this.check_other_agencies)

    check_other_agencies = (
        flow.If(lambda activation: activation.process.agencies_to_consult())
        .Then(this.consult_other_agencies)
        .Else(this.general_office_collects)
    )
    consult_other_agencies = (
        flow.Function(this.start_consultations)
        .Annotation(title="征求其他机关意见")
        .Next(this.consultations_answered)
    )
    consultations_answered = (
        flow.Handle(this.record_consultation_results)
        .Annotation(title="等待各机关意见")
        .Next(this.after_consultations)
    )
    after_consultations = (
        flow.If(lambda activation: activation.process.consultations.exclude(outcome="agreed").exists())
        .Then(this.withhold)
        .Else(this.general_office_collects)
    )

    general_office_collects = (
        FormTask(forms.OpinionForm, approves=True)
        .Annotation(title="综合科收集审查")
        .Permission("flows.collect_review")
        .Next(this.after_general_office)
    )
    after_general_office = route_opinion(this.confidentiality_group_approval)

    confidentiality_group_approval = (
        FormTask(forms.OpinionForm, approves=True)
        .Annotation(title="保密工作领导小组审查核准")
        .Permission("flows.approve_confidentiality")
        .Next(this.after_confidentiality_group)
    )
    after_confidentiality_group = route_opinion(this.check_major)

    check_major = (
        flow.If(lambda activation: activation.process.is_major)
        .Then(this.main_leader_approval)
        .Else(this.publish)
    )

    main_leader_approval = (
        FormTask(forms.FinalApprovalForm, approves=True)
        .Annotation(title="主要领导批准")
        .Permission("flows.approve_major")
        .Next(this.after_main_leader)
    )
    after_main_leader = route_opinion(this.publish)

    publish = flow.Function(this.publish_approved_revision).Annotation(title="发布").Next(this.end)

    return_to_officer = flow.Function(this.unlock_for_revision).Annotation(title="退回修改").Next(this.revise)
    revise = (
        FormTask(forms.ResubmitForm)
        .Annotation(title="信息员修改后重新报审")
        .Assign(lambda activation: activation.process.submitted_by)
        .Next(this.after_revision)
    )
    after_revision = flow.If(decided(Decision.SUBMIT)).Then(this.section_head_review).Else(this.withdraw)

    refer_to_secrecy_department = (
        FormTask(forms.SecrecyDepartmentAnswerForm)
        .Annotation(title="报保密部门确定")
        .Permission("flows.collect_review")
        .Next(this.after_secrecy_department)
    )
    after_secrecy_department = (
        flow.Switch()
        .Case(this.withhold, decided(Decision.RETURN))
        .Case(
            this.section_head_review,
            lambda activation: activation.process.referred_from == "section_head_review",
        )
        .Case(
            this.leader_in_charge_review,
            lambda activation: activation.process.referred_from == "leader_in_charge_review",
        )
        .Case(
            this.general_office_collects,
            lambda activation: activation.process.referred_from == "general_office_collects",
        )
        .Default(this.confidentiality_group_approval)
    )

    withhold = flow.Function(this.close_without_publishing).Annotation(title="不予发布").Next(this.end)
    withdraw = flow.Function(this.close_without_publishing).Annotation(title="撤回").Next(this.end)

    end = flow.End()

    def start_consultations(self, activation):
        for agency, kind in activation.process.agencies_to_consult():
            ConsultationFlow.start.run(review=activation.process, agency=agency, kind=kind)

    def record_consultation_results(self, activation):
        """Every consultation has ended; the outcomes are on the consultation rows."""


class ConsultationFlow(flow.Flow):
    """征求意见、会签"""

    process_class = Consultation
    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle(this.open_consultation).Annotation(title="启动征求意见").Next(this.send_letter)

    send_letter = (
        FormTask(forms.SendLetterForm)
        .Annotation(title="发送征求意见函")
        .Permission("flows.collect_review")
        .Next(this.record_reply)
    )
    record_reply = (
        FormTask(forms.ReplyForm)
        .Annotation(title="登记书面复函")
        .Permission("flows.collect_review")
        .OnTimeout(this.reply_due, this.chase_reply, interrupting=False, title="复函逾期")
        .Next(this.check_reply)
    )
    chase_reply = (
        FormTask(forms.ReminderForm)
        .Annotation(title="催办复函")
        .Permission("flows.collect_review")
        .Next(this.chased)
    )
    chased = flow.End()

    check_reply = (
        flow.If(lambda activation: activation.process.reply_agrees).Then(this.agreed).Else(this.negotiate)
    )
    negotiate = (
        FormTask(forms.NegotiationForm)
        .Annotation(title="业务科室沟通协商")
        .Assign(lambda activation: activation.process.review.department.head)
        .Next(this.check_negotiation)
    )
    check_negotiation = (
        flow.If(lambda activation: activation.process.reply_agrees)
        .Then(this.agreed)
        .Else(this.refer_to_authority)
    )
    refer_to_authority = (
        FormTask(forms.ReferToAuthorityForm)
        .Annotation(title="领导小组报请州主管部门协调")
        .Permission("flows.decide_coordination")
        .Next(this.authority_answer)
    )
    authority_answer = (
        FormTask(forms.AuthorityAnswerForm)
        .Annotation(title="登记州主管部门协调结果")
        .Permission("flows.collect_review")
        .Next(this.check_authority)
    )
    check_authority = (
        flow.If(lambda activation: activation.process.reply_agrees).Then(this.agreed).Else(this.refused)
    )

    agreed = flow.Function(this.close_agreed).Annotation(title="同意发布").Next(this.end)
    refused = flow.Function(this.close_refused).Annotation(title="不同意发布").Next(this.end)
    end = flow.End()

    def open_consultation(self, activation, review, agency, kind):
        return services.open_consultation(activation.process, review, agency, kind)

    def reply_due(self, activation):
        return reply_due_at(activation.process.sent_on)

    def close_agreed(self, activation):
        self.close(activation.process, Consultation.Outcome.AGREED)

    def close_refused(self, activation):
        self.close(activation.process, Consultation.Outcome.REFUSED)

    @staticmethod
    def close(consultation, outcome):
        """The review goes on once its last consultation has ended."""
        if services.close_consultation(consultation, outcome):
            waiting = consultation.review.task_set.get(
                flow_task=PublicationReviewFlow.consultations_answered, status=STATUS.NEW
            )
            PublicationReviewFlow.consultations_answered.run(waiting)


class NewsReviewFlow(PublicationSteps, flow.Flow):
    """工作动态审核发布"""

    process_class = PublicationReview
    lock_impl = lock.select_for_update_lock

    submit = (
        flow.StartHandle(this.start_review)
        .Annotation(title="报送工作动态")
        .Next(this.general_office_first_review)
    )

    general_office_first_review = (
        FormTask(forms.NewsReviewForm, approves=True)
        .Annotation(title="综合科编辑初审")
        .Permission("flows.collect_review")
        .Next(this.after_first_review)
    )
    after_first_review = (
        flow.If(decided(Decision.RETURN)).Then(this.return_to_officer).Else(this.publicity_leader_approval)
    )
    publicity_leader_approval = (
        FormTask(forms.PublicityApprovalForm, approves=True)
        .Annotation(title="分管宣传工作的领导审批")
        .Permission("flows.approve_publicity")
        .Next(this.after_publicity_leader)
    )
    after_publicity_leader = (
        flow.Switch()
        .Case(this.return_to_officer, decided(Decision.RETURN))
        .Case(this.main_leader_approval, decided(Decision.ESCALATE))
        .Default(this.post_news)
    )
    main_leader_approval = (
        FormTask(forms.FinalApprovalForm, approves=True)
        .Annotation(title="主要领导审批")
        .Permission("flows.approve_major")
        .Next(this.after_main_leader)
    )
    after_main_leader = flow.If(decided(Decision.RETURN)).Then(this.return_to_officer).Else(this.post_news)
    post_news = (
        FormTask(forms.PostNewsForm, approves=True)
        .Annotation(title="信息发布员上网发布")
        .Permission("flows.post_news")
        .Next(this.publish)
    )
    publish = flow.Function(this.publish_approved_revision).Annotation(title="发布").Next(this.end)

    return_to_officer = flow.Function(this.unlock_for_revision).Annotation(title="退回修改").Next(this.revise)
    revise = (
        FormTask(forms.ResubmitForm)
        .Annotation(title="修改后重新报送")
        .Assign(lambda activation: activation.process.submitted_by)
        .Next(this.after_revision)
    )
    after_revision = (
        flow.If(decided(Decision.SUBMIT)).Then(this.general_office_first_review).Else(this.withdraw)
    )
    withdraw = flow.Function(this.close_without_publishing).Annotation(title="撤回").Next(this.end)
    end = flow.End()
