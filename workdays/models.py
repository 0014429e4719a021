"""The working-day calendar: only the exceptions to the Monday–Friday rule are stored (DESIGN.md decision 4)."""

from django.core.exceptions import ValidationError
from django.db import models

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
