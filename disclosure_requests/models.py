"""Disclosure requests (依申请公开, rule 2) and their clock (rule 6, S6.2).

A request is the applicant's record; what happened to its deadline is an append-only ledger of
typed clock entries (start, restart after 补正, pause, resume, extension), from which the due date
and its day-by-day explanation are derived (`disclosure_requests.clock`).
"""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from gongkai_site.counters import take_next_value
from gongkai_site.private_files import private_storage
from viewflow.workflow.models import Process
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from organisation.validators import validate_credit_code
from workdays.calendar import marked

from . import crypto
from .validators import mask, mask_address, mask_phone, refuse_bidi_controls, validate_resident_id

# Public text fields: long enough for any real request, short enough that no one fills the database.
DESCRIPTION_MAX = 2000
PURPOSE_MAX = 500


def private_files():
    """Named by migration 0006; the fields now use the one private storage (gongkai_site.private_files)."""
    return private_storage()


def private_file(label, folder, help_text):
    """Power-of-attorney scans, waiver proof…: personal data, in the private storage (never under MEDIA_URL)."""
    return models.FileField(
        label, storage=private_storage, upload_to=f"requests/{folder}/%Y/", blank=True, help_text=help_text
    )


def recorded_by(label):
    """The member of staff who recorded a row; empty when the system did it."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="系统自动记录时为空",
    )


def about_request(related_name):
    return models.ForeignKey(
        "DisclosureRequest",
        verbose_name="申请",
        on_delete=models.CASCADE,
        related_name=related_name,
        help_text="记录所属的政府信息公开申请",
    )


REGISTER_PERMISSION = "disclosure_requests.register_request"
ACCESS_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
ACCESS_CODE_LENGTH = 8


@register_setting(icon="time")
class RequestPolicy(BaseGenericSetting):
    """The fees requests are handled under: data, not code. The time limits are in 期限设置 (workdays)."""

    fee_standard = models.TextField(
        "收费标准",
        blank=True,
        default="只收取检索、复制、邮寄等成本费用，按物价部门核定标准执行（制度二第八条）。",
        help_text="告知申请人的收费依据与标准；2019年条例下填写信息处理费的收取办法",
    )

    class Meta:
        verbose_name = "依申请公开规则"

    @classmethod
    def current(cls):
        return cls.load()


class RequestCounter(models.Model):
    """The last tracking number given out in a year."""

    year = models.PositiveSmallIntegerField("年度", primary_key=True, help_text="编号中的年份")
    last_value = models.PositiveIntegerField("已用序号", default=0, help_text="该年度最后一个申请编号的序号")

    class Meta:
        verbose_name = "申请编号计数"
        verbose_name_plural = "申请编号计数"

    def __str__(self):
        return f"{self.year}年：{self.last_value}"

    @classmethod
    def next_number(cls, year):
        return f"{year}-{take_next_value(cls, year=year):05d}"


class RequestQuerySet(models.QuerySet):
    def waiting_for_answer(self):
        """Received and not yet answered (the clock is running, paused, or stopped for 补正)."""
        Status = DisclosureRequest.Status
        return self.filter(answered_on__isnull=True).exclude(
            status__in=[Status.WITHDRAWN, Status.TRANSFERRED]
        )

    def visible_to(self, user):
        """综合科 (who registers requests) sees them all; others only their own sections' and their own tasks'."""
        if user.has_perm(REGISTER_PERMISSION):
            return self
        return self.filter(
            models.Q(handlers=user)
            | models.Q(department__head=user)
            | models.Q(department__information_officer=user)
            | models.Q(department__leader_in_charge=user)
        ).distinct()

    def overdue(self, today):
        """Not answered although the answer limit ended before `today` (S6.2)."""
        return self.waiting_for_answer().filter(due_date__lt=today)

    def unregistered(self, today):
        """Still not registered after the working day that followed its arrival (S2.4: register on receipt)."""
        from workdays.calendar import is_working_day

        previous_working_day = today - datetime.timedelta(days=1)
        while not is_working_day(previous_working_day):
            previous_working_day -= datetime.timedelta(days=1)
        return self.filter(
            status=DisclosureRequest.Status.SUBMITTED, submitted_at__date__lt=previous_working_day
        )


class DisclosureRequest(models.Model):
    """一件政府信息公开申请 (S2.1–S2.10)."""

    class ApplicantType(models.TextChoices):
        CITIZEN = "citizen", "公民"
        ORGANISATION = "organisation", "法人或者其他组织"

    class OrganisationKind(models.TextChoices):
        COMMERCIAL = "commercial", "商业企业"
        RESEARCH = "research", "科研机构"
        PUBLIC_INTEREST = "public_interest", "社会公益组织"
        LEGAL_SERVICES = "legal_services", "法律服务机构"
        OTHER = "other", "其他"

    class IdType(models.TextChoices):
        RESIDENT_ID = "resident_id", "居民身份证"
        PASSPORT = "passport", "护照"
        OTHER_ID = "other_id", "其他有效身份证件"
        CREDIT_CODE = "credit_code", "统一社会信用代码"

    class Carrier(models.TextChoices):
        PAPER = "paper", "纸质"
        EMAIL = "email", "电子邮件"
        DISC = "disc", "光盘"

    class Delivery(models.TextChoices):
        POST = "post", "邮寄"
        HAND = "hand", "专人送达"
        FAX = "fax", "传真"
        NETWORK = "network", "网络（电子邮件、网上查看）"
        COLLECT = "collect", "自行领取"
        ON_SITE = "on_site", "当场阅读、抄录"

    class FeeWaiverGround(models.TextChoices):
        MINIMUM_ALLOWANCE = "minimum_allowance", "享受城乡居民最低生活保障"
        WELFARE_INSTITUTION = "welfare_institution", "在社会福利机构由国家供养"
        FIVE_GUARANTEES = "five_guarantees", "农村五保户"
        STATE_RELIEF = "state_relief", "因残疾、疾病、灾害或其他原因享受国家救济"
        BELOW_MINIMUM = "below_minimum", "经乡镇人民政府或街道办事处证明生活水平低于最低生活保障标准"

    class RequestType(models.TextChoices):
        DISCLOSURE = "disclosure", "申请公开政府信息"
        CORRECTION = "correction", "申请更正与本人相关的政府信息"

    class Channel(models.TextChoices):
        ONLINE = "online", "网上申请"
        API = "api", "网上申请（省级平台接口）"
        IN_PERSON = "in_person", "当面提交"
        REGISTERED_POST = "registered_post", "邮寄（需签收）"
        LETTER = "letter", "平常信函"
        FAX = "fax", "传真"
        EMAIL = "email", "电子邮件"
        ORAL = "oral", "口头申请（工作人员代为填写）"

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "待登记"
        REGISTERED = "registered", "已登记，审查中"
        AWAITING_SUPPLEMENT = "awaiting_supplement", "待申请人补正"
        IN_PROGRESS = "in_progress", "办理中"
        CONSULTING = "consulting", "征求第三方意见中"
        AWAITING_APPROVAL = "awaiting_approval", "答复待领导审批"
        ANSWERED = "answered", "已答复"
        DELIVERED = "delivered", "已送达"
        ARCHIVED = "archived", "已归档"
        WITHDRAWN = "withdrawn", "视为未申请，已终止"
        TRANSFERRED = "transferred", "已转有关部门处理"

    class AnswerKind(models.TextChoices):
        ALREADY_PUBLIC = "already_public", "已主动公开，告知获取方式和途径（制度二第五条第一项）"
        DISCLOSED = "disclosed", "予以公开，提供所申请的信息"
        TRANSFERRED = "transferred", "属于咨询、投诉、信访、举报，转交主管部门并告知（第二项）"
        NOT_GOVERNMENT_INFORMATION = "not_government_information", "不属于政府信息，告知并说明（第三项）"
        REFUSED = "refused", "不予公开，告知并说明理由和依据（第四项）"
        PARTIAL = "partial", "部分公开，提供可以公开的部分（第五项）"
        OTHER_AGENCY = "other_agency", "不属于本机关掌握，告知掌握机关及联系方式（第六项）"
        NOT_EXIST = "not_exist", "所申请的信息不存在，告知并说明（第七项）"
        SUPPLEMENT = "supplement", "告知补正"
        DEEMED_WITHDRAWN = "deemed_withdrawn", "逾期未补正，视为未申请"
        REPEAT = "repeat", "重复申请，不予重复处理"
        CORRECTED = "corrected", "更正申请：已予更正（制度二第九条）"
        CORRECTION_TRANSFERRED = "correction_transferred", "更正申请：无权更正，转送有权更正的机关并告知"

    CORRECTION_KINDS = (AnswerKind.CORRECTED, AnswerKind.CORRECTION_TRANSFERRED)

    tracking_number = models.CharField(
        "申请编号", max_length=40, unique=True, help_text="系统生成，如 2026-00001；导入的历史台账保留原编号"
    )
    access_code_hash = models.CharField(
        "查询码（摘要）",
        max_length=128,
        blank=True,
        editable=False,
        help_text="只保存摘要，原码只在提交成功时显示一次",
    )

    request_type = models.CharField(
        "申请类别",
        max_length=20,
        choices=RequestType.choices,
        default=RequestType.DISCLOSURE,
        help_text="申请公开政府信息，或申请更正本机关记录的与本人相关的不准确信息（须提供证据）",
    )
    applicant_type = models.CharField(
        "申请人类型", max_length=20, choices=ApplicantType.choices, help_text="公民，或法人或者其他组织"
    )
    organisation_kind = models.CharField(
        "组织类别",
        max_length=20,
        choices=OrganisationKind.choices,
        blank=True,
        help_text="法人或者其他组织须选择，年度报告按此分类统计",
    )
    name = models.CharField(
        "申请人姓名或名称",
        max_length=200,
        validators=[refuse_bidi_controls],
        help_text="公民填姓名，组织填全称",
    )
    contact_person = models.CharField(
        "联系人",
        max_length=50,
        blank=True,
        validators=[refuse_bidi_controls],
        help_text="组织申请时的联系人",
    )
    id_type = models.CharField(
        "证件类型", max_length=20, choices=IdType.choices, help_text="组织使用统一社会信用代码"
    )
    id_number = crypto.EncryptedCharField(
        "证件号码", max_length=40, help_text="加密保存，列表与导出中只显示前4位和后4位"
    )
    id_digest = models.CharField(
        "证件号码指纹", max_length=64, blank=True, editable=False, db_index=True, help_text="用于发现重复申请"
    )
    phone = crypto.EncryptedCharField("联系电话", max_length=30, help_text="加密保存")
    email = crypto.EncryptedCharField(
        "电子邮箱", max_length=254, blank=True, help_text="加密保存；用于发送编号与告知"
    )
    address = crypto.EncryptedCharField(
        "通信地址", max_length=300, blank=True, help_text="加密保存；邮寄送达时必填"
    )
    postcode = models.CharField("邮政编码", max_length=6, blank=True, help_text="6位数字")

    agent_name = models.CharField(
        "委托代理人姓名",
        max_length=50,
        blank=True,
        validators=[refuse_bidi_controls],
        help_text="委托他人代为申请时填写",
    )
    agent_id_type = models.CharField(
        "代理人证件类型", max_length=20, choices=IdType.choices, blank=True, help_text="代理人的有效身份证件"
    )
    agent_id_number = crypto.EncryptedCharField(
        "代理人证件号码", max_length=40, blank=True, help_text="加密保存"
    )
    agent_phone = crypto.EncryptedCharField("代理人联系电话", max_length=30, blank=True, help_text="加密保存")
    power_of_attorney = private_file("授权委托书", "attorney", "PDF 或图片，不超过10MB；不对外公开")

    description = models.TextField(
        "所需信息的内容描述",
        max_length=DESCRIPTION_MAX,
        validators=[MaxLengthValidator(DESCRIPTION_MAX)],
        help_text="名称或便于查询的特征性描述；申请更正的，写明哪条记录有误、应当如何更正（不超过2000字）",
    )
    document_reference = models.CharField(
        "文号或索引号", max_length=200, blank=True, help_text="知道的话请填写，如：楚扶办发〔2018〕12号"
    )
    purpose = models.TextField(
        "所需信息的用途",
        blank=True,
        max_length=PURPOSE_MAX,
        validators=[MaxLengthValidator(PURPOSE_MAX)],
        help_text="选填，不影响受理（不超过500字）",
    )
    carrier = models.CharField(
        "信息载体", max_length=10, choices=Carrier.choices, help_text="纸质、电子邮件或光盘"
    )
    delivery = models.CharField(
        "获取方式",
        max_length=10,
        choices=Delivery.choices,
        help_text="邮寄、专人送达、传真、网络、自行领取、当场阅读",
    )
    fee_waiver_ground = models.CharField(
        "申请减免费用的理由",
        max_length=30,
        choices=FeeWaiverGround.choices,
        blank=True,
        help_text="符合制度二第八条五种情形之一的，可申请减免，须附证明",
    )
    fee_waiver_proof = private_file("减免证明材料", "waiver", "PDF 或图片，不超过10MB")
    correction_evidence = private_file(
        "更正证据材料", "correction", "申请更正时提交的证明材料，PDF 或图片，不超过10MB；不对外公开"
    )
    fee_waiver_approved = models.BooleanField(
        "同意减免", null=True, blank=True, help_text="由信息公开工作机构负责人决定；空为未决定"
    )
    fee_amount = models.DecimalField(
        "收费金额（元）", max_digits=9, decimal_places=2, default=0, help_text="检索、复制、邮寄等成本费用"
    )

    channel = models.CharField(
        "申请方式", max_length=20, choices=Channel.choices, help_text="决定收到申请之日的认定"
    )
    submitted_at = models.DateTimeField("提交时间", help_text="申请到达本机关的时间")
    signed_on = models.DateField(
        "签收日期", null=True, blank=True, help_text="需签收的邮寄申请：本机关签收之日"
    )
    confirmed_on = models.DateField(
        "确认日期", null=True, blank=True, help_text="网络、传真、电子邮件与平常信函：双方确认收到之日"
    )
    received_date = models.DateField(
        "收到申请日期", null=True, blank=True, help_text="依申请方式认定的收到之日，答复期限自次日起算"
    )
    due_date = models.DateField(
        "答复期限", null=True, blank=True, db_index=True, help_text="由计时记录推算；暂停计时期间为空"
    )
    read_back_confirmed = models.BooleanField(
        "已向申请人宣读确认",
        default=False,
        help_text="口头申请由工作人员代为填写后，须向申请人宣读并经其确认",
    )

    status = models.CharField(
        "办理状态",
        max_length=30,
        choices=Status.choices,
        default=Status.SUBMITTED,
        db_index=True,
        help_text="当前所处环节",
    )
    department = models.ForeignKey(
        "organisation.Department",
        verbose_name="承办科室",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disclosure_requests",
        help_text="掌握所申请信息的科室",
    )
    handlers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="经办人",
        blank=True,
        related_name="handled_disclosure_requests",
        help_text="可查看申请人完整个人信息的经办人员",
    )
    answer_kind = models.CharField(
        "答复类型", max_length=30, choices=AnswerKind.choices, blank=True, help_text="制度二第五条的答复情形"
    )
    report_row = models.CharField(
        "年度报告统计项",
        max_length=60,
        blank=True,
        help_text="年度报告表三的办理结果行，如：不予公开/属于国家秘密",
    )
    legal_ground = models.TextField(
        "法律依据", blank=True, help_text="不予公开、部分公开时必填，引用具体条款"
    )
    reason = models.TextField("理由说明", blank=True, help_text="不予公开等情形须向申请人说明理由")
    other_agency = models.CharField(
        "掌握信息的机关", max_length=200, blank=True, help_text="不属于本机关掌握时填写"
    )
    other_agency_contact = models.CharField(
        "该机关联系方式", max_length=200, blank=True, help_text="地址、电话等，写入答复书"
    )
    answered_on = models.DateField(
        "答复日期", null=True, blank=True, help_text="答复书落款日期；空为尚未答复"
    )
    delivered_on = models.DateField("送达日期", null=True, blank=True, help_text="按申请人选择的方式送达之日")
    repeat_of = models.ForeignKey(
        "self",
        verbose_name="疑似重复的申请",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="同一申请人已答复过的相同申请，提示经办人",
    )
    imported = models.BooleanField("历史导入", default=False, help_text="由 import_requests 从历史台账导入")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = RequestQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请台账"
        permissions = [("view_personal_data", "查看申请人完整个人信息")]

    def __str__(self):
        return f"{self.tracking_number} {self.name}"

    # -- identity and access code -------------------------------------------------------------

    def save(self, *args, **kwargs):
        self.id_number = normalise_id(self.id_type, self.id_number)
        self.agent_id_number = normalise_id(self.agent_id_type, self.agent_id_number)
        self.id_digest = crypto.digest(f"{self.id_type}:{self.id_number}") if self.id_number else ""
        if not self.received_date:
            self.received_date = receipt_date(self)
        super().save(*args, **kwargs)

    @property
    def marked_due_date(self):
        """The due date, marked 暂定 when it was counted on a year whose holidays nobody has confirmed."""
        return marked(self.received_date, self.due_date) if self.received_date else self.due_date

    @property
    def due_date_provisional(self):
        return getattr(self.marked_due_date, "provisional", False)

    def clean(self):
        errors = {}
        if self.applicant_type == self.ApplicantType.ORGANISATION:
            if not self.organisation_kind:
                errors["organisation_kind"] = "法人或者其他组织申请，请选择组织类别。"
            if self.id_type and self.id_type != self.IdType.CREDIT_CODE:
                errors["id_type"] = "法人或者其他组织请使用统一社会信用代码。"
        elif self.applicant_type == self.ApplicantType.CITIZEN:
            self.organisation_kind = ""
            if self.id_type == self.IdType.CREDIT_CODE:
                errors["id_type"] = "公民请选择身份证件类型。"
        for type_field, number_field in (("id_type", "id_number"), ("agent_id_type", "agent_id_number")):
            try:
                validate_id_number(getattr(self, type_field), getattr(self, number_field))
            except ValidationError as error:
                errors[number_field] = error.messages
        if self.agent_name and not (self.agent_id_type and self.agent_id_number):
            errors["agent_id_number"] = "委托代理人须提供有效身份证件。"
        if self.delivery == self.Delivery.POST and not self.address:
            errors["address"] = "选择邮寄送达的，请填写通信地址。"
        if self.carrier == self.Carrier.EMAIL and not self.email:
            errors["email"] = "选择电子邮件载体的，请填写电子邮箱。"
        if errors:
            raise ValidationError(errors)

    def set_access_code(self):
        """A new random code: returned once to show the applicant, only its hash is kept."""
        code = "".join(secrets.choice(ACCESS_CODE_ALPHABET) for _ in range(ACCESS_CODE_LENGTH))
        self.access_code_hash = make_password(code)
        return code

    def check_access_code(self, code):
        return bool(self.access_code_hash) and check_password(
            (code or "").strip().upper(), self.access_code_hash
        )

    # -- masked views of personal data ----------------------------------------------------------

    @property
    def id_number_masked(self):
        return mask(self.id_number)

    @property
    def phone_masked(self):
        return mask_phone(self.phone)

    @property
    def address_masked(self):
        return mask_address(self.address)

    @property
    def agent_id_number_masked(self):
        return mask(self.agent_id_number)

    def can_see_personal_data(self, user):
        """综合科 (by its right) and the request's handlers see personal data in full; others see it masked."""
        if not user or not user.is_authenticated:
            return False
        if user.has_perm("disclosure_requests.view_personal_data"):
            return True
        if self.pk and self.handlers.filter(pk=user.pk).exists():
            return True
        department = self.department
        return bool(department) and user.pk in (
            department.head_id,
            department.information_officer_id,
            department.leader_in_charge_id,
        )

    def personal_data_for(self, user):
        """The applicant's ID number, phone and address as `user` may see them."""
        full = self.can_see_personal_data(user)
        return {
            "id_number": self.id_number if full else self.id_number_masked,
            "phone": self.phone if full else self.phone_masked,
            "address": self.address if full else self.address_masked,
            "email": self.email if full else mask(self.email, 2, 0),
            "agent_id_number": self.agent_id_number if full else self.agent_id_number_masked,
            "agent_phone": self.agent_phone if full else mask_phone(self.agent_phone),
        }

    def find_repeat(self):
        """An earlier, answered request by the same applicant asking for the same thing (S2.5, repeat)."""
        if not self.id_digest:
            return None
        answered = DisclosureRequest.objects.filter(
            id_digest=self.id_digest, answered_on__isnull=False
        ).exclude(pk=self.pk)
        wanted = " ".join(self.description.split())
        for earlier in answered.order_by("-answered_on"):
            if " ".join(earlier.description.split()) == wanted or (
                self.document_reference and earlier.document_reference == self.document_reference
            ):
                return earlier
        return None


