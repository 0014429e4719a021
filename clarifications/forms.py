"""The forms of rule 9: registering a case, and each step's form in the admin inbox."""

from django import forms
from django.utils import timezone

from cms_pages.models import Channel
from workflow.forms import ISODateInput, TaskForm, yes_no_field

from . import services
from .models import WEBSITE, Clarification
from .services import APPROVE, RETURN

Route, Truth = Clarification.Route, Clarification.Truth


class RegisterForm(forms.ModelForm):
    """登记: any member of staff who finds suspected false or incomplete information (S9.1)."""

    class Meta:
        model = Clarification
        fields = ["title", "content", "spread", "found_on", "department", "is_emergency", "emergency_basis"]
        widgets = {
            "found_on": ISODateInput(),
            "content": forms.Textarea(attrs={"rows": 4}),
            "spread": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_found_on(self):
        found_on = self.cleaned_data["found_on"]
        if found_on > timezone.localdate():
            raise forms.ValidationError("发现日期不能晚于今天。")
        return found_on

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_emergency") and not cleaned.get("emergency_basis", "").strip():
            self.add_error("emergency_basis", "突发事件须写明所依据的应急处置规定（制度九第九条）。")
        return cleaned


class ProcessFieldsForm(TaskForm):
    """A step that fills some of the case's own fields; a returned case shows what was entered before."""

    process_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        case = self.task.process.coerced
        for name in self.process_fields:
            self.initial.setdefault(name, getattr(case, name))


def choice_field(label, choices, **kwargs):
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect, **kwargs)


class AssessmentForm(ProcessFieldsForm):
    """科室研判 (S9.4): true? complete? how harmful? and how to clarify it (S9.5)."""

    process_fields = services.ASSESSMENT_FIELDS

    is_truthful = choice_field("信息是否真实", Truth.choices, help_text="与事实是否相符")
    is_complete = choice_field("信息是否完整", Truth.choices, help_text="是否缺少关键内容、断章取义")
    harm = choice_field("危害程度", Clarification.Harm.choices, help_text="对社会稳定、社会管理秩序的影响")
    assessment = forms.CharField(
        label="研判意见",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="核实了什么、向谁核实，事实是什么",
    )
    route = choice_field("处理方式", Route.choices, help_text="涉及谁、谁澄清；无法确认的报上级主管部门")

    def clean(self):
        cleaned = super().clean()
        truthful, complete, route = (
            cleaned.get("is_truthful"),
            cleaned.get("is_complete"),
            cleaned.get("route"),
        )
        if not (truthful and complete and route):
            return cleaned
        accurate = truthful == complete == Truth.YES
        unconfirmed = Truth.UNKNOWN in (truthful, complete)
        if route == Route.NONE and not accurate:
            self.add_error("route", "只有信息真实且完整时才可不予澄清。")
        elif route == Route.REPORT and not unconfirmed:
            self.add_error("route", "已能确认真伪的，应由本机关澄清或移送职责单位，不必报上级主管部门。")
        elif route == Route.CLARIFY and unconfirmed:
            self.add_error("route", "无法确认真伪的信息不能由本机关澄清，请报上级主管部门。")
        elif route in (Route.CLARIFY, Route.TRANSFER) and accurate:
            self.add_error("route", "信息真实且完整，无需澄清。")
        return cleaned

    def save(self, activation):
        services.assess(activation.process, activation.flow_task, self.user, self.cleaned_data)


