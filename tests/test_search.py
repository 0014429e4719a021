"""Search (S1.6): one behaviour contract for every configured backend, then the page, API and admin."""

import datetime
import re

import pytest
from django.db.models import F
from modelsearch.backends import get_search_backend

from cms_pages.models import Category, DisclosureItemPage
from cms_pages.publication import authorised_publication
from search.models import SynonymGroup

from .search_relevance.support import BACKENDS, reindex, use_backend


@pytest.fixture(params=BACKENDS)
def backend(request, settings):
    use_backend(settings, request.param)
    return request.param


@pytest.fixture
def items(backend, make_item):
    """A small catalogue with the shapes of text that trouble Chinese search."""
    made = {
        "fund": make_item(
            "关于下达2019年中央财政专项扶贫资金的通知",
            category="funds",
            doc_number="楚贫开办发〔2019〕12号",
            published=datetime.date(2019, 3, 1),
        ),
        "report": make_item(
            "楚雄州扶贫开发办公室2019年政府信息公开工作年度报告",
            published=datetime.date(2020, 1, 20),
            summary="报告全年主动公开、依申请公开和保密审查工作情况。",
        ),
        "secrecy": make_item(
            "政府信息公开保密审查制度",
            published=datetime.date(2018, 6, 1),
            body="<p>各科室发布信息前应当进行保密审查，涉及低保对象个人信息的不予公开。</p>",
        ),
        "games": make_item(
            "关于申办2009年第二十四届世界大学生冬季运动会的复函",
            category="news",
            published=datetime.date(2018, 12, 24),
            publisher="国务院办公厅",
        ),
        "lufeng": make_item(
            "禄丰市易地搬迁安置点建设情况公示",
            category="news",
            published=datetime.date(2021, 5, 6),
            body="<p>禄丰市乡村振兴局对安置点建设资金使用情况进行公示。</p>",
        ),
        "old_title": make_item(
            "扶贫资金使用管理办法",
            published=datetime.date(2017, 2, 1),
        ),
        "draft": make_item("未发布的扶贫资金草稿", live=False),
    }
    reindex()
    return made


def found(queryset, query, **kwargs):
    return [item.title for item in queryset.search(query, operator="and", **kwargs)]


def plan_for(query):
    from search.query import build_plan

    backend = get_search_backend()
    return build_plan(query, backend.contains, backend.contains_key, backend.matches_any)


def live_titles(query, **kwargs):
    return found(DisclosureItemPage.objects.live(), query, **kwargs)


@pytest.mark.rule("S1.6")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("年度报告", {"report"}),  # whole word
        ("开发办", {"report"}),  # part of a word
        ("信息公开保密审查", {"secrecy"}),  # phrase
        ("保密", {"secrecy", "report"}),  # two characters
        ("低保", {"secrecy"}),
        ("禄丰", {"lufeng"}),
        ("扶贫 通知", {"fund"}),  # several terms, all required
        ("大学生运动会", {"games"}),  # split differently from the document's 世界大学生冬季运动会
        ("政府資訊公開", set()),  # traditional characters fold, but 資訊 is not 信息
        ("保密審查", {"secrecy", "report"}),  # traditional characters fold to simplified
        ("“保密审查制度”", {"secrecy"}),  # full-width quotes
        ("不存在的词语", set()),
    ],
)
def test_chinese_queries_find_what_a_reader_expects(items, query, expected):
    titles = set(live_titles(query))
    assert titles == {items[key].title for key in expected}


@pytest.mark.rule("S1.6")
def test_a_word_in_no_document_ends_the_search_before_it_runs(items):
    """A number nobody issued matches nothing, found out from the index's word list, not by a search."""
    from search.catalogue import facet_counts, search_items

    for query in ("楚贫开办发〔2011〕999999号", "扶贫 不存在的词语", "“扶贫资金草案”"):
        assert not plan_for(query), query
        assert live_titles(query) == []
        results = search_items(
            DisclosureItemPage.objects.live().filter(category=Category.objects.get(slug="policy")), query
        )
        assert results.count() == 0
        assert facet_counts(results) == {"category": [], "year": [], "publisher": []}
    assert plan_for("楚贫开办发〔2019〕12号")
    assert live_titles("扶贫 通知") == [items["fund"].title]


@pytest.mark.rule("S1.6")
def test_synonyms_from_the_admin_list_apply_at_once(items):
    assert items["lufeng"].title in live_titles("扶贫")  # seeded: 扶贫 ⇄ 乡村振兴
    SynonymGroup.objects.create(words="易地搬迁 移民安置")
    assert live_titles("移民安置") == [items["lufeng"].title]


@pytest.mark.rule("S1.6")
@pytest.mark.parametrize(
    "number",
    ["楚贫开办发〔2019〕12号", "楚贫开办发[2019]12号", "楚贫开办发(2019)12号", "楚贫开办发（2019）12号"],
)
def test_document_number_finds_its_item_first_in_any_bracket_style(items, number):
    assert live_titles(number)[0] == items["fund"].title


