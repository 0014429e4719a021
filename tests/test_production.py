"""The production path, for real: gunicorn with the production settings, whitenoise's hashed and compressed
static files, one truth across server processes, the health endpoint and request ids (issue 16)."""

import json
import re
import subprocess
import time
from pathlib import Path

import pytest
import requests

from tests.servers import PYTHON, ROOT, Gunicorn, install, production_environment, server_database

CATALOGUE = "/catalogue/"
NEW_TITLE = "跨进程一致性测试公告"


@pytest.fixture(scope="module")
def installation(tmp_path_factory):
    """A production installation (migrated, cache table, collected static files, the demo content and one
    item waiting for its last review step) served by two gunicorn masters, each with its own worker."""
    var_dir = tmp_path_factory.mktemp("production")
    with server_database(var_dir) as database_url:
        environment = production_environment(var_dir, database_url)
        install(environment)
        task_pk = prepare_review(environment)
        servers = [Gunicorn(environment, var_dir / f"gunicorn-{name}.log") for name in ("a", "b")]
        try:
            yield {"servers": servers, "task_pk": task_pk, "var_dir": var_dir}
        finally:
            for server in servers:
                server.stop()


def prepare_review(environment):
    setup_environment = {
        **environment,
        "GONGKAI_DEMO_ALLOWED": "1",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    }
    script = (
        f"from tests.servers import item_awaiting_final_approval; item_awaiting_final_approval({NEW_TITLE!r})"
    )
    result = subprocess.run(
        [PYTHON, "-c", script], cwd=ROOT, env=setup_environment, check=True, capture_output=True, text=True
    )
    return int(result.stdout.split()[-1])


def catalogue_count(response):
    return int(re.search(r"共 (\d+) 条", response.text).group(1))


def logged_in_session(server, username):
    session = requests.Session()
    login = session.get(f"{server.url}/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    response = session.post(
        f"{server.url}/admin/login/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": "gongkai-demo"},
        allow_redirects=False,
    )
    assert response.status_code == 302
    return session


def post_in_admin(session, url, data=None):
    token = session.cookies["csrftoken"]
    return session.post(url, data={"csrfmiddlewaretoken": token, **(data or {})}, allow_redirects=False)


def test_gunicorn_serves_pages_and_hashed_compressed_static_files(installation):
    server = installation["servers"][0]
    home = server.get("/")
    assert home.status_code == 200
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', home.text).group(1)

    static = server.get(stylesheet, headers={"Accept-Encoding": "gzip"})
    assert static.status_code == 200
    assert static.headers["Content-Encoding"] == "gzip"
    assert static.headers["Cache-Control"] == "max-age=315360000, public, immutable"
    unhashed = re.sub(r"\.[0-9a-f]{12}\.css$", ".css", stylesheet)
    assert server.get(unhashed).headers["Cache-Control"] == "max-age=60, public"


@pytest.mark.rule("S2.1")
def test_a_publication_in_one_process_shows_at_once_in_the_other(installation):
    server_a, server_b = installation["servers"]
    before = server_b.get(CATALOGUE)
    assert before.status_code == 200 and NEW_TITLE not in before.text
    assert server_b.get(CATALOGUE).headers["X-Page-Cache"] == "hit"  # B now holds the old page
    count_before = catalogue_count(before)

    baomi = logged_in_session(server_a, "baomi")
    task_url = f"{server_a.url}/admin/inbox/tasks/{installation['task_pk']}/"
    assert post_in_admin(baomi, f"{task_url}claim/").status_code == 302
    assert post_in_admin(baomi, task_url, {"decision": "approve", "opinion": "同意公开"}).status_code == 302

    after = server_b.get(CATALOGUE)
    assert catalogue_count(after) == count_before + 1
    assert NEW_TITLE in after.text
    item_path = re.search(rf'href="([^"]+)"[^>]*>{NEW_TITLE}<', after.text).group(1)
    item = server_b.get(item_path)
    assert item.status_code == 200 and NEW_TITLE in item.text
    api = server_b.get("/api/catalogue/").json()
    assert api["count"] == count_before + 1


def test_health_endpoint_checks_database_cache_and_search(installation):
    response = installation["servers"][0].get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["ok"] for name, check in body["checks"].items()} == {
        "database": True,
        "cache": True,
        "search": True,
    }


def log_once_it_has(path, text, seconds=10):
    """The server's log, once `text` is in it: gunicorn writes its access line after the response is sent."""
    deadline = time.monotonic() + seconds
    while text not in (log := Path(path).read_text()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return log


def test_every_response_has_a_request_id_that_the_logs_name(installation):
    server = installation["servers"][1]
    response = server.get("/no-such-page/")
    assert response.status_code == 404
    request_id = response.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    log = log_once_it_has(server.log_path, '"GET /no-such-page/ HTTP/1.1" 404')
    assert f"[{request_id}] django.request: Not Found: /no-such-page/" in log  # the application's line
    access_lines = [line for line in log.splitlines() if '"GET /no-such-page/ HTTP/1.1" 404' in line]
    assert any(f"[{request_id}]" in line for line in access_lines)  # gunicorn's access line

    given = server.get("/", headers={"X-Request-ID": "nginx-0123456789abcdef"})
    assert given.headers["X-Request-ID"] == "nginx-0123456789abcdef"
    forged = server.get("/", headers={"X-Request-ID": "<script>"})
    assert re.fullmatch(r"[0-9a-f]{32}", forged.headers["X-Request-ID"])


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    environment = production_environment(
        tmp_path,
        f"sqlite:///{tmp_path / 'check.sqlite3'}",
        DJANGO_ALLOWED_HOSTS="gongkai.example.cn",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://gongkai.example.cn",
        GONGKAI_BEHIND_HTTPS_PROXY="1",
        EMAIL_URL="smtp://gongkai%40example.cn:secret@smtp.example.cn:587/?tls=1",
        DEFAULT_FROM_EMAIL="gongkai@example.cn",
    )
    environment.pop("DJANGO_SECURE_COOKIES")
    result = subprocess.run(
        [PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout

    settings = subprocess.run(
        [PYTHON, "-c", SHOW_SETTINGS], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    assert json.loads(settings.stdout) == {
        "proxy": ["HTTP_X_FORWARDED_PROTO", "https"],
        "hsts": 31536000,
        "cookies": [True, True],
        "email": ["smtp.example.cn", 587, "gongkai@example.cn", "secret", True, False],
        "from": "gongkai@example.cn",
        "cache": "django.core.cache.backends.db.DatabaseCache",
    }


SHOW_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "proxy": s.SECURE_PROXY_SSL_HEADER, "hsts": s.SECURE_HSTS_SECONDS,
    "cookies": [s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE],
    "email": [s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD, s.EMAIL_USE_TLS, s.EMAIL_USE_SSL],
    "from": s.DEFAULT_FROM_EMAIL, "cache": s.CACHES["default"]["BACKEND"],
}))
"""
