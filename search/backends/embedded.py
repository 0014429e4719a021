"""The embedded backend: Chinese search in the site's own database, SQLite or PostgreSQL.

Each indexed object gets one `SearchEntry` row (folded text, identifier keys, and the catalogue's
filter values) plus its tokens in a vendor-specific inverted index (`sqlite.py`, `postgres.py`).
A search runs on that index alone when the queryset's filters are on values the entry copies (the
catalogue's: live, category, publication date, publisher): one SQL query for a page of results,
one for the count, one per facet, none of them joining the page tables. Other filters (the admin
filtering by a section of the page tree, say) are applied to the caller's queryset instead.

Ranking: an exact document or index number first, then items matching in the title, then the
rest; within each tier the newest first.
"""

import datetime
import hashlib
from collections import OrderedDict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import BooleanField, Case, Count, Expression, F, IntegerField, Q, Value, When
from django.utils import timezone
from modelsearch.backends.base import (
    BaseIndex,
    BaseSearchBackend,
    BaseSearchQueryCompiler,
    BaseSearchResults,
    FilterFieldError,
    get_model_root,
)
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.utils import get_descendants_content_types_pks

from ..analysis import fold, identifier_key
from ..models import IndexVersion, SearchEntry
from ..query import SearchPlan
from .common import PlannedResultsMixin, is_match_all

DATE_FIELDS = ("published", "first_published_at", "created_at")
IDENTIFIER_FIELDS = ("doc_number", "index_number")
# Filter fields whose values the entry copies: attname → SearchEntry column.
COPIED_FILTERS = {"live": "live", "category_id": "category_id", "publisher": "publisher", "published": "date"}
# Facets the entry can count by itself: facet name → SearchEntry column.
ENTRY_FACETS = {
    "category_id": "category_id",
    "publisher": "publisher",
    "year": "year",
}  # in facet_rows' order
LOOKUPS = {"exact", "in", "gt", "gte", "lt", "lte", "isnull"}
# The order of every search not by relevance, and within each relevance tier (undated entries last).
NEWEST_FIRST = (F("date").desc(nulls_last=True), "-object_id")
CACHE_TIMEOUT = 3600


class NotOnEntry(Exception):
    """A filter or ordering the search entry cannot apply by itself."""


