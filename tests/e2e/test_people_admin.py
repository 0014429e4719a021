"""The admin in a real browser reads Chinese, including what Wagtail's scripts write into the page (the
sidebar, the editor's block menu), and shows the officer as 李信息 (issue 15 point 9)."""

import pytest

from tests.e2e.test_review_chain import demo_site  # noqa: F401  (a fixture)
from tests.support.browser import log_in
from tests.test_people_admin_chinese import ENGLISH

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("demo_site")]

SCRIPTS_ENGLISH = ["new items in this menu", "Insert a block", "type ‘/’", "Autosave in progress"]
READ_TEXT = """() => [document.body.innerText,
  ...[...document.querySelectorAll('[placeholder], [aria-label], [title]')].map(
      (e) => [e.getAttribute('placeholder'), e.getAttribute('aria-label'), e.getAttribute('title')].join(' '))
].join(' ')"""


@pytest.mark.parametrize("username", ["xinxiyuan", "zonghe"])
def test_the_admin_pages_a_role_uses_read_chinese_in_the_browser(new_page, settings, username):
    from cms_pages.models import DisclosureItemPage

    item = DisclosureItemPage.objects.order_by("pk").first()
    page = log_in(new_page, username, settings.DEMO_PASSWORD)
    found = {}
    for path in [
        "/admin/",
        "/admin/inbox/",
        f"/admin/pages/{item.get_parent().pk}/",
        f"/admin/pages/{item.pk}/edit/",
        "/admin/account/",
    ]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        text = page.evaluate(READ_TEXT)
        english = [words for words in ENGLISH + SCRIPTS_ENGLISH if words in text]
        if english:
            found[path] = english
    assert found == {}
    if username == "xinxiyuan":
        page.goto("/admin/")
        assert "李信息" in page.evaluate(READ_TEXT)
