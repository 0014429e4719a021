"""Scripts kept out (issue 13, point 9): a CAPTCHA only a person can read, on every public form and the
API (or an API key), used once across processes; rate limits over a sliding window shared by every
worker and keyed on the real client address; admin logins locked after repeated failures, recorded.

Each test posts straight to the views, as a script would.
"""

import json

import pytest
from captcha.models import CaptchaStore
from cryptography.fernet import Fernet
from django.core.cache.backends.db import DatabaseCache
from django.test import Client

from audit.trail import entries
from disclosure_requests import guard
from disclosure_requests.models import DisclosureRequest
from tests.support.captcha import answer, api_captcha, look_up, solved
from tests.support.people import user

API = "/api/requests/"


@pytest.fixture
def public(site_structure, settings):
    settings.GONGKAI_FIELD_KEY = Fernet.generate_key().decode()
    settings.GONGKAI_REQUEST_RATE = "100/h"


def api_post(client, body, **headers):
    return client.post(API, json.dumps(body), content_type="application/json", headers=headers)


def api_body():
    from tests.test_requests_public import API_BODY

    return dict(API_BODY)


# -- CAPTCHA --------------------------------------------------------------------------------------


def test_every_public_form_asks_for_the_captcha_and_refuses_without_it(public, client):
    from tests.test_requests_public import FORM, applied

    without = client.post("/apply/online/", FORM)
    assert without.status_code == 400 and "请填写此项" in without.content.decode()
    number, code = applied(client)
    status = client.post("/apply/status/", {"tracking_number": number, "access_code": code})
    assert status.status_code == 400 and "请输入验证码" in status.content.decode()
    assert "办理状态" not in status.content.decode()
    assert DisclosureRequest.objects.count() == 1


def test_the_answer_is_in_the_image_and_the_database_only(public, client):
    html = client.get("/apply/status/").content.decode()
    key = solved(html)["captcha_0"]
    assert answer(key) not in html.lower() and answer(key).upper() not in html
    image = client.get(f"/captcha/image/{key}/")
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    spoken = client.get(f"/captcha/audio/{key}.wav")
    # flite reads it aloud
    assert spoken.status_code == 200 and b"".join(spoken.streaming_content).startswith(b"RIFF")


def test_a_challenge_is_used_once_across_processes(public):
    """Two clients (as two worker processes would) post the same solved challenge: only one counts."""
    from tests.test_requests_public import FORM

    first, second = Client(), Client()
    fields = solved(first.get("/apply/online/").content.decode())
    assert CaptchaStore.objects.filter(hashkey=fields["captcha_0"]).exists()  # in the database, not a process
    assert first.post("/apply/online/", {**FORM, **fields}).status_code == 200
    replay = second.post("/apply/online/", {**FORM, **fields})
    assert replay.status_code == 400 and "验证码不正确或已过期" in replay.content.decode()
    assert DisclosureRequest.objects.count() == 1


def test_a_wrong_guess_uses_the_challenge_up(public, client):
    key = api_captcha()["captcha_key"]
    body = {**api_body(), "captcha_key": key, "captcha_value": "zzzz"}
    assert api_post(client, body).status_code == 400
    body["captcha_value"] = answer(key) if CaptchaStore.objects.filter(hashkey=key).exists() else "gone"
    assert body["captcha_value"] == "gone"  # no second guess at the same image
    assert api_post(client, body).status_code == 400
    assert not DisclosureRequest.objects.exists()


def test_the_api_needs_a_solved_captcha_or_a_key(public, client, settings):
    settings.GONGKAI_API_KEYS = ["key-of-the-provincial-platform-0123456789"]
    no_captcha = api_post(client, api_body())
    assert no_captcha.status_code == 400 and "验证码" in no_captcha.json()["errors"]["captcha"][0]
    assert api_post(client, {**api_body(), **api_captcha()}).status_code == 201
    with_key = api_post(client, api_body(), **{"X-API-Key": settings.GONGKAI_API_KEYS[0]})
    assert with_key.status_code == 201
    wrong_key = api_post(client, api_body(), **{"X-API-Key": "guessed"})
    assert wrong_key.status_code == 403 and wrong_key.json()["errors"]["__all__"] == ["API 密钥无效。"]
    assert DisclosureRequest.objects.count() == 2


def test_without_configured_keys_no_key_is_accepted(public, client, settings):
    settings.GONGKAI_API_KEYS = []
    assert api_post(client, api_body(), **{"X-API-Key": ""}).status_code == 400
    assert api_post(client, api_body(), **{"X-API-Key": "anything"}).status_code == 403


