"""Anonymous visitors' public pages come from the shared cache, and are replaced the moment something they
show changes; editors, POSTs and pages that set cookies never see or fill it (issue 16, point 6)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from gongkai_site.page_cache import CACHE_HEADER

from cms_pages.models import Category, DisclosureItemPage, DisclosureSettings, GuidePage
from cms_pages.publication import authorised_publication

CATALOGUE = "/catalogue/"


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def admin(db):
    user = get_user_model().objects.create_superuser("chenjing", "chen@example.cn", "pw-for-tests-1")
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def guide(site_structure):
    guide = GuidePage(
        title="公开指南",
        slug="guide",
        office_name="综合科",
        address="楚雄市鹿城南路",
        hours="工作日 9:00—17:30",
        phone="0878-3122000",
        fax="0878-3122001",
        email="gongkai@example.cn",
        classification="<p>按公开目录分类编排。</p>",
        how_to_obtain="<p>在本网站查阅，或依申请获取。</p>",
    )
    site_structure["home"].add_child(instance=guide)
    return guide


def cached_twice(client, url):
    """The page as a visitor sees it, after checking that the second request came from the cache."""
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == 200 and first[CACHE_HEADER] == "miss"
    assert second[CACHE_HEADER] == "hit" and second.content == first.content
    return second.content.decode()


@pytest.mark.rule("S2.5")
def test_a_withdrawn_item_is_gone_on_the_very_next_anonymous_request(visitor, admin, make_item):
    item = make_item(title="关于撤回测试的通知")
    assert "关于撤回测试的通知" in cached_twice(visitor, CATALOGUE)
    assert "关于撤回测试的通知" in cached_twice(visitor, item.url)

    assert admin.post(f"/admin/pages/{item.pk}/unpublish/").status_code == 403  # only 撤回公开 withdraws
    with authorised_publication("撤回公开（测试）"):  # what the withdrawal process's last step does
        DisclosureItemPage.objects.get(pk=item.pk).unpublish()
    assert not DisclosureItemPage.objects.get(pk=item.pk).live

    catalogue = visitor.get(CATALOGUE)
    assert catalogue[CACHE_HEADER] == "miss" and "关于撤回测试的通知" not in catalogue.content.decode()
    assert visitor.get(item.url).status_code == 404


def test_a_new_publication_shows_at_once(visitor, make_item):
    make_item(title="第一条")
    assert "共 1 条" in cached_twice(visitor, CATALOGUE)
    make_item(title="第二条")
    assert "共 2 条" in visitor.get(CATALOGUE).content.decode()


def test_filters_and_pages_are_cached_separately(visitor, make_item):
    make_item(title="政策文件一则", category="policy")
    make_item(title="资金公告一则", category="funds")
    policy = cached_twice(visitor, f"{CATALOGUE}?category=policy")
    funds = cached_twice(visitor, f"{CATALOGUE}?category=funds")
    assert "政策文件一则" in policy and "资金公告一则" not in policy
    assert "资金公告一则" in funds and "政策文件一则" not in funds


def test_a_renamed_category_shows_at_once(visitor, make_item):
    make_item(title="政策文件一则", category="policy")
    cached_twice(visitor, CATALOGUE)
    category = Category.objects.get(slug="policy")
    category.name = "政策法规（新）"
    category.save()
    assert "政策法规（新）" in visitor.get(CATALOGUE).content.decode()


def test_new_guide_contacts_show_at_once_in_every_footer(visitor, guide, make_item):
    make_item()
    assert "0878-3122000" in cached_twice(visitor, CATALOGUE)
    guide.phone = "0878-3999999"
    guide.save_revision().publish()
    assert "0878-3999999" in visitor.get(CATALOGUE).content.decode()
    assert "0878-3999999" in visitor.get(guide.url).content.decode()


def test_a_changed_setting_shows_at_once(visitor, make_item):
    for number in range(3):
        make_item(title=f"第{number}条")
    assert "第 1 / 2 页" not in cached_twice(visitor, CATALOGUE)
    settings = DisclosureSettings.load()
    settings.catalogue_page_size = 2
    settings.save()
    assert "第 1 / 2 页" in visitor.get(CATALOGUE).content.decode()


def test_an_editor_sees_uncached_pages_and_fills_no_cache(admin, visitor, make_item):
    item = make_item(title="原标题")
    for _ in range(2):
        response = admin.get(CATALOGUE)
        assert response.status_code == 200 and CACHE_HEADER not in response
    assert visitor.get(CATALOGUE)[CACHE_HEADER] == "miss"  # the editor's pages were not stored
    # A change that bypasses every signal: visitors keep the stored page for a while, editors never do.
    DisclosureItemPage.objects.filter(pk=item.pk).update(title="改过的标题")
    assert "原标题" in visitor.get(CATALOGUE).content.decode()
    assert "改过的标题" in admin.get(CATALOGUE).content.decode()


def test_forms_searches_and_posts_are_never_cached(visitor, make_item):
    make_item()
    for _ in range(2):
        form = visitor.get("/apply/online/")
        assert form.status_code == 200 and CACHE_HEADER not in form and "csrftoken" in form.cookies
    for _ in range(2):
        search = visitor.get(f"{CATALOGUE}?q=扶贫")
        assert search.status_code == 200 and CACHE_HEADER not in search
    assert CACHE_HEADER not in visitor.post(CATALOGUE, {})


def test_the_page_cache_can_be_turned_off(visitor, make_item, settings):
    settings.GONGKAI_PAGE_CACHE_SECONDS = 0
    make_item()
    assert CACHE_HEADER not in visitor.get(CATALOGUE) and CACHE_HEADER not in visitor.get(CATALOGUE)
