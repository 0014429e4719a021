#!/usr/bin/env python
"""Catalogue benchmark: bulk-load N disclosure items, then time the public catalogue and an item page.

    .venv/bin/python tests/bench/bench_catalogue.py                      # 1,000 then 100,000 items, SQLite
    .venv/bin/python tests/bench/bench_catalogue.py --items 1000         # one size
    .venv/bin/python tests/bench/bench_catalogue.py --database-url postgres://postgres@127.0.0.1:5432/bench

Runs on a throwaway database of its own (a SQLite file in a temporary directory, or a PostgreSQL
database whose name starts with `bench`, dropped and created here), never on var/db.sqlite3. With
several sizes the same database grows from one to the next.

Each page is requested once right after the catalogue changed ("cold": cached facets and counts
empty, as for the first visitor after a publication), once more to count the SQL queries of a
warm request, then timed over --repeat requests: median and 95th percentile of the wall-clock
time, and the median CPU time of this process (with SQLite that includes the database's work,
and it moves much less than wall-clock time when other processes compete for the CPUs).
The query counts must not depend on the number of items: the script exits with status 1 if they
do. Keyword search (q) is not timed here: it goes to the search backend, and bulk-loaded items
are not in its index.
"""

import argparse
import datetime
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
BATCH = 2000
FIRST_DAY, LAST_DAY = datetime.date(2010, 1, 1), datetime.date(2026, 6, 30)
PUBLISHERS = [  # (name, weight): one body publishes most items, as in the real catalogue
    ("楚雄州乡村振兴局", 6),
    ("楚雄州人民政府扶贫开发办公室", 2),
    ("楚雄州财政局", 1),
    ("楚雄州发展和改革委员会", 1),
    ("楚雄州民政局", 1),
]
TOPICS = [
    "扶贫资金管理",
    "产业扶贫项目",
    "易地扶贫搬迁",
    "健康扶贫",
    "教育扶贫",
    "农村危房改造",
    "驻村工作队",
]
KINDS = ["通知", "公告", "实施方案", "工作要点", "情况报告", "考核结果"]
SUBCATEGORY = ("funds-projects", "项目公告", "funds")  # slug, name, parent: exercises descendant filtering


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--items", type=int, nargs="+", default=[1000, 100_000], help="catalogue sizes, ascending"
    )
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per page (default 30)")
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL URL whose database name starts with 'bench' (it is dropped and recreated); "
        "default: SQLite in a temporary directory",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database and temporary directory")
    parser.add_argument("--seed", type=int, default=2018, help="random seed of the generated items")
    args = parser.parse_args()
    if args.items != sorted(args.items) or args.items[0] < 1:
        parser.error("--items must be positive and ascending")
    return args


# --- the throwaway database -------------------------------------------------------------------------


def postgres_admin_connection(url):
    import psycopg

    parts = urlsplit(url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    return psycopg.connect(admin_url, autocommit=True), parts.path.lstrip("/")


def create_postgres_database(url):
    connection, name = postgres_admin_connection(url)
    if not name.startswith("bench") or not name.replace("_", "").isalnum():
        sys.exit(f"refusing to drop and recreate database {name!r}: its name must start with 'bench'")
    with connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_postgres_database(url):
    connection, name = postgres_admin_connection(url)
    with connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def configure_django(database_url, var_dir):
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai_site.settings"
    os.environ["DJANGO_SECRET_KEY"] = "bench-only-not-a-secret"
    os.environ["DJANGO_DEBUG"] = "0"  # production settings: cached templates, no debug toolbar
    os.environ["DJANGO_ALLOWED_HOSTS"] = "localhost,testserver"
    os.environ["DATABASE_URL"] = database_url
    os.environ["GONGKAI_VAR_DIR"] = str(var_dir)
    os.environ.pop("DJANGO_CACHE_BACKEND", None)  # the default database cache, in the throwaway database
    os.environ["GONGKAI_PAGE_CACHE_SECONDS"] = "0"  # rendering is measured here; bench_http.py the page cache
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- bulk loading ------------------------------------------------------------------------------------


def random_date(rng):
    return FIRST_DAY + datetime.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))