class PlanForm(ProcessFieldsForm):
    """澄清方案 (S9.5, S9.7): content, channels, methods, and what decides the approval level."""

    process_fields = services.PLAN_FIELDS

    notice_title = forms.CharField(
        label="公告标题", max_length=100, help_text="如：关于网传“扶贫资金停发”的澄清公告"
    )
    notice_body = forms.CharField(
        label="澄清内容",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="将作为澄清公告正文发布，每行一段",
    )
    channels = forms.ModelMultipleChoiceField(
        label="发布渠道",
        queryset=Channel.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text="澄清公告一律在门户网站发布；其他渠道发布后须登记发布情况（制度九第八条）",
    )
    methods = forms.CharField(
        label="澄清方式",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="如：发布澄清公告、召开新闻发布会、发送短信",
    )
    issued_in_name_of = choice_field(
        "发布名义", Clarification.Name.choices, help_text="以州人民政府名义的，须报州人民政府审批"
    )
    is_sensitive = forms.BooleanField(label="重要或敏感", required=False, help_text="须报州人民政府审批")
    other_units = forms.CharField(
        label="涉及的其他单位",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="澄清内容涉及其职责的单位，每行一个；须先征得其同意",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        case = self.task.process.coerced
        chosen = case.channels.all() if case.channels.exists() else Channel.objects.filter(code=WEBSITE)
        self.initial.setdefault("channels", chosen)
        self.initial["notice_title"] = case.notice_title or f"关于“{case.title}”的澄清公告"

    def clean_channels(self):
        channels = self.cleaned_data["channels"]
        if not any(channel.code == WEBSITE for channel in channels):
            raise forms.ValidationError("澄清信息须在门户网站发布（制度九第八条），请勾选“门户网站”。")
        return channels

    def clean_issued_in_name_of(self):
        name = self.cleaned_data["issued_in_name_of"]
        if name == Clarification.Name.PREFECTURE and not services.issuer_in_name_of(name):
            raise forms.ValidationError("本机关的上一级行政机关尚未填写，请先在“机构与人员 › 机关”中填写。")
        return name

    def save(self, activation):
        services.draft_plan(
            activation.process,
            activation.flow_task,
            self.user,
            self.cleaned_data,
            self.cleaned_data["channels"],
        )


class LetterDraftForm(ProcessFieldsForm):
    """移送或报告: to whom, and why; the letter is issued once the main leader approves."""

    process_fields = services.LETTER_FIELDS
    unit_label, unit_help, reason_help = "", "", ""

    receiving_unit = forms.CharField(label="接收单位", max_length=100)
    letter_reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiving_unit"].label = self.unit_label
        self.fields["receiving_unit"].help_text = self.unit_help
        self.fields["letter_reason"].help_text = self.reason_help

    def save(self, activation):
        services.draft_letter(activation.process, activation.flow_task, self.user, self.cleaned_data)


class TransferForm(LetterDraftForm):
    unit_label = "职责单位"
    unit_help = "该信息涉及其职责、应由其澄清的单位，如：楚雄州财政局"
    reason_help = "为什么属于该单位的职责，将写入移送函"


class ReportForm(LetterDraftForm):
    unit_label = "上级主管部门"
    unit_help = "如：云南省乡村振兴局"
    reason_help = "为什么本机关无法确认，将写入报告"


class ConsentForm(TaskForm):
    """涉及其他单位职责的，先征得其同意 (S9.7)."""

    agreed = yes_no_field("各单位意见", choices=[("1", "均同意澄清方案"), ("0", "有单位不同意")])
    record = forms.CharField(
        label="征求意见情况",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="每个单位的意见、答复人和答复时间",
    )

    def save(self, activation):
        services.record_consent(
            activation.process,
            activation.flow_task,
            self.user,
            self.cleaned_data["agreed"],
            self.cleaned_data["record"],
        )


class ApprovalForm(TaskForm):
    """主要领导审批 (S9.7: 以本机关名义): approve, or return to the section with reasons."""

    decision = choice_field(
        "审批意见", [(APPROVE, "同意"), (RETURN, "退回科室重新研判")], help_text="同意后即按方案发布或发函"
    )
    opinion = forms.CharField(
        label="意见", required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="退回时请写明理由"
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == RETURN and not cleaned.get("opinion", "").strip():
            self.add_error("opinion", "退回时请写明理由。")
        return cleaned

    def save(self, activation):
        approved = self.cleaned_data["decision"] == APPROVE
        services.decide(
            activation.process, activation.flow_task, self.user, approved, self.cleaned_data["opinion"]
        )


class PrefectureApprovalForm(TaskForm):
    """州人民政府审批 (S9.7: 以州人民政府名义，或重要、敏感): 综合科 records the reply and its number."""

    approved = yes_no_field("州人民政府批复", choices=[("1", "同意"), ("0", "不同意")])
    document_number = forms.CharField(
        label="批复文号", max_length=60, required=False, help_text="如：楚政办复〔2026〕12号；同意时必填"
    )
    opinion = forms.CharField(label="批复要点", widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("approved") and not cleaned.get("document_number", "").strip():
            self.add_error("document_number", "请填写州人民政府批复的文号。")
        return cleaned

    def save(self, activation):
        document_number = self.cleaned_data["document_number"].strip()
        services.decide(
            activation.process,
            activation.flow_task,
            self.user,
            self.cleaned_data["approved"],
            f"{document_number} {self.cleaned_data['opinion']}".strip(),
            approval_document=document_number,
        )


class OtherChannelsForm(TaskForm):
    """其他渠道发布情况 (S9.8): when and how the clarification went out beyond the website."""

    record = forms.CharField(
        label="发布情况",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="每个渠道的发布时间、媒体名称、版面或栏目",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = "、".join(channel.name for channel in self.task.process.coerced.other_channels())
        self.fields["record"].label = f"发布情况（{names}）"

    def save(self, activation):
        services.record_other_channels(
            activation.process, activation.flow_task, self.user, self.cleaned_data["record"]
        )
