from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from .arrangement import YearForm, day_rows, save_arrangement
from .calendar import clear_cache
from .models import CalendarYear

RIGHT = "workdays.change_calendaryear"


def year_arrangement(request, year):
    if not request.user.has_perm(RIGHT):
        raise PermissionDenied("只有综合科可以录入和确认年度节假日安排。")
    existing = CalendarYear.objects.filter(year=year).first()
    if request.method == "POST":
        rows, form = day_rows(year, request.POST), YearForm(request.POST)
        if rows.is_valid() and form.is_valid():
            calendar_year = save_arrangement(year, rows.rows(), **form.cleaned_data)
            clear_cache()
            state = "已确认" if calendar_year.complete else "已保存，尚未确认"
            messages.success(request, f"{year}年节假日安排{state}；所有未办结事项的期限已按新日历重新计算。")
            return redirect(reverse("workdays_year", args=[year]))
    else:
        rows = day_rows(year)
        form = YearForm(
            initial={
                "note": existing.note if existing else "",
                "confirm": bool(existing and existing.complete),
            }
        )
    context = {"year": year, "rows": rows, "form": form, "confirmed": bool(existing and existing.complete)}
    return TemplateResponse(request, "workdays/year_arrangement.html", context)
