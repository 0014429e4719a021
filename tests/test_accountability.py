"""The accountability register (rule 10) and 综合科's dashboard.

SPEC S10.2 (measures), S10.3 (the seventeen breaches; cases the system opens itself; rectification
within a deadline, loss of award eligibility when late), S3.1 (综合科's one place over sections and
county offices).
"""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from accountability.detection import check_breaches
from accountability.models import AccountabilityCase, AssessmentScheme, Breach, Complaint
from audit.trail import as_entry, entries, history, record
from cms_pages.publication import authorised_publication
from disclosure_requests.models import DisclosureRequest
from organisation.models import CountyOffice
from publication_review.models import PublicationReview
from tests.support.accountability_records import D, at, person, request, review, section, use_field_key
from tests.support.admin import REFUSED_BY_ADMIN, outcome
from tests.support.paths import SEED

# No test here reads a PDF: letters are archived without their layout (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("pdf_layout_skipped")

TODAY = D(2026, 10, 30)  # a Friday; the cases' rectification deadline is 10 working days later


@pytest.fixture
def office(site_structure, settings):
    use_field_key(settings)
    head = person("kezhang", "王")
    return {
        "general": section("综合科", general_office=True),
        "projects": section("项目管理科", head=head),
        "head": head,
        "catalogue": site_structure["catalogue"],
    }


def quiet_check(today):
    return check_breaches(today, report=lambda line: None)


def cases(breach):
    return AccountabilityCase.objects.filter(breach=breach)


@pytest.mark.rule("S10.3")
def test_the_seventeen_breaches_are_the_regulations_own_words():
    assert len(Breach.choices) == 17
    seed = SEED.read_text(encoding="utf-8").translate(
        str.maketrans(",()", "，（）")
    )  # half-width in the seed
    for _number, label in Breach.choices:
        assert label in seed, label
    assert Breach(6).label.startswith("（六）应当公开的事项未按要求、时限公开")


@pytest.mark.rule("S10.3", "S1.4")
def test_an_item_past_its_limit_opens_one_case_and_closes_when_published(office):
    late = review(office["catalogue"], office["projects"], D(2026, 9, 1))
    review(office["catalogue"], office["projects"], D(2026, 10, 20))  # still within its 20 working days

    assert quiet_check(TODAY)["opened"] == 1
    case = cases(Breach.LATE_DISCLOSURE).get()
    assert case.department == office["projects"] and office["head"] in case.responsible_people.all()
    assert case.order_to_correct and case.status == AccountabilityCase.Status.RECTIFYING
    assert case.rectification_deadline == D(2026, 11, 13)
    assert "已超期" in case.facts and late.page.title in case.facts

    assert quiet_check(TODAY)["opened"] == 0
    assert quiet_check(D(2026, 11, 2))["opened"] == 0
    assert AccountabilityCase.objects.count() == 1

    late.outcome, late.finished = PublicationReview.Outcome.PUBLISHED, at(D(2026, 11, 4))
    late.save()
    assert quiet_check(D(2026, 11, 5))["closed"] == 1
    case.refresh_from_db()
    assert case.status == AccountabilityCase.Status.CLOSED and case.rectified_on == D(2026, 11, 4)
    assert not case.award_eligibility_lost
    assert [entry.step_label for entry in history(case)] == ["系统自动立案", "系统确认已整改，办结"]
    assert quiet_check(D(2026, 11, 6)) == {"opened": 0, "closed": 0, "award_lost": 0}


@pytest.mark.rule("S10.3", "S6.2")
def test_requests_past_their_limit_or_left_unregistered_open_one_case_each(office, monkeypatch):
    overdue = request(office["projects"], received=D(2026, 9, 1), due=D(2026, 9, 22))
    request(office["projects"], received=D(2026, 9, 1), due=D(2026, 9, 22), answered_on=D(2026, 9, 20))
    unregistered = request(None, received=D(2026, 10, 26), status=DisclosureRequest.Status.SUBMITTED)

    quiet_check(TODAY)
    quiet_check(TODAY)
    assert cases(Breach.REQUEST_MISHANDLED).get().department == office["projects"]
    assert overdue.tracking_number in cases(Breach.REQUEST_MISHANDLED).get().facts
    assert cases(Breach.REQUEST_NOT_ACCEPTED).get().department == office["general"]
    assert unregistered.tracking_number in cases(Breach.REQUEST_NOT_ACCEPTED).get().facts

    DisclosureRequest.objects.filter(pk=overdue.pk).update(
        answered_on=D(2026, 11, 2), status=DisclosureRequest.Status.ANSWERED
    )
    assert quiet_check(D(2026, 11, 3))["closed"] == 1
    closed = cases(Breach.REQUEST_MISHANDLED).get()
    assert closed.status == AccountabilityCase.Status.CLOSED and closed.rectified_on == D(2026, 11, 2)


