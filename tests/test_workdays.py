"""The working-day calendar every deadline uses (SPEC S6.1, S6.2; DESIGN.md decision 4)."""

import datetime
import json

import chinese_calendar
import pytest
from django.core.management import CommandError, call_command

from workdays.calendar import (
    add_working_days,
    clear_cache,
    explain,
    is_working_day,
    unconfirmed_years,
    working_days_between,
)
from workdays.models import CalendarDay, CalendarYear

D = datetime.date
PROACTIVE_DAYS = 20  # S6.1
REQUEST_DAYS = 15  # S6.2


@pytest.fixture(autouse=True)
def fresh_calendar_cache(db):
    """The cache outlives each test's rolled-back transaction: never let a hand entry leak."""
    clear_cache()
    yield
    clear_cache()


def add_day(day, kind=CalendarDay.Kind.HOLIDAY, name="本地放假"):
    return CalendarDay.objects.create(date=day, kind=kind, name=name)


@pytest.mark.rule("S6.2")
def test_request_received_before_national_day_2025_counts_the_makeup_saturdays():
    # Received Fri 26 Sep. Counted: 9-28 (Sun, 调休), 9-29, 9-30; 10-1..10-8 off; 10-9, 10-10,
    # 10-11 (Sat, 调休), 10-13..10-17, 10-20..10-23 → the 15th working day is Thu 23 Oct.
    assert add_working_days(D(2025, 9, 26), REQUEST_DAYS) == D(2025, 10, 23)


@pytest.mark.rule("S6.2")
def test_request_received_before_spring_festival_2025():
    # Received Fri 24 Jan. Counted: 1-26 (Sun, 调休), 1-27; 1-28..2-4 off; 2-5..2-7, 2-8 (Sat, 调休),
    # 2-10..2-14, 2-17..2-20 → Thu 20 Feb.
    assert add_working_days(D(2025, 1, 24), REQUEST_DAYS) == D(2025, 2, 20)


@pytest.mark.rule("S6.2")
def test_extension_adds_at_most_15_more_working_days():
    due = add_working_days(D(2025, 9, 26), REQUEST_DAYS)
    assert add_working_days(due, REQUEST_DAYS) == add_working_days(D(2025, 9, 26), 2 * REQUEST_DAYS)
    assert add_working_days(due, REQUEST_DAYS) == D(2025, 11, 13)


@pytest.mark.rule("S6.1")
def test_proactive_disclosure_within_20_working_days_across_dragon_boat_2025():
    # Formed Tue 20 May; Mon 2 Jun (端午) is skipped → Wed 18 Jun.
    assert add_working_days(D(2025, 5, 20), PROACTIVE_DAYS) == D(2025, 6, 18)
    assert add_working_days(D(2025, 9, 26), PROACTIVE_DAYS) == D(2025, 10, 30)


@pytest.mark.rule("S6.1")
def test_seeded_table_agrees_with_the_national_calendar_2018_to_2026():
    day, last = D(2018, 1, 1), D(2026, 12, 31)
    while day <= last:
        assert is_working_day(day) == chinese_calendar.is_workday(day), day
        day += datetime.timedelta(days=1)
    assert unconfirmed_years(D(2018, 1, 1), last) == ()


@pytest.mark.rule("S6.1")
def test_working_days_between_is_the_inverse_of_adding():
    start, due = D(2025, 9, 26), D(2025, 10, 23)
    assert working_days_between(start, due) == REQUEST_DAYS
    assert working_days_between(due, start) == -REQUEST_DAYS
    assert working_days_between(start, start) == 0
    assert working_days_between(D(2025, 10, 1), D(2025, 10, 8)) == 0


@pytest.mark.rule("S6.2")
def test_span_into_2027_does_not_crash_and_warns_that_it_is_provisional():
    explanation = explain(D(2026, 12, 18), REQUEST_DAYS)
    # 12-21..12-25, 12-28..12-31 (9), then 2027: 1-1 is 元旦 by the holiday regulation, 1-4..1-8, 1-11.
    assert explanation.due == D(2027, 1, 11)
    assert explanation.warning
    assert explanation.unconfirmed_years == (2027,)
    assert "2027年" in explanation.warning_text
    assert "2027年日历暂定" in explanation.entries[-1].reason


