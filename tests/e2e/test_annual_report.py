"""The annual report in a real browser: 综合科 drafts it, the leading group approves, 综合科 records the
submission and publishes it, and the public page offers the PDF."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.support.browser import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.rule("S5.1"), pytest.mark.rule("S5.2"), pytest.mark.rule("S1.6")]

ADMIN_TIMEOUT_MS = 60_000  # the admin's pages are heavier than the public ones; PDF rendering too


@pytest.fixture
def demo_site(
    migration_data_restored_afterwards, django_db_serialized_rollback, live_server, settings, tmp_path
):
    from django.core.cache import cache

    settings.GONGKAI_DEMO_ALLOWED = True
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    cache.clear()
    yield live_server
    cache.clear()


def claim_and_open(page, step):
    page.goto("/admin/inbox/")
    page.locator("tr", has_text=step).get_by_role("button", name="认领").click()
    page.wait_for_url("**/admin/inbox/tasks/*/")


def submit_task(page):
    page.get_by_role("button", name="提交").click()
    page.wait_for_url("**/admin/inbox/")
    expect(page.get_by_text("已办理").first).to_be_visible()


def test_general_office_drafts_leading_group_approves_and_the_public_downloads_the_pdf(
    demo_site, new_page, settings
):
    password = settings.DEMO_PASSWORD
    zonghe = log_in(new_page, "zonghe", password, ADMIN_TIMEOUT_MS)
    zonghe.goto("/admin/annual-reports/")
    zonghe.get_by_label("报告年度").fill("2025")
    zonghe.get_by_role("button", name="开始编写").click()
    zonghe.wait_for_url("**/admin/annual-reports/2025/")
    expect(zonghe.get_by_text("以下问题须先解决")).to_be_visible()

    zonghe.get_by_role("textbox", name="一、总体情况").fill("本年度收到政府信息公开申请{本年新收申请数}件。")
    zonghe.get_by_role("textbox", name="五、存在的主要问题及改进情况").fill(
        "信息更新不够及时，下一步建立月度检查制度。"
    )
    zonghe.get_by_role("textbox", name="六、其他需要报告的事项").fill("无。")
    for label, value in (("行政许可", "0"), ("行政处罚", "0"), ("行政强制", "0"), ("行政事业性收费", "0")):
        zonghe.get_by_label(label).fill(value)
    zonghe.get_by_role("button", name="保存").click()
    zonghe.wait_for_url("**/admin/annual-reports/2025/")
    expect(zonghe.get_by_text("全部检查通过")).to_be_visible()
    expect(zonghe.get_by_text("本年度收到政府信息公开申请0件。").first).to_be_visible()

    claim_and_open(zonghe, "综合科编写年度报告并提交审定")
    zonghe.get_by_label("报送审定说明").fill("请领导小组审定")
    submit_task(zonghe)

    leader = log_in(new_page, "zhuren", password, ADMIN_TIMEOUT_MS)
    claim_and_open(leader, "政务公开领导小组审定")
    leader.get_by_label("同意报送和公布").check()
    leader.get_by_label("审定意见").fill("同意")
    submit_task(leader)

    claim_and_open(zonghe, "报送州政府信息公开主管部门")
    zonghe.get_by_label("报送日期").fill("2026-01-15")
    zonghe.get_by_label("报送文号或方式").fill("楚乡振报〔2026〕2号")
    submit_task(zonghe)
    claim_and_open(zonghe, "在门户网站公布")
    zonghe.get_by_label("确认在门户网站公布").check()
    submit_task(zonghe)

    public = new_page()
    public.goto("/annual-reports/")
    public.get_by_role("link", name="2025年政府信息公开工作年度报告").click()
    public.wait_for_url("**/annual-reports/2025/")
    expect(public.get_by_role("heading", name="三、收到和处理政府信息公开申请情况")).to_be_visible()
    expect(public.get_by_role("rowheader", name="（三）不予公开", exact=True)).to_be_visible()
    download_link = public.get_by_role("link", name="下载 PDF 版本")
    response = public.request.get(download_link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
