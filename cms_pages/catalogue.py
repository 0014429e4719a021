"""What the catalogue shows for a set of filters: shared by the page, the API and the feeds."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.cache import cache

from search.catalogue import search_items

from .models import Category, DisclosureItemPage

FACETS_VERSION_KEY = "catalogue:version"


def catalogue_changed():
    """Called when an item is published, unpublished or deleted: cached facets are stale."""
    try:
        cache.incr(FACETS_VERSION_KEY)
    except ValueError:
        cache.set(FACETS_VERSION_KEY, 1, None)


def _cached(name, compute):
    version = cache.get_or_set(FACETS_VERSION_KEY, 1, None)
    key = f"catalogue:{name}:{version}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, 3600)
    return value


@dataclass
class CatalogueQuery:
    q: str = ""
    category: Category | None = None
    year: int | None = None
    publisher: str = ""
    errors: tuple = ()

    @classmethod
    def from_params(cls, params):
        errors = []
        category = None
        if slug := params.get("category", "").strip():
            category = Category.objects.filter(slug=slug).first()
            if category is None:
                errors.append(f"没有名为“{slug}”的分类，已显示全部分类。")
        year = None
        if raw_year := params.get("year", "").strip():
            if raw_year.isdigit() and 1900 <= int(raw_year) <= 2100:
                year = int(raw_year)
            else:
                errors.append(f"年份“{raw_year}”无效，已显示全部年份。")
        return cls(
            q=params.get("q", "").strip()[:100],
            category=category,
            year=year,
            publisher=params.get("publisher", "").strip()[:100],
            errors=tuple(errors),
        )

    def items(self):
        items = DisclosureItemPage.objects.live().select_related("category")
        if self.category is not None:
            items = items.filter(category_id__in=self.category.descendant_ids())
        if self.year is not None:
            items = items.filter(
                published__gte=datetime.date(self.year, 1, 1),
                published__lt=datetime.date(self.year + 1, 1, 1),
            )
        if self.publisher:
            items = items.filter(publisher=self.publisher)
        if self.q:
            return search_items(items, self.q)  # relevance order, from the site's search backend
        return items.order_by("-published", "-pk")

    def facets(self):
        return {
            "categories": _cached("categories", self._category_tree),
            "years": _cached("years", self._years),
            "publishers": _cached("publishers", self._publishers),
        }

    @staticmethod
    def _category_tree():
        categories = list(Category.objects.all())
        children = {}
        for category in categories:
            children.setdefault(category.parent_id, []).append(category)

        def walk(parent_id, depth):
            for category in children.get(parent_id, []):
                yield {"slug": category.slug, "name": category.name, "depth": depth}
                yield from walk(category.pk, depth + 1)

        return list(walk(None, 0))

    @staticmethod
    def _years():
        dates = (
            DisclosureItemPage.objects.live().exclude(published=None).dates("published", "year", order="DESC")
        )
        return [date.year for date in dates]

    @staticmethod
    def _publishers():
        return list(
            DisclosureItemPage.objects.live()
            .order_by("publisher")
            .values_list("publisher", flat=True)
            .distinct()
        )

    def querystring(self, **overrides):
        params = {
            "q": self.q,
            "category": self.category.slug if self.category else "",
            "year": self.year or "",
            "publisher": self.publisher,
        }
        params.update(overrides)
        return urlencode({key: value for key, value in params.items() if value})
