"""Searching the catalogue: the one entry point of the search page, the catalogue page and the API."""

from dataclasses import dataclass

from cms_pages.models import Category

SORTS = {"relevance": "按相关度", "date": "按发布日期"}


def search_items(items, q, sort="relevance"):
    """The catalogue items (a filtered queryset) matching `q`: by relevance, or newest first."""
    if sort == "date":
        return items.order_by("-published").search(q, operator="and", order_by_relevance=False)
    return items.search(q, operator="and")


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


def facet_counts(results):
    """Counts of the results by category, year and publishing body, for the search page's side bar."""
    categories = {pk: (slug, name) for pk, slug, name in Category.objects.values_list("pk", "slug", "name")}
    by_category = results.facet("category_id")
    by_year = results.facet("year")
    by_publisher = results.facet("publisher")
    return {
        "category": [
            FacetValue(*categories[pk], count) for pk, count in by_category.items() if pk in categories
        ],
        "year": sorted(
            (FacetValue(str(year), f"{year}年", count) for year, count in by_year.items() if year),
            key=lambda facet: facet.value,
            reverse=True,
        ),
        "publisher": [FacetValue(name, name, count) for name, count in by_publisher.items() if name],
    }
