"""Assessment of the sections (rule 7) and the accountability register (rule 10).

A case (责任追究案件) is one breach of S10.3, typed by its number (1)–(17). Cases and their history are
never deleted: the register proves afterwards what was found and what was done about it.
"""

from decimal import Decimal

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable


class Breach(models.IntegerChoices):
    """The seventeen breaches of 制度十第三条, in the regulation's own words."""

    LATE_SUPPLY = 1, "（一）各科、中心未及时提供应当公开的事项或内容，造成扶贫工作信息公开流于形式的"
    NOT_PUBLISHED_BY_GENERAL_OFFICE = 2, "（二）综合科未公开或及时公开各科、中心提供的信息，造成不良影响的"
    UNTRUE_CONTENT = 3, "（三）所提供的信息内容不属实，公开事项不全面"
    CHANGE_NOT_SUPPLIED = 4, "（四）公开的事项或内容发生变更后，不及时补充提供应公开的事项或内容的"
    INCONVENIENT_FORM = 5, "（五）公开形式不符合便民原则、法定要求或不能保证公开有效性的"
    LATE_DISCLOSURE = 6, "（六）应当公开的事项未按要求、时限公开，造成不良影响、不良后果的"
    REQUEST_MISHANDLED = 7, "（七）对申请人申请公开不按有关规定办理，或擅自提出额外公开条件和要求的"
    MAJOR_MATTER_UNDISCLOSED = (
        8,
        "（八）对事关全局的、与群众利益关系密切的、公众普遍关注的重要事项，不按规定进行公开的",
    )
    COMPLAINT_UNHANDLED = 9, "（九）不及时处理群众的举报投诉，对有关责任人包庇纵容，不向群众公开处理结果的"
    LEAK = 10, "（十）违反公开程序，造成泄密失查的"
    REQUEST_NOT_ACCEPTED = 11, "（十一）对符合申请公开条件，手续齐备而不予受理和批准的"
    ILLEGAL_FEES = 12, "（十二）违反规定收取费用或者通过其他组织、个人以有偿服务方式提供政府信息的"
    PUBLIC_OPINION_IGNORED = 13, "（十三）对社会评议后公众提出的意见和建议，未整改或整改不力的"
    THIRD_PARTY_NOT_CONSULTED = (
        14,
        "（十四）公开涉及商业秘密、个人隐私的政府信息，可能损害第三方合法权益，未征得第三方同意的",
    )
    UNAPPROVED_PUBLICATION = 15, "（十五）依照国家有关规定需要批准的政府信息，未经批准发布的"
    SUPERVISION_OBSTRUCTED = (
        16,
        "（十六）拒绝、阻挠、干扰依法对政府信息公开工作进行监督检查或者不落实监督检查决定、要求的",
    )
    OTHER = 17, "（十七）违反政府信息公开有关规定的其他行为"


@register_setting(icon="warning")
class AccountabilitySettings(BaseGenericSetting):
    """Limits of the register: data, not code (SPEC, across all rules)."""

    rectification_days = models.PositiveSmallIntegerField(
        "整改期限（工作日）",
        default=10,
        validators=[MinValueValidator(1)],
        help_text="系统自动立案时责令限期整改的期限，自立案次日起算；逾期未整改的取消年度评先评优资格",
    )
    complaint_days = models.PositiveSmallIntegerField(
        "投诉办理期限（工作日）",
        default=15,
        validators=[MinValueValidator(1)],
        help_text="自收到投诉次日起算；逾期未办结的，按第（九）项自动立案",
    )
    registration_days = models.PositiveSmallIntegerField(
        "申请登记期限（工作日）",
        default=1,
        help_text="网上等渠道提交的申请应在此期限内登记受理；逾期未登记的，按第（十一）项自动立案",
    )

    class Meta:
        verbose_name = "责任追究设置"

    @classmethod
    def current(cls):
        return cls.load()


# Only the leading group reports a case on (制度十第四至六条): the transfer fields are its alone.
TRANSFER_PERMISSION = "accountability.transfer_case"


class NeverDeletedQuerySet(models.QuerySet):
    def delete(self):
        raise PermissionDenied("责任追究台账的记录不得删除。")


