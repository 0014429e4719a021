"""No input gives a 500 (issue 13, point 10): malformed page numbers on every public list and the APIs,
NUL bytes, lone surrogates, deeply nested JSON, copying a live item, and imports of unstorable values.

Each test sends what a careless or hostile visitor would, straight to the view. The import tests run on
whichever database the suite runs on (PostgreSQL refuses NUL bytes in text; CI runs both).
"""

import io
import json
from urllib.parse import urlencode

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from gongkai_site.middleware import BAD_INPUT
from wagtail.models import Page

from clarifications.models import ClarificationIndexPage
from cms_pages.models import DisclosureItemPage
from disclosure_requests.models import DisclosureRequest
from tests.support.captcha import api_captcha, solved
from tests.support.people import user

BAD_PAGES = ["abc", "-1", "0", "99999999999999999999", "1e400", "NaN", "9" * 5000, "１"]


def public_lists():
    """Every public list with pages: catalogue, search, clarification notices, annual reports."""
    return [
        "/catalogue/",
        "/search/?q=扶贫",
        ClarificationIndexPage.objects.get().url,
        "/annual-reports/",
    ]


def with_page(url, page):
    return f"{url}{'&' if '?' in url else '?'}page={page}"


def test_malformed_page_numbers_show_a_page_of_every_public_list(demo_rows, db, client):
    for url in public_lists():
        for page in BAD_PAGES:
            response = client.get(with_page(url, page))
            assert response.status_code == 200, (url, page[:20], response.status_code)


def test_malformed_page_numbers_are_a_400_in_chinese_on_the_catalogue_api(demo_rows, db, client):
    for page in [page for page in BAD_PAGES if page != "１"]:  # a full-width １ is page 1
        response = client.get("/api/catalogue/", {"page": page})
        assert response.status_code == 400, page[:20]
        assert "页码无效" in response.json()["errors"][0]
    assert client.get("/api/catalogue/", {"page": "1"}).status_code == 200


def test_malformed_offsets_of_the_pages_api_are_a_400(demo_rows, db, client):
    for query in ({"offset": "abc"}, {"limit": "-1"}, {"offset": "9" * 5000}, {"limit": "1e400"}):
        assert client.get("/api/v2/pages/", query).status_code == 400, query


