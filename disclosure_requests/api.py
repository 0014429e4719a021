"""The public request API for the provincial platform and other front ends (documented in /api/docs/).

`POST /api/requests/` takes the applicant's fields as JSON; `GET /api/requests/<number>/?code=`
answers with the status; a letter's `url` is fetched with the code in the `X-Access-Code` header (or
POSTed as `code`), never in the address, and is null while its PDF is being produced. No CAPTCHA: submissions are limited per client address by
`GONGKAI_REQUEST_RATE` (default 20/h).
"""

import json

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from . import guard, services
from .forms import RequestForm
from .models import DisclosureRequest


def json_response(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def too_many():
    return json_response({"errors": {"__all__": ["提交过于频繁，请稍后再试。"]}}, status=429)


@csrf_exempt
@require_POST
def create(request):
    if not guard.allow(request, "api"):
        return too_many()
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return json_response({"errors": {"__all__": ["请求体应为 JSON 对象。"]}}, status=400)
    if not isinstance(data, dict):
        return json_response({"errors": {"__all__": ["请求体应为 JSON 对象。"]}}, status=400)
    form = RequestForm({key: "" if value is None else str(value) for key, value in data.items()})
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
    found = services.find_for_applicant(tracking_number, request.GET.get("code", ""))
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