@pytest.mark.rule("S10.3")
def test_a_changed_item_not_republished_opens_one_case_until_the_change_is_published(office):
    owner = office["head"]
    review_of_item = review(
        office["catalogue"], office["projects"], D(2026, 3, 2), published_on=D(2026, 3, 10)
    )
    item = review_of_item.page.specific
    with authorised_publication("test"):
        item.revisions.get().publish()
    type(item).objects.filter(pk=item.pk).update(last_published_at=at(D(2026, 3, 10)))
    item.refresh_from_db()
    item.title = "变更后的标题"
    change = item.save_revision(user=owner)
    type(change).objects.filter(pk=change.pk).update(created_at=at(D(2026, 9, 1)))

    quiet_check(TODAY)
    quiet_check(TODAY)
    case = cases(Breach.CHANGE_NOT_SUPPLIED).get()
    assert case.department == office["projects"] and "变更" in case.facts
    assert not cases(Breach.LATE_DISCLOSURE).exists()

    with authorised_publication("test"):
        change.publish()
    quiet_check(TODAY)
    case.refresh_from_db()
    assert case.status == AccountabilityCase.Status.CLOSED and case.rectified_on == timezone.localdate()


@pytest.mark.rule("S10.3", "S7.4")
def test_an_unhandled_complaint_opens_a_case_for_its_county_office(office):
    county = CountyOffice.objects.create(name="禄丰市乡村振兴局", county="禄丰市")
    complaint = Complaint.objects.create(
        received_on=D(2026, 9, 1), subject="村务公开栏长期未更新", county_office=county
    )
    Complaint.objects.create(
        received_on=D(2026, 10, 28), subject="尚在办理期限内", department=office["projects"]
    )

    quiet_check(TODAY)
    quiet_check(TODAY)
    case = cases(Breach.COMPLAINT_UNHANDLED).get()
    assert case.county_office == county and "村务公开栏" in case.facts

    complaint.handled_on, complaint.result = D(2026, 11, 2), "已督促更新并向投诉人反馈"
    complaint.save()
    quiet_check(D(2026, 11, 3))
    case.refresh_from_db()
    assert case.status == AccountabilityCase.Status.CLOSED and "已督促更新" in case.rectification


@pytest.mark.rule("S10.3")
def test_rectification_past_its_deadline_marks_the_loss_of_award_eligibility(office):
    review(office["catalogue"], office["projects"], D(2026, 9, 1))
    quiet_check(TODAY)
    case = AccountabilityCase.objects.get()

    assert quiet_check(D(2026, 11, 13))["award_lost"] == 0  # the deadline day itself is still in time
    assert quiet_check(D(2026, 11, 16))["award_lost"] == 1
    assert quiet_check(D(2026, 11, 17))["award_lost"] == 0
    case.refresh_from_db()
    assert case.award_eligibility_lost and case.status == AccountabilityCase.Status.RECTIFYING
    assert history(case)[-1].step_label == "逾期未整改，取消年度评先评优资格"


@pytest.mark.rule("S10.3", "S10.2")
def test_a_case_rectified_late_in_the_admin_closes_marks_the_loss_and_keeps_who_changed_what(client, office):
    zonghe = person("zonghe", "赵")
    zonghe.groups.add(*office_groups("综合科"))
    case = AccountabilityCase.objects.create(
        breach=Breach.UNTRUE_CONTENT,
        facts="公开的项目资金数与批复不符",
        found_on=D(2026, 10, 1),
        department=office["projects"],
        order_to_correct=True,
        rectification_deadline=D(2026, 10, 15),
    )
    client.force_login(zonghe)
    url = f"/admin/snippets/accountability/accountabilitycase/edit/{case.pk}/"
    form = client.get(url)
    assert form.status_code == 200 and "删除" not in delete_links(form.text)

    response = client.post(url, case_form(case, rectified_on="2026-10-20", rectification="已更正并重新发布"))
    assert response.status_code == 302, response.content.decode()[-2000:]
    case.refresh_from_db()
    assert case.status == AccountabilityCase.Status.CLOSED and case.award_eligibility_lost
    event = entries(case).get()
    assert event.user == zonghe and "整改完成日期：（空） → 2026-10-20" in as_entry(event).change_lines

    empty = client.post(url, case_form(case, rectified_on="2026-10-21", rectification=""))
    assert "填写整改完成日期时，请说明整改情况" in empty.content.decode()
    inspect = client.get(f"/admin/snippets/accountability/accountabilitycase/inspect/{case.pk}/")
    assert "修改案件" in inspect.text and "赵" in inspect.text


