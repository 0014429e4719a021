"""`/healthz`: can this process reach its database, its cache and its search index? For load balancers
and orchestrators: 200 when all three answer, 503 (and which failed, why) otherwise. Never cached."""

import time
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from wagtail.search.backends import get_search_backend


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key, token = "healthz:probe", uuid.uuid4().hex
    cache.set(key, token, 30)
    if cache.get(key) != token:
        raise RuntimeError("缓存写入后读不回")


def check_search():
    backend = get_search_backend()
    client = getattr(backend, "es", None)
    if client is None:  # the embedded index lives in the database: read its version row
        from search.models import IndexVersion

        IndexVersion.current()
    elif client.cluster.health()["status"] == "red":
        raise RuntimeError("Elasticsearch 集群状态为 red")


CHECKS = {"database": check_database, "cache": check_cache, "search": check_search}


@never_cache
def healthz(request):
    results = {name: _run(check) for name, check in CHECKS.items()}
    healthy = all(result["ok"] for result in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": results}, status=200 if healthy else 503
    )


def _run(check):
    started = time.perf_counter()
    try:
        check()
    except Exception as error:  # any failure is the answer, not a crash of the probe
        return {"ok": False, "error": f"{type(error).__name__}: {error}"}
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}
