"""The token index on SQLite: an FTS5 table of the entries' bigrams and trigrams, newest rows last.

The FTS table is contentless, keeping only the inverted index; the folded text it was given is kept
in `search_fts_text`, because forgetting a row means telling FTS5 the tokens it was given. It
records which column a token is in but not its positions (`detail=column`): queries are ANDs of
tokens, never phrases. The `ascii` tokenizer splits only at ASCII spaces and punctuation, so each
token we write stays one FTS token.

A search never needs the entry table for its first page or its count. The FTS rowid is the entry's
date and id (`rowid_of`), so `ORDER BY rowid DESC LIMIT 20` reads the newest matches first and
stops; the filter values the entry copies are tokens of the `meta` column (`ct12`, `cat7`,
`pub…`, and `live0` on an entry that is not live, so that the usual `live=True` is a cheap NOT
rather than an AND with a list of every entry), and a date range is a rowid range. Only the
facets join the entry rows. The titles have an FTS table of their own, the same but for the body:
the title tier of a word found in many bodies and no title is then an empty list, not a walk
through every body's match.
"""

import datetime
import hashlib
from contextlib import nullcontext

from django.db import connection
from django.db.models import Q

from ..analysis import index_tokens, query_atoms
from ..models import SearchEntry
from .embedded import EntryCondition, NotOnEntry

FTS_TABLE = "search_fts"
TITLE_TABLE = "search_fts_title"
TEXT_TABLE = "search_fts_text"
COLUMNS = {"all": "{title body}", "title": "{title}"}
ID_BITS = 40
ID_MASK = (1 << ID_BITS) - 1
META_COLUMNS = ("live", "category_id", "publisher", "content_type_id")


def rowid_of(entry_id, day):
    """The FTS rowid of an entry: its date's day number above its id, so that rowid order is newest first."""
    return ((day.toordinal() if day else 0) << ID_BITS) | entry_id


def _day_bound(day):
    return day.toordinal() << ID_BITS


def _publisher_token(publisher):
    return "pub" + hashlib.md5(publisher.encode()).hexdigest()[:16]


def _token(column, value):
    if column == "live" and not value:
        return "live0"
    if column == "category_id":
        return "catnone" if value is None else f"cat{int(value)}"
    if column == "publisher":
        return _publisher_token(value or "")
    if column == "content_type_id":
        return f"ct{int(value)}"
    raise NotOnEntry


def meta_tokens(entry):
    columns = META_COLUMNS[1:] if entry.live else META_COLUMNS
    return " ".join(_token(column, getattr(entry, column)) for column in columns)


def _tokens(text):
    return " ".join(sorted(index_tokens(text)))


def _alternative(text):
    return " AND ".join(
        f'"{value}"' if kind == "token" else f'"{value}"*' for kind, value in query_atoms(text)
    )


def match_expression(plan, scope):
    """The FTS5 MATCH string for a plan: "all" (text or key), "title", or "keys"."""
    key = f'{{keys}} : "{plan.key}"' if plan.key else ""
    if scope == "keys":
        return key
    requirements = " AND ".join(
        "(" + " OR ".join(f"({_alternative(text)})" for text in requirement.alternatives) + ")"
        for requirement in plan.requirements
    )
    text = f"{COLUMNS[scope]} : ({requirements})" if requirements else ""
    if scope == "all" and key:
        return f"({text}) OR {key}" if text else key
    return text


