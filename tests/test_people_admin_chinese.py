"""The admin as the demo roles meet it (issue 15, points 7 and 9): pooled tasks on the dashboard, Chinese
throughout, names family name first, and generated fields that say they are generated on publication."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model

from cms_pages.models import DisclosureItemPage
from tests import test_review_flow as review_flow
from tests.support.people import user
from tests.support.request_steps import apply, set_up_office

demo, draft, submit = review_flow.demo, review_flow.draft, review_flow.submit  # a draft item of 项目管理科
ROLES = ["xinxiyuan", "kezhang", "fenguan", "zonghe", "baomi", "zhuren", "fabu", "admin"]
# What Wagtail 8 shows in English where its Chinese catalogue has no entry, as a person reads it.
ENGLISH = [
    "Pages",
    "Images",
    "Documents",
    "created in",
    "Search all pages",
    "Edit account avatar",
    "editor guide",
    "Theme preferences",
    "Admin theme",
    "Contrast",
    "Density",
    "keyboard shortcuts",
    "Exploring",
    "Actions",
    "Date updated",
    "Edited by",
    "Has child pages",
    "Page type",
    "Locking",
    "Anyone can edit",
    "Referenced",
    "Grid layout",
    "List layout",
    "Saved",
    "Autosave",
    "Toggle checks",
    "validation errors",
    "Show issue",
    "Content metrics",
    "Reading time",
    "Readability",
    "data explained",
    "commenting action",
    "drag button",
    "custom ordering",
    "Item 1 of",
    "upgrade available",
    "release notes",
    "JavaScript is required",
    "Sort by",
    "domain.com",
    "Oldest",
    "high to low",
    "True",
    "False",
]
SKIPPED_LINKS = re.compile(
    r"logout|delete|unpublish|export|/copy/|/move/|lock|/revisions/|preview|claim|/bulk/|/add/|/usage/|ordering="
)


class VisibleText(HTMLParser):
    """The text a person reads or hears on a page: content, titles, labels and placeholders (no scripts)."""

    SILENT = {"script", "style", "template", "noscript"}
    SPOKEN = ("placeholder", "aria-label", "title", "alt")

    def __init__(self):
        super().__init__()
        self.texts, self.links, self.silent = [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.silent += tag in self.SILENT
        self.texts += [attrs[name] for name in self.SPOKEN if attrs.get(name)]
        if tag == "a" and (attrs.get("href") or "").startswith("/admin/"):
            self.links.append(attrs["href"].split("#")[0])

    def handle_endtag(self, tag):
        self.silent -= tag in self.SILENT and self.silent > 0

    def handle_data(self, data):
        if not self.silent:
            self.texts.append(data)


def walk(client, start=("/admin/", "/admin/inbox/"), limit=30):
    """{url: visible text} of the admin pages reached by following links from `start`."""
    seen, queue = {}, list(start)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen or SKIPPED_LINKS.search(url):
            continue
        response = client.get(url)
        seen[url] = ""
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = VisibleText()
        parser.feed(response.content.decode())
        seen[url] = " ".join(" ".join(parser.texts).split())
        queue += [link for link in parser.links if link not in seen]
    return seen


@pytest.fixture
def office(demo_rows, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_DEMO_ALLOWED = True
    yield from set_up_office(settings)


def panel(html):
    start = html.index('id="inbox-panel-heading"')
    return html[start : html.index("</section>", start)]


# -- point 7: pooled tasks ----------------------------------------------------------------------------------


def test_the_general_office_dashboard_lists_a_request_waiting_for_registration(office, client):
    request = apply()
    client.force_login(user("zonghe"))
    html = panel(client.get("/admin/").content.decode())
    assert "没有待办事项" not in html
    assert "待认领（1）" in html and "我的待办（0）" in html
    assert request.tracking_number in html
    assert 'action="/admin/inbox/' in html and ">认领</button>" in html


def test_a_role_that_may_not_claim_the_task_is_not_shown_it(office, client):
    apply()
    client.force_login(user("xinxiyuan"))
    html = panel(client.get("/admin/").content.decode())
    assert "没有待办事项" in html and "待认领" not in html


def test_the_dashboard_counts_claimed_and_pooled_tasks_apart(office, client, draft):
    apply()
    submit(client, draft)
    client.force_login(user("kezhang"))
    html = panel(client.get("/admin/").content.decode())
    assert "我的待办（1）" in html and "待认领（0）" in html
    assert draft.title in html


# -- point 9: Chinese throughout ----------------------------------------------------------------------------


def test_each_demo_role_reads_the_admin_in_chinese(office, client, draft):
    apply()
    submit(client, draft)
    found, task_pages = {}, 0
    for username in ROLES:
        client.force_login(user(username))
        pages = walk(client)
        assert "待办审批" in pages["/admin/"] and "待办审批" in pages["/admin/inbox/"]
        task_pages += sum(bool(re.match(r"/admin/inbox/(tasks|reviews)/\d+/$", url)) for url in pages)
        for url, text in pages.items():
            for english in ENGLISH:
                if english in text:
                    found.setdefault(f"{username} {url}", []).append(english)
    assert task_pages >= 2  # the section head's task page and the review's history were read too
    assert found == {}


def test_the_admin_title_names_the_platform_not_wagtail(office, client):
    client.force_login(user("zonghe"))
    html = client.get("/admin/").content.decode()
    assert re.search(r"<title>控制面板 - 政府信息公开管理后台</title>", html)


# -- point 9: names ---------------------------------------------------------------------------------------


def test_names_read_family_name_first(db):
    people = get_user_model().objects
    assert people.create_user("li", last_name="李", first_name="信息").get_full_name() == "李信息"
    assert people.create_user("ouyang", last_name="欧阳", first_name="明").get_full_name() == "欧阳明"
    assert people.create_user("smith", last_name="Smith", first_name="Anna").get_full_name() == "Smith Anna"
    assert people.create_user("only", last_name="管理员").get_full_name() == "管理员"


def test_wagtail_shows_the_officer_as_li_xinxi(office, client):
    client.force_login(user("xinxiyuan"))
    assert "李信息" in client.get("/admin/").content.decode()  # the account menu
    client.force_login(user("admin"))
    listing = client.get("/admin/users/").content.decode()
    assert "李信息" in listing and "信息 李" not in listing


# -- point 9: generated fields --------------------------------------------------------------------------------


def read_only_values(html):
    return [
        " ".join(value.split())
        for value in re.findall(r'<div class="w-field__textoutput"[^>]*>(.*?)</div>', html, flags=re.S)
    ]


def test_an_unpublished_item_says_its_index_number_and_date_are_generated_on_publication(
    office, client, draft
):
    client.force_login(user("xinxiyuan"))
    html = client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert read_only_values(html) == ["（发布时生成）", "（发布时生成）"]


def test_a_published_item_shows_its_index_number_and_date(office, client):
    item = DisclosureItemPage.objects.live().exclude(index_number="").order_by("pk").first()
    client.force_login(user("zonghe"))
    html = client.get(f"/admin/pages/{item.pk}/edit/").content.decode()
    published = item.published
    assert read_only_values(html) == [
        item.index_number,
        f"{published.year}年{published.month}月{published.day}日",
    ]
