"""The review chain in a real browser: the officer submits, four reviewers approve in their inboxes,
and the item appears in the public catalogue with its index number."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.support.browser import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.rule("S4.4"), pytest.mark.rule("S4.1")]


@pytest.fixture
def demo_site(migration_data_restored_afterwards, django_db_serialized_rollback, live_server, settings):
    from django.core.cache import cache

    settings.GONGKAI_DEMO_ALLOWED = True
    call_command("load_demo", stdout=io.StringIO())
    cache.clear()
    yield live_server
    cache.clear()


def approve_in_inbox(page, item_title, claim=False):
    page.goto("/admin/inbox/")
    row = page.locator("tr", has_text=item_title)
    if claim:
        row.get_by_role("button", name="认领").click()
    else:
        row.get_by_role("link", name="办理").click()
    page.get_by_label("同意").check()
    page.get_by_label("审查意见").fill("同意公开")
    page.get_by_role("button", name="提交").click()
    page.wait_for_url("**/admin/inbox/")
    expect(page.get_by_text("已办理")).to_be_visible()


def test_officer_submits_reviewers_approve_and_the_public_sees_it(demo_site, new_page, settings, catalogue):
    from cms_pages.models import Category, DisclosureItemPage

    title = "2026年扶贫项目资金分配结果公告"
    draft = DisclosureItemPage(
        title=title, category=Category.objects.get(slug="funds"), publisher="楚雄州乡村振兴局", live=False
    )
    catalogue.add_child(instance=draft)
    draft.save_revision()
    password = settings.DEMO_PASSWORD

    officer = log_in(new_page, "xinxiyuan", password)
    officer.goto(f"/admin/pages/{draft.pk}/edit/")
    officer.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target='toggle']").first.click()
    officer.locator("button[name=action-submit-review]").click()
    officer.wait_for_url("**/admin/inbox/reviews/submit/**")
    officer.get_by_label("信息产生科室").select_option(label="项目管理科")
    officer.get_by_role("button", name="报送审查").click()
    officer.wait_for_url("**/admin/inbox/reviews/*/")
    expect(officer.get_by_text("科室负责人审查")).to_be_visible()

    approve_in_inbox(log_in(new_page, "kezhang", password), title)
    approve_in_inbox(log_in(new_page, "fenguan", password), title)
    approve_in_inbox(log_in(new_page, "zonghe", password), title, claim=True)
    approve_in_inbox(log_in(new_page, "baomi", password), title, claim=True)

    public = new_page()
    public.goto("/catalogue/?category=funds")
    public.get_by_role("link", name=title).click()
    index_number = DisclosureItemPage.objects.get(pk=draft.pk).index_number
    assert index_number
    expect(public.get_by_text(index_number)).to_be_visible()
