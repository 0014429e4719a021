"""The forms staff fill in the admin inbox while a request is handled: each checks its step's input and
calls the step's service (disclosure_requests/services), which does what the step means."""

from django import forms
from django.utils import timezone

from organisation.models import Department
from workdays.limits import time_limits
from workflow.forms import TaskForm

from .forms import upload_field
from .models import DisclosureRequest, RequestProcess
from .results import RESULT_ROWS
from .services import answer as answering
from .services import registration
from .services.registration import notice_day

Decision = RequestProcess.Decision
AnswerKind = DisclosureRequest.AnswerKind
Status = DisclosureRequest.Status

# The refusal rows of the annual report's table 三 (reference §1.4), from its one list of result rows: the
# value stored is the row's label, the choice shows the reason alone, or its wording for staff in SHOWN_AS.
REFUSED = "不予公开/"
SHOWN_AS = {"不予公开/保护第三方合法权益": "保护第三方合法权益（商业秘密、个人隐私）"}
REFUSAL_ROWS = [
    (row, SHOWN_AS.get(row, row.removeprefix(REFUSED))) for row in RESULT_ROWS if row.startswith(REFUSED)
]
DISCLOSURE_ANSWER_KINDS = [
    (kind.value, kind.label)
    for kind in AnswerKind
    if kind not in (AnswerKind.SUPPLEMENT, AnswerKind.DEEMED_WITHDRAWN, *DisclosureRequest.CORRECTION_KINDS)
]
CORRECTION_ANSWER_KINDS = [(kind.value, kind.label) for kind in DisclosureRequest.CORRECTION_KINDS]
REASON_REQUIRED = {
    AnswerKind.NOT_GOVERNMENT_INFORMATION: "请向申请人说明情况。",
    AnswerKind.NOT_EXIST: "请向申请人说明情况。",
    AnswerKind.REPEAT: "请说明此前答复的申请编号和答复日期。",
    AnswerKind.CORRECTED: "请写明更正的内容和结果。",
    AnswerKind.CORRECTION_TRANSFERRED: "请说明本机关无权更正的理由。",
}


def date_field(label, **kwargs):
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}), **kwargs)


