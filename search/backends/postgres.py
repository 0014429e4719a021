"""The token index on PostgreSQL: tsvector columns of the entries' bigrams and trigrams, with GIN indexes.

The vectors are built from our own tokens (`array_to_tsvector`), never by a text-search parser, and
queries are cast straight to `tsquery`: no stemming, no stop words, the same tokens as on SQLite.
"""

import json
import math
from contextlib import contextmanager

from django.db import connection, transaction

from ..analysis import index_tokens, query_atoms
from ..models import SearchEntry
from .embedded import NEWEST_FIRST, EntryCondition

TABLE = '"search_searchentry"'
COLUMNS = {"all": "all_vec", "title": "title_vec"}
# The first pages of a tier (up to this many results) of a word in one entry in WALK_BATCH or more are
# looked for among the newest entries, instead of sorting every match.
WALK_PAGES_UP_TO = 100
WALK_BATCH = 40


def _alternative(text):
    return " & ".join(
        f"'{value}'" if kind == "token" else f"'{value}':*" for kind, value in query_atoms(text)
    )


def ts_query(plan):
    """The tsquery text for a plan's words (every requirement, any of its alternatives)."""
    return " & ".join(
        "(" + " | ".join(f"({_alternative(text)})" for text in requirement.alternatives) + ")"
        for requirement in plan.requirements
    )


def _planner(cursor, **settings):
    cursor.execute(
        "; ".join(f"SET LOCAL {name} = {'on' if value else 'off'}" for name, value in settings.items())
    )


class PostgresStore:
    def __init__(self):
        self._inside = False

    @contextmanager
    def searching(self):
        """Searches answer vector conditions from their GIN indexes only (bitmap scans, no row-by-row scans).

        The planner does not count the cost of reading a row's TOASTed vector: left to itself it walks an
        index reading the vector of every row for a word it guesses to be in 0.5% of them and that is in
        none (0.9 s at 100,000 entries). `newest_ids` reads the date index itself, without vectors.
        A search's own lookups (is this word anywhere?) run inside it.
        """
        if self._inside:
            yield
            return
        with transaction.atomic(), connection.cursor() as cursor:
            _planner(cursor, enable_seqscan=False, enable_indexscan=False)
            self._inside = True
            try:
                yield
            finally:
                self._inside = False

    def newest_ids(self, entries, start, stop):
        """Ids of the entries [start:stop], newest first.

        GIN hands out matches in no order, so the first page of a word in 50,000 titles would sort them
        all. For the first pages of a common word, a batch of the newest entries is read from the date
        index instead and the matching ones kept. A rare word's matches are few, and cheaper to sort.
        """
        batch = self._batch(entries, stop) if stop is not None and stop <= WALK_PAGES_UP_TO else None
        found = self._newest_matches(entries, stop, batch) if batch else None
        if found is not None:
            return found[start:stop]
        return list(entries.values_list("id", flat=True)[start:stop])

    @staticmethod
    def _batch(entries, stop):
        """How many of the newest entries to read for `stop` matches: twice what the planner expects to
        need, or None when that is over WALK_BATCH × stop. The planner's statistics know the frequent
        tokens; one they do not list is guessed rare, and a wrong guess costs one batch."""
        estimate = json.loads(entries.order_by().explain(format="json"))[0]["Plan"]["Plan Rows"]
        rows = max(json.loads(SearchEntry.objects.explain(format="json"))[0]["Plan"]["Plan Rows"], 1)
        needed = math.ceil(2 * stop * rows / max(estimate, 1))
        return needed if needed <= WALK_BATCH * stop else None

    @staticmethod
    def _newest_matches(entries, stop, batch):
        """The first `stop` matches among the newest `batch` entries; None when the batch holds fewer and
        older entries remain."""
        newest = SearchEntry.objects.order_by(*NEWEST_FIRST)
        with connection.cursor() as cursor:
            _planner(cursor, enable_indexscan=True)
            try:
                candidates = list(newest.values_list("id", flat=True)[:batch])
            finally:
                _planner(cursor, enable_indexscan=False)
        matching = set(entries.filter(id__in=candidates).values_list("id", flat=True))
        found = [pk for pk in candidates if pk in matching]
        return found if len(found) >= stop or len(candidates) < batch else None

    def write(self, indexed):
        rows = []
        for item in indexed:
            title = index_tokens(item.title)
            rows.append(
                (sorted(title), sorted(title | index_tokens(item.body)), item.keys.split(), item.entry.pk)
            )
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {TABLE} SET title_vec = array_to_tsvector(%s::text[]), "
                "all_vec = array_to_tsvector(%s::text[]), keys_vec = array_to_tsvector(%s::text[]) WHERE id = %s",
                rows,
            )

    def erase(self, entry_ids):
        """The vectors go with their entry rows."""

    def reset(self):
        """The vectors go with their entry rows."""

    def optimize(self):
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {TABLE}")

    def condition(self, plan, scope):
        """Entries matching the plan: GIN answers it for a rare word, the newest-first index with this as a
        filter for a common one (the planner chooses: the tsvector statistics know each token's frequency)."""
        parts, params = [], []
        if scope in COLUMNS and plan.requirements:
            parts.append(f"{{table}}.{COLUMNS[scope]} @@ %s::tsquery")
            params.append(ts_query(plan))
        if scope in ("all", "keys") and plan.key:
            parts.append("{table}.keys_vec @@ %s::tsquery")
            params.append(f"'{plan.key}'")
        if not parts:
            return None
        return EntryCondition("(" + " OR ".join(parts) + ")", params)

    def contains(self, folded):
        return self._any("all_vec", _alternative(folded))

    def contains_key(self, key):
        return self._any("keys_vec", f"'{key}'")

    def matches_any(self, plan):
        return self._any("all_vec", ts_query(plan))

    @staticmethod
    def _any(column, query):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {TABLE} WHERE {column} @@ %s::tsquery LIMIT 1", [query])
            return cursor.fetchone() is not None
