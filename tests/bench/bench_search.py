#!/usr/bin/env python
"""Search benchmark: load N generated disclosure items, index them, then time searches.

    .venv/bin/python tests/bench/bench_search.py                         # 10,000 then 100,000 items, SQLite
    .venv/bin/python tests/bench/bench_search.py --items 10000
    .venv/bin/python tests/bench/bench_search.py --database-url postgres://postgres@127.0.0.1:5432/searchbench
    .venv/bin/python tests/bench/bench_search.py --sqlite /tmp/search100k.sqlite3 --items 100000 --reuse

Runs on a throwaway database: a SQLite file in a temporary directory (or the file given with
--sqlite), or a PostgreSQL database whose name ends in `searchbench` (dropped and created here).
With --reuse the database is kept and only the items it lacks are added, so that a large catalogue
is generated once and measured again after a change. With several sizes the same database grows
from one to the next and is reindexed each time (--no-reindex measures the index as it is). Index time is the embedded
backend's full rebuild (what `manage.py update_index` does). A search is what the search page asks
for: the first page of 20 results in relevance order plus the total count; facets (category, year,
publisher) are timed apart. Each query kind is run R times after one warm-up, each run with an empty
cache (counts and facets are cached per query, filters and index version: the uncached time is what
the first reader of a query waits); then page and facets once more with the cache, as a reader
paging through results or narrowing them sees them. The script reports median, 95th percentile and
maximum, and exits with status 1 when a target is missed: p95 under
100 ms at the largest size, no search over 1 s, the largest size's p95 within 3x of the smallest's.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
BATCH = 2000
PUBLISHERS = [
    "楚雄州乡村振兴局",
    "楚雄州人民政府扶贫开发办公室",
    "楚雄州财政局",
    "楚雄州民政局",
    "禄丰市人民政府",
]
TOPICS = [
    "扶贫资金管理",
    "产业扶贫项目",
    "易地扶贫搬迁",
    "健康扶贫",
    "教育扶贫",
    "农村危房改造",
    "驻村工作队",
    "最低生活保障",
    "政府信息公开",
    "保密审查",
    "森林草原防火",
    "疫情防控",
    "财政预算",
    "乡村振兴",
]
SENTENCES = [
    "为进一步加强和规范资金管理，根据有关规定，结合本地实际，现将有关事项通知如下",
    "各县市要高度重视，切实抓好落实，确保各项任务按时完成",
    "请各单位认真贯彻执行，执行中遇到的问题及时报告",
    "项目实施单位要严格按照批复内容组织实施，不得擅自调整建设内容",
    "资金使用情况要在村务公开栏进行公示，接受群众监督",
    "建档立卡贫困户的识别和退出要严格履行程序",
    "加强对低保对象的动态管理，做到应保尽保",
    "本办法自印发之日起施行，由州乡村振兴局负责解释",
]
KINDS = ["通知", "公告", "实施方案", "工作要点", "情况报告", "公示"]
# (label, query): a rare word, a word in half the catalogue, two-character terms, numbers. "{doc}" and
# "{index}" are filled with the numbers of an item in the middle of the catalogue.
QUERIES = [
    ("rare word", "姚安县光禄镇"),
    ("common word (half)", "通知"),
    ("common phrase", "扶贫资金"),
    ("two characters", "低保"),
    ("two characters", "禄丰"),
    ("two words (AND)", "保密审查 通知"),
    ("document number", "{doc}"),
    ("document number []", "{doc_brackets}"),
    ("index number", "{index}"),
    ("number not in the catalogue", "楚贫开办发〔2011〕999999号"),
    ("segmented fallback", "森林防火"),
]
RARE_EVERY = 5000  # one item in this many mentions the rare place name


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, nargs="+", default=[10_000, 100_000], help="sizes, ascending")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per query (default 20)")
    parser.add_argument(
        "--database-url", help="postgres://…/…searchbench; default: SQLite in a temporary directory"
    )
    parser.add_argument(
        "--sqlite", type=Path, help="SQLite file to use (and keep) instead of a temporary one"
    )
    parser.add_argument("--reuse", action="store_true", help="keep the database; add only the items it lacks")
    parser.add_argument("--no-reindex", action="store_true", help="with --reuse: measure the index as it is")
    parser.add_argument(
        "--load-only", action="store_true", help="generate the items, neither index nor measure"
    )
    parser.add_argument("--seed", type=int, default=2019)
    args = parser.parse_args()
    if args.items != sorted(args.items) or args.items[0] < 1:
        parser.error("--items must be positive and ascending")
    if args.database_url and not urlsplit(args.database_url).path.lstrip("/").endswith("searchbench"):
        parser.error("the PostgreSQL database's name must end in searchbench: it is dropped and recreated")
    if args.no_reindex and not args.reuse:
        parser.error("--no-reindex needs --reuse")
    return args


def recreate_postgres(url, reuse):
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if reuse and exists:
            return
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def configure_django(database_url, var_dir):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="gongkai_site.settings",
        DJANGO_SECRET_KEY="bench-only-not-a-secret",
        DJANGO_DEBUG="0",
        DJANGO_ALLOWED_HOSTS="localhost,testserver",
        DATABASE_URL=database_url,
        GONGKAI_VAR_DIR=str(var_dir),
    )
    os.environ.pop("ELASTICSEARCH_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- generated catalogue -------------------------------------------------------------------------------


def item_text(number, rng):
    published = datetime.date(2012, 1, 1) + datetime.timedelta(days=rng.randrange(5000))
    kind = "通知" if rng.random() < 0.5 else rng.choice(KINDS[1:])
    title = f"关于{rng.choice(TOPICS)}的{kind}"
    sentences = rng.sample(SENTENCES, 4)
    if number % RARE_EVERY == 0:
        sentences.append("姚安县光禄镇的项目已验收")
    body = "".join(f"<p>{sentence}。</p>" for sentence in sentences)
    return published, title, body


def insert(model, rows):
    """Plain executemany INSERT of the rows' columns; other columns take their defaults."""
    from django.db import connection
    from django.db.models import AutoField, BigAutoField

    fields = [f for f in model._meta.local_concrete_fields if not isinstance(f, AutoField | BigAutoField)]
    given = rows[0].keys()
    defaults = {
        f.attname: f.get_db_prep_save(f.get_default(), connection) for f in fields if f.attname not in given
    }
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
    params = [
        [
            defaults[f.attname] if f.attname in defaults else f.get_db_prep_save(row[f.attname], connection)
            for f in fields
        ]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def load_items(catalogue, start, count, rng):
    """Add live items under the catalogue without Page.add_child (hours for 100k): treebeard paths directly."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.db.models import F
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from cms_pages.models import Category, DisclosureItemPage

    content_type_id = ContentType.objects.get_for_model(DisclosureItemPage).pk
    locale_id = Locale.get_default().pk
    category_ids = list(Category.objects.values_list("pk", flat=True))
    last = catalogue.get_last_child()
    first_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    for batch_start in range(0, count, BATCH):
        pages, items = [], []
        for offset in range(batch_start, min(batch_start + BATCH, count)):
            number = start + offset
            published, title, body = item_text(number, rng)
            stamp = timezone.make_aware(datetime.datetime.combine(published, datetime.time(9)))
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
                    "title": title,
                    "draft_title": title,
                    "slug": slug,
                    "content_type_id": content_type_id,
                    "url_path": f"{catalogue.url_path}{slug}/",
                }
            )
            items.append(
                {
                    "index_number": f"11532300015167874P-/{published.year}-{number:05d}",
                    "category_id": rng.choice(category_ids),
                    "publisher": rng.choice(PUBLISHERS),
                    "doc_number": f"楚贫开办发〔{published.year}〕{number}号",
                    "summary": f"{title}的主要内容和办理时限。",
                    "formed": published,
                    "published": published,
                    "body": body,
                    "subject_words": "扶贫 公开",
                }
            )
        with transaction.atomic():
            insert(Page, pages)
            ids = dict(
                Page.objects.filter(path__in=[page["path"] for page in pages]).values_list("path", "pk")
            )
            for page, item in zip(pages, items, strict=True):
                item["page_ptr_id"] = ids[page["path"]]
            insert(DisclosureItemPage, items)
    Page.objects.filter(pk=catalogue.pk).update(numchild=F("numchild") + count)
    catalogue.refresh_from_db()


# --- measuring -----------------------------------------------------------------------------------------


def timed(function, repeat, cached=False):
    """(median, p95, max) in ms; each run starts with an empty cache unless `cached`."""
    from django.core.cache import cache

    function()  # warm-up: jieba's dictionary, statement caches
    times = []
    for _ in range(repeat):
        if not cached:
            cache.clear()
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, round(0.95 * len(times)) - 1)], times[-1]


def live_items():
    from cms_pages.models import DisclosureItemPage

    return DisclosureItemPage.objects.live()


def search_page(query):
    from search.catalogue import search_items

    def run():
        results = search_items(live_items(), query)
        return list(results[:20]), results.count()

    return run


def facets(query):
    from search.catalogue import facet_counts, search_items

    return lambda: facet_counts(search_items(live_items(), query))


def search_page_and_facets(query):
    search, facet = search_page(query), facets(query)
    return lambda: (search(), facet())


def measure(size, repeat):
    rows = []
    from search.catalogue import search_items

    middle = live_items().order_by("pk")[size // 2]
    numbers = {
        "doc": middle.doc_number,
        "doc_brackets": middle.doc_number.replace("〔", "[").replace("〕", "]"),
        "index": middle.index_number,
    }
    for label, template in QUERIES:
        query = template.format(**numbers)
        hits = search_items(live_items(), query).count()
        median, p95, worst = timed(search_page(query), repeat)
        f_median, f_p95, _ = timed(facets(query), max(3, repeat // 4))
        c_median, c_p95, _ = timed(search_page_and_facets(query), repeat, cached=True)
        rows.append((size, label, query, hits, median, p95, worst, f_median, f_p95, c_median, c_p95))
        print(
            f"  {label:<20} {query:<32} {hits:>7} hits  search {median:6.1f} / {p95:6.1f} / {worst:6.1f} ms"
            f"   facets {f_median:6.1f} / {f_p95:6.1f} ms   both, cached {c_median:6.1f} / {c_p95:6.1f} ms",
            flush=True,
        )
    return rows


def main():
    args = parse_args()
    temp = tempfile.TemporaryDirectory(prefix="searchbench-")
    if args.database_url:
        recreate_postgres(args.database_url, args.reuse)
        url = args.database_url
    else:
        path = args.sqlite or Path(temp.name) / "bench.sqlite3"
        if path.exists() and not args.reuse:
            path.unlink()
        url = f"sqlite:///{path.resolve()}"
    configure_django(url, Path(temp.name))
    from django.core.management import call_command
    from django.db import connection

    from cms_pages.setup import ensure_site_structure

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable")
    catalogue = ensure_site_structure()[2]
    rng = random.Random(args.seed)
    print(f"{connection.vendor}, items: {args.items}, {args.repeat} runs a query (median / p95 / max)")
    loaded, results = catalogue.numchild, {}
    for size in args.items:
        if size > loaded:
            started = time.perf_counter()
            load_items(catalogue, loaded + 1, size - loaded, rng)
            loaded = size
            print(f"{size} items: loaded in {time.perf_counter() - started:.1f}s", flush=True)
        if args.load_only:
            continue
        if not args.no_reindex:
            seconds = index_everything()
            print(f"{size} items: indexed in {seconds:.1f}s", flush=True)
        results[size] = measure(size, args.repeat)
    temp.cleanup()
    sys.exit(0 if args.load_only or meets_targets(results) else 1)


def index_everything():
    from django.core.management import call_command

    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("update_index", stdout=quiet)
    return time.perf_counter() - started


def meets_targets(results):
    sizes = sorted(results)
    largest = max(row[5] for row in results[sizes[-1]])
    smallest = max(row[5] for row in results[sizes[0]])
    slowest = max(row[6] for rows in results.values() for row in rows)
    print(
        f"worst p95 at {sizes[-1]}: {largest:.1f} ms; at {sizes[0]}: {smallest:.1f} ms; slowest search {slowest:.1f} ms"
    )
    failures = []
    if largest >= 100:
        failures.append("p95 over 100 ms")
    if slowest >= 1000:
        failures.append("a search over 1 s")
    if len(sizes) > 1 and largest > 3 * smallest:
        failures.append("largest size's p95 over 3x the smallest's")
    print("targets met" if not failures else "TARGETS MISSED: " + "; ".join(failures))
    return not failures


if __name__ == "__main__":
    main()
