"""Working days (工作日) from the database calendar: every deadline in the system is counted here.

A period of n working days starts the day after `start` (the day of receipt or formation is not
counted, DESIGN.md decision 4). A year the office has not confirmed is provisional (暂定, DESIGN.md
decision 14): besides its own entries, the days off that the holiday regulation gives (with 补假) are
skipped, computed by `workdays.statutory`, and every period reaching into it carries a warning, so a
deadline is never early and never crashes for want of an entered year.

The table is small and read on every deadline, so it is kept in Django's cache: saving or deleting
a row clears it in the cache every process shares (the database table, or Redis), so all see it at once.
"""

import datetime
import threading
from dataclasses import dataclass

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import WEEKDAY_NAMES, CalendarDay, CalendarYear, is_weekend
from .signals import announce_calendar_change
from .statutory import statutory_days_off

CACHE_KEY = "workdays:calendar"
CACHE_SECONDS = 300
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class _Table:
    exceptions: dict  # date -> (kind, name)
    complete_years: frozenset


@dataclass(frozen=True)
class CalendarEntry:
    """One day of an explained period: why it was counted or skipped."""

    day: datetime.date
    reason: str
    count: int | None = None  # its number among the counted working days; None when skipped

    def __str__(self):
        counted = f"，第{self.count}个工作日" if self.count else "，不计"
        return f"{self.day:%Y-%m-%d}（周{WEEKDAY_NAMES[self.day.weekday()]}）{self.reason}{counted}"


@dataclass(frozen=True)
class Explanation:
    """The due date of `n` working days after `start`, day by day."""

    start: datetime.date
    n: int
    due: datetime.date
    entries: tuple
    unconfirmed_years: tuple

    @property
    def warning(self):
        return bool(self.unconfirmed_years)

    @property
    def warning_text(self):
        return provisional_text(self.unconfirmed_years)


def provisional_text(years):
    """What every page, letter and list says of a date counted on a year nobody has confirmed."""
    if not years:
        return ""
    named = "、".join(f"{year}年" for year in years)
    return (
        f"期限涉及{named}，该年国务院节假日安排尚未录入确认，暂按法定节假日及补假推算（暂定），"
        "请在“工作日历”中录入并确认。"
    )


def clear_cache():
    cache.delete(CACHE_KEY)
    _request.table = None


@receiver(post_save, sender=CalendarDay)
@receiver(post_delete, sender=CalendarDay)
@receiver(post_save, sender=CalendarYear)
@receiver(post_delete, sender=CalendarYear)
def _calendar_changed(**kwargs):
    clear_cache()
    announce_calendar_change()


def _load_table():
    exceptions = {day.date: (day.kind, day.name) for day in CalendarDay.objects.all()}
    complete = CalendarYear.objects.filter(complete=True).values_list("year", flat=True)
    return _Table(exceptions, frozenset(complete))


# The shared cache is a database table by default: within one request (an inbox of many rows) the
# table is read from it once, and forgotten when the request ends.
_request = threading.local()


@receiver(request_started)
@receiver(request_finished)
def _forget_request_table(**kwargs):
    _request.table = None
    _request.active = kwargs.get("signal") is request_started


def _table():
    table = getattr(_request, "table", None)
    if table is None:
        table = cache.get(CACHE_KEY)
        if table is None:
            table = _load_table()
            cache.set(CACHE_KEY, table, CACHE_SECONDS)
        if getattr(_request, "active", False):
            _request.table = table
    return table


def _classify(table, day):
    """(is it a working day, why) for one day."""
    kind, name = table.exceptions.get(day, (None, ""))
    if kind == CalendarDay.Kind.HOLIDAY:
        return False, f"法定节假日：{name}"
    if kind == CalendarDay.Kind.MAKEUP:
        return True, f"调休上班：{name}"
    if is_weekend(day):
        return False, "休息日"
    if day.year in table.complete_years:
        return True, "工作日"
    statutory = statutory_days_off(day.year).get(day)
    if statutory:
        return False, f"法定节假日（暂定）：{statutory}"
    return True, f"工作日（{day.year}年日历暂定）"


def is_working_day(day):
    return _classify(_table(), day)[0]


def _unconfirmed(table, first, last):
    return tuple(year for year in range(first.year, last.year + 1) if year not in table.complete_years)


def unconfirmed_years(first, last):
    """The years from `first` to `last` (dates, inclusive) whose calendar is not confirmed."""
    return _unconfirmed(_table(), first, last)


def explain(start, n):
    """Count `n` working days after `start` and say why each day was counted or skipped."""
    if n < 0:
        raise ValueError("n must not be negative")
    table = _table()
    entries = [CalendarEntry(start, "起算当日")]
    day, count = start, 0
    while count < n:
        day += ONE_DAY
        working, reason = _classify(table, day)
        count += working
        entries.append(CalendarEntry(day, reason, count if working else None))
    unconfirmed = _unconfirmed(table, start + ONE_DAY, day) if n else ()
    return Explanation(start, n, day, tuple(entries), unconfirmed)


class ProvisionalDate(datetime.date):
    """A date counted on a year nobody has confirmed: pages and letters print it with （暂定）."""

    provisional = True


def marked(start, day):
    """`day`, as a ProvisionalDate when the period after `start` reaches a year not yet confirmed."""
    if day and unconfirmed_years(start + ONE_DAY, day):
        return ProvisionalDate(day.year, day.month, day.day)
    return day


def add_working_days(start, n):
    """The date of the n-th working day after `start` (`start` itself is not counted)."""
    return explain(start, n).due


def working_days_between(a, b):
    """Working days after `a` up to and including `b`; negative when `b` is before `a`.

    `working_days_between(start, add_working_days(start, n)) == n`; with `a` = today and `b` = a due
    date it gives the working days left, negative once overdue.
    """
    if b < a:
        return -working_days_between(b, a)
    table = _table()
    return sum(_classify(table, a + k * ONE_DAY)[0] for k in range(1, (b - a).days + 1))