class Selection:
    """Entries of some content types, passing the copied filters: a `{meta}` MATCH and a rowid range.

    Raises NotOnEntry for what it cannot say this way (a date range inside OR or NOT, a lookup on a
    value that is not a token); the generic query on the entry table then runs instead.
    """

    def __init__(self, content_type_ids, filters):
        self.low, self.high = None, None
        self.live_only = False
        tokens = " OR ".join(f'"{_token("content_type_id", pk)}"' for pk in content_type_ids)
        self.terms = [f"({tokens})"] if tokens else ['"ctnone"']
        self._add(filters)

    def _add(self, q):
        if q.negated:
            raise NotOnEntry
        if q.connector == "OR" and len(q.children) > 1:
            self.terms.append("(" + " OR ".join(self._tokens_of(child) for child in q.children) + ")")
            return
        for child in q.children:
            if isinstance(child, Q):
                self._add(child)
            elif child[0].startswith("date__"):
                self._date(child[0].removeprefix("date__"), child[1])
            elif child == ("live__exact", True):
                self.live_only = True
            else:
                self.terms.append(self._tokens_of(child))

    def _tokens_of(self, child):
        if isinstance(child, Q):
            if child.negated or child.connector == "AND" and len(child.children) > 1:
                raise NotOnEntry
            return "(" + " OR ".join(self._tokens_of(grandchild) for grandchild in child.children) + ")"
        column, lookup = child[0].rsplit("__", 1)
        if lookup == "exact":
            values = [child[1]]
        elif lookup == "in":
            values = list(child[1])
        elif lookup == "isnull" and column == "category_id":
            values = [None] if child[1] else []
            if not child[1]:
                raise NotOnEntry
        else:
            raise NotOnEntry
        return (
            "(" + " OR ".join(f'"{_token(column, value)}"' for value in values) + ")" if values else '"none"'
        )

    def _date(self, lookup, value):
        if type(value) is not datetime.date or lookup not in ("gt", "gte", "lt", "lte", "exact"):
            raise NotOnEntry
        if lookup in ("gt", "lte"):
            value += datetime.timedelta(days=1)
        bound = _day_bound(value)
        if lookup in ("gt", "gte", "exact"):
            self.low = bound if self.low is None else max(self.low, bound)
        if lookup == "exact":
            bound = _day_bound(value + datetime.timedelta(days=1))
        if lookup in ("lt", "lte", "exact"):
            self.high = bound if self.high is None else min(self.high, bound)

    def where(self, text=None, exclude=None, table=FTS_TABLE):
        """WHERE clause and parameters for the entries matching `text` (an FTS expression, or all) but not `exclude`."""
        meta = "{meta} : (" + " AND ".join(self.terms) + ")"
        expression = f"({text}) AND {meta}" if text else meta
        if self.live_only:
            expression = f'({expression}) NOT {{meta}} : "live0"'
        if exclude:
            expression = f"({expression}) NOT ({exclude})"
        sql, params = f"{table} MATCH %s", [expression]
        if self.low is not None:
            sql += f" AND {table}.rowid >= %s"
            params.append(self.low)
        if self.high is not None:
            sql += f" AND {table}.rowid < %s"
            params.append(self.high)
        return sql, params


def insert_tokens(cursor, texts, forget=False):
    """The tokens of (entry id, rowid, title, body, keys, meta) rows into both FTS tables, or out of them."""
    if not texts:
        return
    rows = [(rowid, _tokens(title), _tokens(body), keys, meta) for _, rowid, title, body, keys, meta in texts]
    for table, columns, values in (
        (FTS_TABLE, "rowid, title, body, keys, meta", rows),
        (TITLE_TABLE, "rowid, title, keys, meta", [(row[0], row[1], *row[3:]) for row in rows]),
    ):
        command, into = ("'delete', ", f"{table}, ") if forget else ("", "")
        marks = ", ".join(["%s"] * len(values[0]))
        cursor.executemany(f"INSERT INTO {table}({into}{columns}) VALUES ({command}{marks})", values)


