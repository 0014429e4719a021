"""PostgreSQL: an index that really gives the entries newest first, and publishers kept in the row.

Searches order by `date DESC NULLS LAST` (undated entries last), but PostgreSQL puts NULLs first in a
plain DESC index, so it could never read that index in order: the first page of a word in 50,000
titles sorted all 50,000. The index keeps its name and is rebuilt in the searches' order (SQLite
already sorts NULLs last in a DESC index).

The publisher's name (40-odd bytes of UTF-8) was moved out of line by `toast_tuple_target = 128`
(0003), so faceting 75,000 matches read 75,000 TOAST values; it is now stored plainly in the row.
"""

from django.db import migrations

NULLS_LAST = (
    "CREATE INDEX search_entry_newest_first ON search_searchentry (date DESC NULLS LAST, object_id DESC)"
)
NULLS_FIRST = "CREATE INDEX search_entry_newest_first ON search_searchentry (date DESC, object_id DESC)"


def _rebuild_index(schema_editor, definition):
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_newest_first")
    schema_editor.execute(definition)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _rebuild_index(schema_editor, NULLS_LAST)
    schema_editor.execute("ALTER TABLE search_searchentry ALTER COLUMN publisher SET STORAGE PLAIN")
    # A new value is written in the row; an unchanged one would keep its TOAST pointer.
    schema_editor.execute("UPDATE search_searchentry SET publisher = publisher || '' WHERE publisher <> ''")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _rebuild_index(schema_editor, NULLS_FIRST)
    schema_editor.execute("ALTER TABLE search_searchentry ALTER COLUMN publisher SET STORAGE EXTENDED")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_index_version")]

    operations = [migrations.RunPython(forwards, backwards)]