class EntryCondition(Expression):
    """A vendor's SQL condition on the search entry table; `{table}` becomes the table's alias in the query."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, template, params):
        super().__init__()
        self.template, self.params = template, params

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return self.template.format(table=table), self.params


# --- what an object puts in the index -----------------------------------------------------------------


def _flatten(value):
    if isinstance(value, list | tuple):
        return " ".join(_flatten(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_flatten(item) for item in value.values())
    return "" if value is None else str(value)


def _field_texts(obj, fields, searched_names):
    """(field name, text) of the searchable and autocomplete fields, following RelatedFields."""
    for field in fields:
        if isinstance(field, SearchField) or (
            isinstance(field, AutocompleteField) and field.field_name not in searched_names
        ):
            yield field.field_name, _flatten(field.get_value(obj))
        elif isinstance(field, RelatedFields):
            related = field.get_value(obj)
            related = related.all() if hasattr(related, "all") else [related] if related is not None else []
            for sub_obj in related:
                yield from _field_texts(sub_obj, field.fields, searched_names)


def _entry_date(obj):
    for name in DATE_FIELDS:
        if hasattr(obj, name):
            value = getattr(obj, name)
            if isinstance(value, datetime.datetime):
                value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
            return value
    return None


@dataclass
class IndexedObject:
    """What one object puts in the index: its entry row, and the folded text the store tokenizes."""

    entry: SearchEntry
    title: str
    body: str
    keys: str


def indexed_object(obj, content_type_id):
    fields = obj.get_search_fields()
    searched = {field.field_name for field in fields if isinstance(field, SearchField)}
    texts = list(_field_texts(obj, fields, searched))
    keys = {identifier_key(str(getattr(obj, name) or "")) for name in IDENTIFIER_FIELDS if hasattr(obj, name)}
    day = _entry_date(obj)
    publisher = getattr(obj, "publisher", "")
    entry = SearchEntry(
        content_type_id=content_type_id,
        object_id=obj.pk,
        live=getattr(obj, "live", True),
        date=day,
        year=day.year if day else None,
        category_id=getattr(obj, "category_id", None),
        publisher=publisher if isinstance(publisher, str) else "",
    )
    return IndexedObject(
        entry,
        title=fold(" ".join(text for name, text in texts if name == "title")),
        body=fold(" ".join(text for name, text in texts if name != "title")),
        keys=" ".join(sorted(key for key in keys if key)),
    )


# --- the index ----------------------------------------------------------------------------------------


class EmbeddedIndex(BaseIndex):
    def add_items(self, model, objs):
        if not model.get_search_fields() or not objs:
            return
        content_type_id = ContentType.objects.get_for_model(model).pk
        indexed = [indexed_object(obj, content_type_id) for obj in objs]
        with transaction.atomic():
            self._delete(model, [obj.pk for obj in objs])
            SearchEntry.objects.bulk_create([item.entry for item in indexed])
            self.backend.store.write(indexed)
            IndexVersion.bump()

    def delete_item(self, item):
        with transaction.atomic():
            self._delete(type(item), [item.pk])
            IndexVersion.bump()

    def _delete(self, model, object_ids):
        old = SearchEntry.objects.filter(
            content_type_id__in=get_descendants_content_types_pks(get_model_root(model)),
            object_id__in=object_ids,
        )
        self.backend.store.erase(list(old.values_list("id", flat=True)))
        old._raw_delete(old.db)

    def reset(self):
        self.backend.store.reset()
        SearchEntry.objects.all()._raw_delete(SearchEntry.objects.db)
        IndexVersion.bump()


class EmbeddedRebuilder:
    """`update_index`: empties the index, refills it, then lets the database update its statistics."""

    def __init__(self, index):
        self.index = index
        self.transaction = transaction.atomic()

    def start(self):
        self.transaction.__enter__()
        self.index.reset()
        return self.index

    def finish(self):
        self.transaction.__exit__(None, None, None)
        self.index.backend.store.optimize()


# --- searching ----------------------------------------------------------------------------------------


class EmbeddedQueryCompiler(BaseSearchQueryCompiler):
    DEFAULT_OPERATOR = "and"
    HANDLES_ORDER_BY_EXPRESSIONS = True

    def entry_filter(self):
        """The queryset's filters as a condition on SearchEntry; NotOnEntry when they are not all copied there."""
        return self._get_filters_from_queryset() or Q()

    def _process_lookup(self, field_path, lookup, value):
        column = COPIED_FILTERS.get(field_path[-1].get_attname(self.queryset.model))
        if column is None or len(field_path) > 1 or lookup not in LOOKUPS:
            raise NotOnEntry
        if isinstance(value, list | tuple | set):
            value = [getattr(item, "pk", item) for item in value]
        return Q(**{f"{column}__{lookup}": getattr(value, "pk", value)})

    def _process_match_none(self):
        return Q(pk__in=[])

    def _connect_filters(self, filters, connector, negated):
        combined = Q()
        for condition in filters:
            combined = combined & condition if connector == "AND" else combined | condition
        return ~combined if negated else combined

    def entry_order(self):
        """The SearchEntry ordering for a search not ordered by relevance: the queryset's, when it is by date."""
        order = list(self.queryset.query.order_by)
        if order and (order[0] != "-published" or not set(order) <= {"-published", "-pk", "-page_ptr"}):
            raise NotOnEntry
        return list(NEWEST_FIRST)


