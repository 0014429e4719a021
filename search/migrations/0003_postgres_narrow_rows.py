"""PostgreSQL: the entry rows keep their vectors out of line, so that counting and faceting the matches of a
common word reads a narrow table (a few MB at 100,000 entries) rather than every vector."""

from django.db import migrations


def narrow_rows(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchentry SET (toast_tuple_target = 128)")


def default_rows(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchentry RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_sqlite_ordered_index")]

    operations = [migrations.RunPython(narrow_rows, default_rows)]
