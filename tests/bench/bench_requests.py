#!/usr/bin/env python
"""Disclosure-request benchmark: N requests through the whole process, and the register at 10,000.

    .venv/bin/python tests/bench/bench_requests.py                   # 1,000 requests, register at 10,000, SQLite
    .venv/bin/python tests/bench/bench_requests.py --requests 100 --register-rows 2000
    .venv/bin/python tests/bench/bench_requests.py --database-url postgres://postgres@127.0.0.1:5432/benchrequests

Loads the demo organisation and accounts into a throwaway database, then (a) drives every request
through the flow's own steps, as staff do in the inbox: submitted (registration receipt PDF) →
综合科登记 → 审查完整 → 交承办科室 → 科室拟定答复 → 分管领导审批 → 答复书 (PDF) → 送达 → 归档, and
times each request from submission to the archive; (b) times the register page (台账, the admin
listing) with one page of requests and with the register filled up to 10,000 rows (the rows past
the first N are inserted in bulk, encrypted like the rest), and counts its SQL queries. Exits non-zero
if the register page's query count grows with the number of rows. (c) Times the public web form: a
citizen's submission with its CAPTCHA (the answer read from the database, as a person reads the image),
from the POST to the page with the tracking number; the receipt PDF is left to the background worker.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from cryptography.fernet import Fernet

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.bench_catalogue import drop_postgres_database, machine_description, percentile  # noqa: E402
from tests.bench.bench_review import prepare, user  # noqa: E402

REGISTER_URL = "/admin/snippets/disclosure_requests/disclosurerequest/"
ONE_PAGE = 20
APPLICATION = {
    "applicant_type": "citizen",
    "name": "李明",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13887654321",
    "address": "云南省楚雄州楚雄市鹿城南路100号",
    "carrier": "paper",
    "delivery": "post",
}


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=1000, help="requests through the process (1000)")
    parser.add_argument("--register-rows", type=int, default=10000, help="rows in the register (10000)")
    parser.add_argument("--repeat", type=int, default=20, help="timed register-page requests (20)")
    parser.add_argument("--submissions", type=int, default=100, help="timed web-form submissions (100)")
    parser.add_argument("--database-url", help="PostgreSQL URL of a database named bench…; default SQLite")
    return parser.parse_args()


def submit(number):
    from disclosure_requests import services
    from disclosure_requests.forms import RequestForm
    from disclosure_requests.models import DisclosureRequest

    form = RequestForm({**APPLICATION, "description": f"基准测试申请{number:05d}：扶贫项目资金使用情况"})
    assert form.is_valid(), form.errors
    request, _ = services.submit(form, DisclosureRequest.Channel.ONLINE)
    return request


def time_submissions(count):
    """Median and p95 ms of the public form's POST, each with a fresh CAPTCHA, from one address."""
    from django.test import Client, override_settings

    from tests.support.captcha import solved

    client = Client(HTTP_HOST="localhost")
    timings = []
    with override_settings(GONGKAI_REQUEST_RATE=f"{count + 1}/h"):  # one address sends them all
        for number in range(count):
            form = {
                **APPLICATION,
                "privacy_read": "on",
                "description": f"网上申请{number:05d}：扶贫项目资金使用情况",
            }
            page = client.get("/apply/online/").content.decode()
            started = time.perf_counter()
            response = client.post("/apply/online/", {**form, **solved(page)})
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200 and "申请编号" in response.content.decode(), (
                response.status_code
            )
    return statistics.median(timings), percentile(timings, 0.95)


def do(request, step, person, **data):
    """One inbox step, as the admin does it: claim if needed, fill the step's form, complete."""
    from disclosure_requests.flows import DisclosureRequestFlow
    from workflow import tasks

    task = request.process.task_set.get(
        flow_task=getattr(DisclosureRequestFlow, step), status__in=["NEW", "ASSIGNED"]
    )
    if task.status == "NEW":
        tasks.claim(task, person)
        task.refresh_from_db()
    form = task.flow_task.form_class(data=data, task=task, user=person)
    assert form.is_valid(), (step, form.errors)
    tasks.complete(task, person, form)


