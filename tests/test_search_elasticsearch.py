"""The Elasticsearch backend without a server: settings, mapping, documents and request bodies as JSON snapshots.

The behaviour itself is proven by the contract and relevance suites, which run against Elasticsearch
when ELASTICSEARCH_URL is set (see search_relevance/support.py). Set UPDATE_SEARCH_SNAPSHOTS=1 to rewrite the
snapshots after an intended change, and review the diff.
"""

import datetime
import json
import os
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import pytest

from cms_pages.models import DisclosureItemPage
from search.analysis import fold
from search.backends.elasticsearch import ChineseElasticsearchBackend, ChineseMapping, _detected_analyzer

SNAPSHOTS = Path(__file__).parent / "search_relevance" / "elasticsearch"


def backend(analyzer="ik"):
    return ChineseElasticsearchBackend(
        {"URLS": ["http://127.0.0.1:9200"], "INDEX_PREFIX": "gongkai_", "ANALYZER": analyzer}
    )


def assert_snapshot(name, data):
    path = SNAPSHOTS / f"{name}.json"
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, default=str) + "\n"
    if os.environ.get("UPDATE_SEARCH_SNAPSHOTS"):
        path.write_text(text, "utf-8")
    assert json.loads(text) == json.loads(path.read_text("utf-8")), f"{name} changed; see {path}"


@pytest.mark.rule("S1.6")
@pytest.mark.parametrize("analyzer", ["ik", "smartcn", "cjk"])
def test_index_settings(db, analyzer):
    assert_snapshot(f"settings_{analyzer}", backend(analyzer).settings)


@pytest.mark.rule("S1.6")
def test_settings_carry_the_synonym_list(db):
    from search.models import SynonymGroup

    SynonymGroup.objects.create(words="低保 最低生活保障")
    synonyms = backend().settings["settings"]["analysis"]["filter"]["gongkai_synonyms"]["synonyms"]
    assert synonyms == ["扶贫, 乡村振兴", "低保, 最低生活保障"]


@pytest.mark.rule("S1.6")
def test_mapping_of_disclosure_items():
    assert_snapshot("mapping_disclosureitempage", ChineseMapping(DisclosureItemPage).get_mapping())


@pytest.mark.rule("S1.6")
def test_document_is_folded_and_carries_keys_and_date(make_item):
    item = make_item(
        "國務院關於扶貧資金的通知",
        doc_number="国发〔2019〕5号",
        published=datetime.date(2019, 2, 15),
        body="<p>正文</p>",
    )
    document = ChineseMapping(DisclosureItemPage).get_document(item)
    assert document["title"] == "国务院关于扶贫资金的通知"
    assert "国发20195号" in document["_search_keys"]
    assert document["_search_date"] == datetime.date(2019, 2, 15)


@pytest.mark.rule("S1.6")
@pytest.mark.parametrize(
    ("name", "query", "found"),
    [
        ("words", "扶贫资金 通知", True),
        ("segmented", "大学生运动会", False),
        ("document_number", "国发〔2019〕5号", False),
    ],
)
def test_query_bodies(db, name, query, found):
    """`found`: the index has the query as it is; if not, it has each of its words (so it is segmented)."""
    es = backend()
    items = DisclosureItemPage.objects.live().filter(publisher="国务院")
    with (
        mock.patch.object(es, "contains", side_effect=lambda text: found or text != fold(query)),
        mock.patch.object(es, "contains_key", return_value=False),
        mock.patch.object(es, "matches_any", return_value=True),
    ):
        results = es.search(query, items, operator="and")
        body = results._get_es_body()
    assert_snapshot(f"query_{name}", body)


def request_body(results):
    """What the backend sends for a page of results: the query and the sort."""
    return {"body": results._get_es_body(), "sort": results.query_compiler.get_sort()}


@pytest.mark.rule("S1.6")
def test_query_bodies_of_the_search_page_sorts_and_filters(db):
    """Relevance sort (tiers, then newest), date sort, and the page's category and year filters."""
    es = backend()
    filtered = DisclosureItemPage.objects.live().filter(
        category_id__in=[3, 4],
        published__gte=datetime.date(2019, 1, 1),
        published__lt=datetime.date(2020, 1, 1),
    )
    with (
        mock.patch.object(es, "contains", return_value=True),
        mock.patch.object(es, "contains_key", return_value=False),
    ):
        relevance = es.search("扶贫资金", filtered, operator="and")
        by_date = es.search(
            "扶贫资金", filtered.order_by("-published"), operator="and", order_by_relevance=False
        )
        admin = es.autocomplete("开发办", DisclosureItemPage.objects.all())
        assert_snapshot("query_filtered_relevance", request_body(relevance))
        assert_snapshot("query_filtered_by_date", request_body(by_date))
        assert_snapshot("query_admin_autocomplete", request_body(admin))


@pytest.mark.rule("S1.6")
def test_facet_request_bodies(db):
    es = backend()
    results = es.search("扶贫", DisclosureItemPage.objects.live())
    empty = {"aggregations": {"facet": {"buckets": []}}}
    with (
        mock.patch.object(es, "contains", return_value=True),
        mock.patch.object(es, "contains_key", return_value=False),
        mock.patch.object(es.es, "search", return_value=empty) as search,
    ):
        for name in ("category_id", "year", "publisher"):
            results.facet(name)
    requests = [call.kwargs for call in search.call_args_list]
    assert_snapshot("facets", requests)


@pytest.mark.rule("S1.6")
def test_facets_ask_for_every_value_and_by_year(db):
    es = backend()
    results = es.search("扶贫", DisclosureItemPage.objects.live())
    answers = [
        {"aggregations": {"facet": {"buckets": [{"key": "国务院", "doc_count": 3}]}}},
        {
            "aggregations": {
                "facet": {"buckets": [{"key_as_string": "2019-01-01T00:00:00.000Z", "doc_count": 2}]}
            }
        },
    ]
    with (
        mock.patch.object(es, "contains", return_value=True),
        mock.patch.object(es, "contains_key", return_value=False),
        mock.patch.object(es.es, "search", side_effect=answers) as search,
    ):
        assert results.facet("publisher") == {"国务院": 3}
        assert results.facet("year") == {2019: 2}
    publisher_request, year_request = (call.kwargs for call in search.call_args_list)
    assert publisher_request["aggregations"]["facet"]["terms"] == {
        "field": "cms_pages_disclosureitempage__publisher_filter",
        "size": 1000,
    }
    assert year_request["aggregations"]["facet"]["date_histogram"]["calendar_interval"] == "year"


def test_auto_analyzer_prefers_ik_then_smartcn_then_cjk():
    def cluster(*plugins):
        rows = [{"component": plugin} for plugin in plugins]
        return SimpleNamespace(
            hosts=[plugins], es=SimpleNamespace(cat=SimpleNamespace(plugins=lambda format: rows))
        )

    assert _detected_analyzer(cluster("analysis-smartcn", "analysis-ik")) == "ik"
    assert _detected_analyzer(cluster("analysis-smartcn")) == "smartcn"
    assert _detected_analyzer(cluster()) == "cjk"
