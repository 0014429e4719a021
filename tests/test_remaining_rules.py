"""The rules no other test proved yet, each shown the way its users meet it.

S3.4 channels within the limit, S4.2 the confidentiality group sends back, S8.1 who makes it and who
keeps it discloses it, S8.8 and S10.4–S10.6 the leading group reports cases on, S9.2 涉及谁、谁澄清.
The office is the demo's organisation and accounts (tests/support/request_steps.py) without its pages.
"""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from viewflow.workflow.status import STATUS

from accountability.detection import check_breaches
from accountability.models import AccountabilityCase, Breach
from audit.trail import as_entry, entries
from clarifications.models import ClarificationNoticePage
from cms_pages.models import Category, Channel, DisclosureItemPage
from disclosure_requests.letters import ANSWER_LETTER, issued_letters
from organisation.models import Department
from publication_review.deadlines import review_deadline
from tests import test_clarifications
from tests.support import request_steps
from tests.support.admin import REFUSED_BY_ADMIN, outcome
from tests.support.pdf import pdf_text
from tests.support.people import user
from tests.support.request_steps import set_up_office
from tests.support.workflow import open_task
from tests.test_accountability import case_form
from tests.test_review_flow import approve_chain, decide, submit

CASES = "/admin/snippets/accountability/accountabilitycase/"


@pytest.fixture
def office(office_rows, db, settings):
    yield from set_up_office(settings)


def draft(catalogue, title, formed):
    officer = user("xinxiyuan")
    item = DisclosureItemPage(
        title=title,
        category=Category.objects.get(slug="funds"),
        publisher="楚雄州乡村振兴局",
        formed=formed,
        body="<p>正文</p>",
        live=False,
        owner=officer,
    )
    catalogue.add_child(instance=item)
    item.save_revision(user=officer)
    return item


def second_section():
    """规划财务科 with a head of its own (刘科长), beside the demo's 项目管理科 headed by kezhang."""
    head = get_user_model().objects.create_user("liukezhang", last_name="刘", first_name="科长")
    head.groups.add(Group.objects.get(name="科室负责人"))
    finance = Department.objects.get(name="规划财务科")
    finance.head, finance.leader_in_charge = head, user("fenguan")
    finance.save()
    return finance, head


def inbox_of(client, username):
    client.force_login(user(username))
    return client.get("/admin/inbox/").content.decode()


@pytest.mark.rule("S3.4")
def test_an_item_goes_out_on_the_chosen_channels_within_its_limit_and_a_late_one_is_caught(
    client, office, catalogue
):
    today = timezone.localdate()
    item = draft(catalogue, "2026年州级衔接资金项目公示", today)
    chosen = Channel.objects.filter(code__in=["website", "feed", "api", "wechat"])
    review = submit(client, item, formed=today.isoformat(), channels=[c.pk for c in chosen])
    approve_chain(review)

    item = DisclosureItemPage.objects.get(pk=item.pk)
    assert item.live and set(item.channels.all()) == set(chosen)
    assert item.published == today <= review_deadline(review).due
    client.logout()
    assert "2026年州级衔接资金项目公示" in client.get(item.url).content.decode()
    assert "2026年州级衔接资金项目公示" in client.get("/feeds/rss/").content.decode()
    api = json.loads(client.get("/api/catalogue/").content)
    assert item.index_number in [row["index_number"] for row in api["results"]]

    late = draft(catalogue, "2025年度扶贫项目资金绩效评价结果", today - datetime.timedelta(days=90))
    late_review = submit(client, late, formed=(today - datetime.timedelta(days=90)).isoformat())
    check_breaches(today, report=lambda line: None)
    case = AccountabilityCase.objects.get(breach=Breach.LATE_DISCLOSURE)
    assert case.detection_key == f"review-overdue:{late_review.pk}" and late.title in case.facts


