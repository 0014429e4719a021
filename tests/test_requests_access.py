"""Who sees a request, and what the applicant sees: another section's staff see nothing of it, the status
page and API give out no personal data or staff names, the applicant supplements online with number and
code, and a repeated request is flagged to the officer (S2.4, S2.5, PIPL)."""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from disclosure_requests import services
from disclosure_requests.forms import RequestForm
from disclosure_requests.models import DisclosureRequest
from organisation.models import Department
from tests.support.admin import REFUSED_BY_ADMIN, outcome
from tests.support.captcha import api_captcha, look_up, supplement
from tests.support.people import user
from tests.support.request_steps import (
    APPLICATION,
    apply,
    ask_for_supplement,
    do,
    registered,
    send_to_third_party,
    set_up_office,
)
from tests.support.workflow import open_task
from workflow import tasks

# No test here reads a PDF: letters are archived without their layout (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("pdf_layout_skipped")

INSPECT = "wagtailsnippets_disclosure_requests_disclosurerequest:inspect"
REGISTER = "/admin/snippets/disclosure_requests/disclosurerequest/"


@pytest.fixture
def office(office_rows, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    yield from set_up_office(settings)


@pytest.fixture
def other_section_officer(office):
    person = user("xinxiyuan").__class__.objects.create_user("guihua", password="x", last_name="规划科信息员")
    person.groups.add(Group.objects.get(name="信息员"))
    department = Department.objects.get(name="规划财务科")
    department.information_officer = person
    department.save()
    return person


def submit_with_code(**overrides):
    form = RequestForm({**APPLICATION, **overrides})
    assert form.is_valid(), form.errors
    return services.submit(form, DisclosureRequest.Channel.ONLINE)


@pytest.mark.rule("S2.10")
def test_another_sections_staff_cannot_see_the_request(office, other_section_officer, client):
    request = registered(apply())
    client.force_login(other_section_officer)
    assert request.tracking_number not in client.get(REGISTER).content.decode()
    assert client.get(reverse(INSPECT, args=[request.pk])).status_code == 404
    task = open_task(request, "draft_answer")
    assert outcome(client.get(reverse("flows:task", args=[task.pk]))) == REFUSED_BY_ADMIN
    assert not request.can_see_personal_data(other_section_officer)

    client.force_login(user("xinxiyuan"))  # the holding section's officer handles it
    assert request.tracking_number in client.get(REGISTER).content.decode()
    assert client.get(reverse(INSPECT, args=[request.pk])).status_code == 200


def test_the_status_api_gives_out_nothing_but_the_status_and_the_applicants_letters(office, client):
    request, code = submit_with_code()
    registered(request)
    send_to_third_party(request, request.received_date)
    wrong = client.get(f"/api/requests/{request.tracking_number}/", headers={"X-Access-Code": "WRONG123"})
    missing = client.get("/api/requests/2099-99999/", headers={"X-Access-Code": code})
    assert wrong.status_code == missing.status_code == 404
    assert wrong.content == missing.content

    answer = client.get(f"/api/requests/{request.tracking_number}/", headers={"X-Access-Code": code})
    data = answer.json()
    assert set(data) == {"status", "received_date", "due_date", "due_date_provisional", "letters"}
    assert [letter["title"] for letter in data["letters"]] == ["政府信息公开申请登记回执"]
    text = json.dumps(data, ensure_ascii=False)
    for secret in (
        "李明",
        APPLICATION["id_number"],
        APPLICATION["phone"],
        "项目管理科",
        "楚雄某某建筑",
        "xinxiyuan",
    ):
        assert secret not in text


@pytest.mark.rule("S2.4")
def test_the_applicant_supplements_online_and_the_clock_starts_again_that_day(office, client):
    request, code = submit_with_code()
    ask_for_supplement(request, "请写明所需信息的年份", 10)

    page = look_up(client, request.tracking_number, code)
    assert "请写明所需信息的年份" in page.content.decode() and "提交补正" in page.content.decode()
    empty = supplement(client, page, " ")
    assert empty.status_code == 400 and "请填写补正内容" in empty.content.decode()

    done = supplement(client, empty, "所需信息为2025年度的资金使用情况")
    assert done.status_code == 200 and "已收到您的补正" in done.content.decode()
    request.refresh_from_db()
    assert request.status == DisclosureRequest.Status.REGISTERED
    assert request.clock_entries.last().kind == "supplement_restart"
    assert request.process.supplement_text == "所需信息为2025年度的资金使用情况"
    assert open_task(request, "review_completeness")
    again = look_up(client, request.tracking_number, code)
    assert "提交补正" not in again.content.decode()  # nothing to supplement
    fresh = api_captcha()
    captcha = {"supplement_captcha_0": fresh["captcha_key"], "supplement_captcha_1": fresh["captcha_value"]}
    refused = client.post("/apply/status/supplement/", {"text": "再次补正", **captcha})
    assert refused.status_code == 400 and "该申请当前不需要补正" in refused.content.decode()


def test_the_supplement_page_needs_the_number_and_code_first(office, client):
    assert client.post("/apply/status/supplement/", {"text": "补正"}).status_code == 404


@pytest.mark.rule("S2.5")
def test_a_repeated_request_is_flagged_in_the_inbox_and_on_the_task(office, client):
    first = registered(apply())
    do(first, "draft_answer", "xinxiyuan", decision="answer", answer_kind="disclosed")
    do(first, "leader_approval", "fenguan", decision="approve")
    again = apply(description="  2025年东华镇易地扶贫搬迁安置点建设资金使用情况 ")
    assert again.repeat_of == first
    assert apply(description="2024年度项目库").repeat_of is None

    client.force_login(user("zonghe"))
    inbox = client.get("/admin/inbox/").content.decode()
    assert again.tracking_number in inbox and "疑似重复申请" in inbox
    task = open_task(again, "register")
    tasks.claim(task, user("zonghe"))
    page = client.get(reverse("flows:task", args=[task.pk])).content.decode()
    assert "疑似重复申请" in page and first.tracking_number in page
