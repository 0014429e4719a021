"""政府信息公开工作年度报告 (rule 5, S5.1), read top to bottom like the office's rule.

综合科编写（正文与表二填报数据；系统按台账统计表三、表四，并逐项检查勾稽关系） → 政务公开领导小组审定
（退回则修改后重新提交） → 1月20日前报送州政府信息公开主管部门 → 公布期限前（条例第四十九条：1月31日）在门户网站公布（页面与 PDF）。
期限临近而尚未完成的，提前在综合科的待办中提醒。
"""

import datetime

from django.utils import timezone
from viewflow import this
from viewflow.workflow import flow, lock

from workflow.nodes import FormTask, decided

from . import forms, services
from .models import AnnualReportProcess, ReportPolicy

Decision = AnnualReportProcess.Decision
GENERAL_OFFICE = "annual_report.draft_annual_report"
LEADING_GROUP = "annual_report.approve_annual_report"


def reminder_at(deadline):
    """`remind_days` before a deadline, at the start of the working day."""
    policy = ReportPolicy.load()
    day = deadline(policy) - datetime.timedelta(days=policy.remind_days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


class AnnualReportFlow(flow.Flow):
    """政府信息公开工作年度报告"""

    process_class = AnnualReportProcess
    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle(this.open_report).Annotation(title="开始编写").Next(this.draft)

    draft = (
        FormTask(forms.DraftForm, drafts=True)
        .Annotation(title="综合科编写年度报告并提交审定")
        .Permission(GENERAL_OFFICE)
        .OnTimeout(
            this.submission_reminder_due, this.remind_submission, interrupting=False, title="报送期限临近"
        )
        .Next(this.leading_group_approval)
    )
    leading_group_approval = (
        FormTask(forms.ApprovalForm, approves=True)
        .Annotation(title="政务公开领导小组审定")
        .Permission(LEADING_GROUP)
        .Next(this.after_approval)
    )
    after_approval = flow.If(decided(Decision.RETURN)).Then(this.draft).Else(this.submit_to_authority)

    submit_to_authority = (
        FormTask(forms.SubmissionForm)
        .Annotation(title="报送州政府信息公开主管部门")
        .Permission(GENERAL_OFFICE)
        .OnTimeout(
            this.submission_reminder_due, this.remind_submission, interrupting=False, title="报送期限临近"
        )
        .Next(this.publish)
    )
    publish = (
        FormTask(forms.PublicationForm)
        .Annotation(title="在门户网站公布")
        .Permission(GENERAL_OFFICE)
        .OnTimeout(
            this.publication_reminder_due, this.remind_publication, interrupting=False, title="公布期限临近"
        )
        .Next(this.release)
    )
    release = flow.Function(this.publish_report).Annotation(title="生成 PDF 并公布").Next(this.end)
    end = flow.End()

    remind_submission = (
        FormTask(forms.ReminderForm)
        .Annotation(title="提醒：年度报告报送期限临近")
        .Permission(GENERAL_OFFICE)
        .Next(this.reminded)
    )
    remind_publication = (
        FormTask(forms.ReminderForm)
        .Annotation(title="提醒：年度报告公布期限临近")
        .Permission(GENERAL_OFFICE)
        .Next(this.reminded)
    )
    reminded = flow.End()

    def open_report(self, activation, report, user=None):
        return services.open_report(activation.process, report, user)

    def submission_reminder_due(self, activation):
        year = activation.process.report.year
        return reminder_at(lambda policy: policy.submit_by(year))

    def publication_reminder_due(self, activation):
        year = activation.process.report.year
        return reminder_at(lambda policy: policy.publish_by(year))

    def publish_report(self, activation):
        services.publish(activation.process.report)
