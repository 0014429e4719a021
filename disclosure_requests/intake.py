"""Staff intake (综合科): requests that came by letter, fax, email, orally or in person (issue 4, point 2).

The applicant's fields are checked by the online form's own class; on top, the channel and the days
that fix 收到申请之日 (2019 Art 31, reference §1.2). The first submit shows the receipt date and the
due date it implies, day by day, and for an oral request the record to read back to the applicant;
only a second submit of the same content saves, which starts the same process as an online request.
"""

import datetime
import hashlib

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from workdays.limits import time_limits

from . import clock, services
from .forms import APPLICANT_FIELDS, ApplicationForm
from .letters import issued_letters
from .models import ClockEntry, DisclosureRequest, RequestPolicy, private_storage, receipt_date
from .services.record import note

Channel = DisclosureRequest.Channel
PERMISSION = "disclosure_requests.register_request"
KEPT_SALT = "disclosure_requests.intake.kept"
UPLOADS = ("power_of_attorney", "fee_waiver_proof", "correction_evidence")

INTAKE_CHANNELS = (
    Channel.LETTER,
    Channel.REGISTERED_POST,
    Channel.FAX,
    Channel.EMAIL,
    Channel.ORAL,
    Channel.IN_PERSON,
)
RECEIPT_RULES = {
    Channel.IN_PERSON: "当面提交的，以提交之日为收到申请之日（《政府信息公开条例》第三十一条第一项）。",
    Channel.ORAL: "书面申请确有困难、口头提出并由工作人员代为填写的，当面提出之日为收到申请之日"
    "（第二十九条、第三十一条第一项）。",
    Channel.REGISTERED_POST: "以邮寄方式提交、需要签收的，以本机关签收之日为收到申请之日（第三十一条第二项）。",
    Channel.LETTER: "以平常信函等无需签收的方式邮寄的，综合科应当于收到当日与申请人确认，"
    "确认之日为收到申请之日（第三十一条第二项）。",
    Channel.FAX: "通过本机关传真提交的，以双方确认之日为收到申请之日（第三十一条第三项）。",
    Channel.EMAIL: "通过电子邮件等互联网渠道提交的，以双方确认之日为收到申请之日（第三十一条第三项）。",
}
NEEDS_CONFIRMATION = (Channel.LETTER, Channel.FAX, Channel.EMAIL)
NOT_CONFIRMED = "尚未与申请人确认：暂不计时。确认后在待办“综合科登记”中填写确认之日，答复期限自该日起算。"


def date_field(label, help_text, **kwargs):
    return forms.DateField(
        label=label, help_text=help_text, widget=forms.DateInput(attrs={"type": "date"}), **kwargs
    )


