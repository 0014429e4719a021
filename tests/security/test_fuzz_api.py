"""The public JSON APIs fuzzed against their own OpenAPI description (issue 13, "Proof"): schemathesis
generates valid and invalid calls from cms_pages/openapi.json — the catalogue query and the request API —
and not one may end in a server error (5xx). Bounded (a few dozen examples per operation, under a minute);
`scripts/fuzz-api` runs the same with more examples.
"""

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from cms_pages.api import OPENAPI_PATH

EXAMPLES = int(os.environ.get("GONGKAI_FUZZ_EXAMPLES", "40"))
API_KEY = "fuzz-test-key-0123456789abcdef"

schema = schemathesis.openapi.from_path(str(OPENAPI_PATH))
schema.app = WSGIHandler()

pytestmark = [pytest.mark.fuzz, pytest.mark.usefixtures("fuzzable_site")]


@pytest.fixture
def fuzzable_site(make_item, settings, pdf_layout_skipped):
    from cryptography.fernet import Fernet

    for title in ("关于印发扶贫资金管理办法的通知", "2026年衔接资金分配公告", "楚雄州政府信息公开指南"):
        make_item(title=title)
    settings.ALLOWED_HOSTS = ["*"]
    settings.GONGKAI_FIELD_KEY = Fernet.generate_key().decode()
    settings.GONGKAI_REQUEST_RATE = "100000/h"
    settings.GONGKAI_API_KEYS = [API_KEY]
    # As Django's test client does: the handler must not close the test's connection (its transaction)
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_generated_call_gives_a_server_error(case):
    # half the submissions as a machine client (so valid ones get through to the database), half without
    if case.method == "POST" and len(repr(case.body)) % 2:
        case.headers = {**(case.headers or {}), "X-API-Key": API_KEY}
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])
