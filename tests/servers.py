"""Real server processes for tests: a database of their own, the production settings, gunicorn.

The test process's own Django is configured for pytest's test database; the servers use another one
(a SQLite file, or a PostgreSQL database named after DATABASE_URL's with `_servers`), prepared here by
running manage.py in subprocesses exactly as `make serve` does.
"""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
SECRET_KEY = "tests-only-production-settings-" + "k3y-w1th-enough-variety-of-characters"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(var_dir, database_url, **extra):
    """The environment of a production installation on 127.0.0.1 (plain HTTP, so no secure cookies)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GONGKAI_", "DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL"))
    }
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "gongkai_site.settings",
            "DJANGO_SECRET_KEY": SECRET_KEY,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_COOKIES": "0",
            "DATABASE_URL": database_url,
            "GONGKAI_VAR_DIR": str(var_dir),
            "DJANGO_LOG_LEVEL": "INFO",
            **extra,
        }
    )
    return environment


def manage(environment, *args):
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=environment, check=True, capture_output=True, text=True
    )


def server_database_url(var_dir):
    """SQLite in var_dir, or a fresh PostgreSQL database beside the one the tests use."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{var_dir / 'servers.sqlite3'}"
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{parts.path.lstrip('/')}_servers"))


@contextmanager
def server_database(var_dir):
    url = server_database_url(var_dir)
    if not url.startswith("postgres"):
        yield url
        return
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url
    finally:
        with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def install(environment):
    """What `make serve` does before it starts gunicorn."""
    manage(environment, "migrate", "--no-input")
    manage(environment, "createcachetable")
    manage(environment, "collectstatic", "--no-input", "-v0")


class Gunicorn:
    """One gunicorn master with its workers on a free port of 127.0.0.1, its output in a log file."""

    def __init__(self, environment, log_path, workers=1):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        environment = {
            **environment,
            "GONGKAI_BIND": f"127.0.0.1:{self.port}",
            "GONGKAI_WORKERS": str(workers),
        }
        self.log = open(log_path, "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [GUNICORN, "--config", "deploy/gunicorn.conf.py"],
            cwd=ROOT,
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        try:
            self.wait_until_ready()
        except BaseException:
            self.stop()
            raise

    def wait_until_ready(self, seconds=90):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log_path.read_text()[-3000:]}")
            try:
                if requests.get(f"{self.url}/healthz", timeout=60).status_code == 200:
                    return
            except (requests.ConnectionError, requests.Timeout):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer: {self.log_path.read_text()[-3000:]}")

    def get(self, path, **kwargs):
        return requests.get(f"{self.url}{path}", timeout=30, **kwargs)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def item_awaiting_final_approval(title):
    """Run in the servers' environment (`python -c`): the demo content, and a draft submitted and approved
    up to the confidentiality group's 核准, the review's last step, which publishes. Prints the task's id."""
    import django

    django.setup()
    import datetime

    from django.core.management import call_command
    from django.test import Client

    from cms_pages.models import CataloguePage, Category, DisclosureItemPage
    from tests.support.people import user
    from tests.support.workflow import open_task
    from tests.test_review_flow import decide, submit

    call_command("load_demo", verbosity=0)
    item = DisclosureItemPage(
        title=title,
        category=Category.objects.get(slug="funds"),
        publisher="楚雄州乡村振兴局",
        formed=datetime.date(2026, 11, 20),
        body="<p>正文</p>",
        live=False,
        owner=user("xinxiyuan"),
    )
    CataloguePage.objects.get().add_child(instance=item)
    item.save_revision(user=user("xinxiyuan"))
    review = submit(Client(), item)
    for step, username in (
        ("section_head_review", "kezhang"),
        ("leader_in_charge_review", "fenguan"),
        ("general_office_collects", "zonghe"),
    ):
        decide(review, step, username)
    print(open_task(review, "confidentiality_group_approval").pk)
