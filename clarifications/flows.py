"""澄清虚假或不完整信息 (rule 9), read top to bottom like the rule:

登记 → 涉及职责的科室研判（是否真实、完整，危害程度，如何澄清）→ 本机关澄清（方案）、移送职责单位、
或无法确认的报上级主管部门 → [涉及其他单位职责的，先征得其同意] → 审批：以州人民政府名义或重要、
敏感的报州人民政府，以本机关名义的报主要领导 → 在门户网站发布澄清公告，登记其他渠道的发布情况。
"""

from viewflow import this
from viewflow.workflow import flow, lock

from workflow.nodes import FormTask, decided

from . import forms, services
from .models import Clarification

Route = Clarification.Route
COORDINATE = "clarifications.coordinate_clarification"


def routed(route):
    return lambda activation: activation.process.route == route


def section_head(activation):
    return activation.process.department.head


class ClarificationFlow(flow.Flow):
    """澄清虚假或不完整信息"""

    process_class = Clarification
    lock_impl = lock.select_for_update_lock

    register = flow.StartHandle(this.open_case).Annotation(title="登记").Next(this.assess)

    assess = FormTask(forms.AssessmentForm).Annotation(title="科室研判").Assign(section_head).Next(this.route)
    route = (
        flow.Switch()
        .Case(this.draft_plan, routed(Route.CLARIFY))
        .Case(this.draft_transfer, routed(Route.TRANSFER))
        .Case(this.draft_report, routed(Route.REPORT))
        .Default(this.close_not_needed)
    )

    draft_plan = (
        FormTask(forms.PlanForm, drafts=True)
        .Annotation(title="制定澄清方案")
        .Assign(section_head)
        .Next(this.other_units)
    )
    other_units = (
        flow.If(lambda activation: activation.process.units_to_consult())
        .Then(this.other_units_consent)
        .Else(this.approval_level)
    )
    other_units_consent = (
        FormTask(forms.ConsentForm)
        .Annotation(title="征得涉及单位同意")
        .Permission(COORDINATE)
        .Next(this.after_consent)
    )
    after_consent = flow.If(decided(services.RETURN)).Then(this.assess).Else(this.approval_level)

    draft_transfer = (
        FormTask(forms.TransferForm, drafts=True)
        .Annotation(title="拟移送职责单位")
        .Assign(section_head)
        .Next(this.approval_level)
    )
    draft_report = (
        FormTask(forms.ReportForm, drafts=True)
        .Annotation(title="拟报上级主管部门")
        .Assign(section_head)
        .Next(this.approval_level)
    )

    approval_level = (
        flow.If(lambda activation: activation.process.needs_prefecture_approval())
        .Then(this.prefecture_approval)
        .Else(this.main_leader_approval)
    )
    prefecture_approval = (
        FormTask(forms.PrefectureApprovalForm)
        .Annotation(title="报州人民政府审批")
        .Permission(COORDINATE)
        .Next(this.after_approval)
    )
    main_leader_approval = (
        FormTask(forms.ApprovalForm, approves=True)
        .Annotation(title="主要领导审批")
        .Permission("clarifications.approve_clarification")
        .Next(this.after_approval)
    )
    after_approval = (
        flow.Switch()
        .Case(this.assess, decided(services.RETURN))
        .Case(this.publish, routed(Route.CLARIFY))
        .Case(this.transfer, routed(Route.TRANSFER))
        .Default(this.report)
    )

    publish = flow.Function(this.publish_notice).Annotation(title="发布澄清公告").Next(this.other_channels)
    other_channels = (
        flow.If(lambda activation: activation.process.other_channels().exists())
        .Then(this.record_other_channels)
        .Else(this.end)
    )
    record_other_channels = (
        FormTask(forms.OtherChannelsForm)
        .Annotation(title="登记其他渠道发布情况")
        .Assign(section_head)
        .Next(this.end)
    )

    transfer = flow.Function(this.send_transfer_letter).Annotation(title="移送职责单位").Next(this.end)
    report = flow.Function(this.send_report).Annotation(title="报上级主管部门").Next(this.end)
    close_not_needed = flow.Function(this.close_as_not_needed).Annotation(title="无需澄清").Next(this.end)

    end = flow.End()

    def open_case(self, activation, details, user):
        return services.register_case(activation.process, activation.flow_task, user, **details)

    def publish_notice(self, activation):
        services.publish_notice(activation.process, activation.flow_task)

    def send_transfer_letter(self, activation):
        services.send_transfer_letter(activation.process, activation.flow_task)

    def send_report(self, activation):
        services.send_report(activation.process, activation.flow_task)

    def close_as_not_needed(self, activation):
        services.close_as_not_needed(activation.process)