def normalise_id(id_type, value):
    value = (value or "").strip()
    if id_type in (DisclosureRequest.IdType.RESIDENT_ID, DisclosureRequest.IdType.CREDIT_CODE):
        value = value.upper()
    return value


def validate_id_number(id_type, value):
    value = normalise_id(id_type, value)
    if not id_type or not value:
        return
    if id_type == DisclosureRequest.IdType.RESIDENT_ID:
        validate_resident_id(value)
    elif id_type == DisclosureRequest.IdType.CREDIT_CODE:
        validate_credit_code(value)


def receipt_date(request):
    """收到申请之日 by channel (2019 Art 31, reference §1.2); None while it is not yet established.

    In person and oral: the day submitted. Registered post: the day the office signs for it. Ordinary
    letter, fax and email: the day both sides confirm (staff confirm an ordinary letter on the day
    it arrives). The online form and the API confirm at once: the tracking number shown to the
    applicant is the office's confirmation, so they count from the day of submission.
    """
    from django.utils import timezone

    Channel = DisclosureRequest.Channel
    if not request.submitted_at:
        return None
    submitted_on = timezone.localdate(request.submitted_at)
    if request.channel in (Channel.IN_PERSON, Channel.ORAL, Channel.ONLINE, Channel.API):
        return submitted_on
    if request.channel == Channel.REGISTERED_POST:
        return request.signed_on
    return request.confirmed_on