class IntakeForm(ApplicationForm):
    """The online form's fields and checks, plus how and when the request reached the office."""

    channel = forms.ChoiceField(
        label="申请方式",
        choices=[(channel.value, channel.label) for channel in INTAKE_CHANNELS],
        widget=forms.RadioSelect,
        help_text="决定以哪一天为收到申请之日",
    )
    arrived_on = date_field("提交或到达日期", "当面、口头提出之日；信函、传真、电子邮件到达本机关之日")
    signed_on = date_field("签收日期", "邮寄需签收的申请：本机关签收之日", required=False)
    confirmed_on = date_field(
        "双方确认日期",
        "平常信函、传真、电子邮件：与申请人确认收到申请之日；尚未确认的留空，登记时再填",
        required=False,
    )
    read_back_confirmed = forms.BooleanField(
        label="已向申请人宣读以上记录，申请人确认无误",
        required=False,
        help_text="口头申请必须勾选：工作人员代为填写后须向申请人宣读并经其确认",
    )
    preview_token = forms.CharField(widget=forms.HiddenInput, required=False)
    kept_power_of_attorney = forms.CharField(widget=forms.HiddenInput, required=False)
    kept_fee_waiver_proof = forms.CharField(widget=forms.HiddenInput, required=False)
    kept_correction_evidence = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, saving=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.saving = saving
        self.fields["arrived_on"].initial = timezone.localdate
        self.fields["channel"].error_messages["required"] = "请选择申请方式。"
        self.fields["arrived_on"].error_messages.update(required="请填写此项。", invalid="请填写有效日期。")

    def kept_upload(self, name):
        """A file saved with an earlier submit of this form (a browser does not send a file twice)."""
        try:
            return signing.loads(self.data.get(f"kept_{name}", ""), salt=KEPT_SALT)
        except signing.BadSignature:
            return ""

    def clean_power_of_attorney(self):
        return super().clean_power_of_attorney() or self.kept_upload("power_of_attorney") or None

    def clean_fee_waiver_proof(self):
        return super().clean_fee_waiver_proof() or self.kept_upload("fee_waiver_proof") or None

    def clean_correction_evidence(self):
        return super().clean_correction_evidence() or self.kept_upload("correction_evidence") or None

    def clean(self):
        cleaned = super().clean()
        channel, arrived = cleaned.get("channel"), cleaned.get("arrived_on")
        today = timezone.localdate()
        if arrived and arrived > today:
            self.add_error("arrived_on", "提交或到达日期不能晚于今天。")
        if channel != Channel.REGISTERED_POST:
            cleaned["signed_on"] = None
        elif not cleaned.get("signed_on"):
            self.add_error("signed_on", "邮寄需签收的申请，请填写本机关签收之日。")
        if channel not in NEEDS_CONFIRMATION:
            cleaned["confirmed_on"] = None
        for name in ("signed_on", "confirmed_on"):
            day = cleaned.get(name)
            if day and day > today:
                self.add_error(name, "该日期不能晚于今天。")
            elif day and arrived and day < arrived:
                self.add_error(name, "该日期不能早于提交或到达日期。")
        if self.saving and channel == Channel.ORAL and not cleaned.get("read_back_confirmed"):
            self.add_error("read_back_confirmed", "口头申请须向申请人宣读记录，经申请人确认无误后才能登记。")
        return cleaned

    @property
    def ready_to_preview(self):
        """Everything but the read-back tick is valid: the receipt date and the record can be shown."""
        return self.is_bound and set(self.errors) <= {"read_back_confirmed"}

    def submitted_at(self):
        arrived = self.cleaned_data["arrived_on"]
        if arrived == timezone.localdate():
            return timezone.now()
        return timezone.make_aware(datetime.datetime.combine(arrived, datetime.time.min))

    def arrival(self):
        """The request as far as its receipt date goes, unsaved."""
        return DisclosureRequest(
            channel=self.cleaned_data["channel"],
            submitted_at=self.submitted_at(),
            signed_on=self.cleaned_data.get("signed_on"),
            confirmed_on=self.cleaned_data.get("confirmed_on"),
        )

    def keep_uploads(self):
        """Store new attachments now and carry their names in the form, so the confirming submit keeps them."""
        data = self.data.copy()
        for name in UPLOADS:
            upload = self.cleaned_data.get(name)
            if isinstance(upload, UploadedFile):
                field = DisclosureRequest._meta.get_field(name)
                stored = field.storage.save(field.generate_filename(None, upload.name), upload)
                self.cleaned_data[name] = stored
                data[f"kept_{name}"] = signing.dumps(stored, salt=KEPT_SALT)
        data["preview_token"] = fingerprint(self)
        self.data = data


def abandoned_uploads(older_than):
    """Attachments stored while staff checked a form they never confirmed: files in the attachment folders
    that no request refers to, older than `older_than` (a timedelta)."""
    fields = [DisclosureRequest._meta.get_field(name) for name in UPLOADS]
    referenced = {
        stored
        for field in fields
        for stored in DisclosureRequest.objects.exclude(**{field.name: ""}).values_list(field.name, flat=True)
    }
    cutoff = timezone.now() - older_than
    storage = private_storage()
    for folder in sorted({field.upload_to.split("%")[0].rstrip("/") for field in fields}):
        for path in _files_under(storage, folder):
            if path not in referenced and storage.get_modified_time(path) < cutoff:
                yield path


def _files_under(storage, folder):
    if not storage.exists(folder):
        return
    directories, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}"
    for directory in sorted(directories):
        yield from _files_under(storage, f"{folder}/{directory}")


