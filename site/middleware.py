"""Request ids: every response carries X-Request-ID, and every log line written while handling it names it."""

import contextvars
import logging
import re
import uuid

REQUEST_ID_HEADER = "X-Request-ID"
# An id the proxy already gave the request is kept (one id from nginx to the log), if it looks like one.
ACCEPTABLE_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")

current_request_id = contextvars.ContextVar("request_id", default="-")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = given if ACCEPTABLE_ID.match(given) else uuid.uuid4().hex
        request.request_id = request_id
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Gives each log record the id of the request being handled ("-" outside a request)."""

    def filter(self, record):
        # django.request logs a 4xx/5xx after the middleware has returned, with the request attached.
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "request_id", None) or current_request_id.get()
        return True


# -- bad input, access codes in the address, a busy database (issue 13, points 8, 10 and 11) ---------------

UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
BAD_INPUT = "请求中含有不允许的字符（如空字符），请删除后重新提交。"
CODE_IN_ADDRESS = "查询码不能放在网址中，请放在请求头 X-Access-Code 中（或以 POST 提交）。"
BUSY = "系统繁忙，请稍后重试。"
ACCESS_CODE_PARAMETERS = ("code", "access_code")
STAFF_PREFIXES = ("/admin/", "/django-admin/")


def unstorable(text):
    """True for text no database should be asked to store: NUL bytes (PostgreSQL refuses them) and lone
    surrogates (not encodable as UTF-8)."""
    return bool(UNSTORABLE.search(text))


def is_api(request):
    return request.path.startswith("/api/")


def refusal(request, message, status):
    from django.http import HttpResponse, JsonResponse

    if is_api(request):
        return JsonResponse(
            {"errors": {"__all__": [message]}}, status=status, json_dumps_params={"ensure_ascii": False}
        )
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


class BadInputMiddleware:
    """400 for a NUL byte or a lone surrogate in the address or a form-encoded body, before any view,
    cache or database sees it. (Multipart fields and JSON are checked by the forms and the API.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.has_bad_input(request):
            return refusal(request, BAD_INPUT, 400)
        return self.get_response(request)

    @staticmethod
    def has_bad_input(request):
        texts = [request.path]
        queries = [request.GET]
        if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
            queries.append(request.POST)
        for query in queries:
            for key, values in query.lists():
                texts.append(key)
                texts.extend(values)
        return any(unstorable(text) for text in texts)


class AccessCodeOutOfAddressMiddleware:
    """A public GET with ?code= (a request's access code) is sent back to the same page without it, so the
    code stops at the first log line instead of living on in history, bookmarks and referrers; the API says
    where the code belongs instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.http import HttpResponseRedirect

        carries_code = any(name in request.GET for name in ACCESS_CODE_PARAMETERS)
        if (
            not carries_code
            or request.method not in ("GET", "HEAD")
            or request.path.startswith(STAFF_PREFIXES)
        ):
            return self.get_response(request)
        if is_api(request):
            return refusal(request, CODE_IN_ADDRESS, 400)
        remaining = request.GET.copy()
        for name in ACCESS_CODE_PARAMETERS:
            remaining.pop(name, None)
        query = remaining.urlencode()
        return HttpResponseRedirect(request.path + (f"?{query}" if query else ""))


class BusyDatabaseMiddleware:
    """A database that cannot take the write now (SQLite locked by other writers, PostgreSQL out of
    connections) answers 503 with "请稍后重试" and Retry-After, never 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return busy(request, exception) if is_busy(exception) else None


def is_busy(exception):
    """A write the database cannot take now, as opposed to a bug: on SQLite only a lock (its other
    OperationalErrors are mistakes such as a missing table); elsewhere any OperationalError (connections)."""
    from django.db import OperationalError, connection

    if not isinstance(exception, OperationalError):
        return False
    return connection.vendor != "sqlite" or "locked" in str(exception) or "busy" in str(exception)


def busy(request, exception):
    logging.getLogger(__name__).warning("database busy, answered 503: %s", exception)
    response = refusal(request, BUSY, 503)
    response["Retry-After"] = "5"
    return response


def server_error(request):
    """handler500: a database too busy even for the middleware's answer (an error raised outside the view)
    is still a 503; anything else is the site's own 500 page."""
    import sys

    from django.views.defaults import server_error as default_server_error

    exception = sys.exc_info()[1]
    if is_busy(exception):
        return busy(request, exception)
    return default_server_error(request)