class RegisterForm(TaskForm):
    """综合科 registers the request (S2.2, S2.4); for fax, email and ordinary letters, the confirmation day."""

    confirmed_on = date_field("双方确认收到之日", required=False, help_text="传真、电子邮件、平常信函必填")
    signed_on = date_field("签收日期", required=False, help_text="需签收的邮寄申请必填")
    remark = forms.CharField(label="登记备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        cleaned = super().clean()
        request = self.task.process.coerced.request
        Channel = DisclosureRequest.Channel
        if request.received_date is None:
            if request.channel == Channel.REGISTERED_POST and not cleaned.get("signed_on"):
                self.add_error("signed_on", "请填写本机关签收之日。")
            elif request.channel != Channel.REGISTERED_POST and not cleaned.get("confirmed_on"):
                self.add_error("confirmed_on", "请填写与申请人双方确认收到之日。")
        return cleaned

    def save(self, activation):
        data = self.cleaned_data
        registration.register(
            activation.process,
            self.user,
            signed_on=data.get("signed_on"),
            confirmed_on=data.get("confirmed_on"),
            remark=data["remark"],
        )


class CompletenessForm(TaskForm):
    """Complete, or a supplement notice listing every item at once with a reasonable period (S2.4)."""

    decision = forms.ChoiceField(
        label="审查结论",
        choices=[
            (Decision.COMPLETE, Decision.COMPLETE.label),
            (Decision.INCOMPLETE, Decision.INCOMPLETE.label),
        ],
        widget=forms.RadioSelect,
    )
    items = forms.CharField(
        label="需要补正的全部事项",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="一次性列明，每行一项",
    )
    period_days = forms.IntegerField(label="补正期限（工作日）", min_value=1, max_value=60, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period_days"].initial = time_limits().supplement

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == Decision.INCOMPLETE and not (cleaned.get("items") or "").strip():
            self.add_error("items", "请列明需要补正的全部事项。")
        return cleaned

    def save(self, activation):
        data = self.cleaned_data
        if data["decision"] == Decision.INCOMPLETE:
            registration.ask_for_supplement(activation.process, self.user, data["items"], data["period_days"])
        else:
            registration.accept_as_complete(activation.process, self.user)


class SupplementForm(TaskForm):
    """The applicant supplemented (online, or at the counter through 综合科), gave a good reason for more
    time, or let the period pass (S2.4). The online supplement on the status page uses this form too."""

    decision = forms.ChoiceField(
        label="补正情况",
        choices=[
            (Decision.SUPPLEMENTED, Decision.SUPPLEMENTED.label),
            (Decision.GOOD_REASON, Decision.GOOD_REASON.label),
            (Decision.NOT_SUPPLEMENTED, Decision.NOT_SUPPLEMENTED.label),
        ],
        widget=forms.RadioSelect,
    )
    received_on = date_field("收到补正之日", required=False, help_text="答复期限自该日重新计算")
    record = forms.CharField(
        label="补正内容或情况说明", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    supplement_file = upload_field("补正材料")
    new_due = date_field("延长后的补正期限", required=False, help_text="申请人有正当理由时填写")

    def clean(self):
        cleaned = super().clean()
        process, today = self.task.process.coerced, timezone.localdate()
        decision = cleaned.get("decision")
        if decision == Decision.SUPPLEMENTED:
            if not cleaned.get("received_on"):
                self.add_error("received_on", "请填写收到补正材料之日，答复期限自该日重新计算。")
            elif cleaned["received_on"] > today:
                self.add_error("received_on", "收到补正之日不能晚于今天。")
            elif cleaned["received_on"] < notice_day(process.request):
                self.add_error(
                    "received_on", f"收到补正之日不能早于发出补正告知书之日{notice_day(process.request)}。"
                )
            if not (cleaned.get("record") or cleaned.get("supplement_file")):
                self.add_error("record", "请写明补正的内容，或上传补正材料。")
        if decision == Decision.GOOD_REASON:
            if not cleaned.get("record"):
                self.add_error("record", "请写明申请人的正当理由。")
            if not cleaned.get("new_due") or cleaned["new_due"] <= (process.supplement_due or today):
                self.add_error("new_due", "请填写晚于原补正期限的新期限。")
        if decision == Decision.NOT_SUPPLEMENTED and process.supplement_due:
            if today <= process.supplement_due:
                self.add_error("decision", f"补正期限{process.supplement_due:%Y-%m-%d}尚未届满。")
        return cleaned

    def save(self, activation):
        data, process = self.cleaned_data, activation.process
        if data["decision"] == Decision.SUPPLEMENTED:
            registration.record_supplement(
                process, self.user, data["received_on"], data["record"], data.get("supplement_file")
            )
        elif data["decision"] == Decision.GOOD_REASON:
            registration.allow_more_time(process, self.user, data["new_due"], data["record"])
        else:
            registration.record_not_supplemented(process, self.user, data["record"])


class AssignForm(TaskForm):
    """综合科 sends the request to the section that holds the information."""

    department = forms.ModelChoiceField(label="承办科室", queryset=Department.objects.all())

    def save(self, activation):
        answering.assign_section(activation.process, self.user, self.cleaned_data["department"])


class AnswerForm(TaskForm):
    """The section drafts the answer (S2.5), or asks for a third-party consultation or an extension."""

    decision = forms.ChoiceField(
        label="办理",
        choices=[(d, d.label) for d in (Decision.ANSWER, Decision.CONSULT, Decision.EXTEND)],
        widget=forms.RadioSelect,
    )
    answer_kind = forms.ChoiceField(
        label="答复类型", choices=[("", "—")] + DISCLOSURE_ANSWER_KINDS, required=False
    )
    refusal_row = forms.ChoiceField(
        label="不予公开的理由类别",
        choices=[("", "—")] + REFUSAL_ROWS,
        required=False,
        help_text="年度报告分类统计",
    )
    legal_ground = forms.CharField(label="法律依据", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(
        label="理由说明",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="写入答复书；已主动公开的写明获取途径，已予更正的写明更正情况",
    )
    other_agency = forms.CharField(
        label="掌握信息、主管或有权更正的机关",
        required=False,
        help_text="不属于本机关掌握、转交主管部门、转送更正时填写",
    )
    other_agency_contact = forms.CharField(label="该机关联系方式", required=False)
    third_party = forms.CharField(label="第三方名称", required=False, help_text="征求第三方意见时填写")
    third_party_reason = forms.CharField(
        label="征求意见的原因",
        required=False,
        help_text="写入征求意见书，如：涉及贵公司的商业秘密；不得写入申请人的姓名和证件号码",
    )
    extension_days = forms.IntegerField(label="申请延长的工作日数", required=False, min_value=1)
    extension_reason = forms.CharField(label="延期理由", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.task.process.coerced.request
        if request.request_type == DisclosureRequest.RequestType.CORRECTION:
            self.fields["answer_kind"].choices = [("", "—")] + CORRECTION_ANSWER_KINDS
            self.fields["decision"].choices = [
                (Decision.ANSWER, "拟定答复"),
                (Decision.EXTEND, Decision.EXTEND.label),
            ]
        if request.repeat_of_id:
            self.fields["answer_kind"].help_text = (
                f"疑似重复申请：同一申请人的 {request.repeat_of.tracking_number} 已于"
                f"{request.repeat_of.answered_on:%Y-%m-%d}答复"
            )

    def clean(self):
        cleaned = super().clean()
        decision, kind = cleaned.get("decision"), cleaned.get("answer_kind")
        if decision == Decision.ANSWER:
            if not kind:
                self.add_error("answer_kind", "请选择答复类型。")
            self.check_answer(kind, cleaned)
        if decision == Decision.CONSULT:
            if not cleaned.get("third_party"):
                self.add_error("third_party", "请填写第三方名称。")
            if not cleaned.get("third_party_reason"):
                self.add_error("third_party_reason", "请写明公开可能损害第三方合法权益的原因。")
        if decision == Decision.EXTEND:
            process = self.task.process.coerced
            if process.request.clock_entries.filter(kind="extension").exists():
                self.add_error("decision", "答复期限已延长过一次，不能再次延长。")
            limit = time_limits().extension
            if not cleaned.get("extension_days") or cleaned["extension_days"] > limit:
                self.add_error("extension_days", f"延长期限最长不超过{limit}个工作日。")
            if not cleaned.get("extension_reason"):
                self.add_error("extension_reason", "请写明延期理由。")
        return cleaned

    def check_answer(self, kind, cleaned):
        """What each answer kind's letter must say (S2.5, S2.9)."""
        if kind in (AnswerKind.REFUSED, AnswerKind.PARTIAL):
            if not cleaned.get("legal_ground"):
                self.add_error("legal_ground", "不予公开或部分公开的，须写明法律依据。")
            if not cleaned.get("reason"):
                self.add_error("reason", "不予公开或部分公开的，须向申请人说明理由。")
        if kind == AnswerKind.REFUSED and not cleaned.get("refusal_row"):
            self.add_error("refusal_row", "请选择不予公开的理由类别。")
        if kind in REASON_REQUIRED and not cleaned.get("reason"):
            self.add_error("reason", REASON_REQUIRED[kind])
        if kind in (AnswerKind.OTHER_AGENCY, AnswerKind.CORRECTION_TRANSFERRED) and not (
            cleaned.get("other_agency") and cleaned.get("other_agency_contact")
        ):
            self.add_error("other_agency", "请写明该机关的名称及联系方式。")
        if kind == AnswerKind.TRANSFERRED and not cleaned.get("other_agency"):
            self.add_error("other_agency", "请写明移交处理的主管部门。")

    def save(self, activation):
        data, process = self.cleaned_data, activation.process
        if data["decision"] == Decision.ANSWER:
            fields = (
                "answer_kind",
                "refusal_row",
                "legal_ground",
                "reason",
                "other_agency",
                "other_agency_contact",
            )
            answering.draft_answer(process, self.user, **{name: data[name] for name in fields})
        elif data["decision"] == Decision.CONSULT:
            answering.propose_consultation(
                process, self.user, data["third_party"], data["third_party_reason"]
            )
        else:
            answering.propose_extension(process, self.user, data["extension_days"], data["extension_reason"])


class ThirdPartyLetterForm(TaskForm):
    """征求第三方意见书 sent: the clock is paused meanwhile (S2.6)."""

    sent_on = date_field("发出日期")

    def save(self, activation):
        answering.send_third_party_letter(activation.process, self.user, self.cleaned_data["sent_on"])


class ThirdPartyReplyForm(TaskForm):
    """The third party's reply, or none; refusal binds unless the public interest overrides it (S2.6)."""

    reply = forms.ChoiceField(
        label="第三方意见",
        choices=[("agree", "同意公开"), ("refuse", "不同意公开"), ("no_reply", "逾期未答复")],
        widget=forms.RadioSelect,
    )
    received_on = date_field("收到答复或答复期满之日")
    public_interest_override = forms.BooleanField(
        label="不公开可能对公共利益造成重大影响，决定予以公开", required=False
    )
    public_interest_reason = forms.CharField(
        label="决定公开的内容和理由",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="将书面告知第三方",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("public_interest_override"):
            if cleaned.get("reply") != "refuse":
                self.add_error("public_interest_override", "只有第三方不同意公开时才需要公共利益决定。")
            if not cleaned.get("public_interest_reason"):
                self.add_error("public_interest_reason", "请写明决定公开的内容和理由，用于书面告知第三方。")
        return cleaned

    def save(self, activation):
        data = self.cleaned_data
        answering.record_third_party_reply(
            activation.process,
            self.user,
            data["reply"],
            data["received_on"],
            public_interest_override=data["public_interest_override"],
            public_interest_reason=data["public_interest_reason"],
        )


class ExtensionApprovalForm(TaskForm):
    """The leader in charge approves the extension (S6.2): once, at most the policy's days."""

    decision = forms.ChoiceField(
        label="审批意见",
        choices=[(Decision.APPROVE, "同意延期"), (Decision.RETURN, "不同意延期")],
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(label="意见", required=False)

    def save(self, activation):
        if self.cleaned_data["decision"] == Decision.APPROVE:
            answering.approve_extension(activation.process, self.user, self.cleaned_data["opinion"])
        else:
            answering.refuse_extension(activation.process, self.user, self.cleaned_data["opinion"])


class FeeWaiverForm(TaskForm):
    """The head of the disclosure office decides the fee waiver (S2.8)."""

    approved = forms.TypedChoiceField(
        label="减免决定",
        choices=[("1", "同意减免"), ("0", "不予减免")],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    fee_amount = forms.DecimalField(label="应收费用（元）", min_value=0, decimal_places=2, initial=0)

    def save(self, activation):
        data = self.cleaned_data
        answering.decide_fee_waiver(activation.process, self.user, data["approved"], data["fee_amount"])


class LeaderApprovalForm(TaskForm):
    """The leader approves the answer, or returns it to the section."""

    decision = forms.ChoiceField(
        label="审批意见",
        choices=[(Decision.APPROVE, "同意答复"), (Decision.RETURN, "退回修改")],
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(label="意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == Decision.RETURN and not cleaned.get("opinion"):
            self.add_error("opinion", "退回修改时请写明理由。")
        return cleaned

    def save(self, activation):
        if self.cleaned_data["decision"] == Decision.APPROVE:
            answering.approve_answer(activation.process, self.user, self.cleaned_data["opinion"])
        else:
            answering.return_answer(activation.process, self.user, self.cleaned_data["opinion"])


class DeliveryForm(TaskForm):
    """The answer letter delivered as the applicant chose (S2.7)."""

    delivered_on = date_field("送达日期")
    how = forms.CharField(label="送达情况", help_text="如：EMS 单号、签收人、电子邮件发送时间")

    def save(self, activation):
        data = self.cleaned_data
        answering.deliver(activation.process, self.user, data["delivered_on"], data["how"])
