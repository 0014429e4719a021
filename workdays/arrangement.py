"""One screen for a year's arrangement: the State Council's holidays and make-up days, then 确认.

The rows start from what the year already has, or — for a year nobody has entered — from the days off
the holiday regulation gives (`workdays.statutory`), so the office only adds the 调休 of the notice.
"""

import datetime

from django import forms
from django.db import transaction

from .models import CalendarDay, CalendarYear
from .statutory import statutory_days_off

EXTRA_ROWS = 8


class DayRowForm(forms.Form):
    date = forms.DateField(
        label="日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="放假的工作日，或调休上班的周六、周日",
    )
    kind = forms.ChoiceField(label="类别", choices=CalendarDay.Kind.choices, required=False)
    name = forms.CharField(label="节日名称", max_length=50, required=False, help_text="如：春节")

    def clean(self):
        data = super().clean()
        if not data.get("date"):
            return {}
        if not data.get("kind") or not data.get("name", "").strip():
            raise forms.ValidationError("请同时填写日期、类别和节日名称。")
        row = CalendarDay(date=data["date"], kind=data["kind"], name=data["name"].strip())
        try:
            row.clean()
        except forms.ValidationError as error:
            raise forms.ValidationError(error.message_dict["date"]) from None
        return data


class BaseDayRows(forms.BaseFormSet):
    year = None

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            day = form.cleaned_data.get("date")
            if not day:
                continue
            if day.year != self.year:
                raise forms.ValidationError(f"{day:%Y-%m-%d} 不在{self.year}年内。")
            if day in seen:
                raise forms.ValidationError(f"{day:%Y-%m-%d} 填写了两次。")
            seen.add(day)

    def rows(self):
        return [form.cleaned_data for form in self.forms if form.cleaned_data.get("date")]


DayRows = forms.formset_factory(DayRowForm, formset=BaseDayRows, extra=EXTRA_ROWS)


class YearForm(forms.Form):
    note = forms.CharField(
        label="备注", max_length=200, required=False, help_text="国务院办公厅通知的文号和发布日期"
    )
    confirm = forms.BooleanField(
        label="已全部录入并核对，确认该年安排",
        required=False,
        help_text="确认后该年不再按法定节假日推算，期限不再提示“暂定”",
    )


def initial_rows(year):
    rows = CalendarDay.objects.filter(date__year=year)
    if rows.exists():
        return [{"date": row.date, "kind": row.kind, "name": row.name} for row in rows]
    return [
        {"date": day, "kind": CalendarDay.Kind.HOLIDAY, "name": name}
        for day, name in sorted(statutory_days_off(year).items())
    ]


def day_rows(year, data=None):
    formset = DayRows(data, initial=None if data else initial_rows(year), prefix="days")
    formset.year = year
    return formset


@transaction.atomic
def save_arrangement(year, rows, *, note, confirm):
    """Replace the year's rows by `rows` (hand entries) and record whether the year is confirmed."""
    CalendarDay.objects.filter(date__year=year).exclude(date__in=[row["date"] for row in rows]).delete()
    for row in rows:
        CalendarDay.objects.update_or_create(
            date=row["date"],
            defaults={"kind": row["kind"], "name": row["name"].strip(), "source": CalendarDay.Source.MANUAL},
        )
    calendar_year, _ = CalendarYear.objects.update_or_create(
        year=year, defaults={"complete": confirm, "note": note}
    )
    return calendar_year


def year_to_ask_for(today):
    """From 1 November, next year — while nobody has confirmed it; otherwise None."""
    if today < datetime.date(today.year, 11, 1):
        return None
    year = today.year + 1
    return None if CalendarYear.objects.filter(year=year, complete=True).exists() else year