@pytest.mark.rule("S4.2")
def test_the_general_office_submits_to_the_confidentiality_group_which_sends_back_a_secrecy_breach(
    client, office, catalogue
):
    item = draft(catalogue, "2026年扶贫资金调度情况通报", datetime.date(2026, 11, 20))
    review = submit(client, item)
    decide(review, "section_head_review", "kezhang")
    decide(review, "leader_in_charge_review", "fenguan")
    decide(review, "general_office_collects", "zonghe", opinion="已汇总，报保密工作领导小组审查")

    task = open_task(review, "confidentiality_group_approval")
    client.force_login(user("zonghe"))
    client.post(f"/admin/inbox/tasks/{task.pk}/claim/")  # 综合科 submits, it does not approve
    task.refresh_from_db()
    assert task.status == STATUS.NEW and task.owner is None
    assert item.title in inbox_of(client, "baomi")
    client.post(f"/admin/inbox/tasks/{task.pk}/claim/")
    reason = "第三段含未解密的资金调度数据，违反保密规定，删除后重新报审"
    client.post(f"/admin/inbox/tasks/{task.pk}/", {"decision": "return", "opinion": reason})

    review.refresh_from_db()
    page = DisclosureItemPage.objects.get(pk=item.pk)
    assert not page.live and not page.locked and not page.index_number
    assert open_task(review, "revise").owner == user("xinxiyuan")
    returned = entries(review).get(data__decision="return")
    assert (returned.data["step_label"], returned.user, returned.data["text"]) == (
        "保密工作领导小组审查核准",
        user("baomi"),
        reason,
    )
    history = client.get(f"/admin/inbox/reviews/{review.pk}/").content.decode()  # it oversees every step
    assert "已汇总，报保密工作领导小组审查" in history and reason in history


@pytest.mark.rule("S8.1")
def test_the_section_that_made_an_item_reviews_it_and_answers_for_its_delay(client, office, catalogue):
    finance, head = second_section()
    formed = timezone.localdate() - datetime.timedelta(days=90)
    item = draft(catalogue, "2026年财务预算执行情况", formed)
    review = submit(client, item, department=finance.pk, formed=formed.isoformat())

    assert open_task(review, "section_head_review").owner == head
    assert item.title in inbox_of(client, "liukezhang") and item.title not in inbox_of(client, "kezhang")
    check_breaches(timezone.localdate(), report=lambda line: None)
    case = AccountabilityCase.objects.get(breach=Breach.LATE_DISCLOSURE)
    assert case.department == finance and list(case.responsible_people.all()) == [head]


@pytest.mark.rule("S8.1")
def test_information_kept_by_another_agency_is_answered_by_naming_that_agency(office):
    request = request_steps.registered(request_steps.apply())
    request_steps.do(
        request,
        "draft_answer",
        "xinxiyuan",
        decision="answer",
        answer_kind="other_agency",
        other_agency="楚雄州财政局",
        other_agency_contact="0878-3120000",
    )
    request_steps.do(request, "leader_approval", "fenguan", decision="approve")
    answer = next(x for x in issued_letters(request) if x.kind == ANSWER_LETTER["other_agency"])
    text = pdf_text(answer.pdf.read(), "-layout").replace(" ", "")
    assert "由楚雄州财政局负责公开" in text and "0878-3120000" in text