@pytest.mark.rule("S10.3")
def test_nothing_in_the_register_can_be_deleted(client, office):
    case = AccountabilityCase.objects.create(breach=Breach.OTHER, facts="测试", department=office["projects"])
    record(case, "登记案件")
    for deleting in (case.delete, AccountabilityCase.objects.all().delete):
        with pytest.raises(PermissionDenied):
            deleting()
    with pytest.raises(PermissionDenied), transaction.atomic():  # the history: appended, never deleted
        entries(case).delete()
    assert [entry.step_label for entry in history(case)] == ["登记案件"]
    admin = get_user_model().objects.create_superuser("root", password="x")
    client.force_login(admin)
    response = client.post(f"/admin/snippets/accountability/accountabilitycase/delete/{case.pk}/")
    assert outcome(response) == REFUSED_BY_ADMIN and AccountabilityCase.objects.filter(pk=case.pk).exists()
    edit = client.get(f"/admin/snippets/accountability/accountabilitycase/edit/{case.pk}/")
    assert "delete/" not in delete_links(edit.text)
    assert not any(
        group.permissions.filter(codename__startswith="delete_", content_type__app_label="accountability")
        for group in office_groups()
    )


@pytest.mark.rule("S10.3")
def test_check_breaches_command_reports_progress_and_is_idempotent(office):
    review(office["catalogue"], office["projects"], D(2026, 9, 1))
    first, second = io.StringIO(), io.StringIO()
    call_command("check_breaches", "--date=2026-10-30", stdout=first)
    call_command("check_breaches", "--date=2026-10-30", stdout=second)
    assert "（六）应当公开的事项超期未公开：现有 1 件，新立案 1 件" in first.getvalue()
    assert "新立案 0 件" in second.getvalue() and "完成：新立案 0 件" in second.getvalue()
    assert AccountabilityCase.objects.count() == 1


@pytest.mark.rule("S3.1", "S10.3")
def test_dashboard_counts_what_is_near_and_past_due_and_is_forbidden_to_an_information_officer(
    client, office
):
    today = timezone.localdate()
    from workdays.calendar import add_working_days

    review(office["catalogue"], office["projects"], today - datetime.timedelta(days=60))  # overdue
    review(office["catalogue"], office["projects"], formed_near_due(today))
    request(
        office["projects"],
        received=today - datetime.timedelta(days=40),
        due=today - datetime.timedelta(days=5),
    )
    request(office["projects"], received=today, due=add_working_days(today, 2))
    county = CountyOffice.objects.create(name="武定县乡村振兴局", county="武定县")
    Complaint.objects.create(received_on=today, subject="投诉", county_office=county)
    AssessmentScheme.objects.create(
        year=today.year, title="考核办法", deadline=today + datetime.timedelta(days=30)
    )
    check_breaches(today, report=lambda line: None)

    zonghe = person("zonghe", "赵")
    zonghe.groups.add(*office_groups("综合科"))
    client.force_login(zonghe)
    page = client.get("/admin/accountability/")
    assert page.status_code == 200
    row = table_row(page.text, "sections-table", "项目管理科")
    assert row == ["1", "1", "1", "1", "0", "2"]
    assert table_row(page.text, "counties-table", "武定县乡村振兴局") == ["1", "0"]
    assert "未结的责任追究案件（2）" in page.text
    AccountabilityCase.objects.create(breach=Breach.OTHER, facts="人工登记", department=office["general"])
    assert "未结的责任追究案件（3）" in client.get("/admin/accountability/").text
    assert f"{today.year}年度政务公开考核完成期限" in page.text and "年政府信息公开工作年度报告" in page.text
    assert "综合科工作台" in client.get("/admin/").text

    officer = person("xinxiyuan", "李")
    officer.groups.add(*office_groups("信息员"))
    client.force_login(officer)
    refused = client.get("/admin/accountability/")
    assert outcome(refused) == REFUSED_BY_ADMIN
    assert "综合科工作台" not in client.get("/admin/").text


# -- helpers -----------------------------------------------------------------------------------------


def office_groups(*names):
    from django.contrib.auth.models import Group

    groups = Group.objects.all()
    return groups.filter(name__in=names) if names else groups


def delete_links(html):
    return " ".join(part for part in html.split('href="') if "/delete/" in part.split('"')[0])


def case_form(case, **changes):
    data = {
        "breach": case.breach,
        "facts": case.facts,
        "found_on": case.found_on.isoformat(),
        "department": case.department_id or "",
        "rectification_deadline": case.rectification_deadline.isoformat()
        if case.rectification_deadline
        else "",
        **changes,
    }
    if case.order_to_correct:
        data["order_to_correct"] = "on"
    return data


def formed_near_due(today):
    """A formation date whose 20-working-day limit ends within the next five working days."""
    from workdays.calendar import add_working_days
    from workflow.deadlines import due_status

    day = today
    while due_status(add_working_days(day, 20), today)[0] != "near":
        day -= datetime.timedelta(days=1)
    return day


def table_row(html, table_id, name):
    import re

    table = html.split(f'id="{table_id}"')[1].split("</table>")[0]
    row = next(row for row in table.split("<tr>") if f">{name}</th>" in row)
    return re.findall(r"<td>(.*?)</td>", row)