def read_back_lines(form):
    """The record as staff read it back to the applicant: every field given, as the office will keep it."""
    data, fields = form.cleaned_data, form.fields

    def shown(name):
        value = data.get(name)
        choices = dict(getattr(fields[name], "choices", ()))
        return str(choices.get(value, value or ""))

    names = [name for name in APPLICANT_FIELDS if data.get(name) and name in fields]
    return [(str(fields[name].label), shown(name)) for name in names]


def fingerprint(form):
    """What the staff member checked (record, channel, dates): a later change needs a fresh check."""
    data = form.cleaned_data
    parts = [f"{label}={value}" for label, value in read_back_lines(form)]
    parts += [
        f"{name}={data.get(name) or ''}" for name in ("channel", "arrived_on", "signed_on", "confirmed_on")
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def receipt_preview(form, answer_days):
    """收到申请之日 for the channel and the due date it gives, explained day by day (nothing is saved)."""
    arrival = form.arrival()
    received = receipt_date(arrival)
    preview = {
        "rule": RECEIPT_RULES[arrival.channel],
        "received": received,
        "channel": arrival.get_channel_display(),
    }
    if received is None:
        preview["pending"] = NOT_CONFIRMED
        return preview
    start = ClockEntry(kind=ClockEntry.Kind.START, date=received, days=answer_days, basis="收到申请")
    preview["clock"] = clock.derive([start])
    return preview


def intake_note(applied, form, user):
    """The handling record of how the request came in; no personal data (the trail is not encrypted)."""
    data = form.cleaned_data
    text = f"{applied.get_channel_display()}，{data['arrived_on']:%Y-%m-%d}提交或到达"
    if applied.signed_on:
        text += f"，{applied.signed_on:%Y-%m-%d}签收"
    if applied.confirmed_on:
        text += f"，{applied.confirmed_on:%Y-%m-%d}与申请人确认"
    if applied.channel == Channel.ORAL:
        text += "；工作人员代为填写，已向申请人宣读，申请人确认无误"
    received = f"{applied.received_date:%Y-%m-%d}" if applied.received_date else "待确认"
    note(applied, "来件登记", f"{text}。收到申请之日：{received}。", user=user, step="intake")


class IntakeView(WagtailAdminTemplateMixin, FormView):
    page_title = "登记来件申请"
    page_subtitle = "信函、传真、电子邮件、口头与当面提交"
    header_icon = "mail"
    template_name = "disclosure_requests/intake.html"
    form_class = IntakeForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "saving": "save" in self.request.POST}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        limits = time_limits()
        form = context["form"]
        context.update(
            policy=RequestPolicy.current(),
            limits=limits,
            rules=[(Channel(c).label, RECEIPT_RULES[c]) for c in INTAKE_CHANNELS],
        )
        if form.ready_to_preview:
            context.update(
                preview=receipt_preview(form, limits.answer),
                read_back=read_back_lines(form),
                oral=form.cleaned_data["channel"] == Channel.ORAL,
            )
        return context

    def form_invalid(self, form):
        if form.ready_to_preview:
            form.keep_uploads()
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        checked = form.data.get("preview_token") == fingerprint(form)
        if not (form.saving and checked):
            if form.saving:
                messages.warning(
                    self.request, "登记内容在核对后有改动，请重新核对收到申请之日和记录后再确认登记。"
                )
            form.keep_uploads()
            return self.render_to_response(self.get_context_data(form=form))
        arrival = form.arrival()
        applied, code = services.submit(
            form,
            arrival.channel,
            user=self.request.user,
            submitted_at=arrival.submitted_at,
            signed_on=arrival.signed_on,
            confirmed_on=arrival.confirmed_on,
            read_back_confirmed=arrival.channel == Channel.ORAL,
        )
        intake_note(applied, form, self.request.user)
        emailed = services.notify_applicant(applied, code, self.request.build_absolute_uri("/").rstrip("/"))
        return self.response_class(
            request=self.request,
            template="disclosure_requests/intake_done.html",
            context={
                **super().get_context_data(form=form),
                "applied": applied,
                "access_code": code,
                "emailed": emailed,
                "receipt_url": receipt_url(applied),
                "personal": applied.personal_data_for(None),
            },
        )


def receipt_url(applied):
    from letters.models import Letter

    for letter in issued_letters(applied):
        if letter.kind == "registration_receipt":
            return reverse(Letter.snippet_viewset.get_url_name("download"), args=[letter.pk])
    return ""
