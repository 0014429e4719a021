"""The search page's view of the catalogue: sort orders and facets; `search_items` is the catalogue's own."""

from dataclasses import dataclass

from cms_pages.catalogue import search_items
from cms_pages.models import Category

__all__ = ["SORTS", "facet_counts", "search_items"]

SORTS = {"relevance": "按相关度", "date": "按发布日期"}


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
