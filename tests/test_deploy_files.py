"""deploy/: the Compose file, the Dockerfile, the systemd units, the nginx example and gunicorn's settings
are checked here without Docker or systemd: each parses, has what it must, and every command it runs is
a real manage.py command or make target (issue 16, point 8)."""

import configparser
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
SYSTEMD = DEPLOY / "systemd"
WORKER_COMMAND = "db_worker"


def make_targets():
    return set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(), re.MULTILINE))


def readme_cron_commands():
    cron = re.search(r"```cron\n(.*?)```", (ROOT / "README.md").read_text(), re.DOTALL).group(1)
    return set(re.findall(r"manage\.py (\w+)", cron))


def assert_runs_something_real(argv):
    """argv is `make TARGET`, `[…/]python manage.py COMMAND …` or `sh deploy/SCRIPT`."""
    program = Path(argv[0]).name
    if program == "make":
        assert argv[1] in make_targets(), argv
    elif program.startswith("python"):
        assert argv[1] == "manage.py", argv
        assert_is_command(argv[2])
    elif program == "sh":
        script = ROOT / argv[1]
        for command in re.findall(r"python manage\.py (\w+)", script.read_text()):
            assert_is_command(command)
    else:
        pytest.fail(f"unexpected program {argv}")


def assert_is_command(name):
    assert name in get_commands(), name


def test_the_background_worker_command_exists():
    assert WORKER_COMMAND in get_commands()
    assert WORKER_COMMAND in (DEPLOY / "systemd" / "gongkai-worker.service").read_text()


def units(suffix):
    for path in sorted(SYSTEMD.glob(f"*{suffix}")):
        parser = configparser.ConfigParser(interpolation=None, strict=True)
        parser.optionxform = str
        parser.read(path)
        yield path, parser


def test_compose_file_has_every_service_and_runs_real_commands():
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"app", "worker", "timers", "postgres", "redis", "elasticsearch"}
    for name in ("app", "worker", "timers"):
        assert services[name]["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}
        assert services[name]["environment"]["DATABASE_URL"].startswith("postgres://")
        assert services[name]["environment"]["REDIS_URL"] == "redis://redis:6379/0"
        assert_runs_something_real(services[name]["command"])
    for name in ("postgres", "redis", "elasticsearch"):
        assert "healthcheck" in services[name], name


def test_dockerfile_starts_make_serve_and_checks_health():
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    command = re.search(r"^CMD (\[.*\])$", dockerfile, re.MULTILINE).group(1)
    assert_runs_something_real(yaml.safe_load(command))
    assert "/healthz" in re.search(r"^HEALTHCHECK .*$", dockerfile, re.MULTILINE).group(0)


def test_timer_script_runs_every_scheduled_job_of_the_readme():
    script = (DEPLOY / "timers.sh").read_text()
    assert set(re.findall(r"python manage\.py (\w+)", script)) == readme_cron_commands()
    assert subprocess.run(["sh", "-n", str(DEPLOY / "timers.sh")]).returncode == 0


def test_systemd_services_start_real_commands():
    services = dict(units(".service"))
    assert {"gongkai.service", "gongkai-worker.service"} <= {path.name for path in services}
    for path, unit in services.items():
        assert unit["Service"]["WorkingDirectory"] == "/srv/gongkai", path.name
        assert unit["Service"]["EnvironmentFile"] == "/etc/gongkai/env", path.name
        assert_runs_something_real(shlex.split(unit["Service"]["ExecStart"]))
    main = services[SYSTEMD / "gongkai.service"]
    assert main["Service"]["ExecStart"] == "/usr/bin/make serve"


def test_systemd_timers_cover_the_readme_jobs_with_valid_calendars():
    timed_commands = set()
    for path, timer in units(".timer"):
        service = configparser.ConfigParser(interpolation=None)
        service.optionxform = str
        assert service.read(path.with_suffix(".service")), f"{path.name} has no service"
        timed_commands.add(shlex.split(service["Service"]["ExecStart"])[2])
        calendar = timer["Timer"]["OnCalendar"]
        if shutil.which("systemd-analyze"):
            result = subprocess.run(["systemd-analyze", "calendar", calendar], capture_output=True, text=True)
            assert result.returncode == 0, (path.name, result.stderr)
    assert timed_commands == readme_cron_commands()


def test_nginx_serves_static_files_and_private_files_only_internally():
    nginx = (DEPLOY / "nginx.conf").read_text()
    assert nginx.count("{") == nginx.count("}")
    protected = re.search(r"location /protected/ \{(.*?)\}", nginx, re.DOTALL).group(1)
    assert "internal;" in protected
    static = re.search(r"location /static/ \{(.*?)\}", nginx, re.DOTALL).group(1)
    assert "alias /srv/gongkai/var/static/;" in static and "gzip_static on;" in static
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in nginx
    assert "proxy_set_header X-Request-ID $request_id;" in nginx


@pytest.mark.parametrize(
    "environment, expected",
    [
        ({"GONGKAI_WORKERS": "3", "GONGKAI_BIND": "0.0.0.0:8001"}, ["3", "['0.0.0.0:8001']"]),
        ({}, [str(2 * len(os.sched_getaffinity(0)) + 1), "['127.0.0.1:8000']"]),
    ],
)
def test_gunicorn_settings_follow_the_environment(environment, expected):
    script = "import runpy; c = runpy.run_path('deploy/gunicorn.conf.py'); print(c['workers'], c['bind'])"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().split(maxsplit=1) == expected
