"""The answer clock seen from the office: reminders to the handler 5 and 2 working days before the due
date and on it, the overdue and unregistered lists for 综合科, and the limits as a policy (S6.2, S2.4)."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from audit.trail import entries
from disclosure_requests import services
from disclosure_requests.models import DisclosureRequest, Reminder
from tests.support.people import user
from tests.support.request_steps import apply, do, registered, set_up_office
from tests.support.workflow import form_errors
from workdays.calendar import add_working_days, working_days_between
from workdays.limits import time_limits
from workdays.models import TimeLimits

# No test here reads a PDF: letters are archived without their layout (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("pdf_layout_skipped")

D = datetime.date


@pytest.fixture
def office(office_rows, db, settings):
    yield from set_up_office(settings)


def day_with(days_left, due):
    """The calendar day from which `days_left` working days remain until `due`."""
    day = due
    while working_days_between(day, due) != days_left:
        day -= datetime.timedelta(days=1)
    return day


def reminders(day):
    out = io.StringIO()
    call_command("request_reminders", date=day.isoformat(), stdout=out)
    return out.getvalue()


@pytest.mark.rule("S6.2")
def test_the_handler_is_reminded_five_and_two_working_days_before_and_on_the_due_date_once_each(office):
    officer = user("xinxiyuan")
    officer.email = "xinxiyuan@example.cn"
    officer.save()
    request = registered(apply())
    due = request.due_date

    assert "发送提醒 0 条" in reminders(day_with(6, due))
    output = reminders(day_with(5, due))
    assert f"{request.tracking_number} 期限 {due} → 提醒" in output and "发送提醒 1 条" in output
    assert "发送提醒 0 条" in reminders(day_with(5, due))  # rerun the same day: nothing twice
    assert "发送提醒 0 条" in reminders(day_with(4, due))
    assert "发送提醒 1 条" in reminders(day_with(2, due))
    assert "发送提醒 1 条" in reminders(due)
    assert "发送提醒 0 条" in reminders(due)

    assert sorted(request.reminders.values_list("moment", flat=True)) == [0, 2, 5]
    assert [message.to for message in mail.outbox] == [["xinxiyuan@example.cn"]] * 3
    assert request.tracking_number in mail.outbox[0].subject and "前5个工作日" in mail.outbox[0].subject
    assert entries(request).filter(data__step_label="期限提醒").count() == 3


@pytest.mark.rule("S6.2")
def test_a_missed_day_is_caught_up_and_a_moved_due_date_is_reminded_afresh(office):
    request = registered(apply())
    due = request.due_date
    reminders(day_with(1, due))  # the job did not run on the 5th and 2nd days before
    assert list(request.reminders.values_list("moment", flat=True)) == [Reminder.Moment.TWO_DAYS]
    do(request, "draft_answer", "xinxiyuan", decision="extend", extension_days=5, extension_reason="数据量大")
    do(request, "approve_extension", "fenguan", decision="approve")
    request.refresh_from_db()
    assert request.due_date == add_working_days(due, 5)
    assert "发送提醒 1 条" in reminders(day_with(5, request.due_date))


@pytest.mark.rule("S6.2", "S2.4")
def test_overdue_and_unregistered_requests_are_listed_for_the_general_office(office, client):
    late = registered(apply())
    answered = registered(apply(description="2024年度扶贫项目资金分配结果"))
    do(answered, "draft_answer", "xinxiyuan", decision="answer", answer_kind="disclosed")
    do(answered, "leader_approval", "fenguan", decision="approve")
    waiting = apply(description="2023年度项目库")  # received online today, never registered
    after_due = late.due_date + datetime.timedelta(days=1)
    assert set(services.overdue_requests(after_due)) == {late, waiting}
    assert list(DisclosureRequest.objects.overdue(late.due_date)) == []

    friday = timezone.make_aware(datetime.datetime(2026, 11, 20, 16))
    DisclosureRequest.objects.filter(pk=waiting.pk).update(submitted_at=friday)
    assert list(services.unregistered_requests(D(2026, 11, 23))) == []  # Monday: still its day to register
    assert list(services.unregistered_requests(D(2026, 11, 24))) == [waiting]
    output = reminders(after_due)
    assert f"超期未答复：{late.tracking_number}" in output

    DisclosureRequest.objects.filter(pk=late.pk).update(
        due_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(user("zonghe"))
    page = client.get(
        "/admin/snippets/disclosure_requests/disclosurerequest/?deadline=overdue"
    ).content.decode()
    assert late.tracking_number in page and answered.tracking_number not in page
    assert "deadline=overdue" in client.get("/admin/inbox/").content.decode()  # the sidebar's 超期申请
    client.force_login(user("xinxiyuan"))
    assert "deadline=overdue" not in client.get("/admin/inbox/").content.decode()


@pytest.mark.rule("S6.2")
def test_the_2019_regulation_gives_twenty_plus_twenty_working_days(office):
    setting = TimeLimits.load()
    setting.regime = TimeLimits.Regime.NATIONAL_2019
    setting.save()
    assert (time_limits().answer, time_limits().extension) == (20, 20)
    request = registered(apply())
    assert request.due_date == add_working_days(request.received_date, 20)
    errors = form_errors(
        request,
        "draft_answer",
        "xinxiyuan",
        decision="extend",
        extension_days=21,
        extension_reason="数据量大",
    )
    assert "最长不超过20" in errors["extension_days"][0]
    do(
        request,
        "draft_answer",
        "xinxiyuan",
        decision="extend",
        extension_days=20,
        extension_reason="数据量大",
    )
    do(request, "approve_extension", "fenguan", decision="approve")
    assert request.due_date == add_working_days(request.received_date, 40)
