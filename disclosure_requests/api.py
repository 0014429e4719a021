"""The public request API for the provincial platform and other front ends (documented in /api/docs/).

`POST /api/requests/` takes the applicant's fields as JSON, with a solved CAPTCHA (`captcha_key`,
`captcha_value`; a new one from `/captcha/refresh/`) or, for machine clients, a key of `GONGKAI_API_KEYS` in
the `X-API-Key` header. `GET /api/requests/<number>/` with the code in the `X-Access-Code` header answers
with the status; a letter's `url` is fetched the same way (or POSTed as `code`), never with the code in the
address, and is null while its PDF is being produced. Both are limited per client address by
`GONGKAI_REQUEST_RATE` (default 20/h, a sliding window).
"""

import json

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from gongkai_site.middleware import BAD_INPUT, unstorable

from . import guard, services
from .forms import RequestForm
from .models import DisclosureRequest


def json_response(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def too_many():
    return json_response({"errors": {"__all__": ["提交过于频繁，请稍后再试。"]}}, status=429)


def refused(field, message, status=400):
    return json_response({"errors": {field: [message]}}, status=status)


MAX_BODY_BYTES = 64 * 1024
NOT_AN_OBJECT = "请求体应为 JSON 对象，各字段的值为文字。"
TOO_LARGE = "请求体过大。"


def read_fields(request):
    """The JSON object of flat text fields, or raises ValueError (too large, not JSON, nested, too deep)."""
    if len(request.body) > MAX_BODY_BYTES:
        raise ValueError(TOO_LARGE)
    try:
        data = json.loads(request.body or b"{}")
    except RecursionError:  # thousands of nested brackets
        raise ValueError(NOT_AN_OBJECT) from None
    if not isinstance(data, dict) or any(isinstance(value, dict | list) for value in data.values()):
        raise ValueError(NOT_AN_OBJECT)
    fields = {key: "" if value is None else str(value) for key, value in data.items()}
    if any(unstorable(key) or unstorable(value) for key, value in fields.items()):
        raise ValueError(BAD_INPUT)
    return fields


def captcha_or_api_key(request, fields):
    """None when the client may submit; else the refusal."""
    if guard.has_api_key(request):
        return None
    if request.headers.get("X-API-Key"):
        return refused("__all__", "API 密钥无效。", status=403)
    try:
        guard.check_captcha(fields.pop("captcha_key", ""), fields.pop("captcha_value", ""))
    except ValidationError as error:
        return refused("captcha", error.messages[0])
    return None


@csrf_exempt
@require_POST
def create(request):
    if not guard.allow(request, "api"):
        return too_many()
    try:
        fields = read_fields(request)
    except ValueError as error:  # UnicodeDecodeError and json's errors are ValueErrors too
        message = str(error) if str(error) in (TOO_LARGE, BAD_INPUT) else NOT_AN_OBJECT
        return refused("__all__", message)
    refusal = captcha_or_api_key(request, fields)
    if refusal:
        return refusal
    form = RequestForm(fields)
    if not form.is_valid():
        return json_response({"errors": {k: list(v) for k, v in form.errors.items()}}, status=400)
    applied, code = services.submit(form, DisclosureRequest.Channel.API)
    services.notify_applicant(applied, code, request.build_absolute_uri("/").rstrip("/"))
    return json_response(
        {
            "tracking_number": applied.tracking_number,
            "access_code": code,
            "received_date": applied.received_date.isoformat(),
            "due_date": applied.due_date.isoformat() if applied.due_date else None,
            "due_date_provisional": applied.due_date_provisional,
        },
        status=201,
    )


@require_GET
def detail(request, tracking_number):
    if not guard.allow(request, "api-status"):
        return too_many()
    found = services.find_for_applicant(tracking_number, request.headers.get("X-Access-Code", ""))
    if found is None:
        return json_response({"errors": {"__all__": [services.NOT_FOUND]}}, status=404)
    result = services.public_status(
        found,
        lambda letter: (
            request.build_absolute_uri(
                reverse("disclosure_requests:api_letter", args=[found.tracking_number, letter.pk])
            )
            if letter.pdf
            else None
        ),
    )
    letters = [{"title": item["title"], "url": item["url"]} for item in result["letters"]]
    return json_response(
        {
            **{key: result[key] for key in ("status", "received_date", "due_date", "due_date_provisional")},
            "letters": letters,
        }
    )