class NeverDeleted(models.Model):
    """Records of the register stay: no delete from code, admin or bulk actions."""

    objects = NeverDeletedQuerySet.as_manager()

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        raise PermissionDenied("责任追究台账的记录不得删除。")


class Complaint(NeverDeleted):
    """群众举报投诉 about disclosure work (S7.4 (5), breach (9))."""

    received_on = models.DateField("收到日期", default=timezone.localdate, help_text="办理期限自次日起算")
    complainant = models.CharField(
        "投诉人", max_length=100, blank=True, help_text="可匿名；个人信息不在列表中显示"
    )
    subject = models.TextField("投诉事项", help_text="投诉、举报的内容摘要")
    department = models.ForeignKey(
        "organisation.Department",
        verbose_name="被投诉科室",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        help_text="涉及本机关科室、中心时选择",
    )
    county_office = models.ForeignKey(
        "organisation.CountyOffice",
        verbose_name="涉及的县市扶贫办",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        help_text="涉及县市扶贫办时选择",
    )
    handled_on = models.DateField("办结日期", null=True, blank=True, help_text="空为尚未办结")
    result = models.TextField("处理结果", blank=True, help_text="办结时填写；处理结果应向投诉人公开")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "举报投诉"
        verbose_name_plural = "举报投诉登记"
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return f"{self.received_on:%Y-%m-%d} {self.subject[:30]}"

    def clean(self):
        errors = {}
        if not self.department_id and not self.county_office_id:
            errors["department"] = "请选择被投诉的科室或县市扶贫办。"
        if self.handled_on and self.handled_on < self.received_on:
            errors["handled_on"] = "办结日期不能早于收到日期。"
        if self.handled_on and not self.result.strip():
            errors["result"] = "办结时请填写处理结果。"
        if errors:
            raise ValidationError(errors)

    @property
    def due(self):
        from workdays.calendar import add_working_days

        return add_working_days(self.received_on, AccountabilitySettings.current().complaint_days)


