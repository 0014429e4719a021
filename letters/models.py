"""The office's letter wording (文书模板) and the archive of every letter issued (文书)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from gongkai_site.private_files import private_storage

from .defaults import DEFAULT_TEMPLATES
from .kinds import LetterKind
from .wording import LetterError, compile_wording


class LetterTemplate(models.Model):
    kind = models.CharField(
        "文书种类",
        max_length=30,
        choices=LetterKind.choices,
        unique=True,
        help_text="每种文书一个模板；删除后再次生成该文书时恢复为默认措辞。",
    )
    title = models.CharField(
        "标题", max_length=100, help_text="文书标题，如：政府信息公开申请答复书；可以使用下方所列变量。"
    )
    number_prefix = models.CharField(
        "文号代字",
        max_length=30,
        blank=True,
        help_text="文号为“代字〔年份〕序号号”，如：楚乡振公开〔2026〕3号。同一代字每年从1起连续编号，"
        "几种文书可以共用一个代字；留空则不编文号。",
    )
    body = models.TextField(
        "正文",
        help_text="每行为一段；以“一、”开头且不含句号的行排为黑体小标题。用 {{ 变量 }} 插入内容，"
        "日期写作 {{ received_date|chinese_date }}（如2025年10月23日）。可以使用的变量见下方说明。",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="最后修改人",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="在后台最后一次修改本模板的人；由系统填写。",
    )
    updated_at = models.DateTimeField("最后修改时间", auto_now=True, help_text="由系统填写。")

    class Meta:
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.title}"

    @classmethod
    def for_kind(cls, kind):
        if kind not in LetterKind.values:
            raise LetterError(f"没有这种文书：{kind}")
        template, _ = cls.objects.get_or_create(kind=kind, defaults=DEFAULT_TEMPLATES[kind])
        return template

    def clean(self):
        if self.kind not in LetterKind.values:
            return  # the field's own validation reports it
        errors = {}
        for field in ("title", "body"):
            try:
                compile_wording(self.kind, getattr(self, field))
            except LetterError as error:
                errors[field] = str(error)
        if errors:
            raise ValidationError(errors)


class LetterNumberCounter(models.Model):
    """The last serial used under one 代字 in one year; its row is locked while the next one is taken."""

    prefix = models.CharField("文号代字", max_length=30, help_text="如：楚乡振公开")
    year = models.PositiveSmallIntegerField("年份", help_text="文号中〔〕内的年份")
    last_value = models.PositiveIntegerField("已用到的序号", default=0, help_text="下一份文书的序号为此数加1")

    class Meta:
        verbose_name = "文号流水"
        verbose_name_plural = "文号流水"
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="unique_letter_counter")]

    def __str__(self):
        return f"{self.prefix}〔{self.year}〕→ {self.last_value}"


def letter_upload_to(letter, filename):
    # The stored name is random: a letter names a person, so its address must not be guessable.
    return timezone.localdate(letter.issued_at).strftime("letters/%Y/%m/") + filename


class LetterQuerySet(models.QuerySet):
    def about(self, subject):
        """The letters issued about `subject` (a request, a review process…), newest first."""
        return self.filter(content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk)


class Letter(models.Model):
    class DeliveryMethod(models.TextChoices):
        POST = "post", "邮寄"
        EMAIL = "email", "电子邮件"
        FAX = "fax", "传真"
        HAND = "hand", "直接送达"
        ONLINE = "online", "网上送达"
        COLLECT = "collect", "当面领取"

    kind = models.CharField(
        "文书种类",
        max_length=30,
        choices=LetterKind.choices,
        editable=False,
        help_text="生成时所用的文书模板",
    )
    letter_number = models.CharField(
        "文号",
        max_length=60,
        blank=True,
        editable=False,
        help_text="系统按代字和年份连续编号；回执、审查表不编号。",
    )
    title = models.CharField("标题", max_length=200, editable=False, help_text="生成时的文书标题")
    recipient_name = models.CharField(
        "收件人",
        max_length=200,
        blank=True,
        editable=False,
        help_text="申请人、第三方或者被征求意见机关的名称",
    )
    content_type = models.ForeignKey(
        ContentType,
        verbose_name="事项类型",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        help_text="文书所属事项的类型，如：政府信息公开申请、发布审核流程",
    )
    object_id = models.PositiveBigIntegerField(
        "事项编号", null=True, blank=True, editable=False, help_text="文书所属事项在其类型中的编号"
    )
    subject = GenericForeignKey("content_type", "object_id")
    pdf = models.FileField(
        "PDF 文件",
        storage=private_storage,
        upload_to=letter_upload_to,
        blank=True,
        editable=False,
        help_text="签发时生成的正式文本，不再改动；在后台生成完成前为空（生成中）",
    )
    source_html = models.TextField(
        "正式文本（HTML）",
        blank=True,
        editable=False,
        help_text="签发时按当时的措辞排好的文本；后台任务据此生成 PDF",
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="签发人",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="生成文书的工作人员；系统自动生成的（如在线申请的登记回执）为空。",
    )
    issued_at = models.DateTimeField(
        "签发时间", default=timezone.now, editable=False, help_text="生成文书的时间"
    )
    delivery_method = models.CharField(
        "送达方式", max_length=10, choices=DeliveryMethod.choices, blank=True, help_text="实际送达文书的方式"
    )
    sent_at = models.DateTimeField("送达时间", null=True, blank=True, help_text="寄出、发送或者交付的时间")
    note = models.TextField("备注", blank=True, help_text="如：挂号信单号、签收人")

    objects = LetterQuerySet.as_manager()

    class Meta:
        verbose_name = "文书"
        verbose_name_plural = "文书"
        ordering = ["-issued_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="letter_subject")]
        constraints = [
            models.UniqueConstraint(
                fields=["letter_number"], condition=~Q(letter_number=""), name="unique_letter_number"
            )
        ]

    def __str__(self):
        return f"{self.title}（{self.letter_number}）" if self.letter_number else self.title

    @property
    def is_rendering(self):
        """Issued, its PDF not yet produced by the background worker (shown as 生成中)."""
        return not self.pdf

    @property
    def download_name(self):
        return f"{self}.pdf"
