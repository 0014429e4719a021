"""SQLite: the FTS rowid becomes the entry's date and id, the filter values become `meta` tokens, and the
titles get an FTS table of their own.

The index is rewritten from the folded text kept beside it, so no `update_index` is needed.
"""

from types import SimpleNamespace

from django.db import migrations

NEW_TABLES = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, keys, meta, content='', detail='column', tokenize='ascii')",
    "CREATE VIRTUAL TABLE search_fts_title USING fts5(title, keys, meta, content='', detail='column', tokenize='ascii')",
    "CREATE TABLE search_fts_text (id INTEGER PRIMARY KEY, fts_rowid INTEGER NOT NULL, title TEXT NOT NULL, "
    "body TEXT NOT NULL, keys TEXT NOT NULL, meta TEXT NOT NULL)",
]
OLD_TABLES = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, keys, content='', detail='column', tokenize='ascii')",
    "CREATE TABLE search_fts_text (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, keys TEXT NOT NULL)",
]
COLUMNS = "e.id, e.date, e.live, e.category_id, e.publisher, e.content_type_id, t.title, t.body, t.keys"


def _replace_tables(schema_editor, statements):
    cursor = schema_editor.connection.cursor()
    cursor.execute("ALTER TABLE search_fts_text RENAME TO search_fts_text_old")
    cursor.execute("DROP TABLE search_fts")
    cursor.execute("DROP TABLE IF EXISTS search_fts_title")
    for statement in statements:
        cursor.execute(statement)
    return cursor


def _has_meta(schema_editor):
    cursor = schema_editor.connection.cursor()
    cursor.execute("SELECT 1 FROM pragma_table_info('search_fts_text') WHERE name = 'meta'")
    return cursor.fetchone() is not None


def rewrite_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite" or _has_meta(schema_editor):
        return
    import datetime

    from search.backends.sqlite import insert_tokens, meta_tokens, rowid_of

    cursor = _replace_tables(schema_editor, NEW_TABLES)
    cursor.execute(
        f"SELECT {COLUMNS} FROM search_fts_text_old t JOIN search_searchentry e ON e.id = t.id"
    )
    texts = []
    for pk, day, live, category_id, publisher, content_type_id, title, body, keys in cursor.fetchall():
        day = datetime.date.fromisoformat(day) if isinstance(day, str) else day
        entry = SimpleNamespace(
            live=live, category_id=category_id, publisher=publisher, content_type_id=content_type_id
        )
        texts.append((pk, rowid_of(pk, day), title, body, keys, meta_tokens(entry)))
    cursor.executemany("INSERT INTO search_fts_text VALUES (%s, %s, %s, %s, %s, %s)", texts)
    insert_tokens(cursor, texts)
    cursor.execute("DROP TABLE search_fts_text_old")


def restore_index(apps, schema_editor):
    """Back to the first version's layout, which 0001 no longer creates."""
    if schema_editor.connection.vendor != "sqlite":
        return
    from search.backends.sqlite import _tokens

    cursor = _replace_tables(schema_editor, OLD_TABLES)
    cursor.execute("SELECT id, title, body, keys FROM search_fts_text_old")
    texts = cursor.fetchall()
    cursor.executemany("INSERT INTO search_fts_text VALUES (%s, %s, %s, %s)", texts)
    cursor.executemany(
        "INSERT INTO search_fts(rowid, title, body, keys) VALUES (%s, %s, %s, %s)",
        [(pk, _tokens(title), _tokens(body), keys) for pk, title, body, keys in texts],
    )
    cursor.execute("DROP TABLE search_fts_text_old")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(rewrite_index, restore_index)]