class AccountabilityCase(NeverDeleted):
    """责任追究案件: one breach of S10.3, the measures taken and the rectification."""

    class Status(models.TextChoices):
        OPEN = "open", "待处理"
        RECTIFYING = "rectifying", "限期整改中"
        CLOSED = "closed", "已办结"

    class Transfer(models.TextChoices):
        """Where the leading group sends a case (制度八第八条, 制度十第四至六条); 综合科 does not decide it."""

        SUPERVISORY = "supervisory", "报请监察机关处理（制度十第四条）"
        AUTHORITY = "authority", "报请州政府信息公开工作主管部门处理（制度十第四条）"
        SUPERIOR = "superior", "报请上级行政机关处理（制度八第八条）"
        JUDICIAL = "judicial", "涉嫌犯罪，移交司法机关（制度十第二条）"
        OFFICE_MEETING = "office_meeting", "重大问题报主任办公会议研究（制度十第五条）"
        PARTY_GROUP = "party_group", "需组织处理，报办党组（制度十第六条）"

    breach = models.PositiveSmallIntegerField(
        "违规情形", choices=Breach.choices, help_text="制度十第三条所列情形"
    )
    facts = models.TextField("事实", help_text="发生了什么，涉及哪项信息或哪件申请")
    found_on = models.DateField("发现日期", default=timezone.localdate, help_text="立案之日")
    department = models.ForeignKey(
        "organisation.Department",
        verbose_name="责任科室",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accountability_cases",
        help_text="科室、中心；涉及县市扶贫办时可空",
    )
    county_office = models.ForeignKey(
        "organisation.CountyOffice",
        verbose_name="涉及的县市扶贫办",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accountability_cases",
        help_text="由县市扶贫办负责时选择",
    )
    responsible_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="责任人",
        blank=True,
        related_name="accountability_cases",
        help_text="科室主要负责人及有关责任人",
    )
    order_to_correct = models.BooleanField("责令改正", default=False, help_text="责令限期整改")
    rectification_deadline = models.DateField(
        "整改期限",
        null=True,
        blank=True,
        help_text="逾期不整改的，取消科室主要负责人及有关责任人年度评先评优资格",
    )
    reminder_talk_on = models.DateField(
        "提醒谈话日期", null=True, blank=True, help_text="对科室主要负责人提醒谈话之日"
    )
    circulated_criticism = models.BooleanField("通报批评", default=False, help_text="已通报批评")
    administrative_sanction = models.CharField(
        "行政处分", max_length=200, blank=True, help_text="处分种类与文号，如：警告，楚乡振发〔2026〕5号"
    )
    transferred_to = models.CharField(
        "移送",
        max_length=20,
        choices=Transfer.choices,
        blank=True,
        help_text="由政务公开领导小组决定：报请监察机关、上级机关，报主任办公会议、办党组，或移送司法机关",
    )
    transfer_note = models.TextField("移送情况", blank=True, help_text="移送日期、文号和接收机关")
    rectified_on = models.DateField("整改完成日期", null=True, blank=True, help_text="填写后案件办结")
    rectification = models.TextField("整改情况", blank=True, help_text="做了什么整改")
    rectification_proof = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="整改证明材料",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="整改报告、发布截图等",
    )
    award_eligibility_lost = models.BooleanField(
        "取消年度评先评优资格",
        default=False,
        help_text="逾期未整改时由系统标记（制度十第三条）",
    )
    status = models.CharField(
        "状态",
        max_length=20,
        choices=Status.choices,
        default=Status.OPEN,
        help_text="填写整改完成日期后自动办结",
    )
    detection_key = models.CharField(
        "自动发现标识",
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="系统自动立案时记录所发现的对象，同一违规只立案一次",
    )
    created_at = models.DateTimeField("立案时间", auto_now_add=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("breach"),
                FieldPanel("facts"),
                FieldRowPanel(
                    [FieldPanel("found_on"), FieldPanel("department"), FieldPanel("county_office")]
                ),
                FieldPanel("responsible_people"),
            ],
            heading="案件",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("order_to_correct"), FieldPanel("rectification_deadline")]),
                FieldRowPanel([FieldPanel("reminder_talk_on"), FieldPanel("circulated_criticism")]),
                FieldPanel("administrative_sanction"),
                FieldRowPanel(
                    [
                        FieldPanel("transferred_to", permission=TRANSFER_PERMISSION),
                        FieldPanel("transfer_note", permission=TRANSFER_PERMISSION),
                    ]
                ),
            ],
            heading="追究措施",
        ),
        MultiFieldPanel(
            [
                FieldPanel("rectified_on"),
                FieldPanel("rectification"),
                FieldPanel("rectification_proof"),
                FieldPanel("award_eligibility_lost", read_only=True),
            ],
            heading="整改",
        ),
    ]

    class Meta:
        verbose_name = "责任追究案件"
        verbose_name_plural = "责任追究台账"
        ordering = ["-found_on", "-pk"]
        permissions = [
            ("view_dashboard", "查看综合科工作台"),
            ("transfer_case", "政务公开领导小组报请移送、报告（制度八第八条、制度十第四至六条）"),
        ]

    def __str__(self):
        return f"第{self.pk}号 {self.get_breach_display()[:20]}…"

    def save(self, *args, **kwargs):
        self.status = self.derived_status()
        if self.rectified_on and self.rectified_late(self.rectified_on):
            self.award_eligibility_lost = True
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if not self.department_id and not self.county_office_id:
            errors["department"] = "请选择责任科室或县市扶贫办。"
        if self.order_to_correct and not self.rectification_deadline:
            errors["rectification_deadline"] = "责令改正须规定整改期限。"
        if self.rectification_deadline and self.found_on and self.rectification_deadline < self.found_on:
            errors["rectification_deadline"] = "整改期限不能早于发现日期。"
        if self.rectified_on and not self.rectification.strip():
            errors["rectification"] = "填写整改完成日期时，请说明整改情况。"
        if self.rectified_on and self.found_on and self.rectified_on < self.found_on:
            errors["rectified_on"] = "整改完成日期不能早于发现日期。"
        if self.rectified_on and self.rectified_on > timezone.localdate():
            errors["rectified_on"] = "整改完成日期不能晚于今天。"
        if self.transferred_to and not self.transfer_note.strip():
            errors["transfer_note"] = "请写明移送日期、文号和接收机关。"
        if errors:
            raise ValidationError(errors)

    @property
    @admin.display(description="来源")
    def detected(self):
        return "系统发现" if self.detection_key else "人工登记"

    def derived_status(self):
        if self.rectified_on:
            return self.Status.CLOSED
        if self.order_to_correct:
            return self.Status.RECTIFYING
        return self.Status.OPEN

    def rectified_late(self, today):
        """逾期不整改: rectified after the deadline, or the deadline passed by `today` without rectification."""
        return (
            bool(self.rectification_deadline) and (self.rectified_on or today) > self.rectification_deadline
        )


