#!/usr/bin/env python
"""Annual report benchmark: the statistics and the PDF of a year with N requests.

    .venv/bin/python tests/bench/bench_annual_report.py                  # 10,000 requests, SQLite
    .venv/bin/python tests/bench/bench_annual_report.py --requests 1000
    .venv/bin/python tests/bench/bench_annual_report.py --database-url postgres://postgres@127.0.0.1:5432/benchreport

Loads a throwaway database with N requests received in 2025 (plus 5 % carried in from 2024 and about
8 % still open at the end of the year), spread over the seven applicant columns and the 21 result
rows, 200 catalogue documents and 40 reconsideration and litigation cases; then times the three
tables (`statistics.compute`), the consistency checks, and the report's PDF (median, p95, queries).
"""

import argparse
import datetime
import os
import random
import statistics as stats
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

YEAR = 2025
BATCH = 1000


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--requests", type=int, default=10_000, help="requests received in the year (default 10000)"
    )
    parser.add_argument("--repeat", type=int, default=10, help="timed runs of each measure (default 10)")
    parser.add_argument("--database-url", help="PostgreSQL URL of a database named bench…; default SQLite")
    return parser.parse_args()


def prepare(args, var_dir):
    url = args.database_url or f"sqlite:///{var_dir / 'bench.sqlite3'}"
    if args.database_url:
        drop_postgres_database(url)
        create_postgres_database(url)
    from cryptography.fernet import Fernet

    os.environ.setdefault("GONGKAI_FIELD_KEY", Fernet.generate_key().decode())
    configure_django(url, var_dir)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable")
    from cms_pages.setup import ensure_site_structure

    ensure_site_structure()
    return url


def load_requests(count):
    from django.utils import timezone

    from annual_report.tables import RESULT_ROWS
    from disclosure_requests.models import DisclosureRequest

    kinds = ["", *DisclosureRequest.OrganisationKind.values]
    rng = random.Random(5)
    carried_in = count // 20
    batch = []
    for number in range(count + carried_in):
        year = YEAR if number < count else YEAR - 1
        received = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        answered = received + datetime.timedelta(days=rng.randrange(1, 45))
        if rng.random() < 0.03:
            answered = None
        kind = rng.choice(kinds)
        batch.append(
            DisclosureRequest(
                tracking_number=f"B{year}-{number:06d}",
                applicant_type="organisation" if kind else "citizen",
                organisation_kind=kind,
                name="基准测试申请人",
                id_type="credit_code" if kind else "resident_id",
                phone="13800000000",
                description="扶贫项目资金分配表",
                carrier="paper",
                delivery="post",
                channel="in_person",
                submitted_at=timezone.make_aware(datetime.datetime.combine(received, datetime.time(10))),
                received_date=received,
                answered_on=answered,
                report_row=rng.choice(RESULT_ROWS) if answered else "",
                fee_amount=rng.choice([0, 0, 0, 20]),
                status="archived" if answered else "in_progress",
            )
        )
        if len(batch) == BATCH:
            DisclosureRequest.objects.bulk_create(batch)
            batch = []
            print(f"已生成申请 {number + 1}/{count + carried_in}", flush=True)
    DisclosureRequest.objects.bulk_create(batch)


def load_documents_and_cases():
    from annual_report.models import LegalCase, ProactiveFigure
    from cms_pages.models import CataloguePage, Category, DisclosureItemPage
    from cms_pages.publication import authorised_publication
    from disclosure_requests.models import DisclosureRequest

    catalogue, category = CataloguePage.objects.get(), Category.objects.get(slug="policy")
    rng = random.Random(7)
    with authorised_publication("benchmark"):
        for number in range(200):
            written = datetime.date(2018 + number % 8, 1 + number % 12, 1 + number % 28)
            repealed = number % 5 == 0
            catalogue.add_child(
                instance=DisclosureItemPage(
                    title=f"基准测试文件{number:03d}",
                    category=category,
                    publisher="楚雄州乡村振兴局",
                    document_kind=rng.choice(["rule", "normative", "other"]),
                    written=written,
                    formed=written,
                    published=written + datetime.timedelta(days=5),
                    validity="repealed" if repealed else "in_force",
                    invalid_from=written + datetime.timedelta(days=400) if repealed else None,
                    live=True,
                )
            )
    requests = list(DisclosureRequest.objects.order_by("pk")[:40])
    for number, request in enumerate(requests):
        LegalCase.objects.create(
            request=request,
            kind=list(LegalCase.Kind)[number % 3],
            body="楚雄州人民政府",
            filed_on=datetime.date(YEAR, 1 + number % 12, 10),
            outcome="pending" if number % 4 else "upheld",
            concluded_on=None if number % 4 else datetime.date(YEAR, 12, 20),
        )
    for key in (
        "第二十条第（五）项/行政许可/本年处理决定数量",
        "第二十条第（六）项/行政处罚/本年处理决定数量",
        "第二十条第（六）项/行政强制/本年处理决定数量",
        "第二十条第（八）项/行政事业性收费/本年收费金额（单位：万元）",
    ):
        ProactiveFigure.objects.create(year=YEAR, key=key, value=3)


def timed(function, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        result = function()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return result, len(queries), stats.median(timings), percentile(timings, 0.95)


def main():
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-report-") as directory:
        url = prepare(args, Path(directory))
        from django.db import connection

        from annual_report import services, statistics
        from annual_report.checks import statistics_problems
        from annual_report.models import AnnualReport

        load_requests(args.requests)
        load_documents_and_cases()
        report = AnnualReport.objects.create(year=YEAR, overview=services.DEFAULT_OVERVIEW, problems="无。")
        figures, compute_queries, compute_ms, compute_p95 = timed(
            lambda: statistics.compute(YEAR), args.repeat
        )
        received = figures["table3"]["rows"]["一、本年新收政府信息公开申请数量"][-1]
        assert received == args.requests, received
        problems, check_queries, check_ms, check_p95 = timed(
            lambda: statistics_problems(services.live_figures(YEAR)), args.repeat
        )
        assert problems == [], problems
        pdf, pdf_queries, pdf_ms, pdf_p95 = timed(
            lambda: services.report_pdf(report), max(3, args.repeat // 2)
        )
        print()
        print(f"Machine: {machine_description(connection.vendor)}")
        print(f"Database: {url.split('@')[-1] if args.database_url else 'SQLite (temporary file)'}")
        print(
            f"Requests in the database: {args.requests + args.requests // 20:,}; PDF size: {len(pdf):,} bytes"
        )
        print()
        print("| measure | queries | median ms | p95 ms |")
        print("|---|---:|---:|---:|")
        print(
            f"| tables 二, 三, 四 (`statistics.compute`) | {compute_queries} | {compute_ms:.1f} | {compute_p95:.1f} |"
        )
        print(f"| figures + every consistency check | {check_queries} | {check_ms:.1f} | {check_p95:.1f} |")
        print(f"| the report's PDF (figures + WeasyPrint) | {pdf_queries} | {pdf_ms:.1f} | {pdf_p95:.1f} |")
        if args.database_url:
            connection.close()
            drop_postgres_database(url)


if __name__ == "__main__":
    main()
