"""The public read API of the catalogue: `GET /api/catalogue/` (documented in /api/docs/)."""

import json
from pathlib import Path

from django.core.paginator import InvalidPage, Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from rest_framework.fields import SkipField
from wagtail.api.v2.serializers import (
    DetailUrlField,
    PageAliasOfField,
    PageHtmlUrlField,
    PageParentField,
    PageSerializer,
    get_serializer_class,
)
from wagtail.api.v2.views import PagesAPIViewSet as WagtailPagesAPIViewSet

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
        # The address the client used, not the Site record's hostname (which says localhost:80 in a fresh install).
        "url": request.build_absolute_uri(item.get_url(request=request)),
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


class RequestHostDetailUrlField(DetailUrlField):
    def get_attribute(self, instance):
        path = self.context["router"].get_object_detail_urlpath(type(instance), instance.pk)
        if not path:
            raise SkipField
        return self.context["request"].build_absolute_uri(path)


class RequestHostHtmlUrlField(PageHtmlUrlField):
    def to_representation(self, page):
        url = page.get_url(request=self.context["request"])
        return self.context["request"].build_absolute_uri(url) if url else None


def _linked_page(value, context):
    """A parent or alias page as Wagtail nests it (id, type, title and links), with the same links."""
    fields = ["id", "type", "detail_url", "html_url", "title"]
    serializer_class = get_serializer_class(
        value.__class__,
        fields,
        meta_fields=["type", "detail_url", "html_url"],
        base=RequestHostPageSerializer,
    )
    return serializer_class(context=context).to_representation(value)


class RequestHostParentField(PageParentField):
    def to_representation(self, value):
        return _linked_page(value, self.context)


class RequestHostAliasOfField(PageAliasOfField):
    def to_representation(self, value):
        return _linked_page(value, self.context)


class RequestHostPageSerializer(PageSerializer):
    """Wagtail's page serializer with links on the host and port the client asked, not the Site record's."""

    detail_url = RequestHostDetailUrlField(read_only=True)
    html_url = RequestHostHtmlUrlField(read_only=True)
    parent = RequestHostParentField(read_only=True)
    alias_of = RequestHostAliasOfField(read_only=True)


class PagesAPIViewSet(WagtailPagesAPIViewSet):
    base_serializer_class = RequestHostPageSerializer
