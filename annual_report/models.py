"""The annual report (rule 5, S5.1–S5.2): the report of a year, the figures the office enters, the
register of reconsideration and litigation cases, the deadlines, and the approval process."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from viewflow.workflow.models import Process
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from organisation.models import Agency

from .tables import format_for


@register_setting(icon="date")
class ReportPolicy(BaseGenericSetting):
    """When the report of a year is due: data, not code, since the 2019 regulation moved publication."""

    class Regime(models.TextChoices):
        SEED = "seed", "本机关制度：1月20日前报送，3月31日前公布"
        NATIONAL_2019 = "2019", "2019年《政府信息公开条例》第四十九条：1月31日前公布"

    PUBLISH_BY = {Regime.SEED: (3, 31), Regime.NATIONAL_2019: (1, 31)}

    regime = models.CharField(
        "适用规定",
        max_length=10,
        choices=Regime.choices,
        default=Regime.NATIONAL_2019,
        help_text="默认取较严格的规定：条例第四十九条要求1月31日前公布；改变后，公布期限按所选规定填入",
    )
    submit_month = models.PositiveSmallIntegerField("报送期限（月）", default=1, help_text="次年几月")
    submit_day = models.PositiveSmallIntegerField(
        "报送期限（日）", default=20, help_text="报送州政府信息公开主管部门的最后一天（制度五：1月20日）"
    )
    publish_month = models.PositiveSmallIntegerField("公布期限（月）", default=1, help_text="次年几月")
    publish_day = models.PositiveSmallIntegerField(
        "公布期限（日）",
        default=31,
        help_text="在门户网站公布的最后一天（条例第四十九条：1月31日；制度五：3月31日）",
    )
    remind_days = models.PositiveSmallIntegerField(
        "提前提醒天数", default=7, help_text="期限前多少个自然日在待办中提醒综合科"
    )

    class Meta:
        verbose_name = "年度报告期限"

    def clean(self):
        for month, day, field in (
            (self.submit_month, self.submit_day, "submit_day"),
            (self.publish_month, self.publish_day, "publish_day"),
        ):
            try:
                datetime.date(2001, month, day)
            except ValueError:
                raise ValidationError({field: f"{month}月{day}日不是有效日期。"}) from None

    def save(self, *args, **kwargs):
        if self.pk:
            previous = type(self).objects.filter(pk=self.pk).values_list("regime", flat=True).first()
            if previous != self.regime:
                self.publish_month, self.publish_day = self.PUBLISH_BY[self.regime]
        super().save(*args, **kwargs)

    def submit_by(self, year):
        """The day the report of `year` must reach the prefecture's authority."""
        return datetime.date(year + 1, self.submit_month, self.submit_day)

    def publish_by(self, year):
        return datetime.date(year + 1, self.publish_month, self.publish_day)


