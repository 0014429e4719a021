"""The public site as visitors meet it (issue 15, points 10 and 11): one menu entry per section, API links
on the host the client used, a favicon, typed text that stays text in PDFs, and the 关怀版 switch."""

import re

import pytest

from disclosure_requests.letters import issued_letters
from tests.support.pdf import compact, pdf_text
from tests.support.request_steps import apply, set_up_office


def menu_titles(html):
    nav = html[html.index('<nav class="site-nav"') : html.index("</nav>")]
    return re.findall(r"<a [^>]*>([^<]+)</a>", nav)


@pytest.fixture
def demo(demo_rows, db):
    return demo_rows


# -- point 10: menu, API host, favicon, PDFs -----------------------------------------------------------


def test_the_demo_menu_lists_each_section_once(demo, client):
    titles = menu_titles(client.get("/").content.decode())
    assert titles == ["首页", "公开指南", "公开目录", "澄清公告", "依申请公开", "年度报告"]


def test_the_menu_marks_the_section_of_the_page_shown(demo, client):
    nav = client.get("/annual-reports/").content.decode()
    assert '<a href="/annual-reports/" aria-current="page">年度报告</a>' in nav
    assert nav.count("aria-current") == 1


def test_the_catalogue_api_links_on_the_host_and_port_the_client_used(client, make_item, settings):
    settings.ALLOWED_HOSTS = ["gongkai.example.cn"]
    item = make_item(title="国办通知")
    body = client.get("/api/catalogue/", HTTP_HOST="gongkai.example.cn:8443").json()
    assert body["results"][0]["url"] == f"http://gongkai.example.cn:8443{item.url}"


def test_the_pages_api_links_on_the_host_and_port_the_client_used(client, make_item, settings):
    settings.ALLOWED_HOSTS = ["gongkai.example.cn"]
    item = make_item(title="国办通知")
    listing = client.get(
        "/api/v2/pages/", {"type": "cms_pages.DisclosureItemPage"}, HTTP_HOST="gongkai.example.cn:8443"
    ).json()
    meta = listing["items"][0]["meta"]
    assert meta["html_url"] == f"http://gongkai.example.cn:8443{item.url}"
    assert meta["detail_url"] == f"http://gongkai.example.cn:8443/api/v2/pages/{item.pk}/"
    parent = client.get(meta["detail_url"], HTTP_HOST="gongkai.example.cn:8443").json()["meta"]["parent"][
        "meta"
    ]
    catalogue = item.get_parent()
    assert parent["html_url"] == f"http://gongkai.example.cn:8443{catalogue.url}"
    assert parent["detail_url"] == f"http://gongkai.example.cn:8443/api/v2/pages/{catalogue.pk}/"


def test_the_site_has_a_favicon(client, site_structure):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # the ICO header
    assert '<link rel="icon" href="/static/favicon.ico"' in client.get("/").content.decode()


@pytest.fixture
def office(demo_rows, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    yield from set_up_office(settings)


def test_text_typed_into_the_form_reaches_the_receipt_pdf_as_text(office):
    request = apply(description="请公开<b>2025年</b>资金&lt;明细&gt;及A<B的情况")
    receipt = next(letter for letter in issued_letters(request) if letter.kind == "registration_receipt")
    text = compact(pdf_text(receipt.pdf.read()))
    assert "请公开<b>2025年</b>资金&lt;明细&gt;及A<B的情况" in text


# -- point 11: 关怀版 ---------------------------------------------------------------------------------------


def test_every_public_page_offers_the_care_mode_switch_as_a_plain_link(demo, client):
    for path in ["/", "/catalogue/", "/guide/", "/apply/online/", "/annual-reports/", "/search/?q=扶贫"]:
        html = client.get(path).content.decode()
        assert 'class="care-switch" href="/care-mode/on?next=' in html, path


def test_care_mode_is_remembered_and_leads_back_to_the_page(demo, client):
    response = client.get("/care-mode/on", {"next": "/catalogue/?year=2018"})
    assert response.status_code == 302 and response["Location"] == "/catalogue/?year=2018"
    assert response.cookies["care_mode"].value == "1"
    assert response.cookies["care_mode"]["max-age"] == 365 * 24 * 60 * 60
    html = client.get("/catalogue/").content.decode()
    assert '<body class="care-mode">' in html and "css/care.css" in html
    assert 'id="site-search"' not in html  # the simplified header: name, switch and menu
    assert ">退出关怀版</a>" in html

    response = client.get("/care-mode/off", HTTP_REFERER="http://testserver/guide/")
    assert response.status_code == 302 and response["Location"] == "http://testserver/guide/"
    assert 'class="care-mode"' not in client.get("/catalogue/").content.decode()


def test_the_switch_never_leads_to_another_site(demo, client):
    assert client.get("/care-mode/on", {"next": "https://evil.example.com/"})["Location"] == "/"
    assert client.get("/care-mode/off", HTTP_REFERER="https://evil.example.com/x")["Location"] == "/"


def test_the_page_cache_keeps_each_mode_apart(demo, client, settings):
    settings.GONGKAI_PAGE_CACHE_SECONDS = 600
    first = client.get("/catalogue/")
    assert first["X-Page-Cache"] == "miss" and 'class="care-mode"' not in first.content.decode()
    client.get("/care-mode/on")
    care = client.get("/catalogue/")
    assert care["X-Page-Cache"] == "miss" and '<body class="care-mode">' in care.content.decode()
    assert client.get("/catalogue/")["X-Page-Cache"] == "hit"
    client.get("/care-mode/off")
    standard = client.get("/catalogue/")
    assert standard["X-Page-Cache"] == "hit" and 'class="care-mode"' not in standard.content.decode()
