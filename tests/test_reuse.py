"""Reuse of what is published (S1.5): RSS/Atom feeds, the sitemap and the public JSON API."""

import datetime
import json
import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.rule("S1.5")
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def items(make_item):
    return [
        make_item(title="政策一", category="policy", published=datetime.date(2018, 1, 5), summary="政策概述"),
        make_item(title="动态一", category="news", published=datetime.date(2019, 2, 6)),
        make_item(
            title="国办通知",
            category="policy",
            published=datetime.date(2019, 3, 7),
            written=datetime.date(2019, 3, 1),
            publisher="国务院办公厅",
            doc_number="国办发〔2019〕5号",
        ),
    ]


def test_rss_feed_lists_new_items_newest_first(client, items):
    response = client.get("/feeds/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert [item.findtext("title") for item in channel.findall("item")] == ["国办通知", "动态一", "政策一"]
    first = channel.find("item")
    assert first.findtext("guid") == items[2].index_number
    assert first.findtext("link").endswith(items[2].url)


def test_category_feeds_hold_only_that_category(client, items):
    feed = ET.fromstring(client.get("/feeds/atom/policy/").content)
    assert feed.findtext(f"{ATOM}title").endswith("扶贫政策法规")
    assert [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")] == [
        "国办通知",
        "政策一",
    ]
    assert client.get("/feeds/rss/no-such-category/").status_code == 404


def test_sitemap_lists_published_items(client, items, make_item):
    draft = make_item(title="草稿", live=False)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert items[0].url in sitemap
    assert f"/{draft.slug}/" not in sitemap


def test_api_returns_the_documented_shape(client, items):
    body = client.get("/api/catalogue/").json()
    assert body["count"] == 3 and body["page"] == 1 and body["num_pages"] == 1
    first = body["results"][0]
    # absolute, on the host the client asked (issue 15 point 10), not the Site record's hostname
    assert first.pop("url") == f"http://testserver{items[2].url}"
    assert first == {
        "index_number": items[2].index_number,
        "title": "国办通知",
        "publisher": "国务院办公厅",
        "doc_number": "国办发〔2019〕5号",
        "category": "扶贫政策法规",
        "written": "2019-03-01",
        "published": "2019-03-07",
        "summary": "",
    }
    assert [result["title"] for result in body["results"]] == ["国办通知", "动态一", "政策一"]


def test_api_filters_like_the_catalogue_page(client, items):
    def titles(**params):
        return [result["title"] for result in client.get("/api/catalogue/", params).json()["results"]]

    assert titles(category="policy") == ["国办通知", "政策一"]
    assert titles(year=2019) == ["国办通知", "动态一"]
    assert titles(q="国办发〔2019〕5号") == ["国办通知"]
    assert titles(category="policy", year=2018) == ["政策一"]


def test_api_pages_through_results(client, make_item):
    for day in range(1, 26):
        make_item(title=f"第{day}条", published=datetime.date(2020, 1, day))
    second = client.get("/api/catalogue/", {"page": 2}).json()
    assert second["count"] == 25 and second["num_pages"] == 2
    assert [result["title"] for result in second["results"]] == [f"第{day}条" for day in range(5, 0, -1)]


def test_api_rejects_bad_parameters_in_chinese(client, items):
    response = client.get("/api/catalogue/", {"page": 9})
    assert response.status_code == 400
    assert "页码无效" in response.json()["errors"][0]
    response = client.get("/api/catalogue/", {"year": "二〇一九"})
    assert response.status_code == 400 and "年份" in response.json()["errors"][0]


def test_openapi_document_and_its_page(client, db):
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    parameters = [parameter["name"] for parameter in spec["paths"]["/api/catalogue/"]["get"]["parameters"]]
    assert parameters == ["q", "category", "year", "publisher", "page"]
    page = client.get("/api/docs/").content.decode()
    assert "/api/catalogue/" in page and "索引号" in page


def test_wagtail_read_api_is_read_only(client, items):
    listing = client.get("/api/v2/pages/", {"type": "cms_pages.DisclosureItemPage", "fields": "index_number"})
    assert listing.status_code == 200
    assert {page["index_number"] for page in listing.json()["items"]} == {item.index_number for item in items}
    assert client.post("/api/v2/pages/", json.dumps({}), content_type="application/json").status_code == 405
