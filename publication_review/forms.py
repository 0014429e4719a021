"""The forms reviewers fill in their inbox; each records an opinion and sets the next route."""

from django import forms
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from workflow.forms import ISODateInput, TaskForm, yes_no_field

from .documents import issue_consultation_letter
from .models import PublicationReview, ReviewOpinion
from .submitted import submitted_title

Decision = ReviewOpinion.Decision


def record_opinion(activation, user, decision, opinion=""):
    review = activation.process
    return ReviewOpinion.objects.create(
        review=review,
        step=activation.flow_task.name,
        step_label=activation.flow_task.task_title,
        decision=decision,
        opinion=opinion,
        reviewer=user,
        revision=review.revision,
    )


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
        decision = self.cleaned_data["decision"]
        record_opinion(activation, self.user, decision, self.cleaned_data["opinion"])
        review = activation.process
        review.last_decision = decision
        if decision == Decision.REFER:
            review.referred_from = activation.flow_task.name
        review.save(update_fields=["last_decision", "referred_from"])


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
        verdict = "可以公开" if self.cleaned_data["may_publish"] else "不得公开"
        text = f"{self.cleaned_data['department']}：{verdict}。{self.cleaned_data['answer']}"
        record_opinion(activation, self.user, Decision.ANSWER, text)
        review = activation.process
        review.last_decision = Decision.APPROVE if self.cleaned_data["may_publish"] else Decision.RETURN
        review.save(update_fields=["last_decision"])


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
        review = self.task.process.coerced
        if cleaned.get("resubmit") and latest_revision_id(review.page_id) == review.revision_id:
            raise forms.ValidationError("请先在页面编辑中修改并保存草稿，再重新报审。")
        return cleaned

    @transaction.atomic
    def save(self, activation):
        review = activation.process
        if self.cleaned_data["resubmit"]:
            review.revision_id = latest_revision_id(review.page_id)
            review.last_decision = Decision.SUBMIT
            lock_page(review.page)
        else:
            review.last_decision = Decision.RETURN
        review.save(update_fields=["revision", "last_decision"])
        record_opinion(activation, self.user, Decision.SUBMIT, self.cleaned_data["note"] or "修改后重新报审")


def latest_revision_id(page_pk):
    return Page.objects.values_list("latest_revision_id", flat=True).get(pk=page_pk)


def lock_page(page):
    """Locked for everyone (locked_by=None) while the review runs: what is reviewed cannot change."""
    page.locked, page.locked_at, page.locked_by = True, timezone.now(), None
    page.save(update_fields=["locked", "locked_at", "locked_by"])


def unlock_page(page):
    page.locked, page.locked_at, page.locked_by = False, None, None
    page.save(update_fields=["locked", "locked_at", "locked_by"])


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


def note(activation, user, text):
    from .models import ConsultationNote

    return ConsultationNote.objects.create(
        consultation=activation.process, step_label=activation.flow_task.task_title, text=text, author=user
    )


class SendLetterForm(TaskForm):
    """征求意见函 (S8.6): the three things it must state, and how it was sent."""

    basic_facts = forms.CharField(label="（一）信息的基本情况", widget=forms.Textarea(attrs={"rows": 3}))
    office_opinion = forms.CharField(label="（二）本机关的意见", widget=forms.Textarea(attrs={"rows": 3}))
    opinion_basis = forms.CharField(label="意见的依据", widget=forms.Textarea(attrs={"rows": 2}))
    matters = forms.CharField(label="（三）需要协调的事项", widget=forms.Textarea(attrs={"rows": 3}))
    delivery = forms.ChoiceField(label="发送方式", choices=[])
    sent_on = forms.DateField(label="发送日期", widget=ISODateInput())

    def __init__(self, *args, **kwargs):
        from .models import Consultation

        super().__init__(*args, **kwargs)
        self.fields["delivery"].choices = Consultation.Delivery.choices
        consultation = self.task.process.coerced
        self.initial.setdefault("basic_facts", f"拟公开“{submitted_title(consultation.review)}”。")
        self.initial.setdefault("sent_on", timezone.localdate())

    def save(self, activation):
        consultation = activation.process
        for name in ("basic_facts", "office_opinion", "opinion_basis", "matters", "delivery", "sent_on"):
            setattr(consultation, name, self.cleaned_data[name])
        consultation.letter = issue_consultation_letter(consultation, self.user)
        consultation.save()
        note(
            activation,
            self.user,
            f"{consultation.get_delivery_display()}发送征求意见函（{consultation.letter.letter_number}）至{consultation.agency}",
        )


