"""Clarifying false or incomplete information (rule 9): every path, every approval level, the public
notice, and who may do what."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from audit.trail import entries
from clarifications.flows import ClarificationFlow
from clarifications.models import Clarification, ClarificationNoticePage
from cms_pages.models import Channel
from letters.models import Letter
from organisation.models import Agency, Department
from tests.support.admin import REFUSED_BY_ADMIN, outcome
from tests.support.people import user
from tests.support.workflow import form_errors, open_task, perform
from workdays.calendar import working_days_between
from workflow import tasks

RUMOUR = "网传“2026年起扶贫小额信贷全部停发”"


@pytest.fixture
def demo(office_rows, site_structure):
    """The demo's departments and accounts (kezhang heads 项目管理科), without its content."""


def register(client, username="zonghe", **overrides):
    client.force_login(user(username))
    data = {
        "title": RUMOUR,
        "content": "微信群流传：2026年起扶贫小额信贷全部停发，已贷款的须提前还款。",
        "spread": "楚雄市、禄丰市的村民微信群，转发约300次",
        "found_on": (timezone.localdate() - datetime.timedelta(days=3)).isoformat(),
        "department": Department.objects.get(name="项目管理科").pk,
        **overrides,
    }
    response = client.post("/admin/clarifications/new/", data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    return Clarification.objects.latest("pk")


def act(case, step, username, **data):
    form = perform(open_task(case, step), username, data)
    assert form.is_valid(), form.errors
    case.refresh_from_db()


FALSE = {
    "is_truthful": "no",
    "is_complete": "no",
    "harm": "serious",
    "assessment": "经核实，小额信贷政策延续至2026年底。",
}


def assess(case, route, **overrides):
    act(case, "assess", "kezhang", **{**FALSE, "route": route, **overrides})


def plan(case, **overrides):
    data = {
        "notice_title": "关于网传“扶贫小额信贷停发”的澄清公告",
        "notice_body": "近日，有微信群流传扶贫小额信贷全部停发的消息。\n经核实，该消息不实，政策继续执行。",
        "channels": [Channel.objects.get(code="website").pk],
        "methods": "发布澄清公告",
        "issued_in_name_of": "office",
        "other_units": "",
        **overrides,
    }
    act(case, "draft_plan", "kezhang", **data)


def approve(case, username="zhuren"):
    act(case, "main_leader_approval", username, decision="approve", opinion="同意发布")


def public_titles(client):
    client.logout()
    return client.get("/clarifications/").content.decode()


@pytest.mark.rule("S9.1")
@pytest.mark.rule("S9.3")
@pytest.mark.rule("S9.4")
@pytest.mark.rule("S9.5")
@pytest.mark.rule("S9.7")
@pytest.mark.rule("S9.8")
def test_clarify_ourselves_in_the_office_name_is_approved_by_the_main_leader_then_published(client, demo):
    case = register(client)
    assert open_task(case, "assess").owner == user("kezhang")  # 涉及谁、谁澄清: that section's head
    assert Clarification.objects.open().filter(pk=case.pk).exists()

    assess(case, "clarify")
    plan(case)
    assert open_task(case, "main_leader_approval")
    assert "扶贫小额信贷停发" not in public_titles(client)
    assert not ClarificationNoticePage.objects.live().exists()

    approve(case)
    notice = ClarificationNoticePage.objects.live().get()
    assert case.notice == notice and case.outcome == Clarification.Outcome.PUBLISHED
    assert notice.issuer == Agency.current().name and "该消息不实" in notice.body
    page = client.get(notice.url)
    assert page.status_code == 200 and "该消息不实" in page.content.decode()
    assert "扶贫小额信贷停发" in public_titles(client)
    assert not Clarification.objects.open().filter(pk=case.pk).exists()
    steps = list(entries(case).values_list("data__step_label", "user__username"))
    assert steps[0] == ("登记", "zonghe")
    assert ("科室研判", "kezhang") in steps and ("主要领导审批", "zhuren") in steps


@pytest.mark.rule("S9.8")
def test_time_from_finding_to_publishing_is_measured_in_calendar_and_working_days(client, demo):
    found = timezone.localdate() - datetime.timedelta(days=10)
    case = register(client, found_on=found.isoformat())
    assess(case, "clarify")
    plan(case)
    approve(case)
    today = timezone.localdate()
    assert case.elapsed() == ((today - found).days, working_days_between(found, today))
    client.force_login(user("zonghe"))
    detail = client.get(case.get_admin_url()).content.decode()
    assert f"{(today - found).days}个自然日，{working_days_between(found, today)}个工作日" in detail


@pytest.mark.rule("S9.8")
def test_other_channels_are_recorded_after_the_website_notice(client, demo):
    case = register(client)
    assess(case, "clarify")
    channels = Channel.objects.filter(code__in=["website", "wechat"]).values_list("pk", flat=True)
    plan(case, channels=list(channels), methods="发布澄清公告，微信公众号推送")
    approve(case)
    assert ClarificationNoticePage.objects.live().exists()
    assert Clarification.objects.open().filter(pk=case.pk).exists()  # the WeChat post is still to record
    act(case, "record_other_channels", "kezhang", record="11月26日微信公众号推送，阅读1200次")
    assert not Clarification.objects.open().filter(pk=case.pk).exists()
    assert entries(case).filter(data__decision_label="已在其他渠道发布").exists()


@pytest.mark.rule("S9.8")
def test_the_website_is_always_among_the_channels(client, demo):
    case = register(client)
    assess(case, "clarify")
    errors = form_errors(
        case,
        "draft_plan",
        "kezhang",
        notice_title="公告",
        notice_body="不实",
        channels=[Channel.objects.get(code="wechat").pk],
        methods="推送",
        issued_in_name_of="office",
    )
    assert "门户网站" in errors["channels"][0]


@pytest.mark.rule("S9.7")
def test_in_the_prefecture_government_name_its_approval_is_recorded_with_the_document_number(client, demo):
    case = register(client)
    assess(case, "clarify")
    plan(case, issued_in_name_of="prefecture")
    assert not case.task_set.filter(flow_task=ClarificationFlow.main_leader_approval).exists()
    errors = form_errors(case, "prefecture_approval", "zonghe", approved="1", opinion="同意")
    assert "文号" in errors["document_number"][0]
    act(
        case,
        "prefecture_approval",
        "zonghe",
        approved="1",
        document_number="楚政办复〔2026〕12号",
        opinion="同意",
    )
    assert case.approval_document == "楚政办复〔2026〕12号"
    notice = ClarificationNoticePage.objects.live().get()
    assert notice.issuer == "楚雄彝族自治州人民政府"


@pytest.mark.rule("S9.7")
def test_important_or_sensitive_goes_to_the_prefecture_government_even_in_the_office_name(client, demo):
    case = register(client)
    assess(case, "clarify")
    plan(case, is_sensitive="on")
    assert open_task(case, "prefecture_approval")
    act(case, "prefecture_approval", "zonghe", approved="0", opinion="暂缓澄清，先核实")
    assert open_task(case, "assess").owner == user("kezhang")  # back to the section
    assert not ClarificationNoticePage.objects.exists()


@pytest.mark.rule("S9.7")
def test_other_units_consent_before_approval(client, demo):
    case = register(client)
    assess(case, "clarify")
    plan(case, other_units="楚雄州财政局\n楚雄州农业农村局")
    assert not case.task_set.filter(flow_task=ClarificationFlow.main_leader_approval).exists()
    act(case, "other_units_consent", "zonghe", agreed="0", record="州财政局不同意：资金口径待统一")
    assert open_task(case, "assess")
    assess(case, "clarify")
    plan(case, other_units="楚雄州财政局")
    act(case, "other_units_consent", "zonghe", agreed="1", record="州财政局11月25日电话同意（李科长）")
    approve(case)
    assert case.outcome == Clarification.Outcome.PUBLISHED
    assert entries(case).filter(data__decision_label="涉及单位均同意", user__username="zonghe").exists()


@pytest.mark.rule("S9.7")
def test_the_main_leader_returns_with_reasons_and_the_section_reassesses(client, demo):
    case = register(client)
    assess(case, "clarify")
    plan(case)
    errors = form_errors(case, "main_leader_approval", "zhuren", decision="return", opinion="")
    assert "理由" in errors["opinion"][0]
    act(case, "main_leader_approval", "zhuren", decision="return", opinion="澄清内容须写明政策文件")
    assert open_task(case, "assess") and not ClarificationNoticePage.objects.exists()


@pytest.mark.rule("S9.5")
def test_transfer_to_the_responsible_unit_sends_a_numbered_letter_after_approval(client, demo):
    case = register(client)
    assess(case, "transfer")
    act(
        case,
        "draft_transfer",
        "kezhang",
        receiving_unit="楚雄州财政局",
        letter_reason="小额信贷贴息资金由州财政局管理",
    )
    assert case.letter is None
    approve(case)
    letter = case.letter
    assert case.outcome == Clarification.Outcome.TRANSFERRED
    assert letter.recipient_name == "楚雄州财政局" and letter.letter_number.startswith("楚乡振公开函〔")
    assert Letter.objects.about(case).get() == letter and letter.pdf.size > 1000
    assert not ClarificationNoticePage.objects.exists()


@pytest.mark.rule("S9.5")
def test_what_cannot_be_confirmed_is_reported_to_the_superior_department(client, demo):
    case = register(client)
    errors = form_errors(case, "assess", "kezhang", **{**FALSE, "route": "report"})
    assert "不必报上级" in errors["route"][0]
    errors = form_errors(case, "assess", "kezhang", **{**FALSE, "is_truthful": "unknown", "route": "clarify"})
    assert "报上级主管部门" in errors["route"][0]
    assess(case, "report", is_truthful="unknown")
    act(case, "draft_report", "kezhang", receiving_unit="云南省乡村振兴局", letter_reason="涉及省级政策调整")
    approve(case)
    assert case.outcome == Clarification.Outcome.REPORTED
    assert case.letter.kind == "clarification_report" and case.letter.recipient_name == "云南省乡村振兴局"


@pytest.mark.rule("S9.4")
def test_true_and_complete_information_is_closed_without_clarifying(client, demo):
    case = register(client)
    errors = form_errors(case, "assess", "kezhang", **{**FALSE, "route": "none"})
    assert "真实且完整" in errors["route"][0]
    assess(case, "none", is_truthful="yes", is_complete="yes")
    assert case.outcome == Clarification.Outcome.NOT_NEEDED
    assert not Clarification.objects.open().filter(pk=case.pk).exists()


@pytest.mark.rule("S9.9")
def test_an_emergency_is_marked_with_the_legal_basis_used(client, demo):
    client.force_login(user("xinxiyuan"))
    data = {
        "title": "网传某县发生泥石流致安置点被毁",
        "content": "短视频称安置点被毁。",
        "spread": "抖音",
        "found_on": timezone.localdate().isoformat(),
        "department": Department.objects.get(name="项目管理科").pk,
        "is_emergency": "on",
    }
    response = client.post("/admin/clarifications/new/", data)
    assert response.status_code == 200 and "应急处置规定" in response.content.decode()
    assert "网传某县发生泥石流致安置点被毁" in response.content.decode()  # what was typed is kept
    case = register(client, "xinxiyuan", **{**data, "emergency_basis": "《楚雄州突发公共事件总体应急预案》"})
    assert case.is_emergency and case.emergency_basis == "《楚雄州突发公共事件总体应急预案》"
    assert "突发事件，依据：《楚雄州突发公共事件总体应急预案》" in entries(case).get().data["text"]
    listing = client.get("/admin/clarifications/").content.decode()
    assert "突发事件" in listing


@pytest.mark.rule("S9.1")
def test_registering_validates_the_date_found(client, demo):
    client.force_login(user("zonghe"))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post("/admin/clarifications/new/", {"title": "x", "found_on": tomorrow.isoformat()})
    body = response.content.decode()
    assert response.status_code == 200 and "发现日期不能晚于今天" in body
    assert not Clarification.objects.exists()


@pytest.mark.rule("S9.8")
def test_a_notice_cannot_be_published_around_the_process(client, demo):
    case = register(client)
    assess(case, "clarify")
    plan(case)
    approve(case)
    notice = ClarificationNoticePage.objects.get()
    notice.unpublish()
    notice.body = "擅自修改"
    revision = notice.save_revision()
    with pytest.raises(PermissionDenied):
        revision.publish(skip_permission_checks=True)
    listing = notice.get_parent()
    with pytest.raises(PermissionDenied):
        listing.add_child(
            instance=ClarificationNoticePage(
                title="擅自发布", notice_date=timezone.localdate(), issuer="某人", body="x", live=True
            )
        )
    client.force_login(user("fabu"))  # holds the publish right on pages
    editor = client.get(f"/admin/pages/{notice.pk}/edit/").content.decode()
    assert 'name="action-publish"' not in editor
    response = client.post(
        f"/admin/pages/{notice.pk}/edit/",
        {
            "title": notice.title,
            "slug": notice.slug,
            "notice_date": "2026-11-26",
            "issuer": "x",
            "body": "x",
            "action-publish": "action-publish",
        },
    )
    assert not ClarificationNoticePage.objects.get(pk=notice.pk).live
    assert outcome(response) == REFUSED_BY_ADMIN


@pytest.mark.rule("S9.3")
def test_permissions_who_registers_assesses_and_approves(client, demo):
    case = register(client, "xinxiyuan")  # any member of staff registers
    assess_task = open_task(case, "assess")
    assert not assess_task.flow_task.can_execute(user("zonghe"), assess_task)
    assess(case, "clarify")
    plan(case)
    approval = open_task(case, "main_leader_approval")
    with pytest.raises(PermissionDenied):
        tasks.claim(approval, user("kezhang"))
    assert approval.flow_task.can_assign(user("zhuren"), approval)
    visitor = get_user_model().objects.create_user("visitor", password="x")
    client.force_login(visitor)
    assert outcome(client.get("/admin/clarifications/new/")) == (
        302,
        "/admin/login/?next=/admin/clarifications/new/",
    )
    client.force_login(user("zhuren"))
    inbox = client.get("/admin/inbox/").content.decode()
    assert RUMOUR in inbox and case.get_admin_url() in inbox


@pytest.mark.rule("S9.1")
def test_the_register_lists_open_cases_and_filters(client, demo):
    client.force_login(user("zonghe"))
    assert "尚未登记澄清事项" in client.get("/admin/clarifications/?state=").content.decode()
    closed = register(client, title="网传信息一")
    assess(closed, "none", is_truthful="yes", is_complete="yes")
    register(client, title="网传信息二")
    open_list = client.get("/admin/clarifications/").content.decode()
    assert "网传信息二" in open_list and "网传信息一" not in open_list
    closed_list = client.get("/admin/clarifications/?state=closed").content.decode()
    assert "网传信息一" in closed_list and "网传信息二" not in closed_list
    assert list(Clarification.objects.open().values_list("title", flat=True)) == ["网传信息二"]


@pytest.mark.rule("S9.1")
def test_pages_of_the_register_keep_the_filter(client, demo, monkeypatch):
    from clarifications.views import ClarificationListView

    monkeypatch.setattr(ClarificationListView, "paginate_by", 1)
    for title in ("网传信息甲", "网传信息乙", "另一条消息"):
        register(client, title=title)
    first = client.get("/admin/clarifications/?state=&q=网传").content.decode()
    assert "第 1 / 2 页" in first and "另一条消息" not in first
    assert "?state=&amp;q=%E7%BD%91%E4%BC%A0&amp;page=2" in first


@pytest.mark.rule("S9.7")
def test_a_notice_in_the_superior_governments_name_needs_it_on_the_agency_record(client, demo):
    Agency.objects.update(superior_government="")
    case = register(client)
    assess(case, "clarify")
    errors = form_errors(
        case,
        "draft_plan",
        "kezhang",
        notice_title="关于网传“扶贫小额信贷停发”的澄清公告",
        notice_body="经核实，该消息不实。",
        methods="发布澄清公告",
        issued_in_name_of=Clarification.Name.PREFECTURE,
    )
    assert errors["issued_in_name_of"] == [
        "本机关的上一级行政机关尚未填写，请先在“机构与人员 › 机关”中填写。"
    ]
