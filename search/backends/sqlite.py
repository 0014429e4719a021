"""The token index on SQLite: an FTS5 table of the entries' bigrams and trigrams.

The FTS table is contentless, keeping only the inverted index; the folded text it was given is kept
in `search_fts_text`, because forgetting a row means telling FTS5 the tokens it was given. It
records which column a token is in but not its positions (`detail=column`):
queries are ANDs of tokens, never phrases. The `ascii` tokenizer splits only at ASCII spaces and
punctuation, so each token we write stays one FTS token.
"""

from contextlib import nullcontext

from django.db import connection

from ..analysis import index_tokens, query_atoms
from .embedded import EntryCondition

FTS_TABLE = "search_fts"
TEXT_TABLE = "search_fts_text"
COLUMNS = {"all": "{title body}", "title": "{title}"}


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


def _fts_rows(texts):
    return [(pk, _tokens(title), _tokens(body), keys) for pk, title, body, keys in texts]


class SQLiteStore:
    def searching(self):
        return nullcontext()

    def write(self, indexed):
        texts = [(item.entry.pk, item.title, item.body, item.keys) for item in indexed]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TEXT_TABLE}(id, title, body, keys) VALUES (%s, %s, %s, %s)", texts
            )
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE}(rowid, title, body, keys) VALUES (%s, %s, %s, %s)", _fts_rows(texts)
            )

    def erase(self, entry_ids):
        if not entry_ids:
            return
        marks = ", ".join(["%s"] * len(entry_ids))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id, title, body, keys FROM {TEXT_TABLE} WHERE id IN ({marks})", entry_ids)
            texts = cursor.fetchall()
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body, keys) VALUES ('delete', %s, %s, %s, %s)",
                _fts_rows(texts),
            )
            cursor.execute(f"DELETE FROM {TEXT_TABLE} WHERE id IN ({marks})", entry_ids)

    def reset(self):
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")
            cursor.execute(f"DELETE FROM {TEXT_TABLE}")

    def optimize(self):
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
            cursor.execute("ANALYZE")

    def condition(self, plan, scope):
        expression = match_expression(plan, scope)
        if not expression:
            return None
        return EntryCondition(
            f"{{table}}.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)", [expression]
        )

    def contains(self, folded):
        return self._any(f"{COLUMNS['all']} : ({_alternative(folded)})")

    def contains_key(self, key):
        return self._any(f'{{keys}} : "{key}"')

    @staticmethod
    def _any(expression):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT 1", [expression])
            return cursor.fetchone() is not None
