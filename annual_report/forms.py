"""The forms 综合科 and the leading group fill in, in the admin and in the inbox."""

from django import forms
from django.utils import timezone

from workflow.forms import ISODateInput, TaskForm

from . import services, statistics, tables
from .models import AnnualReport, AnnualReportProcess, ProactiveFigure

Decision = AnnualReportProcess.Decision


class ReportContentForm(forms.ModelForm):
    """The narrative parts and table 二's office-entered figures of one report."""

    class Meta:
        model = AnnualReport
        fields = services.NARRATIVE_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in services.NARRATIVE_FIELDS}

    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["loaded_version"].initial = self.instance.updated_at.isoformat()
        self.fields["overview"].help_text += f"。可用占位符：{services.PLACEHOLDER_NAMES}"
        stored = {f.key: f for f in ProactiveFigure.objects.filter(year=self.instance.year)}
        self.figure_fields = {}
        for number, (block, row, column) in enumerate(tables.entered_cells(self.instance.report_format)):
            key = tables.figure_key(block, row, column)
            name = f"figure_{number}"
            figure = stored.get(key)
            self.fields[name] = forms.DecimalField(
                label=f"表二 {block.caption}：{row} — {column}",
                required=False,
                max_digits=14,
                decimal_places=2,
                min_value=None if "增/减" in column else 0,
                initial=statistics.number(figure.value) if figure else None,
                help_text=(
                    f"由 {figure.entered_by} 于 {timezone.localtime(figure.entered_at):%Y-%m-%d %H:%M} 填报"
                    if figure and figure.entered_by
                    else "本机关掌握的数据，没有的填 0"
                ),
            )
            self.figure_fields[name] = key

    def clean(self):
        cleaned = super().clean()
        if not self.instance.editable:
            raise forms.ValidationError("报告已提交审定，不能再修改；如需修改，请领导小组退回。")
        current = (
            AnnualReport.objects.filter(pk=self.instance.pk).values_list("updated_at", flat=True).first()
        )
        if cleaned.get("loaded_version") and current and cleaned["loaded_version"] != current.isoformat():
            raise forms.ValidationError(
                "他人已修改并保存了本报告。请复制您的修改，刷新页面后再保存，以免覆盖他人的内容。"
            )
        return cleaned

    def save(self):
        values = {key: self.cleaned_data[name] for name, key in self.figure_fields.items()}
        return services.save_draft(self.instance, values, self.user)


class DraftForm(TaskForm):
    """综合科 submits the draft for approval: the figures are checked, then fixed for the approvers."""

    note = forms.CharField(
        label="报送审定说明",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="正文与表二数据请在“年度报告”页面编辑；提交前系统按勾稽关系逐项检查",
    )

    def clean(self):
        cleaned = super().clean()
        report = self.task.process.coerced.report
        for problem in services.problems(report):
            self.add_error(None, str(problem))
        return cleaned

    def save(self, activation):
        services.submit_for_approval(
            activation.process, activation.flow_task, self.user, self.cleaned_data["note"]
        )


class ApprovalForm(TaskForm):
    """政务公开领导小组 approves the report, or returns it to 综合科 with its reasons."""

    decision = forms.ChoiceField(
        label="审定结论",
        widget=forms.RadioSelect,
        choices=[
            (Decision.APPROVE.value, Decision.APPROVE.label),
            (Decision.RETURN.value, Decision.RETURN.label),
        ],
    )
    opinion = forms.CharField(
        label="审定意见",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="退回修改时请写明需要修改的内容",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == Decision.RETURN and not cleaned.get("opinion", "").strip():
            self.add_error("opinion", "退回修改时，请写明需要修改的内容。")
        return cleaned

    def save(self, activation):
        services.decide_approval(
            activation.process,
            activation.flow_task,
            self.user,
            self.cleaned_data["decision"],
            self.cleaned_data["opinion"],
        )


class SubmissionForm(TaskForm):
    """综合科 records that the approved report went to the prefecture's disclosure authority."""

    submitted_on = forms.DateField(label="报送日期", widget=ISODateInput(), help_text="报送州主管部门之日")
    reference = forms.CharField(
        label="报送文号或方式", max_length=200, help_text="如：楚乡振报〔2026〕2号，或经省级平台报送"
    )

    def clean_submitted_on(self):
        day = self.cleaned_data["submitted_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("报送日期不能晚于今天。")
        return day

    def save(self, activation):
        data = self.cleaned_data
        services.record_submission(
            activation.process, activation.flow_task, self.user, data["submitted_on"], data["reference"]
        )


class PublicationForm(TaskForm):
    """综合科 publishes the report on the portal: its page and PDF go live."""

    confirm = forms.BooleanField(
        label="确认在门户网站公布", help_text="公布后公众可在“政府信息公开年度报告”栏目查看和下载 PDF"
    )

    def save(self, activation):
        services.confirm_publication(activation.process, activation.flow_task, self.user)


class ReminderForm(TaskForm):
    """A deadline is near: 综合科 acknowledges, saying where the report stands."""

    how = forms.CharField(
        label="处理情况", widget=forms.Textarea(attrs={"rows": 3}), help_text="报告目前的进度和预计完成时间"
    )

    def save(self, activation):
        services.acknowledge_reminder(
            activation.process, activation.flow_task, self.user, self.cleaned_data["how"]
        )


class StartForm(forms.Form):
    year = forms.IntegerField(label="报告年度", min_value=2008, help_text="统计 1月1日至12月31日")

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year >= timezone.localdate().year + 1:
            raise forms.ValidationError("只能编写已开始年度的报告。")
        if AnnualReport.objects.filter(year=year).exclude(processes=None).exists():
            raise forms.ValidationError(f"{year}年度报告已在编写，请在列表中打开。")
        return year
