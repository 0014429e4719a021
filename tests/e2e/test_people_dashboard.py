"""The 综合科 clerk sees a request waiting for registration on the dashboard and claims it there (issue 15
point 7): pooled tasks are counted and listed, not only claimed ones."""

import pytest
from cryptography.fernet import Fernet
from playwright.sync_api import expect

from tests.e2e.test_request_chain import apply_online
from tests.e2e.test_review_chain import demo_site  # noqa: F401  (a fixture)
from tests.support.browser import ADMIN_TIMEOUT_MS, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("demo_site")]


def test_the_clerk_sees_a_pooled_request_on_the_dashboard_and_claims_it(new_page, settings):
    settings.GONGKAI_FIELD_KEY = Fernet.generate_key().decode()
    citizen = new_page()
    citizen.set_default_timeout(ADMIN_TIMEOUT_MS)
    number, _ = apply_online(citizen)

    clerk = log_in(new_page, "zonghe", settings.DEMO_PASSWORD)
    inbox = clerk.locator("section", has=clerk.get_by_role("heading", name="待办审批", exact=True))
    expect(inbox.get_by_text("待认领（1）")).to_be_visible()
    expect(inbox.get_by_text("没有待办事项")).to_have_count(0)
    row = inbox.locator("tr", has_text=number)
    expect(row).to_contain_text("综合科登记")
    row.get_by_role("button", name="认领").click()
    clerk.wait_for_url("**/admin/inbox/tasks/*/")
    expect(clerk.get_by_text("已认领：综合科登记")).to_be_visible()

    clerk.goto("/admin/")
    expect(inbox.get_by_text("我的待办（1）")).to_be_visible()
    expect(inbox.get_by_text("待认领（0）")).to_be_visible()
