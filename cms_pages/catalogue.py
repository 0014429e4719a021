"""What the catalogue shows for a set of filters: shared by the page, the API and the feeds."""

import datetime
import hashlib
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_delete, post_save
from wagtail.query import PageQuerySet

from .models import Category, DisclosureItemPage

FACETS_VERSION_KEY = "catalogue:version"
FACETS_TIMEOUT = 3600
# Shorter than the facets': a change that sends no signal (a bulk update) only shows when the entry
# expires, and a stale total misleads more than a stale year in a drop-down.
COUNT_TIMEOUT = 300
NEWEST_FIRST = ("-published", "-pk")


def search_items(items, q, sort="relevance"):
    """The catalogue items (a filtered queryset) matching `q` through the site's search backend:
    by relevance, or newest first. The one entry point of the catalogue page, the API and the search page."""
    if sort == "date":
        return items.order_by("-published").search(q, operator="and", order_by_relevance=False)
    return items.search(q, operator="and")


def _bump_version():
    try:
        cache.incr(FACETS_VERSION_KEY)
    except ValueError:  # the cache lost the key (restart, eviction)
        cache.set(FACETS_VERSION_KEY, _first_version(), None)


def _first_version():
    # Not 1: after an eviction, entries cached under an earlier run of versions must not match.
    return time.time_ns()


def catalogue_changed(**kwargs):
    """Called when items or categories change: cached facets and counts are stale.

    Bumped again once the transaction commits: a request that counted in between, still seeing
    the old rows, would otherwise have cached the old numbers under the new version.
    """
    _bump_version()
    transaction.on_commit(_bump_version)


# Besides publish/unpublish/delete (signals.py): items saved live directly (add_child, fixtures,
# scripts), a category moved in the tree (its descendants are in its counts) or renamed.
post_save.connect(catalogue_changed, sender=DisclosureItemPage, dispatch_uid="catalogue_item_saved")
post_save.connect(catalogue_changed, sender=Category, dispatch_uid="catalogue_category_saved")
post_delete.connect(catalogue_changed, sender=Category, dispatch_uid="catalogue_category_deleted")


def _cached(name, compute, timeout=FACETS_TIMEOUT):
    version = cache.get_or_set(FACETS_VERSION_KEY, _first_version, None)
    key = f"catalogue:{name}:{version}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


class CatalogueItems(PageQuerySet):
    """The items matching one CatalogueQuery, shaped for Django's Paginator.

    Only the queryset CatalogueQuery.items() returns behaves differently; anything derived from
    it (filter, values, slices of slices…) is a plain PageQuerySet again, since clones do not
    keep `count_key` and `category_branches`.

    - count() is cached per catalogue version: every matching item's page row has to be read
      for `live`, so COUNT(*) grows with the catalogue (0.4 s for 100,000 items on SQLite).
    - a slice [a:b] first selects the primary keys of that window, which the newest-first
      indexes answer without reading the items' rows, then loads the b - a rows themselves:
      OFFSET no longer reads (and joins the category of) every skipped item.
    """

    count_key = None
    category_branches = ()

    def count(self):
        if self.count_key is None or self._result_cache is not None:
            return super().count()
        return _cached(f"count:{self.count_key}", super().count, COUNT_TIMEOUT)

    def __getitem__(self, k):
        if self.count_key is None or self._result_cache is not None or not isinstance(k, slice) or k.step:
            return super().__getitem__(k)
        if (
            self.category_branches
            and k.stop is not None
            and len(self.category_branches) * k.stop < self.count()
        ):
            window = self._merged_window(k.start or 0, k.stop)
        else:
            window = self.values_list("pk", flat=True)[k]
        return (
            DisclosureItemPage.objects.filter(pk__in=window)
            .select_related("category")
            .order_by(*NEWEST_FIRST)
        )

    def _merged_window(self, start, stop):
        """The window's primary keys when a category and its sub-categories are shown together.

        No index gives `category_id IN (…)` newest first, so SQLite sorts every item of the
        subtree to find the first twenty. Instead each category's newest `stop` items come
        straight off the item_by_category index, and only those are merged: worth it while they
        are fewer than the subtree's items (the first pages, not page 500 of a large subtree).
        """
        branches, params = [], []
        for branch in self.category_branches:
            branch = branch.order_by(*NEWEST_FIRST).values(window_pk=F("pk"), window_published=F("published"))
            sql, branch_params = branch[:stop].query.get_compiler(using=self.db).as_sql()
            branches.append(f"SELECT * FROM ({sql}) AS branch_{len(branches)}")
            params.extend(branch_params)
        return RawSQL(
            f"SELECT window_pk FROM ({' UNION ALL '.join(branches)}) AS merged ORDER BY window_published DESC, "
            f"window_pk DESC LIMIT {int(stop - start)} OFFSET {int(start)}",
            params,
        )


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
        items = CatalogueItems(DisclosureItemPage).live().select_related("category")
        if self.year is not None:
            items = items.filter(
                published__gte=datetime.date(self.year, 1, 1),
                published__lt=datetime.date(self.year + 1, 1, 1),
            )
        if self.publisher:
            items = items.filter(publisher=self.publisher)
        category_ids = self.category.descendant_ids() if self.category is not None else []
        matching = items.filter(category_id__in=category_ids) if category_ids else items
        if self.q:
            return search_items(matching, self.q)  # relevance order, from the site's search backend
        matching = matching.order_by(*NEWEST_FIRST)
        matching.count_key = self.cache_key()
        if len(category_ids) > 1:
            matching.category_branches = [items.filter(category_id=pk) for pk in category_ids]
        return matching

    def cache_key(self):
        filters = (self.category.pk if self.category else "", self.year or "", self.publisher)
        return hashlib.sha1(repr(filters).encode()).hexdigest()  # ASCII, fixed length: fine for memcached

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

    # The two facets below hop from one distinct value to the next along an index (a "loose index
    # scan"): one short query per year or publisher, instead of DISTINCT over every live item,
    # which has to read each item's page row for `live` (over 3 s for 100,000 items on SQLite,
    # where the year is also extracted by a Python function per row).

    @staticmethod
    def _years():
        items = DisclosureItemPage.objects.live().order_by("-published").values_list("published", flat=True)
        years, latest = [], items.exclude(published=None).first()
        while latest is not None:
            years.append(latest.year)
            latest = items.filter(published__lt=datetime.date(latest.year, 1, 1)).first()
        return years

    @staticmethod
    def _publishers():
        items = DisclosureItemPage.objects.live().order_by("publisher").values_list("publisher", flat=True)
        publishers, current = [], items.first()
        while current is not None:
            publishers.append(current)
            current = items.filter(publisher__gt=current).first()
        return publishers

    def querystring(self, **overrides):
        params = {
            "q": self.q,
            "category": self.category.slug if self.category else "",
            "year": self.year or "",
            "publisher": self.publisher,
        }
        params.update(overrides)
        return urlencode({key: value for key, value in params.items() if value})