def insert_rows(model, rows):
    """INSERT rows (dicts of attname → value) into the model's own table, other columns at their default.

    Multi-row INSERT statements (COPY on PostgreSQL) of plain values: building model instances for
    bulk_create costs ten times the INSERTs themselves (Page.__init__, modelcluster, per-field
    preparation).
    """
    from django.db import connection
    from django.db.models import AutoField, BigAutoField

    fields = [f for f in model._meta.local_concrete_fields if not isinstance(f, AutoField | BigAutoField)]
    given = rows[0].keys()
    constants = {
        f.attname: f.get_db_prep_save(f.get_default(), connection) for f in fields if f.attname not in given
    }
    convert = {  # values the driver cannot take as they are
        f.attname: f
        for f in fields
        if f.attname in given and f.get_internal_type() in {"DateField", "DateTimeField", "UUIDField"}
    }
    values = [
        [
            constants[f.attname]
            if f.attname in constants
            else convert[f.attname].get_db_prep_save(row[f.attname], connection)
            if f.attname in convert
            else row[f.attname]
            for f in fields
        ]
        for row in rows
    ]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    if connection.vendor == "postgresql":  # COPY: three times faster than INSERT there
        with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)
        return
    placeholder = f"({', '.join(['%s'] * len(fields))})"
    per_statement = (connection.features.max_query_params or 30_000) // len(fields)
    with connection.cursor() as cursor:
        for start in range(0, len(values), per_statement):
            chunk = values[start : start + per_statement]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([placeholder] * len(chunk))}",
                [value for row in chunk for value in row],
            )