# -- assessment (rule 7) ----------------------------------------------------------------------------


class Heading(models.TextChoices):
    """The five things S7.4 assesses (制度七第四条)."""

    DUTIES = "duties", "（一）工作职责和管理权限的公开情况"
    DECISIONS = "decisions", "（二）重大决策和重要事项的公开情况"
    SERVICES = "services", "（三）办事依据、程序、时限和方式、方法、结果的公开情况"
    PROMISES = "promises", "（四）服务承诺兑现情况"
    COMPLAINTS = "complaints", "（五）对群众投诉的处理情况"


class Grade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    QUALIFIED = "qualified", "合格"
    BASIC = "basic", "基本合格"
    UNQUALIFIED = "unqualified", "不合格"


class AssessmentScheme(ClusterableModel):
    """考核办法: the year's indicators, weights and grade thresholds, set by the leading group (S7.5)."""

    year = models.PositiveSmallIntegerField("考核年度", unique=True, help_text="考核的是该年度的工作")
    title = models.CharField("名称", max_length=100, help_text="如：2026年度政府信息与政务公开工作考核办法")
    excellent_from = models.DecimalField(
        "优秀分数线", max_digits=5, decimal_places=1, default=Decimal("90"), help_text="总分不低于此分为优秀"
    )
    qualified_from = models.DecimalField(
        "合格分数线", max_digits=5, decimal_places=1, default=Decimal("75"), help_text="总分不低于此分为合格"
    )
    basic_from = models.DecimalField(
        "基本合格分数线",
        max_digits=5,
        decimal_places=1,
        default=Decimal("60"),
        help_text="总分不低于此分为基本合格，低于此分为不合格",
    )
    deadline = models.DateField(
        "考核完成期限", help_text="领导小组完成评分、确定等次的期限；显示在综合科工作台"
    )
    finalised_on = models.DateField(
        "定稿日期", null=True, blank=True, help_text="定稿后考核结果不再变动；空为尚未定稿"
    )

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("title")]),
        FieldRowPanel([FieldPanel("excellent_from"), FieldPanel("qualified_from"), FieldPanel("basic_from")]),
        FieldRowPanel([FieldPanel("deadline"), FieldPanel("finalised_on")]),
        InlinePanel("indicators", heading="考核指标", label="指标", min_num=1),
    ]

    class Meta:
        verbose_name = "考核办法"
        verbose_name_plural = "考核办法"
        ordering = ["-year"]
        permissions = [("score_assessment", "政务公开领导小组评分、确定考核等次")]

    def __str__(self):
        return self.title

    def clean(self):
        if not self.excellent_from > self.qualified_from > self.basic_from >= 0:
            raise ValidationError({"qualified_from": "分数线应为：优秀 > 合格 > 基本合格 ≥ 0。"})

    @property
    @admin.display(description="考核结果")
    def results_link(self):
        return "查看、计算与评分"

    def grade_for(self, total):
        if total >= self.excellent_from:
            return Grade.EXCELLENT
        if total >= self.qualified_from:
            return Grade.QUALIFIED
        if total >= self.basic_from:
            return Grade.BASIC
        return Grade.UNQUALIFIED