# -- rate limits ------------------------------------------------------------------------------------


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = Clock(1_800_000_000.0)  # the start of a minute
    monkeypatch.setattr(guard.time, "time", fake)
    return fake


def hits(request, count, scope="test"):
    return [guard.allow(request, scope, "2/m") for _ in range(count)]


def test_a_burst_across_the_window_boundary_is_still_refused(db, clock, rf):
    request = rf.get("/", REMOTE_ADDR="203.0.113.7")
    clock.now += 59
    assert hits(request, 2) == [True, True]
    clock.now += 2  # a fixed window would start afresh here
    assert hits(request, 1) == [False]
    clock.now += 60  # the old hits have slid out of the window
    assert hits(request, 1) == [True]


def test_the_counts_are_in_the_store_every_worker_shares(db, clock, rf, settings):
    request = rf.get("/", REMOTE_ADDR="203.0.113.8")
    assert hits(request, 2) == [True, True]
    other_worker = DatabaseCache(settings.CACHES["default"]["LOCATION"], {})
    window = int(clock.now // 60)
    assert other_worker.get(f"rate:test:203.0.113.8:{window}") == 2
    assert hits(request, 1) == [False]


def test_x_forwarded_for_is_believed_only_from_a_trusted_proxy(db, clock, rf, settings):
    settings.GONGKAI_TRUSTED_PROXIES = ["10.0.0.0/8"]

    def via(remote, forwarded):
        return rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)

    # a stranger writing other addresses into the header is still himself
    assert hits(via("198.51.100.9", "1.1.1.1"), 1) + hits(via("198.51.100.9", "2.2.2.2"), 2) == [
        True,
        True,
        False,
    ]
    # behind the proxy, each client has his own allowance; a forged first hop changes nothing
    assert hits(via("10.0.0.2", "203.0.113.1"), 2) == [True, True]
    assert hits(via("10.0.0.2", "203.0.113.2"), 1) == [True]
    assert hits(via("10.0.0.2", "6.6.6.6, 203.0.113.1"), 1) == [False]
    assert hits(via("10.0.0.2", "203.0.113.1, 10.0.0.3"), 1) == [False]  # two proxies deep


def test_the_status_form_and_the_api_are_limited_too(public, client, settings):
    from tests.test_requests_public import applied

    number, code = applied(client)
    settings.GONGKAI_REQUEST_RATE = "2/h"
    assert look_up(client, number, code).status_code == 200
    assert look_up(client, number, code).status_code == 200
    refused = look_up(client, number, code)
    assert refused.status_code == 429 and "提交过于频繁" in refused.content.decode()
    assert api_post(client, {**api_body(), **api_captcha()}).status_code == 201
    assert api_post(client, {**api_body(), **api_captcha()}).status_code == 201
    assert api_post(client, {**api_body(), **api_captcha()}).status_code == 429


# -- admin login --------------------------------------------------------------------------------------


@pytest.fixture
def official(office_rows, db, settings):
    settings.GONGKAI_LOGIN_FAILURE_LIMIT = settings.AXES_FAILURE_LIMIT = 3
    return user("zonghe")


def sign_in(client, password):
    return client.post("/admin/login/", {"username": "zonghe", "password": password})


def test_repeated_failures_lock_the_account_at_that_address_and_are_recorded(official, settings):
    attacker = Client(REMOTE_ADDR="198.51.100.20")
    for _ in range(2):
        assert sign_in(attacker, "guess").status_code == 200  # the form again, with its error
    locked = sign_in(attacker, "guess")
    assert locked.status_code == 429
    assert "登录失败次数过多，账号已暂时锁定" in locked.content.decode()
    assert "1 小时后再试" in locked.content.decode()
    # now even the right password is refused from there
    assert sign_in(attacker, settings.DEMO_PASSWORD).status_code == 429
    lockouts = [entry for entry in entries(official) if entry.data.get("step") == "login_locked_out"]
    assert len(lockouts) == 1 and "198.51.100.20" in lockouts[0].data["text"]
    # the official, at his own desk, is not locked out by a stranger
    assert sign_in(Client(REMOTE_ADDR="192.0.2.30"), settings.DEMO_PASSWORD).status_code == 302


def test_the_lock_lifts_after_the_cooloff(official, settings):
    from axes.models import AccessAttempt
    from django.utils import timezone

    attacker = Client(REMOTE_ADDR="198.51.100.21")
    for _ in range(3):
        sign_in(attacker, "guess")
    assert sign_in(attacker, settings.DEMO_PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timezone.timedelta(hours=2))
    assert sign_in(attacker, settings.DEMO_PASSWORD).status_code == 302
