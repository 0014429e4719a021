"""Years nobody has entered yet: counted on the holiday regulation, flagged 暂定, then confirmed.

《全国年节及纪念日放假办法》 (2024): 元旦 1 day; 春节 4 days from 除夕 to 初三; 清明 1; 劳动节 2 (5月1日、2日);
端午 1; 中秋 1; 国庆 3 (10月1日至3日). 第六条: a holiday that falls on a Saturday or Sunday is made up on a
working day. The expected days below are built from those words, with only the lunar dates and the
清明 solar term of 2027 taken as the calendar's facts.
"""

import datetime

import chinese_calendar
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from audit.trail import history
from disclosure_requests import clock
from disclosure_requests.models import DisclosureRequest
from tests.test_requests_model import make_request
from workdays.arrangement import year_to_ask_for
from workdays.calendar import add_working_days, clear_cache, explain
from workdays.models import CalendarYear
from workdays.statutory import statutory_days_off

D = datetime.date
ONE_DAY = datetime.timedelta(days=1)
REQUEST_DAYS = 15  # S6.2, the seed's limit and 期限设置's default

# 2027 by the Purple Mountain Observatory's calendar: 正月初一, 清明, 五月初五, 八月十五.
LUNAR_NEW_YEAR_2027, QINGMING_2027, DRAGON_BOAT_2027, MID_AUTUMN_2027 = (
    D(2027, 2, 6),
    D(2027, 4, 5),
    D(2027, 6, 9),
    D(2027, 9, 15),
)


def span(first, days):
    return [first + k * ONE_DAY for k in range(days)]


def regulation_days_off(year, lunar_new_year, qingming, dragon_boat, mid_autumn):
    """The weekdays off in `year` by the regulation's own words (第二条 and 第六条)."""
    holidays = [
        [D(year, 1, 1)],
        span(lunar_new_year - ONE_DAY, 4),
        [qingming],
        [D(year, 5, 1), D(year, 5, 2)],
        [dragon_boat],
        [mid_autumn],
        [D(year, 10, 1), D(year, 10, 2), D(year, 10, 3)],
    ]
    all_days = {day for block in holidays for day in block}
    off = {day for day in all_days if day.weekday() < 5}
    for block in holidays:
        weekend_days = sum(day.weekday() >= 5 for day in block)
        day = max(block)
        while weekend_days:
            day += ONE_DAY
            if day.weekday() < 5 and day not in all_days and day not in off:
                off.add(day)
                weekend_days -= 1
    return off


def days_off_2027():
    return regulation_days_off(2027, LUNAR_NEW_YEAR_2027, QINGMING_2027, DRAGON_BOAT_2027, MID_AUTUMN_2027)


def count_on_the_rule(start, n):
    """n working days after `start`: 2026 from chinese_calendar (the State Council's notice), 2027 by the rule."""
    off_2027, day = days_off_2027(), start
    while n:
        day += ONE_DAY
        if day.year == 2026:
            n -= chinese_calendar.is_workday(day)
        else:
            n -= day.weekday() < 5 and day not in off_2027
    return day


@pytest.fixture(autouse=True)
def fresh_calendar(db):
    clear_cache()
    yield
    clear_cache()


@pytest.mark.rule("S6.2")
def test_the_days_off_of_2027_are_those_the_regulation_gives():
    assert set(statutory_days_off(2027)) == days_off_2027()


@pytest.mark.rule("S6.2")
def test_new_year_2028_on_a_saturday_is_made_up_on_monday():
    assert D(2028, 1, 1).weekday() == 5
    assert D(2028, 1, 3) in statutory_days_off(2028)
    assert D(2028, 1, 1) not in statutory_days_off(2028)  # a Saturday is off anyway


@pytest.mark.rule("S6.2")
@pytest.mark.parametrize(
    "received",
    [D(2026, 12, 3), D(2026, 12, 18), D(2027, 1, 25), D(2027, 4, 20), D(2027, 9, 20)],
    ids=["now", "over-new-year", "over-spring-festival", "over-labour-day", "over-national-day"],
)
def test_a_deadline_in_a_year_nobody_entered_is_never_early(received):
    assert add_working_days(received, REQUEST_DAYS) == count_on_the_rule(received, REQUEST_DAYS)


@pytest.mark.rule("S6.2")
def test_a_request_received_before_new_year_is_not_due_on_new_year_day_and_says_it_is_provisional():
    explanation = explain(D(2026, 12, 18), REQUEST_DAYS)

    assert explanation.due == count_on_the_rule(D(2026, 12, 18), REQUEST_DAYS) == D(2027, 1, 11)
    assert explanation.unconfirmed_years == (2027,)
    assert "暂定" in explanation.warning_text
    new_year = next(entry for entry in explanation.entries if entry.day == D(2027, 1, 1))
    assert (new_year.reason, new_year.count) == ("法定节假日（暂定）：元旦", None)


@pytest.mark.rule("S6.2")
def test_next_year_is_asked_for_from_the_first_of_november_until_confirmed():
    assert year_to_ask_for(D(2026, 10, 31)) is None
    assert year_to_ask_for(D(2026, 11, 1)) == 2027
    CalendarYear.objects.create(year=2027, complete=True)
    assert year_to_ask_for(D(2026, 12, 3)) is None


def staff(site_structure, role, username, email=""):
    person = get_user_model().objects.create_user(username, password="x", email=email)
    person.groups.add(site_structure["groups"][role])
    return person