class Indicator(Orderable):
    """One quantified indicator under one of the five headings; measured by the system or scored by hand."""

    class Measure(models.TextChoices):
        MANUAL = "manual", "领导小组评分"
        ITEMS_ON_TIME = "items_on_time", "主动公开信息按时发布率（20个工作日）"
        REQUESTS_ON_TIME = "requests_on_time", "依申请公开按时答复率"
        NO_EXTENSION = "no_extension", "依申请公开未延期答复率"
        COMPLAINTS_HANDLED = "complaints_handled", "举报投诉按期办结率"
        CASES = "cases", "责任追究案件（每件扣分）"

    scheme = ParentalKey(
        AssessmentScheme,
        verbose_name="考核办法",
        on_delete=models.CASCADE,
        related_name="indicators",
        help_text="指标所属的年度考核办法",
    )
    heading = models.CharField(
        "考核内容", max_length=20, choices=Heading.choices, help_text="制度七第四条五项之一"
    )
    name = models.CharField("指标", max_length=200, help_text="如：权责清单按时公开")
    weight = models.DecimalField(
        "分值",
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1"))],
        help_text="本指标满分；各指标分值合计一般为100",
    )
    measure = models.CharField(
        "评分方式",
        max_length=30,
        choices=Measure.choices,
        default=Measure.MANUAL,
        help_text="系统计算的指标按比例得分（无相关事项的得满分）；领导小组评分的须填写说明",
    )
    deduction_per_case = models.DecimalField(
        "每件扣分",
        max_digits=4,
        decimal_places=1,
        default=Decimal("2"),
        help_text="仅用于“责任追究案件”：每件案件扣的分数，扣完为止",
    )

    class Meta(Orderable.Meta):
        verbose_name = "考核指标"
        verbose_name_plural = "考核指标"

    def __str__(self):
        return self.name

    @property
    def automatic(self):
        return self.measure != self.Measure.MANUAL


class AssessmentResult(models.Model):
    """One section's result for one year: total, grade and the consequences S7.6 attaches to it."""

    scheme = models.ForeignKey(
        AssessmentScheme,
        verbose_name="考核办法",
        on_delete=models.PROTECT,
        related_name="results",
        help_text="结果依据的年度考核办法",
    )
    department = models.ForeignKey(
        "organisation.Department",
        verbose_name="科室、中心",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="被考核的科室或中心",
    )
    total = models.DecimalField(
        "总分", max_digits=5, decimal_places=1, default=0, help_text="各项指标得分之和"
    )
    grade = models.CharField(
        "等次",
        max_length=20,
        choices=Grade.choices,
        blank=True,
        help_text="按考核办法的分数线确定；全部指标评分后给出",
    )
    commended = models.BooleanField("通报表扬", default=False, help_text="优秀科室由领导小组通报表扬")
    criticised = models.BooleanField("通报批评", default=False, help_text="不合格科室通报批评")
    award_eligibility_lost = models.BooleanField(
        "取消年终评优资格", default=False, help_text="不合格科室及科室人员取消年终评优资格"
    )
    head_talk_on = models.DateField(
        "约谈负责人日期", null=True, blank=True, help_text="不合格科室的相关负责人约谈之日"
    )
    consequence_note = models.TextField("奖惩说明", blank=True, help_text="表扬的文号、先进个人、问责情况等")
    computed_at = models.DateTimeField(
        "计算时间", null=True, blank=True, help_text="最近一次由系统计算的时间"
    )

    class Meta:
        verbose_name = "考核结果"
        verbose_name_plural = "考核结果"
        ordering = ["scheme", "department__sort_order", "department__pk"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "department"], name="one_result_per_section_and_year")
        ]

    def __str__(self):
        return f"{self.scheme.year}年 {self.department}：{self.get_grade_display() or '未评定'}"


class IndicatorScore(models.Model):
    result = models.ForeignKey(
        AssessmentResult,
        verbose_name="考核结果",
        on_delete=models.CASCADE,
        related_name="scores",
        help_text="得分所属的科室考核结果",
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name="指标", on_delete=models.CASCADE, related_name="+", help_text="所评的考核指标"
    )
    score = models.DecimalField(
        "得分",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="不超过该指标的分值；空为尚未评分",
    )
    basis = models.TextField("依据", blank=True, help_text="系统计算的依据，或领导小组评分的说明")
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="评分人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="系统计算时为空",
    )
    scored_at = models.DateTimeField("评分时间", null=True, blank=True, help_text="计算或评分的时间")

    class Meta:
        verbose_name = "指标得分"
        verbose_name_plural = "指标得分"
        constraints = [
            models.UniqueConstraint(fields=["result", "indicator"], name="one_score_per_indicator")
        ]

    def __str__(self):
        return f"{self.indicator}：{self.score}"
