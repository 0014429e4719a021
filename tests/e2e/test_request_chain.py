"""A disclosure request in a real browser: a citizen applies online, 综合科 registers it in the admin
inbox, the section drafts the answer, the leader approves, and the citizen sees the answer on the
status page and downloads the answer letter (issue 4, "Proof")."""

import re
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from playwright.sync_api import expect

from tests.e2e.test_review_chain import demo_site  # noqa: F401  (a fixture)
from tests.support.browser import ADMIN_TIMEOUT_MS, log_in
from tests.support.captcha import answer

pytestmark = [pytest.mark.e2e, pytest.mark.rule("S2.1"), pytest.mark.rule("S2.2"), pytest.mark.rule("S2.11")]

DESCRIPTION = "2025年东华镇易地扶贫搬迁安置点建设资金使用情况"


def fill_captcha(page):
    """The answer a person reads from the image, taken from the database."""
    key = page.get_attribute("[name=captcha_0]", "value")
    page.fill("[name=captcha_1]", answer(key))


def apply_online(page):
    page.goto("/")
    page.get_by_role("link", name="在线提交政府信息公开申请").click()
    page.wait_for_url("**/apply/online/")
    page.get_by_label("公民").check()
    page.fill("[name=name]", "李明")
    page.select_option("[name=id_type]", "resident_id")
    page.fill("[name=id_number]", "11010519491231002X")
    page.fill("[name=phone]", "13887654321")
    page.fill("[name=address]", "云南省楚雄州楚雄市鹿城南路100号")
    page.fill("[name=description]", DESCRIPTION)
    page.get_by_label("纸质").check()
    page.get_by_label("邮寄", exact=True).check()
    page.check("[name=privacy_read]")
    fill_captcha(page)
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_selector(".tracking-number")
    return page.inner_text(".tracking-number").strip(), page.inner_text(".access-code").strip()


def handle(page, step, claim=False):
    """Open the step's task from the inbox; the caller fills the form, `submit` sends it."""
    page.goto("/admin/inbox/")
    row = page.locator("tr", has_text=step).first
    row.get_by_role("button" if claim else "link", name="认领" if claim else "办理").click()
    page.wait_for_url("**/admin/inbox/tasks/*/")


def submit(page):
    page.get_by_role("button", name="提交").click()
    page.wait_for_url("**/admin/inbox/")
    expect(page.get_by_text("已办理").first).to_be_visible()


@pytest.mark.usefixtures("demo_site")
def test_citizen_applies_staff_answer_and_the_citizen_downloads_the_letter(new_page, settings):
    settings.GONGKAI_FIELD_KEY = Fernet.generate_key().decode()
    password = settings.DEMO_PASSWORD
    citizen = new_page()
    citizen.set_default_timeout(ADMIN_TIMEOUT_MS)
    number, code = apply_online(citizen)

    zonghe = log_in(new_page, "zonghe", password)
    handle(zonghe, "综合科登记", claim=True)
    submit(zonghe)
    handle(zonghe, "审查申请是否完整", claim=True)
    zonghe.get_by_label("申请内容完整，予以受理").check()
    submit(zonghe)
    handle(zonghe, "交承办科室", claim=True)
    zonghe.get_by_label("承办科室").select_option(label="项目管理科")
    submit(zonghe)

    section = log_in(new_page, "xinxiyuan", password)
    handle(section, "承办科室拟定答复")
    section.get_by_label("拟定答复", exact=True).check()
    section.get_by_label("答复类型").select_option("disclosed")
    submit(section)

    leader = log_in(new_page, "fenguan", password)
    handle(leader, "分管领导审批答复")
    leader.get_by_label("同意答复").check()
    submit(leader)

    citizen.goto("/")
    citizen.get_by_role("link", name="查询申请办理进度").click()
    citizen.fill("[name=tracking_number]", number)
    citizen.fill("[name=access_code]", code)
    fill_captcha(citizen)
    citizen.get_by_role("button", name="查询", exact=True).click()
    expect(citizen.get_by_text("已答复").first).to_be_visible()
    with citizen.expect_download() as download:  # posted: no code in any address
        citizen.get_by_role("button", name=re.compile("答复书")).click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
