"""The forms reviewers fill in their inbox: each validates, then calls the step's service."""

from django import forms
from django.utils import timezone

from workflow.forms import ISODateInput, TaskForm, yes_no_field

from . import services
from .models import Consultation, PublicationReview
from .submitted import submitted_title

Decision = PublicationReview.Decision


class OpinionForm(TaskForm):
    """Approve, return to the officer with comments, or refer to the secrecy department."""

    decisions = [Decision.APPROVE, Decision.RETURN, Decision.REFER]

    decision = forms.ChoiceField(label="审查结论", widget=forms.RadioSelect)
    opinion = forms.CharField(
        label="审查意见",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="同意时可简写；退回或报保密部门时请写明理由，将记入审核及保密审查表",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [(decision.value, decision.label) for decision in self.decisions]

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") in (Decision.RETURN, Decision.REFER)
            and not cleaned.get("opinion", "").strip()
        ):
            self.add_error("opinion", "退回修改或报保密部门确定时，请写明理由。")
        return cleaned

    def save(self, activation):
        services.give_opinion(
            activation.process,
            activation.flow_task,
            self.user,
            self.cleaned_data["decision"],
            self.cleaned_data["opinion"],
            stamped=self.cleaned_data.get("stamped", False),
        )


class FinalApprovalForm(OpinionForm):
    """The main leader approves or returns; there is no one above to refer to."""

    decisions = [Decision.APPROVE, Decision.RETURN]


class SecrecyDepartmentAnswerForm(TaskForm):
    """综合科 records the competent secrecy department's answer (S1.4, S3.3)."""

    department = forms.CharField(label="保密部门", max_length=100, help_text="如：楚雄州国家保密局")
    may_publish = forms.TypedChoiceField(
        label="确定结果",
        choices=[("1", "可以公开"), ("0", "不得公开")],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label="答复内容", widget=forms.Textarea(attrs={"rows": 4}), help_text="答复的文号与要点"
    )

    def save(self, activation):
        data = self.cleaned_data
        services.record_secrecy_answer(
            activation.process,
            activation.flow_task,
            self.user,
            data["department"],
            data["may_publish"],
            data["answer"],
        )


