"""Clarification in a real browser: 综合科 registers a false rumour, the section assesses it and drafts
the plan, the main leader approves, and the clarification notice appears on the public site."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_review_chain import demo_site  # noqa: F401 - a fixture
from tests.support.browser import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.rule("S9.1"), pytest.mark.rule("S9.7"), pytest.mark.rule("S9.8")]

RUMOUR = "网传“扶贫小额信贷全部停发”"
NOTICE = "关于网传“扶贫小额信贷全部停发”的澄清公告"


def open_task(page, claim=False):
    page.goto("/admin/inbox/")
    row = page.locator("tr", has_text=RUMOUR)
    if claim:
        row.get_by_role("button", name="认领").click()
    else:
        row.get_by_role("link", name="办理").click()
    page.wait_for_url("**/admin/inbox/tasks/*/")


def submit_task(page):
    page.get_by_role("button", name="提交").click()
    page.wait_for_url("**/admin/inbox/")
    expect(page.get_by_text("已办理")).to_be_visible()


@pytest.mark.usefixtures("demo_site")
def test_registered_rumour_is_assessed_approved_and_clarified_publicly(new_page, settings):
    password = settings.DEMO_PASSWORD

    office = log_in(new_page, "zonghe", password)
    office.get_by_role("link", name="澄清虚假信息").click()
    office.get_by_role("link", name="登记疑似虚假或不完整信息").click()
    office.get_by_label("事项").fill(RUMOUR)
    office.get_by_label("虚假或不完整信息的内容").fill(
        "微信群流传：扶贫小额信贷全部停发，已贷款的须提前还款。"
    )
    office.get_by_label("传播范围").fill("楚雄市村民微信群，转发约300次")
    office.get_by_label("涉及职责的科室").select_option(label="项目管理科")
    office.get_by_role("button", name="登记").click()
    office.wait_for_url("**/admin/clarifications/*/")
    expect(office.get_by_text("已登记，交项目管理科研判")).to_be_visible()

    section = log_in(new_page, "kezhang", password)
    open_task(section)
    for field, value in (
        ("is_truthful", "no"),
        ("is_complete", "no"),
        ("harm", "serious"),
        ("route", "clarify"),
    ):
        section.check(f"input[name={field}][value={value}]")
    section.get_by_label("研判意见").fill("经向州财政局核实，小额信贷政策继续执行。")
    submit_task(section)
    open_task(section)
    section.get_by_label("公告标题").fill(NOTICE)
    section.get_by_label("澄清内容").fill(
        "近日，有微信群流传扶贫小额信贷全部停发。\n经核实，该消息不实，政策继续执行。"
    )
    section.get_by_label("澄清方式").fill("发布澄清公告")
    submit_task(section)

    public = new_page()
    public.goto("/clarifications/")
    expect(public.get_by_text("暂无澄清公告")).to_be_visible()

    leader = log_in(new_page, "zhuren", password)
    open_task(leader, claim=True)
    leader.get_by_label("同意").check()
    submit_task(leader)

    public.goto("/")
    public.get_by_role("navigation", name="主导航").get_by_role("link", name="澄清公告").click()
    public.get_by_role("link", name=NOTICE).click()
    expect(public.get_by_text("经核实，该消息不实，政策继续执行。")).to_be_visible()