class SQLiteStore:
    def searching(self):
        return nullcontext()

    def write(self, indexed):
        texts = [
            (
                item.entry.pk,
                rowid_of(item.entry.pk, item.entry.date),
                item.title,
                item.body,
                item.keys,
                meta_tokens(item.entry),
            )
            for item in indexed
        ]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TEXT_TABLE}(id, fts_rowid, title, body, keys, meta) VALUES (%s, %s, %s, %s, %s, %s)",
                texts,
            )
            insert_tokens(cursor, texts)

    def erase(self, entry_ids):
        if not entry_ids:
            return
        marks = ", ".join(["%s"] * len(entry_ids))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, fts_rowid, title, body, keys, meta FROM {TEXT_TABLE} WHERE id IN ({marks})",
                entry_ids,
            )
            texts = cursor.fetchall()
            insert_tokens(cursor, texts, forget=True)
            cursor.execute(f"DELETE FROM {TEXT_TABLE} WHERE id IN ({marks})", entry_ids)

    def forget_orphans(self):
        """Forget the rows of entries deleted behind the backend's back (a test database's flush): the
        contentless FTS tables can only forget a row when told its tokens. Returns how many."""
        orphaned = f"id NOT IN (SELECT id FROM {SearchEntry._meta.db_table})"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, fts_rowid, title, body, keys, meta FROM {TEXT_TABLE} WHERE {orphaned}"
            )
            texts = cursor.fetchall()
            insert_tokens(cursor, texts, forget=True)
            cursor.execute(f"DELETE FROM {TEXT_TABLE} WHERE {orphaned}")
        return len(texts)

    def reset(self):
        with connection.cursor() as cursor:
            for table in (FTS_TABLE, TITLE_TABLE):
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
            cursor.execute(f"DELETE FROM {TEXT_TABLE}")

    def optimize(self):
        with connection.cursor() as cursor:
            for table in (FTS_TABLE, TITLE_TABLE):
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
            cursor.execute("ANALYZE")

    # --- the generic path: a condition on the entry table ---

    @staticmethod
    def newest_ids(entries, start, stop):
        return list(entries.values_list("id", flat=True)[start:stop])

    def condition(self, plan, scope):
        expression = match_expression(plan, scope)
        if not expression:
            return None
        return EntryCondition(
            f"{{table}}.id IN (SELECT rowid & {ID_MASK} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)",
            [expression],
        )

    # --- the FTS-only path ---

    def selection(self, content_type_ids, filters):
        return Selection(content_type_ids, filters)

    def tiers(self, plan, relevance):
        """(match, exclude, table) of the ranking tiers, best first: the exact number, the title, the rest.

        `match` and `exclude` are FTS expressions (None: every entry, nothing); the title tier is read
        from the title table.
        """
        if plan is None:
            return [(None, None, FTS_TABLE)]
        everything = match_expression(plan, "all")
        if not relevance:
            return [(everything, None, FTS_TABLE)]
        key, title = match_expression(plan, "keys"), match_expression(plan, "title")
        tiers = [(key, None, FTS_TABLE)] if key else []
        if title:
            tiers.append((title, key or None, TITLE_TABLE))
        earlier = " OR ".join(f"({expression})" for expression in (key, title) if expression)
        tiers.append((everything, earlier or None, FTS_TABLE))
        return tiers

    def entry_ids(self, selection, match, exclude, start, stop, table=FTS_TABLE):
        """Entry ids of the tier's matches [start:stop], newest first: FTS reads them in rowid order and stops."""
        where, params = selection.where(match, exclude, table)
        limit = -1 if stop is None else stop - start
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid & {ID_MASK} FROM {table} WHERE {where} ORDER BY rowid DESC LIMIT %s OFFSET %s",
                [*params, limit, start],
            )
            return [row[0] for row in cursor.fetchall()]

    def count(self, selection, match, exclude=None, table=FTS_TABLE):
        where, params = selection.where(match, exclude, table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {table} WHERE {where}", params)
            return cursor.fetchone()[0]

    def facet_rows(self, selection, match):
        """(category_id, publisher, year, count) of the matches, in one pass over them."""
        where, params = selection.where(match)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.category_id, e.publisher, e.year, count(*) FROM {FTS_TABLE} "
                f"JOIN search_searchentry e ON e.id = ({FTS_TABLE}.rowid & {ID_MASK}) WHERE {where} GROUP BY 1, 2, 3",
                params,
            )
            return cursor.fetchall()

    def contains(self, folded):
        return self._any(f"{COLUMNS['all']} : ({_alternative(folded)})")

    def contains_key(self, key):
        return self._any(f'{{keys}} : "{key}"')

    def matches_any(self, plan):
        return self._any(match_expression(plan, "all"))

    @staticmethod
    def _any(expression):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT 1", [expression])
            return cursor.fetchone() is not None