@pytest.mark.rule("S1.6")
def test_index_number_finds_its_item_first(items):
    assert live_titles(items["secrecy"].index_number)[0] == items["secrecy"].title


@pytest.mark.rule("S1.6")
def test_title_matches_come_first_then_newer_items(items):
    # the 2018 title match before the 2020 summary match; two title matches newest first
    assert live_titles("保密审查") == [items["secrecy"].title, items["report"].title]
    assert live_titles("扶贫资金") == [items["fund"].title, items["old_title"].title]


@pytest.mark.rule("S1.6")
def test_sort_by_date_and_slices_and_counts(items):
    newest_first = DisclosureItemPage.objects.live().order_by("-published")
    results = newest_first.search("扶贫", operator="and", order_by_relevance=False)
    assert [item.title for item in results] == [
        items["lufeng"].title,
        items["report"].title,
        items["fund"].title,
        items["old_title"].title,
    ]
    assert results.count() == 4
    assert [item.title for item in results[1:3]] == [items["report"].title, items["fund"].title]


@pytest.mark.rule("S1.6")
def test_filters_and_facets_count_every_value(items):
    funds = Category.objects.get(slug="funds")
    in_funds = DisclosureItemPage.objects.live().filter(category_id__in=[funds.pk])
    assert found(in_funds, "扶贫") == [items["fund"].title]
    in_2019 = DisclosureItemPage.objects.live().filter(
        published__gte=datetime.date(2019, 1, 1), published__lt=datetime.date(2020, 1, 1)
    )
    assert found(in_2019, "扶贫") == [items["fund"].title]
    results = DisclosureItemPage.objects.live().search("公开", operator="and")
    assert dict(results.facet("year")) == {2020: 1, 2018: 1}
    assert dict(results.facet("publisher")) == {"楚雄州乡村振兴局": 2}
    assert dict(results.facet("category_id")) == {Category.objects.get(slug="policy").pk: 2}


@pytest.mark.rule("S1.1")
def test_drafts_and_unpublished_items_are_never_found(items):
    assert items["draft"].title not in live_titles("扶贫资金")
    with authorised_publication("test: withdrawn through 撤回公开"):
        items["fund"].unpublish()
    get_search_backend().refresh_indexes()
    assert items["fund"].title not in live_titles("扶贫资金")


@pytest.mark.rule("S1.6")
def test_admin_search_gets_the_same_chinese(items):
    pages = DisclosureItemPage.objects.all()
    assert {page.title for page in pages.autocomplete("开发办")} == {items["report"].title}
    # a filter the index does not copy (the page tree) is applied to the database query instead
    under_catalogue = items["fund"].get_parent().get_children().specific()
    assert items["draft"].title in {page.title for page in under_catalogue.search("扶贫资金")}


@pytest.mark.rule("S1.6")
def test_admin_page_and_document_search_get_the_same_chinese(items, admin_client):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    found_pages = admin_client.get("/admin/pages/search/", {"q": "開發辦"}).content.decode()
    assert items["report"].title in found_pages and items["fund"].title not in found_pages
    document = get_document_model().objects.create(
        title="楚雄州乡村振兴资金分配方案", file=ContentFile(b"%PDF-1.4", name="fenpei.pdf")
    )
    document.save()
    reindex()
    for query in ("扶贫资金", "资金 分配方案", "分配"):  # synonym, several terms, two characters
        assert document.title in admin_client.get("/admin/documents/", {"q": query}).content.decode(), query
    assert document.title not in admin_client.get("/admin/documents/", {"q": "资金 招标"}).content.decode()


@pytest.mark.rule("S1.6", "S2.10")
def test_admin_request_register_search_gets_the_same_chinese(
    admin_client, site_structure, settings, tmp_path
):
    from cryptography.fernet import Fernet
    from django.core.management import call_command

    settings.GONGKAI_FIELD_KEY = Fernet.generate_key().decode()
    register = tmp_path / "台账.csv"
    register.write_text(
        "申请编号,收到日期,申请人类型,申请人,申请方式,申请内容,办理结果,答复日期,是否延期,收费金额（元）\n"
        "2019-001,2019-03-04,自然人,张三,信函申请,扶贫资金分配表,予以公开,2019-03-20,否,0\n"
        "2019-002,2019-03-05,商业企业,某某公司,网上申请,易地搬迁项目招标文件,予以公开,2019-04-10,否,0\n",
        encoding="utf-8",
    )
    call_command("import_requests", str(register), verbosity=0)

    def numbers(query):
        page = admin_client.get("/admin/snippets/disclosure_requests/disclosurerequest/", {"q": query})
        return set(re.findall(r"2019-00\d", page.content.decode()))

    assert numbers("乡村振兴资金") == {"2019-001"}  # the synonym list applies
    assert numbers("资金 分配表") == {"2019-001"}  # several terms, all required
    assert numbers("易地搬迁招标") == {"2019-002"}  # split into words found apart
    assert numbers("資金") == {"2019-001"}  # traditional characters
    assert numbers("资金 招标") == set()