class EmbeddedSearchResults(PlannedResultsMixin, BaseSearchResults):
    supports_facet = True

    # The search entries that match, with the queryset's filters; NotOnEntry when they cannot be applied.
    def _filtered_entries(self):
        compiler = self.query_compiler
        return SearchEntry.objects.filter(
            content_type_id__in=get_descendants_content_types_pks(compiler.queryset.model)
        ).filter(compiler.entry_filter())

    def _matching_entries(self):
        entries = self._filtered_entries()
        if is_match_all(self.query_compiler.query):
            return entries
        if not self.plan:
            return entries.none()
        return entries.filter(self.backend.store.condition(self.plan, "all"))

    def _tiers(self):
        """Conditions that rank a match higher, best first: the exact document or index number, the title."""
        store = self.backend.store
        return [
            condition
            for condition in (store.condition(self.plan, scope) for scope in ("keys", "title"))
            if condition
        ]

    def _ranked_tiers(self):
        """The matching entries in ranking tiers, best first, each newest first.

        Separate queries rather than one ORDER BY over every match: the first page of a word found in
        half the catalogue reads a few dozen rows along the newest-first index instead of sorting them all.
        """
        entries = self._matching_entries()
        compiler = self.query_compiler
        if not compiler.order_by_relevance or is_match_all(compiler.query):
            return [entries.order_by(*compiler.entry_order())]
        # A tier's condition implies a match: one vector condition a query, the others by id through the
        # index, since as a row filter PostgreSQL would read (detoast) the vector of every candidate row,
        # a cost its planner does not see.
        filtered, tiers, better = self._filtered_entries(), [], Q()
        for condition in self._tiers():
            tiers.append(filtered.filter(Q(condition) & ~better if better else Q(condition)))
            better |= Q(id__in=SearchEntry.objects.filter(condition).values("id"))
        tiers.append(entries.exclude(better) if better else entries)
        return [tier.order_by(*NEWEST_FIRST) for tier in tiers]

    def _window(self, tiers):
        """The entry ids of results [start:stop] across the tiers, each a (count, slice) pair of functions.

        A tier is counted only when the window starts past its beginning.
        """
        ids, skip = [], self.start
        wanted = None if self.stop is None else self.stop - self.start
        for count, window in tiers:
            if wanted is not None and len(ids) >= wanted:
                break
            if skip:
                size = count()
                if skip >= size:
                    skip -= size
                    continue
            stop = None if wanted is None else skip + wanted - len(ids)
            ids.extend(window(skip, stop))
            skip = 0
        return ids

    def _queryset_tier(self, entries):
        return entries.count, lambda start, stop: self.backend.store.newest_ids(entries, start, stop)

    # --- the store's own path (SQLite): pages, counts and facets from its index alone ---

    def _selection(self):
        """The store's selection of the entries to search, or None when it has none or cannot apply the filters."""
        store = self.backend.store
        compiler = self.query_compiler
        if not hasattr(store, "selection"):
            return None
        try:
            if not compiler.order_by_relevance:
                compiler.entry_order()
            content_types = get_descendants_content_types_pks(compiler.queryset.model)
            return store.selection(content_types, compiler.entry_filter())
        except NotOnEntry:
            return None

    def _store_plan(self):
        """The plan to match, None for every entry."""
        return None if is_match_all(self.query_compiler.query) else self.plan

    def _nothing_matches(self):
        """The query has a word no document contains (an empty plan): no need to ask the index."""
        return self._store_plan() is not None and not self.plan

    def _store_tiers(self, selection):
        store = self.backend.store
        relevance = self.query_compiler.order_by_relevance
        return [
            (
                lambda tier=tier: store.count(selection, *tier),
                lambda start, stop, tier=tier: store.entry_ids(selection, *tier[:2], start, stop, tier[2]),
            )
            for tier in store.tiers(self._store_plan(), relevance)
        ]

    def _everything(self, selection):
        """The FTS expression of every match, None for all entries."""
        plan = self._store_plan()
        return None if plan is None else self.backend.store.tiers(plan, relevance=False)[0][0]

    def _fallback_queryset(self):
        """The caller's queryset narrowed to the matches, for filters the entry does not copy."""
        compiler = self.query_compiler
        queryset = compiler.queryset
        if is_match_all(compiler.query):
            return queryset
        entries = SearchEntry.objects.filter(
            content_type_id__in=get_descendants_content_types_pks(queryset.model)
        )
        matching = (
            entries.filter(self.backend.store.condition(self.plan, "all")) if self.plan else entries.none()
        )
        queryset = queryset.filter(pk__in=matching.values("object_id"))
        if compiler.order_by_relevance:
            steps = [
                When(pk__in=entries.filter(condition).values("object_id"), then=Value(rank))
                for rank, condition in enumerate(self._tiers())
            ]
            tier = Case(*steps, default=Value(len(steps)), output_field=IntegerField()) if steps else Value(0)
            return queryset.annotate(_search_tier=tier).order_by("_search_tier", "-pk")
        return queryset if queryset.query.order_by else queryset.order_by("-pk")

    def _do_search(self):
        with self.backend.store.searching():
            return self._search()

    def _search(self):
        if self._nothing_matches():
            return []
        selection = self._selection()
        try:
            tiers = (
                self._store_tiers(selection)
                if selection is not None
                else [self._queryset_tier(tier) for tier in self._ranked_tiers()]
            )
            entry_ids = self._window(tiers)
        except NotOnEntry:
            return list(self._fallback_queryset()[self.start : self.stop])
        object_ids = dict(SearchEntry.objects.filter(id__in=entry_ids).values_list("id", "object_id"))
        ids = [object_ids[pk] for pk in entry_ids if pk in object_ids]
        objects = self.query_compiler.queryset.in_bulk(ids)
        return [objects[pk] for pk in ids if pk in objects]

    def _do_count(self):
        with self.backend.store.searching():
            return self._count()

    def _count(self):
        if self._nothing_matches():
            return 0
        selection = self._selection()
        try:
            if selection is not None:
                return self._cached(
                    "count", lambda: self.backend.store.count(selection, self._everything(selection))
                )
            return self._cached("count", self._matching_entries().count)
        except NotOnEntry:
            return self._fallback_queryset().count()

    def _cached(self, kind, compute):
        """A count or facets of this search, cached under the index version: the same query and filters
        on an unchanged index give the same figures. Only for searches the entry table answers."""
        selection = self._selection()
        if selection is not None:
            what = repr(selection.where(self._everything(selection)))
        else:
            what = str(self._matching_entries().query)
        digest = hashlib.md5(f"{kind}:{what}".encode()).hexdigest()
        key = f"search:{kind}:{IndexVersion.current()}:{digest}"
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, CACHE_TIMEOUT)
        return value

    def facet(self, field_name):
        """Counts of results by a filter field, or by "year" of publication, most frequent first."""
        with self.backend.store.searching():
            return self._facet(field_name)

    def _facet(self, field_name):
        try:
            rows = self._entry_facet(field_name) if field_name in ENTRY_FACETS else None
        except NotOnEntry:
            rows = None
        if rows is None:
            rows = self._fallback_facet(field_name)
        return OrderedDict(sorted(rows, key=lambda row: (-row[1], str(row[0]))))

    def _entry_facet(self, field_name):
        """Counts by one facet, from the counts by all three that one pass over the matching entries gives."""
        if not hasattr(self, "_facet_rows"):
            self._facet_rows = [] if self._nothing_matches() else self._cached("facets", self._all_facet_rows)
        position = list(ENTRY_FACETS).index(field_name)
        counts = {}
        for row in self._facet_rows:
            counts[row[position]] = counts.get(row[position], 0) + row[-1]
        return list(counts.items())

    def _all_facet_rows(self):
        selection = self._selection()
        if selection is not None:
            return self.backend.store.facet_rows(selection, self._everything(selection))
        return list(self._matching_entries().values_list(*ENTRY_FACETS.values()).annotate(count=Count("id")))

    def _fallback_facet(self, field_name):
        if self.query_compiler._get_filterable_field(field_name) is None:
            raise FilterFieldError(
                f'Cannot facet search results with field "{field_name}". Please add index.FilterField'
                f'("{field_name}") to {self.query_compiler.queryset.model.__name__}.search_fields.',
                field_name=field_name,
            )
        return self._fallback_queryset().order_by().values_list(field_name).annotate(count=Count("pk"))


class EmbeddedSearchBackend(BaseSearchBackend):
    query_compiler_class = EmbeddedQueryCompiler
    autocomplete_query_compiler_class = EmbeddedQueryCompiler  # the admin's searches get the same Chinese
    index_class = EmbeddedIndex
    results_class = EmbeddedSearchResults
    rebuilder_class = EmbeddedRebuilder

    def __init__(self, params):
        super().__init__(params)
        self.store = store_for(connection.vendor)

    def contains(self, folded):
        with self.store.searching():
            return self.store.contains(folded)

    def contains_key(self, key):
        with self.store.searching():
            return self.store.contains_key(key)

    def matches_any(self, requirements):
        with self.store.searching():
            return self.store.matches_any(SearchPlan(tuple(requirements), ""))


def store_for(vendor):
    if vendor == "postgresql":
        from .postgres import PostgresStore

        return PostgresStore()
    from .sqlite import SQLiteStore

    return SQLiteStore()


SearchBackend = EmbeddedSearchBackend
