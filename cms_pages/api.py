"""The public read API of the catalogue: `GET /api/catalogue/` (documented in /api/docs/)."""

import json
from pathlib import Path

from django.core.paginator import InvalidPage, Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .catalogue import CatalogueQuery

API_PAGE_SIZE = 20
OPENAPI_PATH = Path(__file__).parent / "openapi.json"


def item_as_json(item, request):
    return {
        "index_number": item.index_number,
        "title": item.title,
        "publisher": item.publisher,
        "doc_number": item.doc_number,
        "category": item.category.name,
        "written": item.written.isoformat() if item.written else None,
        "published": item.published.isoformat() if item.published else None,
        "summary": item.summary,
        "url": item.get_full_url(request=request),
    }


@require_GET
def catalogue(request):
    query = CatalogueQuery.from_params(request.GET)
    if query.errors:
        return JsonResponse(
            {"errors": list(query.errors)}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    paginator = Paginator(query.items(), API_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except InvalidPage:
        return JsonResponse(
            {"errors": [f"页码无效，应为 1 到 {paginator.num_pages} 之间的整数。"]},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    return JsonResponse(
        {
            "count": paginator.count,
            "page": page.number,
            "num_pages": paginator.num_pages,
            "results": [item_as_json(item, request) for item in page.object_list],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def openapi_spec(request):
    return JsonResponse(json.loads(OPENAPI_PATH.read_text()), json_dumps_params={"ensure_ascii": False})


@require_GET
def api_docs(request):
    spec = json.loads(OPENAPI_PATH.read_text())
    return render(request, "cms_pages/api_docs.html", {"spec": spec})
