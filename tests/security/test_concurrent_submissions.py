"""50 applicants submitting at the same moment (issue 13, point 8), against the production server (gunicorn,
production settings) on the default SQLite set-up, and on PostgreSQL when the suite runs there: each gets
a tracking number or a clear "请稍后重试" (503), never a 500; no number is given twice or skipped; and the
receipt's PDF is left to the background worker, outside the submission's write transaction.
"""

import json
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from cryptography.fernet import Fernet

from tests.servers import PYTHON, ROOT, Gunicorn, install, manage, production_environment, server_database

SUBMISSIONS = 50
API_KEY = "concurrency-test-key-0123456789abcdef"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("concurrent")
    with server_database(var_dir) as database_url:
        environment = production_environment(
            var_dir,
            database_url,
            GONGKAI_FIELD_KEY=Fernet.generate_key().decode(),
            GONGKAI_API_KEYS=API_KEY,
            GONGKAI_REQUEST_RATE=f"{SUBMISSIONS * 2}/h",
            DJANGO_LOG_LEVEL="WARNING",
        )
        install(environment)
        manage(environment, "setup_site")
        gunicorn = Gunicorn(environment, var_dir / "gunicorn.log", workers=4)
        try:
            yield gunicorn, environment
        finally:
            gunicorn.stop()


def application(number):
    from tests.test_requests_public import API_BODY

    return {**API_BODY, "name": f"申请人{number}", "description": f"第{number}份申请：扶贫资金使用情况"}


def submit(url, number):
    response = requests.post(
        f"{url}/api/requests/",
        data=json.dumps(application(number), ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json", "X-API-Key": API_KEY},
        timeout=120,
    )
    return response.status_code, response.text


def stored(environment):
    """Tracking numbers and receipts in the server's database, read by a separate process."""
    script = (
        "import json; from disclosure_requests.models import DisclosureRequest as R; "
        "from letters.models import Letter as L; "
        "print(json.dumps({'numbers': list(R.objects.values_list('tracking_number', flat=True)), "
        "'receipts': L.objects.count(), 'receipts_with_pdf': L.objects.exclude(pdf='').count()}))"
    )
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_fifty_simultaneous_submissions_each_get_a_number_or_try_again_later(server):
    gunicorn, environment = server
    with ThreadPoolExecutor(max_workers=SUBMISSIONS) as pool:
        answers = list(pool.map(lambda number: submit(gunicorn.url, number), range(SUBMISSIONS)))

    statuses = [status for status, _ in answers]
    assert set(statuses) <= {201, 503}, statuses
    for status, body in answers:
        if status == 503:
            assert "请稍后重试" in json.loads(body)["errors"]["__all__"][0]
    numbers = [json.loads(body)["tracking_number"] for status, body in answers if status == 201]
    assert len(numbers) == len(set(numbers)) >= SUBMISSIONS // 2, statuses

    in_database = stored(environment)
    assert sorted(in_database["numbers"]) == sorted(numbers)  # nothing saved that was answered 503
    sequence = sorted(int(number.split("-")[1]) for number in numbers)
    assert sequence == list(range(1, len(numbers) + 1))  # no number skipped
    # the receipts were issued with the requests; their PDFs wait for the worker, not the applicant
    assert in_database["receipts"] == len(numbers) and in_database["receipts_with_pdf"] == 0
    assert "Traceback" not in (gunicorn.log_path.read_text())


def test_a_locked_database_is_a_503_to_try_again_and_a_bug_stays_a_500(rf, db):
    from django.db import OperationalError, connection
    from gongkai_site.middleware import BUSY, BusyDatabaseMiddleware

    middleware = BusyDatabaseMiddleware(lambda request: None)
    for path in ("/apply/online/", "/api/requests/"):
        answer = middleware.process_exception(rf.post(path), OperationalError("database is locked"))
        assert answer.status_code == 503 and answer["Retry-After"] == "5"
        assert BUSY in answer.content.decode() and BUSY == "系统繁忙，请稍后重试。"
    bug = middleware.process_exception(rf.get("/"), OperationalError("no such table: nowhere"))
    assert (bug is None) == (
        connection.vendor == "sqlite"
    )  # elsewhere every OperationalError is a connection's
    assert middleware.process_exception(rf.get("/"), ValueError("a bug")) is None