@pytest.mark.rule("S6.2")
def test_holiday_entered_by_hand_changes_the_due_date_and_confirming_clears_the_warning():
    assert add_working_days(D(2026, 12, 18), REQUEST_DAYS) == D(2027, 1, 11)
    add_day(D(2027, 1, 4), name="本地放假")
    assert add_working_days(D(2026, 12, 18), REQUEST_DAYS) == D(2027, 1, 12)
    CalendarYear.objects.create(year=2027, complete=True)
    assert not explain(D(2026, 12, 18), REQUEST_DAYS).warning


@pytest.mark.rule("S6.1")
def test_local_holiday_and_deleted_makeup_day_change_the_answer():
    add_day(D(2025, 10, 9), name="本地放假")
    assert add_working_days(D(2025, 9, 26), REQUEST_DAYS) == D(2025, 10, 24)
    CalendarDay.objects.filter(date=D(2025, 10, 11)).delete()
    assert add_working_days(D(2025, 9, 26), REQUEST_DAYS) == D(2025, 10, 27)


@pytest.mark.rule("S6.2")
def test_explain_gives_every_day_with_its_reason():
    explanation = explain(D(2025, 9, 26), REQUEST_DAYS)
    lines = [str(entry) for entry in explanation.entries]
    assert lines[0] == "2025-09-26（周五）起算当日，不计"
    assert lines[1] == "2025-09-27（周六）休息日，不计"
    assert lines[2] == "2025-09-28（周日）调休上班：国庆节，第1个工作日"
    assert lines[5] == "2025-10-01（周三）法定节假日：国庆节，不计"
    assert lines[-1] == "2025-10-23（周四）工作日，第15个工作日"
    assert len(lines) == (D(2025, 10, 23) - D(2025, 9, 26)).days + 1
    assert [entry.count for entry in explanation.entries if entry.count] == list(range(1, 16))
    assert not explanation.warning and explanation.warning_text == ""


def test_zero_days_is_the_start_and_negative_is_refused():
    assert add_working_days(D(2025, 10, 1), 0) == D(2025, 10, 1)
    with pytest.raises(ValueError):
        add_working_days(D(2025, 10, 1), -1)


def test_only_exceptions_to_monday_to_friday_are_accepted():
    with pytest.raises(Exception, match="周六"):
        CalendarDay(date=D(2027, 1, 2), kind=CalendarDay.Kind.HOLIDAY, name="元旦").full_clean()
    with pytest.raises(Exception, match="周一"):
        CalendarDay(date=D(2027, 1, 4), kind=CalendarDay.Kind.MAKEUP, name="元旦").full_clean()


def test_seed_calendar_is_idempotent_and_keeps_hand_entries(capsys):
    CalendarDay.objects.filter(date=D(2025, 10, 8)).update(name="国庆节（已核对）", source="manual")
    before = CalendarDay.objects.count()
    call_command("seed_calendar", "--from", "2025", "--to", "2026")
    call_command("seed_calendar", "--from", "2025", "--to", "2026")
    assert CalendarDay.objects.count() == before
    assert CalendarDay.objects.get(date=D(2025, 10, 8)).name == "国庆节（已核对）"
    assert "2025年：导入 22 天，保留手工录入 1 天" in capsys.readouterr().out


def test_seed_calendar_refuses_years_the_library_lacks():
    with pytest.raises(CommandError, match="手工录入"):
        call_command("seed_calendar", "--from", "2027", "--to", "2027")


def test_general_office_adds_next_years_holiday_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/snippets/workdays/calendarday/add/",
        {"date": "2027-01-01", "kind": "holiday", "name": "元旦", "note": "国务院办公厅通知"},
    )
    assert response.status_code == 302
    assert CalendarDay.objects.get(date=D(2027, 1, 1)).source == CalendarDay.Source.MANUAL
    assert not is_working_day(D(2027, 1, 1))
    listing = admin_client.get("/admin/snippets/workdays/calendarday/", {"year": "2027", "kind": "holiday"})
    assert listing.status_code == 200
    assert "元旦" in listing.content.decode() and "春节" not in listing.content.decode()
    assert json.dumps("工作日历") in admin_client.get("/admin/").content.decode()
