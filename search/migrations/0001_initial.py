import django.db.models.deletion
from django.db import migrations, models

# The layout of 0002 (rowid by date, filter values as tokens, a title table), so that pages indexed by other apps'
# migrations before 0002 runs fit; 0002 rewrites an index created by the first version of this file.
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, keys, meta, content='', detail='column', tokenize='ascii')",
    "CREATE VIRTUAL TABLE search_fts_title USING fts5(title, keys, meta, content='', detail='column', tokenize='ascii')",
    "CREATE TABLE search_fts_text (id INTEGER PRIMARY KEY, fts_rowid INTEGER NOT NULL, title TEXT NOT NULL, "
    "body TEXT NOT NULL, keys TEXT NOT NULL, meta TEXT NOT NULL)",
]
# fastupdate off: a GIN pending list left by a bulk index update makes the planner price the index out
# (and scan every row's vector) until the next VACUUM.
POSTGRES_VECTORS = [
    "ALTER TABLE search_searchentry ADD COLUMN title_vec tsvector NOT NULL DEFAULT ''::tsvector, "
    "ADD COLUMN all_vec tsvector NOT NULL DEFAULT ''::tsvector, "
    "ADD COLUMN keys_vec tsvector NOT NULL DEFAULT ''::tsvector",
    "CREATE INDEX search_entry_title_vec ON search_searchentry USING gin (title_vec) WITH (fastupdate = off)",
    "CREATE INDEX search_entry_all_vec ON search_searchentry USING gin (all_vec) WITH (fastupdate = off)",
    "CREATE INDEX search_entry_keys_vec ON search_searchentry USING gin (keys_vec) WITH (fastupdate = off)",
]


def create_token_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_FTS, "postgresql": POSTGRES_VECTORS}.get(vendor, []):
        schema_editor.execute(statement)


def drop_token_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
        schema_editor.execute("DROP TABLE IF EXISTS search_fts_title")
        schema_editor.execute("DROP TABLE IF EXISTS search_fts_text")


def seed_synonyms(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SynonymGroup.objects.get_or_create(
        words="扶贫 乡村振兴", defaults={"note": "2021年州扶贫开发办公室更名为州乡村振兴局，旧文件用“扶贫”"}
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [("contenttypes", "0002_remove_content_type_name")]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("object_id", models.BigIntegerField()),
                ("live", models.BooleanField(default=True)),
                ("date", models.DateField(null=True)),
                ("year", models.SmallIntegerField(null=True)),
                ("category_id", models.BigIntegerField(null=True)),
                ("publisher", models.CharField(blank=True, max_length=100)),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype"
                    ),
                ),
            ],
            options={
                "verbose_name": "搜索索引条目",
                "verbose_name_plural": "搜索索引条目",
                "indexes": [models.Index(fields=["-date", "-object_id"], name="search_entry_newest_first")],
                "constraints": [
                    models.UniqueConstraint(fields=("content_type", "object_id"), name="search_entry_unique_object")
                ],
            },
        ),
        migrations.CreateModel(
            name="SynonymGroup",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "words",
                    models.CharField(
                        help_text="用空格或逗号分隔，如：扶贫 乡村振兴 脱贫攻坚。搜索其中任何一个词，都会同时查找其余各词。",
                        max_length=200,
                        unique=True,
                        verbose_name="同义词",
                    ),
                ),
                (
                    "note",
                    models.CharField(blank=True, help_text="为什么这些词同义，如机构更名", max_length=200, verbose_name="说明"),
                ),
            ],
            options={"verbose_name": "同义词", "verbose_name_plural": "同义词", "ordering": ["pk"]},
        ),
        migrations.RunPython(create_token_index, drop_token_index),
        migrations.RunPython(seed_synonyms, migrations.RunPython.noop),
    ]