class AnnualReport(models.Model):
    """The report of one year: narrative parts by 综合科; figures from the records, fixed on submission."""

    class Status(models.TextChoices):
        DRAFT = "draft", "编写中"
        IN_APPROVAL = "in_approval", "待领导小组审定"
        APPROVED = "approved", "已审定，待报送"
        SUBMITTED = "submitted", "已报送，待公布"
        PUBLISHED = "published", "已公布"

    year = models.PositiveSmallIntegerField(
        "年度", unique=True, help_text="报告统计的年度（1月1日至12月31日）"
    )
    status = models.CharField(
        "状态", max_length=20, choices=Status.choices, default=Status.DRAFT, help_text="由审批流程更新"
    )
    overview = models.TextField(
        "一、总体情况",
        blank=True,
        help_text="主动公开、依申请公开、政府信息管理、平台建设、监督保障；可用 {本年新收申请数} 等占位符自动填入数字",
    )
    problems = models.TextField(
        "五、存在的主要问题及改进情况", blank=True, help_text="本年度工作的不足与下一步改进措施"
    )
    other_matters = models.TextField(
        "六、其他需要报告的事项",
        blank=True,
        help_text="收费及减免情况由系统自动写在本节开头；此处填写建议提案办理、年度工作要点落实等",
    )
    figures = models.JSONField(
        "定稿数据",
        null=True,
        blank=True,
        editable=False,
        help_text="报送审定时固定的统计数据；为空时按台账实时统计",
    )
    figures_fixed_at = models.DateTimeField("数据固定时间", null=True, blank=True, editable=False)
    submitted_on = models.DateField("报送日期", null=True, blank=True, help_text="报送州主管部门之日")
    submission_reference = models.CharField(
        "报送文号或方式", max_length=200, blank=True, help_text="如：楚乡振报〔2026〕2号，或省级平台报送"
    )
    published_on = models.DateField("公布日期", null=True, blank=True, help_text="在门户网站公布之日")
    pdf = models.FileField(
        "PDF 文件", upload_to="annual_reports/", blank=True, help_text="公布时由系统生成，供公众下载"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="开始编写的综合科人员",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"

    def __str__(self):
        return self.title

    @property
    def title(self):
        agency = Agency.current()
        return f"{agency.name if agency else ''}{self.year}年政府信息公开工作年度报告"

    @property
    def report_format(self):
        return format_for(self.year)

    @property
    def editable(self):
        return self.status == self.Status.DRAFT


class ProactiveFigure(models.Model):
    """A figure of table 二 the office holds outside this system (行政许可, 处罚, 强制, 收费…)."""

    year = models.PositiveSmallIntegerField("年度", help_text="报告年度")
    key = models.CharField(
        "统计项",
        max_length=120,
        help_text="表二的项目、行与列，如：第二十条第（五）项/行政许可/本年处理决定数量",
    )
    value = models.DecimalField(
        "数值", max_digits=14, decimal_places=2, help_text="件数填整数；收费金额以万元计"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="填报人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="最后一次填报或修改的人员",
    )
    entered_at = models.DateTimeField("填报时间", auto_now=True)

    class Meta:
        verbose_name = "主动公开填报数据"
        verbose_name_plural = "主动公开填报数据"
        constraints = [models.UniqueConstraint(fields=["year", "key"], name="one_figure_per_year_and_key")]

    def __str__(self):
        return f"{self.year}年 {self.key}：{self.value}"


class LegalCase(models.Model):
    """One administrative reconsideration or lawsuit over a disclosure request (table 四), kept by 综合科."""

    class Kind(models.TextChoices):
        RECONSIDERATION = "reconsideration", "行政复议"
        LAWSUIT_DIRECT = "lawsuit_direct", "行政诉讼（未经复议直接起诉）"
        LAWSUIT_AFTER_RECONSIDERATION = "lawsuit_after_reconsideration", "行政诉讼（复议后起诉）"

    class Outcome(models.TextChoices):
        UPHELD = "upheld", "结果维持"
        CORRECTED = "corrected", "结果纠正"
        OTHER = "other", "其他结果"
        PENDING = "pending", "尚未审结"

    request = models.ForeignKey(
        "disclosure_requests.DisclosureRequest",
        verbose_name="所涉申请",
        on_delete=models.PROTECT,
        related_name="legal_cases",
        help_text="引起复议或诉讼的政府信息公开申请",
    )
    kind = models.CharField(
        "类型", max_length=40, choices=Kind.choices, help_text="复议，或直接起诉，或复议后起诉"
    )
    case_number = models.CharField(
        "案号", max_length=100, blank=True, help_text="复议决定书或判决书的文号、案号"
    )
    body = models.CharField("复议机关或法院", max_length=100, help_text="如：楚雄州人民政府、楚雄市人民法院")
    filed_on = models.DateField("立案日期", help_text="按立案日期计入当年年度报告")
    outcome = models.CharField(
        "结果", max_length=20, choices=Outcome.choices, default=Outcome.PENDING, help_text="审结后填写结果"
    )
    concluded_on = models.DateField("审结日期", null=True, blank=True, help_text="尚未审结的留空")
    notes = models.TextField("备注", blank=True, help_text="案情摘要、纠正内容等")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="登记本案的综合科人员",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        ordering = ["-filed_on", "-pk"]
        verbose_name = "行政复议、行政诉讼案件"
        verbose_name_plural = "行政复议、行政诉讼台账"

    def __str__(self):
        return f"{self.get_kind_display()} {self.case_number or self.filed_on}"

    def clean(self):
        errors = {}
        if self.outcome == self.Outcome.PENDING and self.concluded_on:
            errors["outcome"] = "已填写审结日期的，请选择结果。"
        if self.outcome != self.Outcome.PENDING and not self.concluded_on:
            errors["concluded_on"] = "已有结果的，请填写审结日期。"
        if self.concluded_on and self.filed_on and self.concluded_on < self.filed_on:
            errors["concluded_on"] = "审结日期不能早于立案日期。"
        if errors:
            raise ValidationError(errors)

    def outcome_at(self, day):
        """The outcome as it stood on `day`: a case concluded later was still pending then."""
        if self.concluded_on and self.concluded_on <= day:
            return self.outcome
        return self.Outcome.PENDING


class AnnualReportProcess(Process):
    """The report's way from draft to publication (viewflow process); the report holds the content."""

    class Decision(models.TextChoices):
        SUBMIT = "submit", "提交审定"
        APPROVE = "approve", "同意报送和公布"
        RETURN = "return", "退回修改"

    report = models.ForeignKey(
        AnnualReport,
        verbose_name="年度报告",
        on_delete=models.CASCADE,
        related_name="processes",
        null=True,
        help_text="本流程审定、报送和公布的年度报告",
    )
    last_decision = models.CharField(
        "最近一次决定", max_length=20, choices=Decision.choices, blank=True, help_text="决定流程的下一步"
    )

    class Meta:
        verbose_name = "年度报告审批流程"
        verbose_name_plural = "年度报告审批流程"
        permissions = [
            ("draft_annual_report", "编写、报送、公布年度报告（综合科）"),
            ("approve_annual_report", "审定年度报告（政务公开领导小组、主要领导）"),
        ]

    def __str__(self):
        return str(self.report) if self.report_id else "年度报告"

    def inbox_row(self):
        """The inbox names the report by its year: its full title would look the agency up on every row."""
        return {"subject": f"{self.report.year}年度报告"}

    def get_admin_url(self):
        return reverse("annual_report_admin:admin_report", args=[self.report.year])