def year_screen_data(rows, confirm=True, note="国办发明电〔2026〕7号"):
    data = {"days-TOTAL_FORMS": str(len(rows)), "days-INITIAL_FORMS": "0", "note": note}
    for index, (day, kind, name) in enumerate(rows):
        data |= {f"days-{index}-date": day, f"days-{index}-kind": kind, f"days-{index}-name": name}
    if confirm:
        data["confirm"] = "on"
    return data


def the_regulations_rows():
    return [(f"{day:%Y-%m-%d}", "holiday", name) for day, name in sorted(statutory_days_off(2027).items())]


@pytest.mark.rule("S6.2")
def test_the_year_screen_starts_from_the_regulations_days(client, site_structure):
    client.force_login(staff(site_structure, "general_office", "zonghe"))

    page = client.get("/admin/workdays/year/2027/").content.decode()

    assert page.count('value="holiday" selected') == len(days_off_2027())
    assert 'value="2027-02-05"' in page and 'value="2027-10-05"' in page


@pytest.mark.rule("S6.2")
def test_entering_the_arrangement_moves_every_open_deadline_and_records_why(
    client, site_structure, settings, django_capture_on_commit_callbacks
):
    from cryptography.fernet import Fernet

    settings.GONGKAI_FIELD_KEY = Fernet.generate_key().decode()
    request = make_request(received_date=D(2026, 12, 18))
    clock.start(request)
    assert request.due_date == D(2027, 1, 11)
    client.force_login(staff(site_structure, "general_office", "zonghe"))

    # A make-up Saturday on 9 January: the 15th working day comes two days sooner.
    rows = [*the_regulations_rows(), ("2027-01-09", "makeup", "元旦")]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post("/admin/workdays/year/2027/", year_screen_data(rows))

    assert response.status_code == 302
    assert len(callbacks) == 1  # one recount, however many rows changed
    request = DisclosureRequest.objects.get(pk=request.pk)
    assert request.due_date == count_on_the_rule(D(2026, 12, 18), REQUEST_DAYS) - 2 * ONE_DAY == D(2027, 1, 9)
    assert CalendarYear.objects.get(year=2027).complete
    assert not explain(D(2026, 12, 18), REQUEST_DAYS).warning
    (change,) = [entry for entry in history(request) if entry.step == "calendar_changed"]
    assert change.change_lines == ["答复期限：2027-01-11 → 2027-01-09"]


@pytest.mark.rule("S6.2")
def test_a_bad_row_is_refused_with_the_reason_and_nothing_is_saved(client, site_structure):
    client.force_login(staff(site_structure, "general_office", "zonghe"))

    rows = [*the_regulations_rows(), ("2027-01-06", "makeup", "元旦")]
    response = client.post("/admin/workdays/year/2027/", year_screen_data(rows))

    assert response.status_code == 200
    page = response.content.decode()
    assert "只有周六、周日才能登记为调休上班" in page
    assert 'value="2027-01-06"' in page  # what was typed is kept
    assert not CalendarYear.objects.filter(year=2027).exists()


@pytest.mark.rule("S6.2")
def test_an_information_officer_cannot_enter_or_confirm_a_year(client, site_structure):
    client.force_login(staff(site_structure, "information_officer", "xinxiyuan"))

    response = client.post("/admin/workdays/year/2027/", year_screen_data(the_regulations_rows()))

    # Wagtail answers a refusal inside the admin by sending the user back to the dashboard.
    assert (response.status_code, response.url) == (302, "/admin/")
    assert not CalendarYear.objects.filter(year=2027).exists()


@pytest.mark.rule("S6.2")
def test_the_dashboard_asks_the_general_office_for_next_year(client, site_structure, monkeypatch):
    monkeypatch.setattr("workdays.wagtail_hooks.timezone.localdate", lambda: D(2026, 11, 2))
    client.force_login(staff(site_structure, "general_office", "zonghe"))

    assert "请录入2027年节假日安排" in client.get("/admin/").content.decode()


@pytest.mark.rule("S6.2")
def test_the_reminder_mails_the_general_office_once_a_day_until_confirmed(site_structure, capsys):
    staff(site_structure, "general_office", "zonghe", email="zonghe@example.cn")

    call_command("calendar_reminder", "--date", "2026-10-30")
    call_command("calendar_reminder", "--date", "2026-11-02")
    call_command("calendar_reminder", "--date", "2026-11-02")

    assert [message.to for message in mail.outbox] == [["zonghe@example.cn"]]
    assert "请录入2027年节假日安排" == mail.outbox[0].subject
    output = capsys.readouterr().out
    assert "无需提醒" in output and "已提醒过" in output


@pytest.mark.rule("S6.2")
def test_a_provisional_due_date_says_so_in_the_letter_the_api_the_status_and_the_inbox(settings):
    from cryptography.fernet import Fernet

    from disclosure_requests.letters import letter_context
    from disclosure_requests.services import public_status
    from letters.kinds import LetterKind
    from letters.templatetags.letters import chinese_date

    settings.GONGKAI_FIELD_KEY = Fernet.generate_key().decode()
    request = make_request(received_date=D(2026, 12, 18))
    clock.start(request)

    assert request.due_date_provisional
    assert (
        chinese_date(letter_context(request, LetterKind.REGISTRATION_RECEIPT)["due_date"])
        == "2027年1月11日（暂定）"
    )
    assert public_status(request)["due_date_provisional"] is True
    CalendarYear.objects.create(year=2027, complete=True)
    clear_cache()
    assert not DisclosureRequest.objects.get(pk=request.pk).due_date_provisional
