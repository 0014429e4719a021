"""The applicant's form (online and through the API) and the status look-up."""

from django import forms

from . import guard
from .models import DisclosureRequest
from .uploads import validate_upload

SUPPLEMENT_TEXT_MAX = 2000

APPLICANT_FIELDS = [
    "request_type",
    "applicant_type",
    "organisation_kind",
    "name",
    "contact_person",
    "id_type",
    "id_number",
    "phone",
    "email",
    "address",
    "postcode",
    "agent_name",
    "agent_id_type",
    "agent_id_number",
    "agent_phone",
    "description",
    "document_reference",
    "purpose",
    "carrier",
    "delivery",
    "fee_waiver_ground",
]


class RequestForm(forms.ModelForm):
    """What an applicant fills in (S2.3); the model's checks give the messages, in Chinese."""

    class Meta:
        model = DisclosureRequest
        fields = APPLICANT_FIELDS
        widgets = {
            "applicant_type": forms.RadioSelect,
            "request_type": forms.RadioSelect,
            "carrier": forms.RadioSelect,
            "delivery": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
            "purpose": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            name: {"required": "请填写此项。", "invalid_choice": "请从列表中选择。"}
            for name in APPLICANT_FIELDS
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("applicant_type", "carrier", "delivery"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
        self.fields["email"].widget.input_type = "email"
        self.fields["phone"].widget.input_type = "tel"
        for field in self.fields.values():
            field.error_messages.setdefault("required", "请填写此项。")
            field.error_messages["required"] = "请填写此项。"
        self.fields["request_type"].required = False  # a request for information unless it says otherwise
        self.fields["request_type"].choices = DisclosureRequest.RequestType.choices

    def clean_request_type(self):
        return self.cleaned_data.get("request_type") or DisclosureRequest.RequestType.DISCLOSURE


class ApplicationForm(RequestForm):
    """A written application with its attachments: the online form and staff intake (one set of checks)."""

    class Meta(RequestForm.Meta):
        fields = [*APPLICANT_FIELDS, "power_of_attorney", "fee_waiver_proof", "correction_evidence"]

    def clean_correction_evidence(self):
        upload = self.cleaned_data.get("correction_evidence")
        validate_upload(upload)
        return upload

    def clean_power_of_attorney(self):
        upload = self.cleaned_data.get("power_of_attorney")
        validate_upload(upload)
        return upload

    def clean_fee_waiver_proof(self):
        upload = self.cleaned_data.get("fee_waiver_proof")
        validate_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("agent_name") and not cleaned.get("power_of_attorney"):
            self.add_error("power_of_attorney", "委托他人代为申请的，请上传授权委托书。")
        if cleaned.get("fee_waiver_ground") and not cleaned.get("fee_waiver_proof"):
            self.add_error("fee_waiver_proof", "申请减免费用的，请上传相应的证明材料。")
        correction = cleaned.get("request_type") == DisclosureRequest.RequestType.CORRECTION
        if correction and not cleaned.get("correction_evidence"):
            self.add_error("correction_evidence", "申请更正的，请上传能证明该信息记录不准确的证据材料。")
        return cleaned


class OnlineRequestForm(ApplicationForm):
    """The 依申请公开 page's form: the privacy notice and the CAPTCHA on top."""

    privacy_read = forms.BooleanField(
        label="我已阅读并知悉上方的个人信息处理说明",
        error_messages={"required": "请先阅读个人信息处理说明并勾选。"},
    )
    captcha = guard.SingleUseCaptchaField()


class StatusForm(forms.Form):
    tracking_number = forms.CharField(
        label="申请编号", max_length=40, error_messages={"required": "请填写申请编号。"}
    )
    access_code = forms.CharField(
        label="查询码", max_length=20, error_messages={"required": "请填写查询码。"}
    )
    captcha = guard.SingleUseCaptchaField()


def upload_field(label, help_text="PDF、JPG 或 PNG，不超过10MB"):
    """An optional file an applicant hands in: checked for its type, content and size."""
    return forms.FileField(label=label, required=False, validators=[validate_upload], help_text=help_text)


class OnlineSupplementForm(forms.Form):
    """The applicant's 补正 on the status page, after the number and code were given (S2.4)."""

    text = forms.CharField(
        label="补正内容",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=SUPPLEMENT_TEXT_MAX,
        help_text=f"请按补正告知书逐项补充说明，不超过{SUPPLEMENT_TEXT_MAX}字",
    )
    upload = upload_field("补正材料")
    # named apart from the status form's CAPTCHA, which is on the same page
    supplement_captcha = guard.SingleUseCaptchaField()

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("text", "").strip() or cleaned.get("upload")) and not self.errors:
            raise forms.ValidationError("请填写补正内容，或上传补正材料。")
        return cleaned