# --- below: the embedded backend's own behaviour, the page, the API ---------------------------------


def result_titles(response):
    return [
        re.sub(r"</?mark>", "", title)
        for title in re.findall(r"<h3><a [^>]+>(.+?)</a></h3>", response.content.decode())
    ]


@pytest.mark.rule("S1.6")
def test_search_page_ranks_highlights_and_counts_facets(client, make_item):
    make_item("扶贫资金管理办法", published=datetime.date(2018, 1, 5), summary="规范扶贫资金的使用。")
    make_item(
        "工作动态", category="news", published=datetime.date(2019, 1, 5), body="<p>拨付扶贫资金三百万元。</p>"
    )
    response = client.get("/search/", {"q": "扶贫资金"})
    page = response.content.decode()
    assert result_titles(response) == ["扶贫资金管理办法", "工作动态"]
    assert "<mark>扶贫资金</mark>管理办法" in page and "规范<mark>扶贫资金</mark>的使用。" in page
    assert "拨付<mark>扶贫资金</mark>三百万元" in page  # a snippet of the body when there is no summary
    assert "2019年</a>（1）" in page and "2018年</a>（1）" in page
    assert "“扶贫资金”共找到 2 条" in page
    by_date = client.get("/search/", {"q": "扶贫资金", "sort": "date"})
    assert result_titles(by_date) == ["工作动态", "扶贫资金管理办法"]
    narrowed = client.get("/search/", {"q": "扶贫资金", "year": "2019"})
    assert result_titles(narrowed) == ["工作动态"]


@pytest.mark.rule("S1.6")
def test_search_page_empty_states_are_in_chinese(client, make_item):
    make_item("扶贫资金管理办法", published=datetime.date(2018, 1, 5))
    assert "请输入要查找的词语" in client.get("/search/").content.decode()
    nothing = client.get("/search/", {"q": "不存在的词", "year": "2018"}).content.decode()
    assert "没有找到包含“不存在的词”的公开信息" in nothing
    assert "在全部公开信息中搜索" in nothing


@pytest.mark.rule("S1.6")
def test_header_search_box_leads_to_the_search_page(client, site_structure):
    assert 'action="/search/"' in client.get("/").content.decode()


@pytest.mark.rule("S1.6")
def test_api_and_catalogue_return_relevance_order_with_filters(client, make_item):
    make_item("工作动态", published=datetime.date(2020, 1, 5), body="<p>拨付扶贫资金。</p>")
    make_item("扶贫资金管理办法", published=datetime.date(2018, 1, 5))
    make_item("扶贫资金公示", category="news", published=datetime.date(2019, 1, 5))
    titles = [row["title"] for row in client.get("/api/catalogue/", {"q": "扶贫资金"}).json()["results"]]
    assert titles == ["扶贫资金公示", "扶贫资金管理办法", "工作动态"]
    filtered = client.get("/api/catalogue/", {"q": "扶贫资金", "category": "policy"}).json()
    assert [row["title"] for row in filtered["results"]] == ["扶贫资金管理办法", "工作动态"]
    catalogue = client.get("/catalogue/", {"q": "扶贫资金"}).content.decode()
    assert re.findall(r'<td><a href="[^"]+">([^<]+)</a>', catalogue) == titles


@pytest.mark.rule("S1.6")
def test_update_index_reports_progress(make_item):
    from io import StringIO

    from django.core.management import call_command

    make_item("扶贫资金管理办法")
    output = StringIO()
    call_command("update_index", stdout=output)
    assert re.search(r"已索引 \d+/\d+", output.getvalue())
    assert live_titles("扶贫资金") == ["扶贫资金管理办法"]


@pytest.mark.rule("S1.6")
def test_synonyms_are_edited_in_the_admin(admin_client, db):
    response = admin_client.get("/admin/snippets/search/synonymgroup/")
    assert response.status_code == 200 and "扶贫 ⇄ 乡村振兴" in response.content.decode()
    bad = admin_client.post("/admin/snippets/search/synonymgroup/add/", {"words": "低保", "note": ""})
    assert "至少填写两个不同的词" in bad.content.decode()