def test_nul_bytes_in_the_address_or_a_form_are_refused_with_a_clear_message(site_structure, client):
    for url in ("/catalogue/?q=%00", "/search/?q=a%00b", "/catalogue/%00/", "/apply/status/?x%00=1"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert response.content.decode() == BAD_INPUT
    form = urlencode({"tracking_number": "2026-\x0000001", "access_code": "x"})
    posted = client.post("/apply/status/", form, content_type="application/x-www-form-urlencoded")
    assert posted.status_code == 400 and posted.content.decode() == BAD_INPUT


def test_a_nul_byte_in_the_multipart_request_form_is_a_field_error_and_nothing_is_saved(
    site_structure, client
):
    from tests.test_requests_public import FORM

    page = client.get("/apply/online/").content.decode()
    response = client.post("/apply/online/", {**FORM, "name": "李\x00明", **solved(page)})
    assert response.status_code == 400
    assert "空字符" in response.content.decode() or "null" in response.content.decode().lower()
    assert not DisclosureRequest.objects.exists()


def post_json(body, content=None):
    data = content if content is not None else json.dumps(body)
    return Client().post("/api/requests/", data, content_type="application/json")


def test_the_request_api_refuses_surrogates_nul_nesting_and_depth_with_400(site_structure):
    from tests.test_requests_public import API_BODY

    cases = {
        "lone surrogate": json.dumps({**API_BODY, "name": "\ud800"}),
        "nul": json.dumps({**API_BODY, "description": "a\u0000b"}),
        "nested value": json.dumps({**API_BODY, "name": {"a": [1]}}),
        "a list": json.dumps([API_BODY]),
        "deep": "[" * 30_000 + "]" * 30_000,
        "deep object": '{"a":' * 10_000 + "1" + "}" * 10_000,
        "not utf-8": b"\xff\xfe{",
        "not json": "{name: 1",
    }
    for label, content in cases.items():
        response = post_json(None, content)
        assert response.status_code == 400, label
        assert response.json()["errors"]["__all__"][0] in (
            BAD_INPUT,
            "请求体应为 JSON 对象，各字段的值为文字。",
        ), label
    too_large = post_json(None, json.dumps({**API_BODY, "purpose": "x" * 70_000}))
    assert too_large.status_code == 400 and too_large.json()["errors"]["__all__"] == ["请求体过大。"]
    assert not DisclosureRequest.objects.exists()


def test_text_longer_than_its_field_is_refused_by_the_api_in_chinese(site_structure):
    from tests.test_requests_public import API_BODY

    response = post_json({**API_BODY, **api_captcha(), "description": "资" * 2001, "purpose": "用" * 501})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "2000" in errors["description"][0] and "500" in errors["purpose"][0]


def test_copying_a_live_item_in_the_admin_makes_a_draft_not_a_500(demo_rows, db, client):
    item = DisclosureItemPage.objects.live().first()
    client.force_login(user("admin"))
    response = client.post(
        f"/admin/pages/{item.pk}/copy/",
        {
            "new_title": f"{item.title}（副本）",
            "new_slug": f"{item.slug}-copy",
            "new_parent_page": item.get_parent().pk,
        },  # the boxes "copy subpages", "publish copies" and "alias" left unticked, as a browser sends them
    )
    assert response.status_code == 302
    copy = Page.objects.get(slug=f"{item.slug}-copy").specific
    assert not copy.live  # the copy goes through the review like any draft
    assert copy.index_number != item.index_number or not copy.index_number


# -- imports ----------------------------------------------------------------------------------------

ITEM = {
    "index_number": "11532300015167874P-/2026-1120001",
    "title": "关于下达2026年衔接资金的通知",
    "publisher": "楚雄州乡村振兴局",
    "published": "2026-11-20",
}


def write_jsonl(tmp_path, rows, name="items.jsonl"):
    path = tmp_path / name
    # ASCII with \u escapes: how a lone surrogate reaches a JSON Lines file
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return str(path)


def import_catalogue(path):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_catalogue", path, stdout=out, stderr=err)
    except CommandError as error:
        return False, out.getvalue(), err.getvalue() + str(error)
    return True, out.getvalue(), err.getvalue()


def test_a_nul_or_a_surrogate_in_an_imported_row_is_a_row_error_and_the_others_are_imported(
    site_structure, tmp_path
):
    rows = [
        {**ITEM, "title": "标\u0000题", "index_number": "11532300015167874P-/2026-1120002"},
        {**ITEM, "summary": "摘\ud800要", "index_number": "11532300015167874P-/2026-1120003"},
        ITEM,
    ]
    done, _, errors = import_catalogue(write_jsonl(tmp_path, rows))
    assert not done
    assert "第 1 行，列 title：含有无法保存的字符" in errors
    assert "第 2 行，列 summary：含有无法保存的字符" in errors
    assert list(DisclosureItemPage.objects.values_list("index_number", flat=True)) == [ITEM["index_number"]]


def test_index_numbers_are_compared_without_case_or_surrounding_spaces(site_structure, tmp_path):
    assert import_catalogue(write_jsonl(tmp_path, [ITEM]))[0]
    same = {**ITEM, "index_number": f"  {ITEM['index_number'].lower()} "}
    done, out, _ = import_catalogue(write_jsonl(tmp_path, [same], "again.jsonl"))
    assert done and "新建 0 条" in out and "无变化 1 条" in out
    assert DisclosureItemPage.objects.get().index_number == ITEM["index_number"]
    twice = [ITEM, {**ITEM, "index_number": ITEM["index_number"].lower()}]
    done, _, errors = import_catalogue(write_jsonl(tmp_path, twice, "twice.jsonl"))
    assert not done and "与第 1 行重复" in errors


@pytest.mark.parametrize("content", ["", "\n\n", "index_number,title,publisher,published\n"])
def test_an_empty_catalogue_file_says_so_and_fails(site_structure, tmp_path, content):
    path = tmp_path / ("empty.csv" if content.startswith("index") else "empty.jsonl")
    path.write_text(content, encoding="utf-8")
    done, _, errors = import_catalogue(str(path))
    assert not done and "没有可导入的数据行" in errors


REGISTER_HEADER = (
    "申请编号,收到日期,申请人类型,申请人,申请方式,申请内容,办理结果,答复日期,是否延期,收费金额（元）\n"
)


def import_register(tmp_path, text):
    path = tmp_path / "台账.csv"
    path.write_text(text, encoding="utf-8")
    err = io.StringIO()
    try:
        call_command("import_requests", str(path), stdout=io.StringIO(), stderr=err)
    except CommandError as error:
        return f"{err.getvalue()}{error}"
    return ""


def test_unstorable_or_too_long_register_values_are_row_errors_naming_the_column(site_structure, tmp_path):
    rows = (
        "2019-0001,2019-03-05,自然人,张\x00三,网上申请,扶贫资金,,,否,0\n"
        f"2019-0002,2019-03-05,自然人,{'李' * 201},网上申请,扶贫资金,,,否,0\n"
        f"2019-0003,2019-03-05,自然人,王五,网上申请,{'资' * 2001},,,否,0\n"
        "2019-0004,2019-03-05,自然人,赵\u202e六,网上申请,扶贫资金,,,否,0\n"
    )
    errors = import_register(tmp_path, REGISTER_HEADER + rows)
    assert "第2行：列“申请人”含有无法保存的字符" in errors
    assert "第3行：列“申请人”" in errors and "200" in errors
    assert "第4行：列“申请内容”" in errors and "2000" in errors
    assert "第5行：列“申请人”不能包含改变文字显示方向的控制字符" in errors
    assert not DisclosureRequest.objects.exists()


def test_an_empty_register_file_says_so_and_fails(site_structure, tmp_path):
    assert "文件是空的" in import_register(tmp_path, "")
    assert "没有数据行" in import_register(tmp_path, REGISTER_HEADER)


def test_the_web_form_refuses_overlong_text_and_oversized_or_disguised_uploads(
    site_structure, client, settings
):
    from cryptography.fernet import Fernet
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.test_requests_public import FORM

    settings.GONGKAI_FIELD_KEY = Fernet.generate_key().decode()

    def apply(**fields):
        page = client.get("/apply/online/").content.decode()
        return client.post("/apply/online/", {**FORM, **solved(page), **fields})

    too_long = apply(description="资" * 2001)
    assert too_long.status_code == 400 and "2000" in too_long.content.decode()
    huge = SimpleUploadedFile("证明.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), "application/pdf")
    oversized = apply(fee_waiver_ground="minimum_allowance", fee_waiver_proof=huge)
    assert oversized.status_code == 400 and "文件不能超过10MB" in oversized.content.decode()
    script = SimpleUploadedFile("证明.png", b"<script>alert(1)</script>", "image/png")
    disguised = apply(fee_waiver_ground="minimum_allowance", fee_waiver_proof=script)
    assert disguised.status_code == 400 and "文件内容与扩展名不符" in disguised.content.decode()
    assert not DisclosureRequest.objects.exists()