def register_case(client, breach, facts, department="项目管理科"):
    """综合科 registers a case in the admin; what it posts about a transfer is not its to decide."""
    client.force_login(user("zonghe"))
    data = {
        "breach": breach,
        "facts": facts,
        "found_on": timezone.localdate().isoformat(),
        "department": Department.objects.get(name=department).pk,
        "transferred_to": AccountabilityCase.Transfer.SUPERVISORY,
        "transfer_note": "综合科自行移送",
    }
    response = client.post(f"{CASES}add/", data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    return AccountabilityCase.objects.latest("pk")


def report_on(client, case, transfer, note):
    """The leading group (zhuren chairs it) reports the case on, in the case's edit view."""
    client.force_login(user("zhuren"))
    return client.post(
        f"{CASES}edit/{case.pk}/", case_form(case, transferred_to=transfer, transfer_note=note)
    )


@pytest.mark.rule("S8.8")
def test_a_breach_of_the_coordination_rule_is_reported_on_to_a_superior_organ(client, office):
    case = register_case(
        client,
        Breach.OTHER,
        "《项目资金分配表》涉及州财政局职责，未经其确认即公开，造成不良影响（制度八第五条）",
    )
    response = report_on(client, case, "superior", "2026年11月26日楚乡振报〔2026〕9号报州乡村振兴局")
    assert response.status_code == 302, response.content.decode()[-2000:]
    case.refresh_from_db()
    assert case.get_transferred_to_display() == "报请上级行政机关处理（制度八第八条）"
    link = f"{CASES}inspect/{case.pk}/"
    assert link in client.get(f"{CASES}?transferred_to=superior").content.decode()
    assert link not in client.get(f"{CASES}?transferred_to=supervisory").content.decode()


@pytest.mark.rule("S10.4")
def test_false_disclosure_goes_to_the_supervisory_organ_through_the_leading_group(client, office):
    case = register_case(
        client, Breach.UNTRUE_CONTENT, "公开的脱贫人口数与统计年报不符，属弄虚作假、搞假公开"
    )
    assert case.transferred_to == "" and case.transfer_note == ""
    assert 'name="transferred_to"' not in client.get(f"{CASES}edit/{case.pk}/").content.decode()

    missing_note = report_on(client, case, "supervisory", "")
    assert "请写明移送日期、文号和接收机关" in missing_note.content.decode()
    report_on(client, case, "supervisory", "2026年11月26日报州纪委监委派驻纪检监察组")
    case.refresh_from_db()
    assert case.transferred_to == AccountabilityCase.Transfer.SUPERVISORY
    event = entries(case).last()
    assert (
        event.user == user("zhuren")
        and "移送：（空） → 报请监察机关处理（制度十第四条）" in as_entry(event).change_lines
    )


@pytest.mark.rule("S10.5")
def test_the_leading_group_sees_every_case_and_takes_a_major_problem_to_the_office_meeting(
    client, office, catalogue
):
    late = timezone.localdate() - datetime.timedelta(days=90)
    submit(client, draft(catalogue, "2025年度项目资金绩效评价", late), formed=late.isoformat())
    check_breaches(timezone.localdate(), report=lambda line: None)
    case = register_case(client, Breach.LEAK, "违反公开程序，公开栏张贴了未经审查的名单", department="综合科")

    client.force_login(user("zhuren"))
    register = client.get(CASES).content.decode()
    assert "系统发现" in register and "人工登记" in register
    report_on(client, case, "office_meeting", "提交2026年11月30日主任办公会议研究")
    case.refresh_from_db()
    assert case.get_transferred_to_display() == "重大问题报主任办公会议研究（制度十第五条）"
    assert "提交2026年11月30日主任办公会议研究" in client.get(f"{CASES}inspect/{case.pk}/").content.decode()
    client.force_login(user("kezhang"))
    assert outcome(client.get(f"{CASES}edit/{case.pk}/")) == REFUSED_BY_ADMIN


@pytest.mark.rule("S10.6")
def test_organisational_measures_go_to_the_party_group_and_show_in_the_register_export(client, office):
    case = register_case(
        client, Breach.REQUEST_NOT_ACCEPTED, "连续三件申请手续齐备而不予受理", department="综合科"
    )
    report_on(client, case, "party_group", "2026年11月26日报办党组，建议对科室负责人作组织处理")
    case.refresh_from_db()
    assert case.transferred_to == AccountabilityCase.Transfer.PARTY_GROUP
    client.force_login(user("zonghe"))
    export = client.get(f"{CASES}?export=csv")
    assert export.status_code == 200
    text = b"".join(export.streaming_content if export.streaming else [export.content]).decode("utf-8-sig")
    assert "需组织处理，报办党组（制度十第六条）" in text and "连续三件申请" in text


@pytest.mark.rule("S9.2")
def test_the_section_whose_duty_it_touches_assesses_and_clarifies(client, office):
    finance, head = second_section()
    case = test_clarifications.register(
        client, department=finance.pk, title="网传“衔接资金将全部收回州级统筹”"
    )

    assess_task = test_clarifications.open_task(case, "assess")
    assert assess_task.owner == head
    assert not assess_task.flow_task.can_execute(user("kezhang"), assess_task)
    assert "衔接资金将全部收回" in inbox_of(client, "liukezhang")
    assert "衔接资金将全部收回" not in inbox_of(client, "kezhang")

    test_clarifications.act(case, "assess", "liukezhang", **test_clarifications.FALSE, route="clarify")
    plan = test_clarifications.open_task(case, "draft_plan")
    assert plan.owner == head
    test_clarifications.act(
        case,
        "draft_plan",
        "liukezhang",
        notice_title="关于网传“衔接资金收回”的澄清公告",
        notice_body="经核实，衔接资金按原计划下达，不存在收回情况。",
        channels=[Channel.objects.get(code="website").pk],
        methods="发布澄清公告",
        issued_in_name_of="office",
        other_units="",
    )
    test_clarifications.approve(case)
    assert ClarificationNoticePage.objects.live().get().title == "关于网传“衔接资金收回”的澄清公告"
    steps = list(entries(case).values_list("data__step_label", "user__username"))
    assert ("科室研判", "liukezhang") in steps and ("制定澄清方案", "liukezhang") in steps
    assert not any(username == "kezhang" for _, username in steps)
