"""The token index on PostgreSQL: tsvector columns of the entries' bigrams and trigrams, with GIN indexes.

The vectors are built from our own tokens (`array_to_tsvector`), never by a text-search parser, and
queries are cast straight to `tsquery`: no stemming, no stop words, the same tokens as on SQLite.
"""

from contextlib import contextmanager

from django.db import connection, transaction

from ..analysis import index_tokens, query_atoms
from .embedded import EntryCondition

TABLE = '"search_searchentry"'
COLUMNS = {"all": "all_vec", "title": "title_vec"}


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


class PostgresStore:
    @contextmanager
    def searching(self):
        """Searches run with sequential scans priced out: the planner does not count the cost of reading
        each row's TOASTed vector, so on a few thousand rows it would scan them all for a rare word."""
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            yield

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

    @staticmethod
    def _any(column, query):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {TABLE} WHERE {column} @@ %s::tsquery LIMIT 1", [query])
            return cursor.fetchone() is not None
