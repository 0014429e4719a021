"""The public search page (站内搜索), reached from the header's search box."""

import dataclasses

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cms_pages.catalogue import CatalogueQuery

from .catalogue import SORTS, facet_counts, search_items

PAGE_SIZE = 20


def _page(results, number):
    paginator = Paginator(results, PAGE_SIZE)
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def facet_links(query, sort, facets):
    """For each facet: its title, the link that removes it, and (value, link, selected) for each value."""
    current = {
        "category": query.category.slug if query.category else "",
        "year": str(query.year or ""),
        "publisher": query.publisher,
    }
    return [
        {
            "title": title,
            "clear": "?" + query.querystring(sort=sort, **{name: ""}) if current[name] else "",
            "values": [
                (
                    value,
                    "?" + query.querystring(sort=sort, **{name: value.value}),
                    value.value == current[name],
                )
                for value in facets[name]
            ],
        }
        for name, title in (("category", "公开目录"), ("year", "发布年份"), ("publisher", "发布机构"))
    ]


@require_GET
def search(request):
    query = CatalogueQuery.from_params(request.GET)
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "relevance"
    context = {
        "query": query,
        "sort": sort,
        "sorts": SORTS,
        "query_only": query.querystring(),
        "querystring": query.querystring(sort=sort),
    }
    if query.q:
        filtered = dataclasses.replace(query, q="").items()
        results = search_items(filtered, query.q, sort)
        context.update(
            items=_page(results, request.GET.get("page", 1)),
            facets=facet_links(query, sort, facet_counts(results)),
            marks=getattr(results, "plan", None) and results.plan.marks,
            filtered=bool(query.category or query.year or query.publisher),
        )
    return render(request, "search/search.html", context)