def test_folding_keys_and_tokens():
    from search.analysis import fold, identifier_key, index_tokens, query_atoms

    assert fold("國發〔２０１９〕５號 ＡＢＣ") == "国发〔2019〕5号 abc"
    assert (
        identifier_key("国发〔2019〕5号")
        == identifier_key("国发[2019]5号")
        == identifier_key("國發（2019）5號")
    )
    assert identifier_key("扶贫") == ""  # no digit: not an identifier
    assert index_tokens("扶贫资金 低保") == {"扶贫", "贫资", "资金", "扶贫资", "贫资金", "低保"}
    assert query_atoms("扶贫资金 低 保密") == [
        ("token", "扶贫资"),
        ("token", "贫资金"),
        ("prefix", "低"),
        ("token", "保密"),
    ]


def test_highlight_marks_folded_matches_in_the_original_text():
    from search.highlight import highlight, snippet

    assert highlight("國務院<通知>", ["国务院"]) == "<mark>國務院</mark>&lt;通知&gt;"
    long_text = "<p>" + "前文" * 100 + "扶贫资金" + "后文" * 100 + "</p>"
    piece = snippet(long_text, ["扶贫资金"])
    assert piece.startswith("…") and piece.endswith("…") and "<mark>扶贫资金</mark>" in piece


@pytest.mark.rule("S1.6")
def test_index_rows_of_entries_deleted_behind_its_back_are_forgotten(items, backend):
    """A database flush (as between transactional tests) deletes the entries but not SQLite's FTS rows."""
    from django.db import connection

    from search.backends.sqlite import SQLiteStore
    from search.models import SearchEntry

    if connection.vendor != "sqlite" or backend != "embedded":
        pytest.skip("SQLite's FTS tables only")
    SearchEntry.objects.all()._raw_delete(SearchEntry.objects.db)
    assert live_titles("扶贫资金") == []
    assert SQLiteStore().forget_orphans() > 0
    assert SQLiteStore().forget_orphans() == 0
    reindex()
    assert "扶贫资金使用管理办法" in live_titles("扶贫资金")


@pytest.mark.rule("S1.6")
def test_postgresql_reads_the_newest_matches_first_from_an_index(db):
    """The first page of a common word walks the date index and stops, instead of sorting every match;
    faceting reads the publisher from the row, not from TOAST (migration 0005)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's index and storage only")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM search_searchentry ORDER BY date DESC NULLS LAST, object_id DESC LIMIT 20"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute(
            "SELECT attstorage FROM pg_attribute WHERE attrelid = 'search_searchentry'::regclass "
            "AND attname = 'publisher'"
        )
        storage = cursor.fetchone()[0]
    assert "Index Scan using search_entry_newest_first" in plan and "Sort" not in plan
    assert storage == "p"


@pytest.mark.rule("S1.6")
def test_postgresql_finds_the_same_newest_matches_by_walking_the_date_index_or_by_sorting(make_item):
    """The first page of a common word comes from the newest entries read in date order; it must be the
    page that sorting every match gives, and a batch too small to fill it must not be taken as the page."""
    from django.db import connection

    from search.backends.postgres import PostgresStore
    from search.models import SearchEntry

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's search path only")
    for day in range(1, 25):
        title = f"关于第{day}批项目的通知" if day % 3 else f"第{day}批项目公示"
        make_item(title, published=datetime.date(2020, 1, day))
    reindex()
    store = PostgresStore()
    with store.searching():
        matches = SearchEntry.objects.filter(store.condition(plan_for("通知"), "title")).order_by(
            F("date").desc(nulls_last=True), "-object_id"
        )
        sorted_ids = list(matches.values_list("id", flat=True))
        assert len(sorted_ids) == 16
        assert store._newest_matches(matches, 5, batch=24)[:5] == sorted_ids[:5]
        assert store._newest_matches(matches, 5, batch=4) is None
        assert store.newest_ids(matches, 2, 7) == sorted_ids[2:7]
        assert store.newest_ids(matches, 10, None) == sorted_ids[10:]


@pytest.mark.rule("S1.6")
def test_words_found_apart_but_never_together_are_split_finer(db):
    """职业教育改革方案: 改革方案 is in another document, not in 国家职业教育改革实施方案; requiring it would
    find nothing, so when no document has all the words they are split into their shorter words."""
    from search.query import build_plan

    documents = ["国家职业教育改革实施方案", "深化医药卫生体制改革方案"]

    def contains(text):
        return any(text in document for document in documents)

    def matches(requirements):
        return any(
            all(any(text in document for text in requirement.alternatives) for requirement in requirements)
            for document in documents
        )

    def no_number(key):
        return False

    coarse = build_plan("职业教育改革方案", contains, no_number)
    assert {r.alternatives[0] for r in coarse.requirements} == {"职业", "教育", "改革方案"}
    finer = build_plan("职业教育改革方案", contains, no_number, matches)
    assert {r.alternatives[0] for r in finer.requirements} == {"职业", "教育", "改革", "方案"}
    assert matches(finer.requirements)
    assert not build_plan("职业教育卫生方案", contains, no_number, matches)  # no document has them all
