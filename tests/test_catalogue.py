"""The public catalogue (公开目录), item pages and the guide (公开指南)."""

import datetime
import re

import pytest

from cms_pages.models import Category, DisclosureSettings, GuidePage
from cms_pages.publication import authorised_publication


def titles_on(response):
    return re.findall(r'<td><a href="[^"]+">([^<]+)</a>', response.content.decode())


@pytest.mark.rule("S1.3")
def test_nine_categories_are_seeded_and_editable_as_a_tree(db):
    names = list(Category.objects.filter(parent=None).values_list("name", flat=True))
    assert names[:8] == [
        "扶贫政策法规",
        "扶贫工作动态",
        "扶贫工作规划和工作要点",
        "脱贫成效及考核信息",
        "扶贫项目资金信息",
        "机构设置、工作职责及联系方式",
        "部门自身建设：权责清单、财务预决算、人事信息",
        "法律法规规章规定应主动公开的其他信息",
    ]
    assert names[8] == "政府信息公开制度"


@pytest.mark.rule("S1.3")
def test_filtering_by_a_category_includes_its_subcategories(client, make_item):
    funds = Category.objects.get(slug="funds")
    Category.objects.create(name="项目库公示", slug="project-list", parent=funds)
    make_item(title="资金分配公告", category="funds")
    make_item(title="项目库公示第一批", category="project-list")
    make_item(title="工作推进会", category="news")
    response = client.get("/catalogue/", {"category": "funds"})
    assert sorted(titles_on(response)) == ["资金分配公告", "项目库公示第一批"]


@pytest.mark.rule("S1.3")
def test_a_category_cannot_be_moved_under_its_own_child(db):
    from django.core.exceptions import ValidationError

    funds = Category.objects.get(slug="funds")
    child = Category.objects.create(name="项目库公示", slug="project-list", parent=funds)
    funds.parent = child
    with pytest.raises(ValidationError):
        funds.full_clean()


@pytest.mark.rule("S1.6")
def test_catalogue_is_newest_first_and_filters_by_year_and_publisher(client, make_item):
    make_item(title="二〇一八年旧文", published=datetime.date(2018, 3, 1))
    make_item(title="二〇一九年新文", published=datetime.date(2019, 5, 1))
    make_item(title="国办文件", published=datetime.date(2019, 6, 1), publisher="国务院办公厅")
    assert titles_on(client.get("/catalogue/")) == ["国办文件", "二〇一九年新文", "二〇一八年旧文"]
    assert titles_on(client.get("/catalogue/", {"year": 2018})) == ["二〇一八年旧文"]
    assert titles_on(client.get("/catalogue/", {"publisher": "国务院办公厅"})) == ["国办文件"]
    page = client.get("/catalogue/").content.decode()
    assert '<option value="2019">2019年</option>' in page
    assert '<option value="国务院办公厅">国务院办公厅</option>' in page


@pytest.mark.rule("S1.6")
def test_catalogue_paginates_and_keeps_filters(client, make_item):
    settings = DisclosureSettings.load()
    settings.catalogue_page_size = 2
    settings.save()
    for day in range(1, 6):
        make_item(title=f"动态{day}", category="news", published=datetime.date(2020, 1, day))
    first = client.get("/catalogue/", {"category": "news"})
    assert titles_on(first) == ["动态5", "动态4"]
    assert "category=news&amp;page=2" in first.content.decode()
    assert titles_on(client.get("/catalogue/", {"category": "news", "page": 3})) == ["动态1"]
    assert titles_on(client.get("/catalogue/", {"category": "news", "page": 99})) == ["动态1"]


@pytest.mark.rule("S1.6")
def test_bad_filters_explain_themselves_and_empty_results_say_so(client, make_item):
    make_item()
    page = client.get("/catalogue/", {"category": "nonexistent", "year": "abc"}).content.decode()
    assert "没有名为“nonexistent”的分类" in page
    assert "年份“abc”无效" in page
    empty = client.get("/catalogue/", {"q": "不存在的词"}).content.decode()
    assert "没有符合条件的公开信息" in empty


