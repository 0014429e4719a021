"""Organisation, roles, demo content, and the admin screens editors use."""

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from openpyxl import load_workbook

from cms_pages.models import DisclosureItemPage, GuidePage
from demo.content import ACCOUNTS, RULE_TITLES, SEED_INDEX_NUMBER
from organisation.models import CountyOffice, Department
from organisation.roles import ROLES
from tests.support.admin import REFUSED_BY_ADMIN, outcome


@pytest.fixture
def demo(demo_rows, db, settings):
    settings.GONGKAI_DEMO_ALLOWED = True


def login(client, username, settings):
    # django-axes checks every sign-in against the address it comes from: the test client's has one too
    request = RequestFactory().post("/admin/login/")
    assert client.login(request=request, username=username, password=settings.DEMO_PASSWORD)
    return client


@pytest.mark.rule("S4.3")
def test_every_role_is_a_group_that_can_enter_the_admin(site_structure):
    for role in ROLES:
        group = site_structure["groups"][role.code]
        assert group.name == role.group_name
        assert group.permissions.filter(codename="access_admin").exists()


@pytest.mark.rule("S1.4")
def test_information_officers_draft_but_do_not_publish(demo, catalogue):
    User = get_user_model()
    officer = User.objects.get(username="xinxiyuan")
    general_office = User.objects.get(username="zonghe")
    officer_rights = catalogue.permissions_for_user(officer)
    assert officer_rights.can_add_subpage() and not officer_rights.can_publish_subpage()
    assert catalogue.permissions_for_user(general_office).can_publish_subpage()
    for reviewer in ("kezhang", "fenguan", "baomi", "zhuren"):
        assert not catalogue.permissions_for_user(User.objects.get(username=reviewer)).can_add_subpage()


@pytest.mark.rule("S1.6")
def test_demo_content_is_the_seed_regulation_and_is_idempotent(demo, settings):
    counts = (DisclosureItemPage.objects.count(), Department.objects.count(), CountyOffice.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (
        DisclosureItemPage.objects.count(),
        Department.objects.count(),
        CountyOffice.objects.count(),
    ) == counts

    notice = DisclosureItemPage.objects.get(index_number=SEED_INDEX_NUMBER)
    assert notice.title == "关于印发楚雄州人民政府扶贫开发办公室政府信息公开有关工作制度的通知"
    assert (notice.written, notice.published) == (datetime.date(2018, 6, 25), datetime.date(2018, 7, 3))
    assert (notice.subject_words, notice.publisher, notice.category.name) == (
        "工作制度",
        "楚雄州乡村振兴局",
        "政府信息公开制度",
    )
    rules = DisclosureItemPage.objects.filter(category__slug="disclosure-rules").exclude(pk=notice.pk)
    assert sorted(rules.values_list("title", flat=True)) == sorted(RULE_TITLES)
    assert "先审查、后发布" in rules.get(title="信息发布保密审查制度").body
    other_categories = DisclosureItemPage.objects.exclude(category__slug="disclosure-rules")
    assert set(other_categories.values_list("category__slug", flat=True)) >= {"policy", "news", "funds"}
    assert GuidePage.objects.live().get().phone


@pytest.mark.rule("S4.3")
def test_demo_accounts_one_per_role_with_the_demo_password(demo, settings):
    User = get_user_model()
    for username, _, _, role in ACCOUNTS:
        user = User.objects.get(username=username)
        assert user.check_password(settings.DEMO_PASSWORD)
        assert user.groups.filter(name=next(r.group_name for r in ROLES if r.code == role)).exists()
    assert User.objects.get(username="admin").is_superuser
    section = Department.objects.get(name="项目管理科")
    assert (
        section.information_officer.username,
        section.head.username,
        section.leader_in_charge.username,
    ) == (
        "xinxiyuan",
        "kezhang",
        "fenguan",
    )


def test_demo_content_is_refused_in_production(db, settings):
    settings.GONGKAI_DEMO_ALLOWED = False
    with pytest.raises(CommandError, match="生产环境不载入演示内容"):
        call_command("load_demo", stdout=io.StringIO())
    assert not get_user_model().objects.filter(username="xinxiyuan").exists()


@pytest.mark.rule("S1.6")
def test_admin_exports_the_catalogue_as_csv_and_xlsx(client, demo, settings):
    login(client, "zonghe", settings)
    response = client.get("/admin/catalogue_items/", {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
    assert rows[0][:4] == ["索引号", "标题", "公开目录", "发布机构"]
    assert SEED_INDEX_NUMBER in {row[0] for row in rows[1:]}
    assert len(rows) - 1 == DisclosureItemPage.objects.count()

    response = client.get("/admin/catalogue_items/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [cell.value for cell in sheet[1]][:2] == ["索引号", "标题"]
    assert sheet.max_row - 1 == DisclosureItemPage.objects.count()


@pytest.mark.rule("S1.1")
def test_editor_sees_the_item_form_with_help_text(client, demo, settings):
    login(client, "xinxiyuan", settings)
    item = DisclosureItemPage.objects.get(index_number=SEED_INDEX_NUMBER)
    page = client.get(f"/admin/pages/{item.pk}/edit/").content.decode()
    for label in (
        "公开目录",
        "发布机构",
        "主题词",
        "文号",
        "成文日期",
        "生成/变更日期",
        "有效性",
        "公开渠道",
        "附件",
    ):
        assert label in page
    assert "自此日起20个工作日内应当公开" in page
    assert SEED_INDEX_NUMBER in page  # read-only, shown


@pytest.mark.rule("S1.3")
def test_general_office_edits_categories_in_the_admin(client, demo, settings):
    login(client, "zonghe", settings)
    listing = client.get("/admin/snippets/cms_pages/category/").content.decode()
    assert "扶贫政策法规" in listing
    response = client.post(
        "/admin/snippets/cms_pages/category/add/",
        {"name": "项目库公示", "slug": "project-list", "parent": "", "sort_order": 10, "description": ""},
    )
    assert response.status_code == 302
    listing = client.get("/admin/snippets/cms_pages/category/").content.decode()
    assert "项目库公示" in listing


def test_setup_site_builds_the_skeleton_without_demo_accounts(db):
    out = io.StringIO()
    call_command("setup_site", stdout=out)
    call_command("setup_site", stdout=out)
    assert "用户组 8 个" in out.getvalue()
    assert get_user_model().objects.count() == 0
    assert DisclosureItemPage.objects.count() == 0


@pytest.mark.rule("S6.1")
def test_general_office_keeps_the_working_day_calendar(client, demo, settings):
    login(client, "zonghe", settings)
    assert client.get("/admin/snippets/workdays/calendarday/").status_code == 200
    login(client, "xinxiyuan", settings)
    assert outcome(client.get("/admin/snippets/workdays/calendarday/")) == REFUSED_BY_ADMIN


@pytest.mark.rule("S2.5")
def test_general_office_keeps_the_letter_archive_and_wording(client, demo, settings):
    login(client, "zonghe", settings)
    assert client.get("/admin/snippets/letters/lettertemplate/").status_code == 200
    login(client, "kezhang", settings)
    assert outcome(client.get("/admin/snippets/letters/lettertemplate/")) == REFUSED_BY_ADMIN
