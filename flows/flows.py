"""信息发布保密审查: the review chain of rule 4, read top to bottom like the regulation.

信息员填写审核及保密审查表 → 科室负责人 → 分管领导 → 综合科收集 → 保密工作领导小组核准 →
（重大、疑难）主要领导批准 → 发布. Every step may return the item to the officer, or refer it to the
competent secrecy department and wait for its answer (S1.4, S3.3).
"""

from django.forms.models import construct_instance
from viewflow import this
from viewflow.workflow import flow, lock

from cms_pages.publication import authorised_publication

from . import forms
from .models import PublicationReview, ReviewOpinion
from .nodes import FormTask

Decision = ReviewOpinion.Decision


def decided(decision):
    return lambda activation: activation.process.last_decision == decision


def route_opinion(next_step):
    """After a review step: on to `next_step`, back to the officer, or to the secrecy department."""
    return (
        flow.Switch()
        .Case(this.return_to_officer, decided(Decision.RETURN))
        .Case(this.refer_to_secrecy_department, decided(Decision.REFER))
        .Default(next_step)
    )


class PublicationReviewFlow(flow.Flow):
    """信息发布保密审查"""

    process_class = PublicationReview
    lock_impl = lock.select_for_update_lock

    submit = flow.StartHandle(this.start_review).Annotation(title="信息员报送").Next(this.section_head_review)

    section_head_review = (
        FormTask(forms.OpinionForm)
        .Annotation(title="科室负责人审查")
        .Assign(lambda activation: activation.process.department.head)
        .Next(this.after_section_head)
    )
    after_section_head = route_opinion(this.leader_in_charge_review)

    leader_in_charge_review = (
        FormTask(forms.OpinionForm)
        .Annotation(title="分管领导审查")
        .Assign(lambda activation: activation.process.department.leader_in_charge)
        .Next(this.after_leader_in_charge)
    )
    after_leader_in_charge = route_opinion(this.general_office_collects)

    general_office_collects = (
        FormTask(forms.OpinionForm)
        .Annotation(title="综合科收集审查")
        .Permission("flows.collect_review")
        .Next(this.after_general_office)
    )
    after_general_office = route_opinion(this.confidentiality_group_approval)

    confidentiality_group_approval = (
        FormTask(forms.OpinionForm)
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
        FormTask(forms.FinalApprovalForm)
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

    def start_review(self, activation, page, user, review_form):
        review = construct_instance(review_form, activation.process)
        review.page = page
        review.revision = page.get_latest_revision()
        review.submitted_by = user
        review.save()
        review.channels.set(review_form.cleaned_data["channels"])
        forms.lock_page(page)
        forms.record_opinion(activation, user, Decision.SUBMIT, "填写审核及保密审查表，报送审查")
        return review

    def publish_approved_revision(self, activation):
        review = activation.process
        with authorised_publication(f"发布审核 #{review.pk}"):
            review.revision.publish(user=self.final_approver(review), skip_permission_checks=True)
        forms.unlock_page(review.page)
        item = review.page.specific
        item.channels.set(review.channels.all())
        review.outcome = PublicationReview.Outcome.PUBLISHED
        review.save(update_fields=["outcome"])

    def unlock_for_revision(self, activation):
        forms.unlock_page(activation.process.page)

    def close_without_publishing(self, activation):
        review = activation.process
        forms.unlock_page(review.page)
        withdrawn = activation.flow_task.name == "withdraw"
        review.outcome = (
            PublicationReview.Outcome.WITHDRAWN if withdrawn else PublicationReview.Outcome.WITHHELD
        )
        review.save(update_fields=["outcome"])

    @staticmethod
    def final_approver(review):
        return review.opinions.filter(decision=Decision.APPROVE).latest("decided_at").reviewer