class ResubmitForm(TaskForm):
    """The officer revised the item after it was returned: resubmit the new revision, or withdraw."""

    resubmit = forms.TypedChoiceField(
        label="处理",
        choices=[("1", "已修改，重新报审"), ("0", "撤回，不再发布")],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label="修改说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("resubmit") and not services.has_new_revision(self.task.process.coerced):
            raise forms.ValidationError("请先在页面编辑中修改并保存草稿，再重新报审。")
        return cleaned

    def save(self, activation):
        data = self.cleaned_data
        services.resubmit(activation.process, activation.flow_task, self.user, data["resubmit"], data["note"])


class SubmitForm(forms.ModelForm):
    """审核及保密审查表: what the information officer declares when submitting (S4.4)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channels"].required = True
        self.fields["channels"].help_text = "本信息通过哪些渠道公开（制度一第五条）"

    class Meta:
        model = PublicationReview
        fields = [
            "department",
            "formed",
            "touches_state_secrets",
            "touches_commercial_secrets",
            "touches_privacy",
            "secrecy_handling",
            "secrecy_note",
            "other_agencies",
            "joint_authors",
            "legal_approval_required",
            "legal_approval",
            "is_major",
            "channels",
            "deadline_override_days",
            "deadline_basis",
        ]
        widgets = {
            "formed": ISODateInput(),
            "channels": forms.CheckboxSelectMultiple,
            "secrecy_note": forms.Textarea(attrs={"rows": 3}),
            "other_agencies": forms.Textarea(attrs={"rows": 3}),
            "joint_authors": forms.Textarea(attrs={"rows": 2}),
        }


class SendLetterForm(TaskForm):
    """征求意见函 (S8.6): the three things it must state, and how it was sent."""

    basic_facts = forms.CharField(label="（一）信息的基本情况", widget=forms.Textarea(attrs={"rows": 3}))
    office_opinion = forms.CharField(label="（二）本机关的意见", widget=forms.Textarea(attrs={"rows": 3}))
    opinion_basis = forms.CharField(label="意见的依据", widget=forms.Textarea(attrs={"rows": 2}))
    matters = forms.CharField(label="（三）需要协调的事项", widget=forms.Textarea(attrs={"rows": 3}))
    delivery = forms.ChoiceField(label="发送方式", choices=[])
    sent_on = forms.DateField(label="发送日期", widget=ISODateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delivery"].choices = Consultation.Delivery.choices
        consultation = self.task.process.coerced
        self.initial.setdefault("basic_facts", f"拟公开“{submitted_title(consultation.review)}”。")
        self.initial.setdefault("sent_on", timezone.localdate())

    def save(self, activation):
        letter = {name: self.cleaned_data[name] for name in services.LETTER_FIELDS}
        services.send_letter(activation.process, activation.flow_task, self.user, **letter)


class ReplyForm(TaskForm):
    """The agency's written reply (S8.7)."""

    agrees = yes_no_field("复函意见", choices=[("1", "同意发布"), ("0", "不同意发布")])
    reply_file = forms.FileField(label="复函扫描件", help_text="PDF 或图片")
    summary = forms.CharField(label="复函要点", widget=forms.Textarea(attrs={"rows": 3}))

    def save(self, activation):
        data = self.cleaned_data
        services.record_reply(
            activation.process,
            activation.flow_task,
            self.user,
            data["agrees"],
            data["reply_file"],
            data["summary"],
        )


class ReminderForm(TaskForm):
    """No reply within the reply period: chase the agency and record how."""

    how = forms.CharField(
        label="催办情况", widget=forms.Textarea(attrs={"rows": 3}), help_text="电话、函件催办的时间与对方答复"
    )

    def save(self, activation):
        services.chase_reply(activation.process, activation.flow_task, self.user, self.cleaned_data["how"])


class NegotiationForm(TaskForm):
    """The producing section sends someone to negotiate after a written disagreement (S8.7)."""

    agreed = yes_no_field("协商结果", choices=[("1", "达成一致，同意发布"), ("0", "未能达成一致")])
    record = forms.CharField(label="协商情况", widget=forms.Textarea(attrs={"rows": 3}))

    def save(self, activation):
        data = self.cleaned_data
        services.settle(activation.process, activation.flow_task, self.user, data["agreed"], data["record"])


class ReferToAuthorityForm(TaskForm):
    """The leading group reports an unresolved disagreement to the prefecture's authority (S8.7)."""

    report = forms.CharField(
        label="报请州政府信息公开工作主管部门协调的情况", widget=forms.Textarea(attrs={"rows": 3})
    )

    def save(self, activation):
        services.refer_to_authority(
            activation.process, activation.flow_task, self.user, self.cleaned_data["report"]
        )


class AuthorityAnswerForm(TaskForm):
    """The prefecture's disclosure authority's coordination result."""

    may_publish = yes_no_field("协调结果", choices=[("1", "可以发布"), ("0", "不予发布")])
    answer = forms.CharField(label="协调意见", widget=forms.Textarea(attrs={"rows": 3}))

    def save(self, activation):
        data = self.cleaned_data
        services.settle(
            activation.process, activation.flow_task, self.user, data["may_publish"], data["answer"]
        )


class NewsReviewForm(OpinionForm):
    """综合科's first review of work news, with the stamp (S4.5, S4.6)."""

    decisions = [Decision.APPROVE, Decision.RETURN]

    stamped = forms.BooleanField(label="已加盖综合科印章", required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == Decision.APPROVE and not cleaned.get("stamped"):
            self.add_error("stamped", "新闻稿件须经综合科审稿并加盖印章后方可发稿。")
        return cleaned


class PublicityApprovalForm(OpinionForm):
    """The leader in charge of publicity approves, returns, or sends a hard case to the main leader."""

    decisions = [Decision.APPROVE, Decision.RETURN, Decision.ESCALATE]


class PostNewsForm(OpinionForm):
    """The publishing officer posts the approved news."""

    decisions = [Decision.APPROVE]
