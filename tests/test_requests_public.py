"""Applying online, following the request, and the public request API (SPEC S2.1, S2.3, S2.11, S6.2).

Issue 4, points 1, 6 and 8: the 依申请公开 form with its privacy notice, offline CAPTCHA, rate limit
and upload checks; the status page and API that say nothing unless number and code both match.
"""

import json
import re

import pytest
from cryptography.fernet import Fernet
from django.core import mail
from django.utils import timezone

from disclosure_requests.models import DisclosureRequest
from tests.support.captcha import answer, api_captcha, look_up, solved
from workdays.calendar import add_working_days, clear_cache

VALID_ID = "11010519491231002X"

pytestmark = pytest.mark.rule("S2.3")


@pytest.fixture(autouse=True)
def field_key(settings, site_structure):
    settings.GONGKAI_FIELD_KEY = Fernet.generate_key().decode()
    settings.GONGKAI_REQUEST_RATE = "20/h"
    clear_cache()
    yield
    clear_cache()


FORM = {
    "applicant_type": "citizen",
    "name": "李明",
    "id_type": "resident_id",
    "id_number": VALID_ID,
    "phone": "13887654321",
    "email": "liming@example.cn",
    "address": "云南省楚雄州楚雄市鹿城南路100号",
    "description": "2025年东华镇易地扶贫搬迁安置点建设资金使用情况",
    "carrier": "paper",
    "delivery": "post",
    "privacy_read": "on",
}


def apply(client, **overrides):
    page = client.get("/apply/online/").content.decode()
    data = {**FORM, **solved(page), **overrides}
    return client.post("/apply/online/", {k: v for k, v in data.items() if v is not None})


def test_the_form_shows_the_privacy_notice_and_a_captcha_image(client):
    html = client.get("/apply/online/").content.decode()
    assert "个人信息处理说明" in html and "个人信息保护法" in html
    assert "15个工作日内答复" in html
    key = re.search(r'name="captcha_0" value="([0-9a-f]+)"', html).group(1)
    assert f'src="/captcha/image/{key}/"' in html
    assert answer(key) not in html.lower()  # the answer is only in the image
    image = client.get(f"/captcha/image/{key}/")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"


@pytest.mark.rule("S2.1", "S6.2")
def test_a_citizen_applies_and_gets_a_number_and_code_on_screen_and_by_email(client):
    response = apply(client)
    html = response.content.decode()
    assert response.status_code == 200, html[-2000:]
    number = re.search(r'class="tracking-number">([^<]+)<', html).group(1)
    code = re.search(r'class="access-code">([^<]+)<', html).group(1)
    request = DisclosureRequest.objects.get(tracking_number=number)
    today = timezone.localdate()
    assert request.channel == "online" and request.received_date == today
    assert request.due_date == add_working_days(today, 15)
    assert f"{request.due_date:%Y}年{request.due_date.month}月{request.due_date.day}日" in html
    assert request.check_access_code(code)
    assert code in mail.outbox[0].body and number in mail.outbox[0].body
    assert mail.outbox[0].to == ["liming@example.cn"]


def test_mistakes_are_explained_in_chinese_and_what_was_typed_stays(client):
    response = apply(client, id_number="110105194912310021", description="拟申请的信息描述", carrier="")
    html = response.content.decode()
    assert response.status_code == 400
    assert "居民身份证号码校验位不正确" in html
    assert "请填写此项" in html  # carrier
    assert 'value="李明"' in html and "拟申请的信息描述" in html and 'value="110105194912310021"' in html
    assert not DisclosureRequest.objects.exists()
    # a fresh challenge, the old answer not filled in again
    assert 'name="captcha_1" value=' not in html


def test_a_wrong_or_reused_captcha_is_refused(client):
    first = solved(client.get("/apply/online/").content.decode())
    wrong = {**FORM, **first, "captcha_1": first["captcha_1"][::-1] + "x"}
    assert "验证码不正确或已过期" in client.post("/apply/online/", wrong).content.decode()
    # a wrong answer used the challenge up: the right answer to it no longer counts
    assert client.post("/apply/online/", {**FORM, **first}).status_code == 400
    second = solved(client.get("/apply/online/").content.decode())
    assert client.post("/apply/online/", {**FORM, **second}).status_code == 200
    replay = client.post("/apply/online/", {**FORM, **second})
    assert replay.status_code == 400 and "验证码不正确或已过期" in replay.content.decode()
    assert DisclosureRequest.objects.count() == 1