def load_items(catalogue, start, count, rng):
    """Add `count` live items under the catalogue, numbered from `start`, without Page.add_child.

    add_child saves one page at a time (several queries and a tree update each): hours for 100k.
    Here the treebeard paths are computed directly (`path` = the catalogue's path + a 4-character
    step, `depth` + 1, `numchild` 0, and the catalogue's numchild raised at the end), the
    wagtailcore_page rows are inserted in batches, then the DisclosureItemPage rows pointing at them
    through page_ptr_id (multi-table inheritance, which Django's bulk_create refuses).
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from cms_pages.models import Category, DisclosureItemPage

    content_type_id = ContentType.objects.get_for_model(DisclosureItemPage).pk
    locale_id = Locale.get_default().pk
    category_ids = list(Category.objects.values_list("pk", flat=True))
    names, weights = zip(*PUBLISHERS, strict=True)
    last_child = catalogue.get_last_child()
    first_step = Page._str2int(last_child.path[-Page.steplen :]) + 1 if last_child else 1
    started = time.perf_counter()

    for batch_start in range(0, count, BATCH):
        batch = range(batch_start, min(batch_start + BATCH, count))
        pages, details = [], []
        for offset in batch:
            number = start + offset
            published = random_date(rng)
            stamp = timezone.make_aware(datetime.datetime.combine(published, datetime.time(9, 30)))
            title = f"关于{rng.choice(TOPICS)}的{rng.choice(KINDS)}（第{number}号）"
            slug = f"item-{number}"
            pages.append(
                {
                    "path": Page._get_path(catalogue.path, catalogue.depth + 1, first_step + offset),
                    "depth": catalogue.depth + 1,
                    "numchild": 0,
                    "translation_key": uuid.uuid4(),
                    "locale_id": locale_id,
                    "live": True,
                    "first_published_at": stamp,
                    "last_published_at": stamp,
                    "latest_revision_created_at": stamp,
                    "title": title,
                    "draft_title": title,
                    "slug": slug,
                    "content_type_id": content_type_id,
                    "url_path": f"{catalogue.url_path}{slug}/",
                }
            )
            formed = published - datetime.timedelta(days=rng.randrange(20))
            details.append(
                {
                    "index_number": f"11532300015167874P-/{published:%Y-%m%d}{number:03d}",
                    "category_id": rng.choice(category_ids),
                    "publisher": rng.choices(names, weights)[0],
                    "subject_words": "扶贫 公开",
                    "doc_number": f"楚扶贫办发〔{published.year}〕{number % 300 + 1}号",
                    "summary": f"{title}的主要内容、适用范围和办理时限。",
                    "written": formed - datetime.timedelta(days=rng.randrange(30)),
                    "formed": formed,
                    "published": published,
                    "body": f"<p>{title}。</p><p>各县市乡村振兴局：现将有关事项通知如下。</p>",
                }
            )
        with transaction.atomic():
            insert_rows(Page, pages)
            ids = dict(
                Page.objects.filter(
                    depth=catalogue.depth + 1, path__gte=pages[0]["path"], path__lte=pages[-1]["path"]
                ).values_list("path", "pk")
            )
            for page, fields in zip(pages, details, strict=True):
                fields["page_ptr_id"] = ids[page["path"]]
            insert_rows(DisclosureItemPage, details)
        if batch.stop == count or batch.stop % (10 * BATCH) == 0:
            print(f"  {start + batch.stop - 1:>7} items  ({time.perf_counter() - started:5.1f}s)", flush=True)

    Page.objects.filter(pk=catalogue.pk).update(numchild=F("numchild") + count)
    catalogue.refresh_from_db()


def prepare_database():
    from django.core.management import call_command

    from cms_pages.models import Category, GuidePage
    from cms_pages.setup import ensure_site_structure

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable")
    _agency, home, catalogue, _groups = ensure_site_structure()
    # Every site has its guide (the footer shows its contacts). Added after the catalogue, as an
    # office would, it sorts after every item in path order: see docs/benchmarks.md.
    home.add_child(
        instance=GuidePage(
            title="公开指南",
            slug="guide",
            show_in_menus=True,
            office_name="综合科",
            address="楚雄市鹿城南路 675000",
            hours="工作日 上午9:00—12:00，下午14:30—17:30",
            phone="0878-3122000",
            fax="0878-3122001",
            email="gongkai@example.cn",
            classification="<p>按公开目录分类编排。</p>",
            how_to_obtain="<p>在本网站查阅，或依申请获取。</p>",
        )
    )
    slug, name, parent = SUBCATEGORY
    Category.objects.get_or_create(
        slug=slug, defaults={"name": name, "parent": Category.objects.get(slug=parent)}
    )
    return catalogue


def after_load(vendor):
    from django.db import connection

    from cms_pages.catalogue import catalogue_changed

    if vendor == "postgresql":
        # What autovacuum would do shortly after a bulk import; SQLite keeps no statistics unless
        # ANALYZE is run, which a default installation never does, so it is left without.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    catalogue_changed()  # bulk inserts send no page_published signals


# --- measuring ---------------------------------------------------------------------------------------


def pages_to_measure(catalogue, page_size):
    from cms_pages.models import DisclosureItemPage

    items = DisclosureItemPage.objects.order_by("pk")
    middle = items[items.count() // 2]
    publisher = PUBLISHERS[2][0]
    base = catalogue.url
    pages = [
        ("catalogue, page 1", base),
        ("catalogue, page 500", f"{base}?page=500"),
        ("category (leaf)", f"{base}?category=policy"),
        ("category (with sub-category)", f"{base}?category=funds"),
        ("year", f"{base}?year=2018"),
        ("category + year", f"{base}?category=policy&year=2018"),
        ("publisher", f"{base}?publisher={publisher}"),
        ("item page", middle.url),
    ]
    total = DisclosureItemPage.objects.count()
    return [(label, url) for label, url in pages if "page=500" not in url or total > 499 * page_size]


def expected_count(url):
    """The number of matching items, counted here without the catalogue's caches."""
    from django.http import QueryDict

    from cms_pages.catalogue import CatalogueQuery

    query = CatalogueQuery.from_params(QueryDict(urlsplit(url).query))
    return query.items().order_by().count()  # a clone: not the paginated queryset


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(client, label, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cms_pages.catalogue import catalogue_changed

    catalogue_changed()  # as after a publication: facets and counts are computed again
    with CaptureQueriesContext(connection) as cold_queries:
        started = time.perf_counter()
        response = client.get(url)
        cold = (time.perf_counter() - started) * 1000
    # Counted now: the log is emptied at the start of every later request (django.db.reset_queries).
    cold_query_count = len(cold_queries)
    if response.status_code != 200:
        sys.exit(f"{url}: HTTP {response.status_code}")
    if "item" not in label:
        count = expected_count(url)
        if f"共 {count} 条" not in response.content.decode():
            sys.exit(f"{url}: the page does not show the expected count {count}")
    with CaptureQueriesContext(connection) as warm_queries:
        client.get(url)
    query_count = len(warm_queries)
    timings, cpu_timings = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        cpu_timings.append((time.process_time() - cpu_started) * 1000)
    return {
        "label": label,
        "url": url,
        "cold_ms": cold,
        "cold_queries": cold_query_count,
        "queries": query_count,
        "median_ms": statistics.median(timings),
        "p95_ms": percentile(timings, 0.95),
        "cpu_ms": statistics.median(cpu_timings),
    }


def run_size(client, catalogue, page_size, repeat):
    results = []
    for label, url in pages_to_measure(catalogue, page_size):
        results.append(measure(client, label, url, repeat))
        print(f"  {label}: {results[-1]['median_ms']:.1f} ms", flush=True)
    return results


# --- reporting ---------------------------------------------------------------------------------------


def machine_description(vendor):
    from django.db import connection

    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in line
    )
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            cursor.execute("SELECT sqlite_version()")
            database = f"SQLite {cursor.fetchone()[0]}"
    import django
    import wagtail

    return (
        f"{len(os.sched_getaffinity(0))} CPUs (nproc; {cpu}), {memory_kb / 1024 / 1024:.0f} GiB RAM, "
        f"Python {platform.python_version()}, Django {django.get_version()}, Wagtail {wagtail.__version__}, "
        f"{database}; {datetime.date.today().isoformat()}"
    )


