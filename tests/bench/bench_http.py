#!/usr/bin/env python
"""HTTP benchmark: the production server (gunicorn, `make serve`'s settings and worker count) against a
trivial WSGI app under the same gunicorn, measured with wrk on 127.0.0.1.

    .venv/bin/python tests/bench/bench_http.py                       # 1,000 then 100,000 items, SQLite
    .venv/bin/python tests/bench/bench_http.py --items 1000 --duration 5
    .venv/bin/python tests/bench/bench_http.py --database-url postgres://postgres@127.0.0.1:5432/benchhttp

The catalogue is built with tests/bench/bench_catalogue.py's loader in a throwaway database (a SQLite
file in a temporary directory, or a PostgreSQL database whose name starts with `bench`), indexed for
search, its static files collected; then, at each size, every URL is requested once (so an anonymous
page is in the page cache) and measured for --duration seconds with --connections connections:
requests per second, median and p99 latency, errors (any non-2xx answer or socket error). Besides
the anonymous visitor's pages it measures the catalogue without the page cache: as a logged-in editor
(session cookie) and with a filter never asked before (each request a new query string).

Targets (issue 16): the cached catalogue at ≥ 50 % of the trivial app's requests per second, without
the page cache ≥ 3 %, no errors. The script exits with status 1 when one is missed.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_catalogue  # noqa: E402  (its database, loader and machine description)

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
CACHED_TARGET, UNCACHED_TARGET = 0.50, 0.03
WARM_UP_SECONDS = 5
NEW_FILTER_SCRIPT = """
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "&bench=" .. counter)
end
"""


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--items", type=int, nargs="+", default=[1000, 100_000], help="catalogue sizes, ascending"
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per URL (default 10)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (default 8)")
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * len(os.sched_getaffinity(0)) + 1,
        help="gunicorn workers (2 × CPUs + 1)",
    )
    parser.add_argument("--database-url", help="PostgreSQL URL whose database name starts with 'bench'")
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--redis-url", help="the servers' cache in Redis (default: the database cache)")
    args = parser.parse_args()
    if args.items != sorted(args.items) or args.items[0] < 1:
        parser.error("--items must be positive and ascending")
    if not shutil.which("wrk"):
        parser.error("wrk is missing: scripts/install-system-packages installs it")
    return args


def server_environment(database_url, var_dir, workers, port, redis_url=None):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_CACHE", "REDIS_URL", "GONGKAI_PAGE_CACHE"))
    }
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "gongkai_site.settings",
            "DJANGO_SECRET_KEY": "bench-only-not-a-secret",
            "DJANGO_DEBUG": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_COOKIES": "0",
            "DATABASE_URL": database_url,
            "GONGKAI_VAR_DIR": str(var_dir),
            "GONGKAI_WORKERS": str(workers),
            "GONGKAI_BIND": f"127.0.0.1:{port}",
            "DATABASE_CONN_MAX_AGE": "60",  # as deploy/env.example
        }
    )
    if redis_url:
        environment["REDIS_URL"] = redis_url
    return environment


def start_gunicorn(environment, log_path, app=None):
    command = [GUNICORN, "--config", "deploy/gunicorn.conf.py", *([app] if app else [])]
    log = open(log_path, "w")  # noqa: SIM115 (the server's whole life)
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://{environment['GONGKAI_BIND']}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn exited: {Path(log_path).read_text()[-2000:]}")
        result = subprocess.run(
            ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-m", "60", url + "/"],
            capture_output=True,
            text=True,
        )
        if result.stdout == "200":
            return process, url
        time.sleep(0.5)
    process.kill()
    sys.exit(f"gunicorn did not answer on {url}")


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def wrk(url, duration, connections, headers=(), script=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "30s"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p50": re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE).group(1),
        "p99": re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1),
        "errors": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(map(int, socket.groups())) if socket else 0),
    }


def editor_session_cookie():
    """A logged-in superuser's session, for the pages an editor sees (no page cache)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(
        username="bench-editor", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(user)
    return f"Cookie: {settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def urls_to_measure(catalogue):
    from cms_pages.models import DisclosureItemPage

    items = DisclosureItemPage.objects.order_by("pk")
    middle = items[items.count() // 2]
    base = catalogue.url
    return [
        ("home", "/", "cached"),
        ("catalogue, page 1", base, "cached"),
        ("catalogue, page 50", f"{base}?page=50", "cached"),
        ("catalogue, category filter", f"{base}?category=policy", "cached"),
        ("item page", middle.url, "cached"),
        ("search", "/search/?q=扶贫资金", "search"),
        ("API", "/api/catalogue/", "cached"),
        ("catalogue as a logged-in editor", base, "editor"),
        ("catalogue, a filter never asked before", f"{base}?category=funds", "new filter"),
    ]


def measure_size(args, environment, catalogue, cookie, script_path):
    from urllib.parse import quote

    results = []
    server, url = start_gunicorn(environment, Path(environment["GONGKAI_VAR_DIR"]) / "gunicorn.log")
    try:
        trivial_env = {**environment, "GONGKAI_BIND": f"127.0.0.1:{free_port()}"}
        trivial, trivial_url = start_gunicorn(
            {**trivial_env, "PYTHONPATH": str(ROOT / "tests" / "bench")},
            Path(environment["GONGKAI_VAR_DIR"]) / "trivial.log",
            app="trivial_wsgi:application",
        )
        try:
            results.append(
                (
                    "trivial WSGI app",
                    "/",
                    "yardstick",
                    wrk(trivial_url + "/", args.duration, args.connections),
                )
            )
        finally:
            stop(trivial)
        # Every worker loads the site on its first requests: warm them all before anything is measured.
        for path in ("/", catalogue.url):
            wrk(url + path, WARM_UP_SECONDS, args.connections)
        for label, path, kind in urls_to_measure(catalogue):
            target = url + quote(path, safe="/?=&")
            headers = [cookie] if kind == "editor" else []
            subprocess.run(
                [
                    "curl",
                    "-s",
                    "-o",
                    "/dev/null",
                    "-m",
                    "120",
                    *sum((["-H", h] for h in headers), []),
                    target,
                ],
                check=True,
            )
            script = script_path if kind == "new filter" else None
            figures = wrk(target, args.duration, args.connections, headers, script)
            results.append((label, path, kind, figures))
            print(
                f"  {label}: {figures['rps']:.0f} req/s, p50 {figures['p50']}, errors {figures['errors']}",
                flush=True,
            )
    finally:
        stop(server)
    return results


def report(size, vendor, results):
    trivial = results[0][3]["rps"]
    lines = [
        f"### {size:,} items, {vendor}",
        "",
        "| URL | kind | req/s | % of trivial | p50 | p99 | errors |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for label, path, kind, figures in results:
        lines.append(
            f"| {label} `{path}` | {kind} | {figures['rps']:.0f} | {100 * figures['rps'] / trivial:.1f} % "
            f"| {figures['p50']} | {figures['p99']} | {figures['errors']} |"
        )
    return "\n".join(lines)


def missed_targets(results):
    trivial = results[0][3]["rps"]
    missed = [f"{label}: {figures['errors']} errors" for label, _, _, figures in results if figures["errors"]]
    for label, _, kind, figures in results:
        ratio = figures["rps"] / trivial
        if "catalogue" in label and kind == "cached" and ratio < CACHED_TARGET:
            missed.append(f"{label}: {ratio:.1%} < {CACHED_TARGET:.0%}")
        if kind in ("editor", "new filter") and ratio < UNCACHED_TARGET:
            missed.append(f"{label}: {ratio:.1%} < {UNCACHED_TARGET:.0%}")
    return missed


def main():
    args = parse_args()
    temp_dir = Path(tempfile.mkdtemp(prefix="gongkai-bench-http-"))
    database_url = args.database_url or f"sqlite:///{temp_dir / 'bench.sqlite3'}"
    if args.database_url:
        bench_catalogue.create_postgres_database(database_url)
    try:
        bench_catalogue.configure_django(database_url, temp_dir)
        import random

        from django.core.management import call_command
        from django.db import connection, connections

        vendor = connection.vendor
        catalogue = bench_catalogue.prepare_database()
        call_command("collectstatic", interactive=False, verbosity=0)
        cookie = editor_session_cookie()
        script_path = temp_dir / "new_filter.lua"
        script_path.write_text(NEW_FILTER_SCRIPT)
        environment = server_environment(database_url, temp_dir, args.workers, free_port(), args.redis_url)
        rng, loaded, status = random.Random(args.seed), 0, 0
        for size in args.items:
            print(f"Loading {size - loaded:,} items…", flush=True)
            bench_catalogue.load_items(catalogue, loaded + 1, size - loaded, rng)
            loaded = size
            bench_catalogue.after_load(vendor)
            call_command("update_index", verbosity=0)
            connections.close_all()  # the servers write to the database too
            print(
                f"Measuring at {size:,} items, {args.workers} workers, {args.duration} s per URL…", flush=True
            )
            results = measure_size(args, environment, catalogue, cookie, script_path)
            print(f"\n{report(size, vendor, results)}\n", flush=True)
            missed = missed_targets(results)
            for line in missed:
                print(f"MISSED: {line}")
            status |= bool(missed)
        print(bench_catalogue.machine_description(vendor))
        print(f"Load average at the end: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
        return status
    finally:
        from django.db import connections

        connections.close_all()
        if args.database_url:
            bench_catalogue.drop_postgres_database(database_url)
        shutil.rmtree(temp_dir, ignore_errors=True)


def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    sys.exit(main())
