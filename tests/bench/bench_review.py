#!/usr/bin/env python
"""Review benchmark: N disclosure items driven through the whole confidentiality chain.

    .venv/bin/python tests/bench/bench_review.py                 # 1,000 items, SQLite
    .venv/bin/python tests/bench/bench_review.py --items 200
    .venv/bin/python tests/bench/bench_review.py --database-url postgres://postgres@127.0.0.1:5432/benchreview

Loads the demo organisation and accounts into a throwaway database, submits N drafts for review
(the section head's inbox then holds N open tasks), times the inbox page of that leader with one full page (20)
and with N open tasks (median, p95, SQL queries), then approves every item through 科室负责人 → 分管领导 →
综合科 → 保密工作领导小组 and times each item's chain, from submission to publication.
"""

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.bench_catalogue import (  # noqa: E402
    configure_django,
    create_postgres_database,
    drop_postgres_database,
    machine_description,
    percentile,
)
from tests.support.people import user  # noqa: E402

FULL_PAGE = 20  # the inbox shows 20 tasks a page
CHAIN = (
    ("section_head_review", "kezhang"),
    ("leader_in_charge_review", "fenguan"),
    ("general_office_collects", "zonghe"),
    ("confidentiality_group_approval", "baomi"),
)


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--items", type=int, default=1000, help="items driven through the chain (default 1000)"
    )
    parser.add_argument("--repeat", type=int, default=20, help="timed inbox requests (default 20)")
    parser.add_argument("--database-url", help="PostgreSQL URL of a database named bench…; default SQLite")
    return parser.parse_args()


def prepare(args, var_dir):
    import os

    url = args.database_url or f"sqlite:///{var_dir / 'bench.sqlite3'}"
    if args.database_url:
        drop_postgres_database(url)
        create_postgres_database(url)
    os.environ["GONGKAI_DEMO_ALLOWED"] = "1"
    configure_django(url, var_dir)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable")
    call_command("collectstatic", interactive=False, verbosity=0)  # the admin pages' hashed names (DEBUG off)
    call_command("load_demo", stdout=io.StringIO())
    return url


def submit(number, catalogue, department):
    from cms_pages.models import Category, Channel, DisclosureItemPage
    from publication_review.flows import PublicationReviewFlow
    from publication_review.forms import SubmitForm

    item = DisclosureItemPage(
        title=f"基准测试信息{number:05d}",
        category=Category.objects.get(slug="funds"),
        publisher="楚雄州乡村振兴局",
    )
    item.live = False
    catalogue.add_child(instance=item)
    item.save_revision(user=user("xinxiyuan"))
    website = Channel.objects.get(code="website").pk
    form = SubmitForm(
        data={
            "department": department.pk,
            "formed": "2026-11-20",
            "secrecy_handling": "none",
            "channels": [website],
        }
    )
    assert form.is_valid(), form.errors
    return PublicationReviewFlow.submit.run(page=item, user=user("xinxiyuan"), review_form=form)


def approve(review, step, reviewer):
    from publication_review.flows import PublicationReviewFlow
    from workflow import tasks

    task = review.task_set.get(flow_task=getattr(PublicationReviewFlow, step), status__in=["NEW", "ASSIGNED"])
    if task.status == "NEW":
        tasks.claim(task, reviewer)
        task.refresh_from_db()
    form = task.flow_task.form_class(
        data={"decision": "approve", "opinion": "同意"}, task=task, user=reviewer
    )
    assert form.is_valid(), form.errors
    tasks.complete(task, reviewer, form)


def time_inbox(client, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/admin/inbox/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/inbox/").status_code == 200
    query_count = len(queries)  # now: every later request empties the log
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get("/admin/inbox/")
        timings.append((time.perf_counter() - started) * 1000)
    return query_count, statistics.median(timings), percentile(timings, 0.95)


def main():
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-review-") as directory:
        url = prepare(args, Path(directory))
        from django.db import connection
        from django.test import Client

        from cms_pages.models import CataloguePage, DisclosureItemPage
        from organisation.models import Department

        catalogue, department = CataloguePage.objects.get(), Department.objects.get(name="项目管理科")
        client = Client(HTTP_HOST="localhost")
        client.force_login(user("kezhang"))
        reviewers = {username: user(username) for _, username in CHAIN}
        reviews, submit_ms = [], []
        for number in range(args.items):
            started = time.perf_counter()
            reviews.append(submit(number, catalogue, department))
            submit_ms.append((time.perf_counter() - started) * 1000)
            if number + 1 == FULL_PAGE:
                small = time_inbox(client, args.repeat)
            if (number + 1) % 100 == 0:
                print(f"已报送 {number + 1}/{args.items}", flush=True)
        large = time_inbox(client, args.repeat)
        chain_ms = []
        for number, review in enumerate(reviews, start=1):
            started = time.perf_counter()
            for step, username in CHAIN:
                approve(review, step, reviewers[username])
            chain_ms.append((time.perf_counter() - started) * 1000 + submit_ms[number - 1])
            if number % 100 == 0:
                print(f"已审核发布 {number}/{args.items}", flush=True)
        assert (
            DisclosureItemPage.objects.filter(live=True, title__startswith="基准测试信息").count()
            == args.items
        )
        print()
        print(f"Machine: {machine_description(connection.vendor)}")
        print(f"Database: {url.split('@')[-1] if args.database_url else 'SQLite (temporary file)'}")
        print()
        print("| measure | queries | median ms | p95 ms |")
        print("|---|---:|---:|---:|")
        print(
            f"| inbox page, {FULL_PAGE} open tasks (one full page) | {small[0]} | {small[1]:.1f} | {small[2]:.1f} |"
        )
        print(f"| inbox page, {args.items} open tasks | {large[0]} | {large[1]:.1f} | {large[2]:.1f} |")
        print(
            f"| submit one item | | {statistics.median(submit_ms):.1f} | {percentile(submit_ms, 0.95):.1f} |"
        )
        print(
            f"| one item through the whole chain (submit + 4 approvals + publish) | "
            f"| {statistics.median(chain_ms):.1f} | {percentile(chain_ms, 0.95):.1f} |"
        )
        if small[0] != large[0]:
            sys.exit(f"the inbox's query count grew with the number of tasks: {small[0]} → {large[0]}")
        if args.database_url:
            connection.close()
            drop_postgres_database(url)


if __name__ == "__main__":
    main()