def markdown_table(results):
    lines = [
        "| page | URL | queries | median ms | p95 ms | CPU ms | cold ms (queries) |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['label']} | `{r['url']}` | {r['queries']} | {r['median_ms']:.1f} | {r['p95_ms']:.1f} "
            f"| {r['cpu_ms']:.1f} | {r['cold_ms']:.1f} ({r['cold_queries']}) |"
        )
    return "\n".join(lines)


def comparison_table(small_size, small, large_size, large):
    """Each page at both sizes; returns the table and whether the query counts differ."""
    before = {r["label"]: r for r in small}
    lines = [
        f"| page | queries | median ms {small_size:,} → {large_size:,} | ratio "
        f"| CPU ms {small_size:,} → {large_size:,} | ratio |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    queries_differ = False
    for r in large:
        b = before.get(r["label"])
        if b is None:
            lines.append(f"| {r['label']} | – → {r['queries']} | – → {r['median_ms']:.1f} | – | – | – |")
            continue
        queries_differ |= b["queries"] != r["queries"]
        lines.append(
            f"| {r['label']} | {b['queries']} → {r['queries']} "
            f"| {b['median_ms']:.1f} → {r['median_ms']:.1f} | {r['median_ms'] / b['median_ms']:.2f}× "
            f"| {b['cpu_ms']:.1f} → {r['cpu_ms']:.1f} | {r['cpu_ms'] / b['cpu_ms']:.2f}× |"
        )
    return "\n".join(lines), queries_differ


def main():
    args = parse_args()
    temp_dir = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    database_url = args.database_url or f"sqlite:///{temp_dir / 'bench.sqlite3'}"
    if args.database_url:
        create_postgres_database(database_url)
    try:
        configure_django(database_url, temp_dir)
        from django.db import connection
        from django.test import Client
        from wagtail.models import Site

        from cms_pages.models import DisclosureSettings

        vendor = connection.vendor
        print(f"Database: {database_url}", flush=True)
        started = time.perf_counter()
        catalogue = prepare_database()
        print(f"  migrated in {time.perf_counter() - started:.1f}s", flush=True)
        client = Client(HTTP_HOST=Site.objects.get(is_default_site=True).hostname)
        page_size = DisclosureSettings.load().catalogue_page_size
        rng = random.Random(args.seed)
        results, loaded = {}, 0
        for size in args.items:
            print(f"Loading {size - loaded:,} items…", flush=True)
            load_items(catalogue, loaded + 1, size - loaded, rng)
            loaded = size
            after_load(vendor)
            print(f"Measuring at {size:,} items ({args.repeat} requests per page)…", flush=True)
            results[size] = run_size(client, catalogue, page_size, args.repeat)

        print(f"\n{machine_description(vendor)}\n")
        for size, rows in results.items():
            print(f"### {size:,} items, {vendor}\n\n{markdown_table(rows)}\n")
        status = 0
        if len(results) > 1:
            smallest, largest = args.items[0], args.items[-1]
            table, queries_differ = comparison_table(smallest, results[smallest], largest, results[largest])
            print(f"### {largest:,} against {smallest:,} items\n\n{table}\n")
            slower = [
                r["label"]
                for r in results[largest]
                if any(
                    b["label"] == r["label"] and r["median_ms"] > 1.5 * b["median_ms"]
                    for b in results[smallest]
                )
            ]
            if slower:
                print(f"Note: more than 1.5× slower at {largest:,} items: {', '.join(slower)}.")
            if queries_differ:
                print("FAIL: the number of SQL queries depends on the number of items.")
                status = 1
        return status
    finally:
        if "django.db" in sys.modules:
            from django.db import connections

            connections.close_all()
        if args.database_url and not args.keep:
            drop_postgres_database(database_url)
        if args.keep:
            print(f"Kept {temp_dir}" + (f" and {database_url}" if args.database_url else ""))
        else:
            shutil.rmtree(temp_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