class ReplyForm(TaskForm):
    """The agency's written reply (S8.7)."""

    agrees = yes_no_field("复函意见", choices=[("1", "同意发布"), ("0", "不同意发布")])
    reply_file = forms.FileField(label="复函扫描件", help_text="PDF 或图片")
    summary = forms.CharField(label="复函要点", widget=forms.Textarea(attrs={"rows": 3}))

    def save(self, activation):
        from wagtail.documents.models import Document

        consultation = activation.process
        consultation.reply_agrees = self.cleaned_data["agrees"]
        consultation.reply_document = Document.objects.create(
            title=f"{consultation.agency}复函",
            file=self.cleaned_data["reply_file"],
            uploaded_by_user=self.user,
        )
        consultation.save(update_fields=["reply_agrees", "reply_document"])
        verdict = "同意" if consultation.reply_agrees else "不同意"
        note(activation, self.user, f"{consultation.agency}书面函复{verdict}：{self.cleaned_data['summary']}")


class ReminderForm(TaskForm):
    """No reply within the reply period: chase the agency and record how."""

    how = forms.CharField(
        label="催办情况", widget=forms.Textarea(attrs={"rows": 3}), help_text="电话、函件催办的时间与对方答复"
    )

    def save(self, activation):
        note(activation, self.user, self.cleaned_data["how"])


class NegotiationForm(TaskForm):
    """The producing section sends someone to negotiate after a written disagreement (S8.7)."""

    agreed = yes_no_field("协商结果", choices=[("1", "达成一致，同意发布"), ("0", "未能达成一致")])
    record = forms.CharField(label="协商情况", widget=forms.Textarea(attrs={"rows": 3}))

    def save(self, activation):
        activation.process.reply_agrees = self.cleaned_data["agreed"]
        activation.process.save(update_fields=["reply_agrees"])
        note(activation, self.user, self.cleaned_data["record"])


class ReferToAuthorityForm(TaskForm):
    """The leading group reports an unresolved disagreement to the prefecture's authority (S8.7)."""

    report = forms.CharField(
        label="报请州政府信息公开工作主管部门协调的情况", widget=forms.Textarea(attrs={"rows": 3})
    )

    def save(self, activation):
        note(activation, self.user, self.cleaned_data["report"])


class AuthorityAnswerForm(TaskForm):
    """The prefecture's disclosure authority's coordination result."""

    may_publish = yes_no_field("协调结果", choices=[("1", "可以发布"), ("0", "不予发布")])
    answer = forms.CharField(label="协调意见", widget=forms.Textarea(attrs={"rows": 3}))

    def save(self, activation):
        activation.process.reply_agrees = self.cleaned_data["may_publish"]
        activation.process.save(update_fields=["reply_agrees"])
        note(activation, self.user, self.cleaned_data["answer"])


class NewsReviewForm(OpinionForm):
    """综合科's first review of work news, with the stamp (S4.5, S4.6)."""

    decisions = [Decision.APPROVE, Decision.RETURN]

    stamped = forms.BooleanField(label="已加盖综合科印章", required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == Decision.APPROVE and not cleaned.get("stamped"):
            self.add_error("stamped", "新闻稿件须经综合科审稿并加盖印章后方可发稿。")
        return cleaned

    def save(self, activation):
        super().save(activation)
        if self.cleaned_data["stamped"]:
            opinion = activation.process.opinions.latest("decided_at")
            opinion.opinion = f"{opinion.opinion}（已加盖综合科印章）".lstrip()
            opinion.save(update_fields=["opinion"])


class PublicityApprovalForm(OpinionForm):
    """The leader in charge of publicity approves, returns, or sends a hard case to the main leader."""

    decisions = [Decision.APPROVE, Decision.RETURN, Decision.ESCALATE]


class PostNewsForm(OpinionForm):
    """The publishing officer posts the approved news."""

    decisions = [Decision.APPROVE]