def test_uploads_are_checked_for_type_and_content(client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("证明.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = apply(client, fee_waiver_ground="minimum_allowance", fee_waiver_proof=fake)
    assert "文件内容与扩展名不符" in response.content.decode()
    exe = SimpleUploadedFile("证明.exe", b"MZ", content_type="application/octet-stream")
    assert "只能上传 PDF、JPG 或 PNG" in apply(client, fee_waiver_proof=exe).content.decode()
    assert "请上传相应的证明材料" in apply(client, fee_waiver_ground="minimum_allowance").content.decode()
    real = SimpleUploadedFile("低保证.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    assert apply(client, fee_waiver_ground="minimum_allowance", fee_waiver_proof=real).status_code == 200
    request = DisclosureRequest.objects.get()
    assert request.fee_waiver_proof.path.startswith(str(request.fee_waiver_proof.storage.location))
    # kept outside MEDIA_ROOT, so never served under /media/
    assert not request.fee_waiver_proof.path.startswith(str(settings.MEDIA_ROOT))


def test_an_address_that_submits_too_often_is_slowed_down(client, settings):
    settings.GONGKAI_REQUEST_RATE = "2/h"
    assert apply(client).status_code == 200
    assert apply(client).status_code == 200
    third = apply(client)
    assert third.status_code == 429 and "提交过于频繁" in third.content.decode()
    assert DisclosureRequest.objects.count() == 2


# -- following the request ---------------------------------------------------------------------


def applied(client):
    html = apply(client).content.decode()
    number = re.search(r'class="tracking-number">([^<]+)<', html).group(1)
    code = re.search(r'class="access-code">([^<]+)<', html).group(1)
    return number, code


@pytest.mark.rule("S2.11")
def test_status_page_with_number_and_code(client):
    number, code = applied(client)
    html = look_up(client, number, code).content.decode()
    assert "已收到，待登记" in html
    assert add_working_days(timezone.localdate(), 15).isoformat() in html
    assert "行政复议" in html  # where to complain (S2.11)
    assert "李明" not in html and VALID_ID not in html
    # the receipt is listed and can be downloaded (posted, no code in the address) in this session only
    link = re.search(r'<form method="post" action="(/apply/status/letters/\d+/)"', html).group(1)
    pdf = client.post(link)
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert type(client)().post(link).status_code == 404


def test_a_wrong_code_and_a_wrong_number_look_the_same(client):
    number, code = applied(client)
    wrong_code = look_up(client, number, "AAAA2222")
    wrong_number = look_up(client, "2099-99999", code)
    for response in (wrong_code, wrong_number):
        html = response.content.decode()
        assert "未找到该申请：请核对申请编号和查询码。" in html and "办理状态" not in html

    def without_token(response):
        return (
            re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
            .replace(
                re.search(r'name="captcha_0" value="([0-9a-f]+)"', response.content.decode()).group(1), ""
            )
            .replace(number, "")
            .replace("2099-99999", "")
            .replace(code, "")
            .replace("AAAA2222", "")
        )

    assert without_token(wrong_code) == without_token(wrong_number)


# -- the API -----------------------------------------------------------------------------------

API_BODY = {k: v for k, v in FORM.items() if k != "privacy_read"}


def post_json(client, body):
    return client.post(
        "/api/requests/", json.dumps({**body, **api_captcha()}), content_type="application/json"
    )


def api_status(client, number, code):
    return client.get(f"/api/requests/{number}/", headers={"X-Access-Code": code})


@pytest.mark.rule("S2.1", "S6.2")
def test_api_takes_a_request_and_answers_its_status(client):
    response = post_json(client, API_BODY)
    assert response.status_code == 201, response.content.decode()
    body = response.json()
    assert set(body) == {
        "tracking_number",
        "access_code",
        "received_date",
        "due_date",
        "due_date_provisional",
    }
    today = timezone.localdate()
    assert body["received_date"] == today.isoformat()
    assert body["due_date"] == add_working_days(today, 15).isoformat()
    request = DisclosureRequest.objects.get(tracking_number=body["tracking_number"])
    assert request.channel == "api"

    status = api_status(client, body["tracking_number"], body["access_code"])
    assert status.status_code == 200
    answer = status.json()
    letters = answer.pop("letters")
    assert answer == {
        "status": "已收到，待登记",
        "received_date": today.isoformat(),
        "due_date": body["due_date"],
        "due_date_provisional": body["due_date_provisional"],
    }
    # the registration receipt (登记回执), downloadable with the code and not without it; the code goes in a
    # header, never in the address (server logs, browser history)
    assert len(letters) == 1 and "回执" in letters[0]["title"]
    assert body["access_code"] not in letters[0]["url"] and "?" not in letters[0]["url"]
    pdf = client.get(letters[0]["url"], headers={"X-Access-Code": body["access_code"]})
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    without_code = client.get(letters[0]["url"].split("?")[0])
    assert without_code.status_code == 404
    in_the_address = client.get(letters[0]["url"], {"code": body["access_code"]})
    assert (
        in_the_address.status_code == 400 and "X-Access-Code" in in_the_address.json()["errors"]["__all__"][0]
    )


def test_api_errors_name_the_fields():
    from django.test import Client

    response = post_json(Client(), {**API_BODY, "id_number": "123", "carrier": "pigeon", "name": ""})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "18位" in errors["id_number"][0]
    assert "请从列表中选择" in errors["carrier"][0]
    assert errors["name"] == ["请填写此项。"]
    bad = Client().post("/api/requests/", "not json", content_type="application/json")
    assert bad.status_code == 400 and "JSON" in bad.json()["errors"]["__all__"][0]


def test_api_status_leaks_nothing_without_both_number_and_code(client):
    body = post_json(client, API_BODY).json()
    wrong_code = api_status(client, body["tracking_number"], "AAAA2222")
    wrong_number = api_status(client, "2099-99999", body["access_code"])
    no_code = client.get(f"/api/requests/{body['tracking_number']}/")
    assert wrong_code.status_code == wrong_number.status_code == no_code.status_code == 404
    assert wrong_code.json() == wrong_number.json() == no_code.json()


def test_api_is_limited_per_client_address(client, settings):
    settings.GONGKAI_REQUEST_RATE = "1/h"
    assert post_json(client, API_BODY).status_code == 201
    assert post_json(client, API_BODY).status_code == 429
    other = post_json(type(client)(REMOTE_ADDR="10.1.2.3"), API_BODY)  # another address has its own allowance
    assert other.status_code == 201