class ClockEntry(models.Model):
    """One typed event on a request's clock; never edited, only appended (S6.2)."""

    class Kind(models.TextChoices):
        START = "start", "开始计时"
        SUPPLEMENT_RESTART = "supplement_restart", "补正后重新计时"
        SUPPLEMENT_STOP = "supplement_stop", "告知补正，停止计时"
        PAUSE = "pause", "暂停计时"
        RESUME = "resume", "恢复计时"
        EXTENSION = "extension", "延长答复期限"

    request = about_request("clock_entries")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, help_text="计时事件的类型")
    date = models.DateField("日期", help_text="事件发生之日；开始与恢复计时均自次日起算")
    days = models.PositiveSmallIntegerField(
        "工作日数", null=True, blank=True, help_text="开始计时：答复期限；延长：延长的工作日数"
    )
    basis = models.CharField(
        "依据", max_length=300, blank=True, help_text="如：分管领导批准延期、征求第三方意见"
    )
    created_by = recorded_by("登记人")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = "计时记录"
        verbose_name_plural = "计时记录"

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"


class RequestProcess(Process):
    """The handling of one request in the workflow (viewflow process); the request holds the facts."""

    class Decision(models.TextChoices):
        COMPLETE = "complete", "申请内容完整，予以受理"
        INCOMPLETE = "incomplete", "需要补正"
        SUPPLEMENTED = "supplemented", "申请人已补正"
        NOT_SUPPLEMENTED = "not_supplemented", "逾期无正当理由未补正"
        ANSWER = "answer", "拟定答复"
        CONSULT = "consult", "征求第三方意见"
        EXTEND = "extend", "申请延期答复"
        APPROVE = "approve", "同意"
        RETURN = "return", "退回修改"
        GOOD_REASON = "good_reason", "申请人有正当理由，延长补正期限"

    request = models.OneToOneField(
        DisclosureRequest,
        verbose_name="申请",
        on_delete=models.CASCADE,
        related_name="process",
        null=True,
        help_text="本流程办理的申请",
    )
    last_decision = models.CharField(
        "最近一次决定", max_length=20, choices=Decision.choices, blank=True, help_text="决定流程的下一步"
    )
    supplement_items = models.TextField("补正事项", blank=True, help_text="补正告知书一次性列明的全部事项")
    supplement_due = models.DateField("补正期限", null=True, blank=True, help_text="申请人应在此日前补正")
    supplement_text = models.TextField(
        "申请人补正内容", blank=True, help_text="申请人在网上或窗口提交的补正说明"
    )
    supplement_file = private_file("补正材料", "supplement", "申请人补正时提交的材料，不对外公开")
    third_party = models.CharField("第三方", max_length=200, blank=True, help_text="被征求意见的第三方名称")
    third_party_reason = models.CharField(
        "征求意见的原因",
        max_length=300,
        blank=True,
        help_text="写入征求意见书，如：涉及贵公司的商业秘密；不得载明申请人信息",
    )
    third_party_reply = models.CharField(
        "第三方意见",
        max_length=20,
        blank=True,
        choices=[("agree", "同意公开"), ("refuse", "不同意公开"), ("no_reply", "逾期未答复")],
        help_text="第三方在15个工作日内的书面意见",
    )
    public_interest_override = models.BooleanField(
        "因公共利益决定公开", default=False, help_text="第三方不同意，但不公开可能对公共利益造成重大影响"
    )
    public_interest_reason = models.TextField(
        "公共利益理由", blank=True, help_text="书面告知第三方的公开内容和理由"
    )
    extension_days_requested = models.PositiveSmallIntegerField(
        "申请延长工作日数", null=True, blank=True, help_text="承办科室申请延期的天数，待分管领导审批"
    )
    extension_reason = models.CharField(
        "延期理由", max_length=300, blank=True, help_text="写入延期答复告知书"
    )

    task_summary_template = "disclosure_requests/task_summary.html"

    class Meta:
        verbose_name = "申请办理流程"
        verbose_name_plural = "申请办理流程"
        permissions = [
            ("register_request", "登记、审查政府信息公开申请（综合科）"),
            ("decide_fee_waiver", "决定费用减免（信息公开工作机构负责人）"),
        ]

    def __str__(self):
        return str(self.request) if self.request_id else super().__str__()

    def get_admin_url(self):
        return reverse(
            "wagtailsnippets_disclosure_requests_disclosurerequest:inspect", args=[self.request_id]
        )

    def inbox_row(self):
        """What the inbox shows of a request task: number and applicant, the answer clock, the repeat flag."""
        from workflow.deadlines import due_status

        request = self.request
        row = {"subject": f"{request.tracking_number} {request.get_request_type_display()}", "flag": ""}
        if request.due_date:
            row["due"], (row["due_state"], row["due_text"]) = request.due_date, due_status(request.due_date)
        flags = [
            "疑似重复申请" if request.repeat_of_id else "",
            "期限暂定" if request.due_date_provisional else "",
        ]
        row["flag"] = "；".join(flag for flag in flags if flag)
        return row


class Reminder(models.Model):
    """A deadline reminder sent to a request's handlers; one per request, due date and day (idempotent)."""

    class Moment(models.IntegerChoices):
        FIVE_DAYS = 5, "答复期限前5个工作日"
        TWO_DAYS = 2, "答复期限前2个工作日"
        DUE_DAY = 0, "答复期限当日"

    request = about_request("reminders")
    due_date = models.DateField("提醒时的答复期限", help_text="期限变化（补正、暂停、延期）后按新期限再提醒")
    moment = models.SmallIntegerField("提醒时点", choices=Moment.choices, help_text="距答复期限的工作日数")
    recipients = models.CharField("提醒对象", max_length=300, help_text="收到提醒的经办人")
    sent_at = models.DateTimeField("提醒时间", auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = "期限提醒"
        verbose_name_plural = "期限提醒"
        constraints = [
            models.UniqueConstraint(fields=["request", "due_date", "moment"], name="one_reminder_per_moment")
        ]

    def __str__(self):
        return f"{self.request.tracking_number} {self.get_moment_display()}"
