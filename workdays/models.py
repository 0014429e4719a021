"""The working-day calendar: only the exceptions to the Monday–Friday rule are stored (DESIGN.md decision 4)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

WEEKDAY_NAMES = "一二三四五六日"


def is_weekend(day):
    return day.weekday() >= 5


class CalendarDay(models.Model):
    """A weekday off (法定节假日) or a weekend day worked (调休上班)."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "法定节假日"
        MAKEUP = "makeup", "调休上班"

    class Source(models.TextChoices):
        IMPORTED = "imported", "导入"
        MANUAL = "manual", "手工"

    date = models.DateField("日期", unique=True, help_text="放假或调休上班的那一天")
    kind = models.CharField(
        "类别",
        max_length=10,
        choices=Kind.choices,
        help_text="法定节假日：周一至周五中放假的日子；调休上班：周六、周日中上班的日子。",
    )
    name = models.CharField("节日名称", max_length=50, help_text="如：春节、国庆节；调休上班日填所调的节日。")
    source = models.CharField(
        "来源",
        max_length=10,
        choices=Source.choices,
        default=Source.MANUAL,
        editable=False,
        help_text="导入：由 chinese_calendar 导入；手工：在后台录入或修改，重新导入时保留。",
    )
    note = models.CharField(
        "备注", max_length=200, blank=True, help_text="如：国务院办公厅通知文号、本地调整的依据。"
    )

    class Meta:
        ordering = ["date"]
        verbose_name = "节假日与调休"
        verbose_name_plural = "节假日与调休"

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}（{self.get_kind_display()}）"

    def clean(self):
        if self.date is None:
            return
        weekday = f"周{WEEKDAY_NAMES[self.date.weekday()]}"
        if self.kind == self.Kind.HOLIDAY and is_weekend(self.date):
            raise ValidationError({"date": f"这一天是{weekday}，本来就不上班，无需登记为法定节假日。"})
        if self.kind == self.Kind.MAKEUP and not is_weekend(self.date):
            raise ValidationError(
                {"date": f"这一天是{weekday}，本来就上班，只有周六、周日才能登记为调休上班。"}
            )


class CalendarYear(models.Model):
    """Whether a year's holiday arrangement has been entered in full and checked by the office."""

    year = models.PositiveSmallIntegerField("年份", unique=True, help_text="如：2027")
    complete = models.BooleanField(
        "已确认",
        default=False,
        help_text="该年国务院办公厅节假日安排通知已全部录入并核对。未确认的年份按法定节假日及补假推算（暂定），期限会提示。",
    )
    note = models.CharField(
        "备注", max_length=200, blank=True, help_text="如：国务院办公厅通知的文号和发布日期。"
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = "年度日历"
        verbose_name_plural = "年度日历"

    def __str__(self):
        return f"{self.year}年（{'已确认' if self.complete else '未确认'}）"


def days_field(label, default, help_text):
    return models.PositiveSmallIntegerField(
        label, default=default, validators=[MinValueValidator(1), MaxValueValidator(60)], help_text=help_text
    )


@register_setting(icon="time")
class TimeLimits(BaseGenericSetting):
    """Every time limit, in working days, under both regimes; `workdays.limits.time_limits()` reads the ones in
    force. The defaults are the regulations' own numbers."""

    class Regime(models.TextChoices):
        SEED = "seed", "本机关制度（2018年，依据2008年《政府信息公开条例》）"
        NATIONAL_2019 = "2019", "2019年《政府信息公开条例》"

    regime = models.CharField(
        "适用规定",
        max_length=10,
        choices=Regime.choices,
        default=Regime.SEED,
        help_text="各项期限按所选规定执行；已登记的申请仍按登记时的期限计算。",
    )
    seed_proactive_days = days_field(
        "主动公开期限", 20, "自信息形成或者变更之日起（制度一、制度六第一条：20个工作日；2008年条例第十八条）"
    )
    seed_consultation_reply_days = days_field(
        "其他机关答复征求意见期限",
        15,
        "拟发布信息涉及其他行政机关时，对方书面函复的期限（制度八未定天数，按本机关做法）",
    )
    seed_answer_days = days_field(
        "依申请公开答复期限",
        15,
        "自收到申请之日起，收到当日不计（制度六第二条、2008年条例第二十四条：15个工作日）",
    )
    seed_extension_days = days_field(
        "延长答复期限上限", 15, "经分管领导同意可延长一次，最长不超过此数（制度六第二条：15个工作日）"
    )
    seed_third_party_days = days_field(
        "第三方答复期限", 15, "征求第三方意见书中给第三方的答复期限；2008年条例未规定，按本机关做法"
    )
    seed_supplement_days = days_field(
        "补正期限", 10, "补正告知书给申请人的合理期限，逾期无正当理由不补正的视为未申请"
    )
    national_proactive_days = days_field(
        "主动公开期限", 20, "自信息形成或者变更之日起（2019年条例第二十六条：20个工作日）"
    )
    national_consultation_reply_days = days_field(
        "其他机关答复征求意见期限", 15, "被征求意见机关书面答复的期限（2019年条例第三十四条：15个工作日）"
    )
    national_answer_days = days_field(
        "依申请公开答复期限", 20, "自收到申请之日起，收到当日不计（2019年条例第三十三条：20个工作日）"
    )
    national_extension_days = days_field(
        "延长答复期限上限", 20, "经批准可延长一次，最长不超过此数（2019年条例第三十三条：20个工作日）"
    )
    national_third_party_days = days_field(
        "第三方答复期限", 15, "第三方自收到征求意见书之日起提出意见的期限（2019年条例第三十二条：15个工作日）"
    )
    national_supplement_days = days_field(
        "补正期限", 10, "补正告知书给申请人的合理期限（2019年条例第三十条：合理的补正期限）"
    )

    LIMITS = ("proactive", "consultation_reply", "answer", "extension", "third_party", "supplement")
    PREFIX = {Regime.SEED: "seed", Regime.NATIONAL_2019: "national"}

    panels = [
        FieldPanel("regime"),
        MultiFieldPanel([FieldPanel(f"seed_{name}_days") for name in LIMITS], heading=Regime.SEED.label),
        MultiFieldPanel(
            [FieldPanel(f"national_{name}_days") for name in LIMITS], heading=Regime.NATIONAL_2019.label
        ),
    ]

    class Meta:
        verbose_name = "期限设置"

    def in_force(self, regime=None):
        """The limits of `regime` (by default the one chosen), by their short names."""
        prefix = self.PREFIX[self.Regime(regime or self.regime)]
        days = {name: getattr(self, f"{prefix}_{name}_days") for name in self.LIMITS}
        return Limits(regime=self.regime if regime is None else regime, **days)


@dataclass(frozen=True)
class Limits:
    """The working days each limit allows under one regime."""

    regime: str
    proactive: int
    consultation_reply: int
    answer: int
    extension: int
    third_party: int
    supplement: int