@pytest.mark.rule("S1.6")
def test_search_box_matches_title_document_number_and_index_number(client, make_item):
    item = make_item(title="关于下达扶贫资金的通知", doc_number="楚扶贫办发〔2018〕15号")
    make_item(title="另一条信息")
    for query in ("扶贫资金", "〔2018〕15号", item.index_number):
        assert titles_on(client.get("/catalogue/", {"q": query})) == ["关于下达扶贫资金的通知"]


@pytest.mark.rule("S1.1")
def test_item_page_shows_the_metadata_table_then_body(client, make_item):
    item = make_item(
        title="扶贫项目资金管理办法",
        category="funds",
        doc_number="楚扶贫办发〔2018〕15号",
        subject_words="扶贫 资金",
        written=datetime.date(2018, 4, 12),
        published=datetime.date(2018, 4, 20),
        body="<p>第一条 为规范资金管理。</p>",
    )
    page = client.get(item.url).content.decode()
    cells = dict(re.findall(r'<th scope="row">([^<]+)</th><td>([^<]*)</td>', page))
    assert cells == {
        "索引号": item.index_number,
        "公开目录": "扶贫项目资金信息",
        "发布机构": "楚雄州乡村振兴局",
        "发布日期": "2018-04-20",
        "文号": "楚扶贫办发〔2018〕15号",
        "主题词": "扶贫 资金",
        "成文日期": "2018-04-12",
        "有效性": "有效",
    }
    assert page.index("索引号") < page.index("第一条 为规范资金管理。")


@pytest.mark.rule("S1.1")
def test_item_page_lists_attachments(client, make_item):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document.objects.create(
        title="资金分配表", file=ContentFile(b"%PDF-1.4", name="allocation.pdf")
    )
    item = make_item(live=False)
    item.attachments.create(document=document, title="附件1：资金分配表")
    with authorised_publication("test"):
        item.save_revision().publish()
    page = client.get(item.url).content.decode()
    assert "附件1：资金分配表" in page and document.url in page


@pytest.mark.rule("S1.1")
def test_draft_items_are_not_public(client, make_item):
    draft = make_item(title="尚未审核的草稿", live=False)
    assert client.get("/catalogue/", {"q": "尚未审核"}).content.decode().count("尚未审核的草稿") == 0
    assert client.get(draft.url_path.replace("/home", "", 1)).status_code == 404


@pytest.mark.rule("S1.6")
def test_guide_requires_the_office_contacts(site_structure):
    from django.core.exceptions import ValidationError

    guide = GuidePage(title="公开指南", slug="guide")
    with pytest.raises(ValidationError) as error:
        site_structure["home"].add_child(instance=guide)
    for field in (
        "office_name",
        "address",
        "hours",
        "phone",
        "fax",
        "email",
        "classification",
        "how_to_obtain",
    ):
        assert field in error.value.message_dict


@pytest.mark.rule("S1.6")
def test_guide_page_and_footer_show_the_contacts(client, site_structure):
    guide = GuidePage(
        title="公开指南",
        slug="guide",
        office_name="综合科",
        address="楚雄市鹿城南路",
        hours="工作日 9:00—17:30",
        phone="0878-3123456",
        fax="0878-3123457",
        email="xxgk@example.cn",
        classification="<p>按主题分为九类。</p>",
        how_to_obtain="<p>在公开目录查阅。</p>",
        show_in_menus=True,
    )
    site_structure["home"].add_child(instance=guide)
    page = client.get("/guide/").content.decode()
    for text in (
        "综合科",
        "楚雄市鹿城南路",
        "工作日 9:00—17:30",
        "0878-3123456",
        "0878-3123457",
        "按主题分为九类",
    ):
        assert text in page
    home = client.get("/").content.decode()
    assert "0878-3123457" in home and '<a href="/guide/">公开指南</a>' in home


def test_public_404_is_the_sites_own_page_not_viewflows(client, site_structure, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "页面不存在" in page and "公开目录" in page
    assert "viewflow" not in page.lower()
