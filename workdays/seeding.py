"""Load holidays and make-up working days from `chinese_calendar` into the database calendar.

Used by the data migration (with historical models) and by `manage.py seed_calendar`. Rows entered
or edited by hand (来源：手工) are kept; imported rows the library no longer lists are removed.
"""

import chinese_calendar

from .models import CalendarDay, is_weekend

HOLIDAY, MAKEUP = CalendarDay.Kind.HOLIDAY, CalendarDay.Kind.MAKEUP
IMPORTED, MANUAL = CalendarDay.Source.IMPORTED, CalendarDay.Source.MANUAL


def library_years():
    """The years `chinese_calendar` has data for (2004–2026 in version 1.11.0)."""
    years = [day.year for day in chinese_calendar.holidays]
    return range(min(years), max(years) + 1)


def library_exceptions(year):
    """{date: (kind, Chinese name)} for one year: weekday holidays and weekend make-up days."""
    holidays = {
        day: (HOLIDAY, name) for day, name in chinese_calendar.holidays.items() if not is_weekend(day)
    }
    makeups = {day: (MAKEUP, name) for day, name in chinese_calendar.workdays.items() if is_weekend(day)}
    return {
        day: (kind, chinese_calendar.Holiday(name).chinese)
        for day, (kind, name) in (holidays | makeups).items()
        if day.year == year
    }


def seed_year(year, day_model, year_model):
    """Bring one year in line with the library; returns (imported, kept manual) counts."""
    exceptions = library_exceptions(year)
    rows = day_model.objects.filter(date__year=year)
    manual = set(rows.filter(source=MANUAL).values_list("date", flat=True))
    rows.filter(source=IMPORTED).exclude(date__in=exceptions).delete()
    for day, (kind, name) in exceptions.items():
        if day not in manual:
            day_model.objects.update_or_create(
                date=day, defaults={"kind": kind, "name": name, "source": IMPORTED}
            )
    year_model.objects.update_or_create(year=year, defaults={"complete": True})
    return len(exceptions.keys() - manual), len(manual)
