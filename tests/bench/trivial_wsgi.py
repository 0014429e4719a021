"""The yardstick of tests/bench/bench_http.py: the least a WSGI application can do, under the same gunicorn."""

BODY = b"<!DOCTYPE html><title>ok</title><p>ok</p>"


def application(environ, start_response):
    start_response(
        "200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]
    )
    return [BODY]
