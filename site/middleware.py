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