def whole_process(number, people, department):
    request = submit(number)
    today = datetime.date.today().isoformat()
    do(request, "register", people["zonghe"])
    do(request, "review_completeness", people["zonghe"], decision="complete")
    do(request, "assign_section", people["zonghe"], department=department.pk)
    do(request, "draft_answer", people["xinxiyuan"], decision="answer", answer_kind="disclosed")
    do(request, "leader_approval", people["fenguan"], decision="approve")
    do(request, "deliver", people["zonghe"], delivered_on=today, how="EMS 1234567890")
    request.refresh_from_db()
    assert request.status == request.Status.ARCHIVED, request.status
    return request


def fill_register(total, rng):
    """Bulk rows up to `total`, with encrypted personal data and the dates the register shows."""
    from django.utils import timezone

    from disclosure_requests import crypto
    from disclosure_requests.models import DisclosureRequest
    from organisation.models import Department

    Status = DisclosureRequest.Status
    departments = list(Department.objects.all())
    existing = DisclosureRequest.objects.count()
    batch = []
    for number in range(existing, total):
        received = datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randrange(600))
        batch.append(
            DisclosureRequest(
                tracking_number=f"H{received:%Y}-{number:06d}",
                applicant_type="citizen",
                name=f"申请人{number:05d}",
                id_type="resident_id",
                id_number="11010519491231002X",
                id_digest=crypto.digest(f"resident_id:{number}"),
                phone=f"138{number:08d}",
                address="云南省楚雄州楚雄市鹿城南路100号",
                description=f"历史申请{number:05d}：扶贫项目资金使用情况",
                carrier="paper",
                delivery="post",
                channel="letter",
                submitted_at=timezone.now(),
                confirmed_on=received,
                received_date=received,
                due_date=received + datetime.timedelta(days=21),
                status=rng.choice([Status.REGISTERED, Status.IN_PROGRESS, Status.ARCHIVED]),
                department=rng.choice(departments),
                imported=True,
            )
        )
        if len(batch) == 1000:
            DisclosureRequest.objects.bulk_create(batch)
            batch = []
    DisclosureRequest.objects.bulk_create(batch)


def time_register(client, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(REGISTER_URL)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(REGISTER_URL)
        assert response.status_code == 200
    query_count = len(queries)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(REGISTER_URL)
        timings.append((time.perf_counter() - started) * 1000)
    return query_count, statistics.median(timings), percentile(timings, 0.95)


def main():
    args = parse_args()
    os.environ.setdefault("GONGKAI_FIELD_KEY", Fernet.generate_key().decode())
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-requests-") as directory:
        url = prepare(args, Path(directory))
        from django.db import connection
        from django.test import Client

        from disclosure_requests.models import DisclosureRequest
        from organisation.models import Department

        department = Department.objects.get(name="项目管理科")
        people = {name: user(name) for name in ("zonghe", "xinxiyuan", "fenguan")}
        client = Client(HTTP_HOST="localhost")
        client.force_login(people["zonghe"])
        process_ms = []
        for number in range(args.requests):
            started = time.perf_counter()
            whole_process(number, people, department)
            process_ms.append((time.perf_counter() - started) * 1000)
            if number + 1 == min(ONE_PAGE, args.requests):
                small = (number + 1, *time_register(client, args.repeat))
            if (number + 1) % 50 == 0:
                print(f"已办结 {number + 1}/{args.requests}", flush=True)
        submission = time_submissions(args.submissions)
        fill_register(args.register_rows, random.Random(4))
        rows = DisclosureRequest.objects.count()
        large = (rows, *time_register(client, args.repeat))
        print()
        print(f"Machine: {machine_description(connection.vendor)}")
        print(f"Database: {url.split('@')[-1] if args.database_url else 'SQLite (temporary file)'}")
        print()
        print("| measure | queries | median ms | p95 ms |")
        print("|---|---:|---:|---:|")
        print(
            f"| one request, submission to archive ({args.requests} requests, 2 PDFs each) | "
            f"| {statistics.median(process_ms):.1f} | {percentile(process_ms, 0.95):.1f} |"
        )
        print(
            f"| public web form, one submission ({args.submissions}, receipt PDF in the background) | "
            f"| {submission[0]:.1f} | {submission[1]:.1f} |"
        )
        for size, queries, median, p95 in (small, large):
            print(f"| register page, {size} requests | {queries} | {median:.1f} | {p95:.1f} |")
        if small[1] != large[1]:
            sys.exit(f"the register page's query count grew with the rows: {small[1]} → {large[1]}")
        if args.database_url:
            connection.close()
            drop_postgres_database(url)


if __name__ == "__main__":
    main()
