"""Backup and restore (issue 16 point 9): `manage.py backup PATH` writes one archive; `manage.py restore PATH`
puts it into a freshly migrated installation — a SQLite file, and PostgreSQL — where every item, the request
with its personal data (decrypted with the same GONGKAI_FIELD_KEY), every letter's PDF and the report are found.

The restores run the documented commands in processes of their own, as an operator does.
"""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command

from annual_report import services as annual_report_services
from annual_report.models import AnnualReport
from disclosure_requests import services
from disclosure_requests.forms import ApplicationForm
from letters.issuing import issue_letter
from letters.models import Letter
from tests.support.request_steps import APPLICATION, registered, set_up_office
from tests.test_letters import context_for

ROOT = Path(__file__).resolve().parent.parent
ITEM_TITLES = ["关于做好扶贫资金管理工作的通知", "楚雄州2025年易地扶贫搬迁项目资金公示"]

# What the restored installation holds, read in its own process and printed as JSON.
FINDINGS = """
import hashlib, json
from cms_pages.models import DisclosureItemPage
from disclosure_requests.models import DisclosureRequest
from letters.models import Letter
from annual_report.models import AnnualReport
request = DisclosureRequest.objects.get()
report = AnnualReport.objects.get()
print(json.dumps({
    "items": sorted(page.title for page in DisclosureItemPage.objects.live()),
    "request": [request.tracking_number, request.name, request.id_number, request.phone, request.address],
    "attorney": hashlib.sha256(request.power_of_attorney.read()).hexdigest(),
    "letters": {letter.letter_number or letter.title: hashlib.sha256(letter.pdf.read()).hexdigest()
                for letter in Letter.objects.all()},
    "report": [report.year, report.status, hashlib.sha256(report.pdf.read()).hexdigest()],
    "search": [hit.title for hit in DisclosureItemPage.objects.live().search("易地扶贫搬迁")],
}, ensure_ascii=False))
"""


@pytest.fixture
def site(office_rows, db, settings, tmp_path, make_item):
    """Items, a request with personal data and a power of attorney, its letters, a published annual report."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_PRIVATE_ROOT = tmp_path / "private"
    office = set_up_office(settings)
    agency = next(office)
    for title in ITEM_TITLES:
        make_item(title=title)
    agent = {
        "agent_name": "王五",
        "agent_id_type": "resident_id",
        "agent_id_number": APPLICATION["id_number"],
    }
    form = ApplicationForm({**APPLICATION, **agent}, {"power_of_attorney": _upload()})
    assert form.is_valid(), form.errors
    applied, _ = services.submit(form, "online")
    registered(applied)
    issue_letter("answer_public", context_for("answer_public"), subject=applied, recipient="李明", user=None)
    report = AnnualReport.objects.create(year=2025)
    annual_report_services.publish(report)
    yield {"agency": agency, "request": applied, "report": report, "tmp": tmp_path, "settings": settings}
    next(office, None)


def _upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("委托书.pdf", b"%PDF-1.4\n%power of attorney\n", content_type="application/pdf")


def sha(field_file):
    field_file.open("rb")
    try:
        return hashlib.sha256(field_file.read()).hexdigest()
    finally:
        field_file.close()


def expected_findings(site):
    request = site["request"]
    request.refresh_from_db()
    return {
        "items": sorted(ITEM_TITLES),
        "request": [
            request.tracking_number,
            "李明",
            APPLICATION["id_number"],
            APPLICATION["phone"],
            APPLICATION["address"],
        ],
        "attorney": sha(request.power_of_attorney),
        "letters": {letter.letter_number or letter.title: sha(letter.pdf) for letter in Letter.objects.all()},
        "report": [2025, "published", sha(site["report"].pdf)],
    }


def installation_env(site, database_url, name):
    """A second installation on this machine: its own database, files and var/, the same field key."""
    home = site["tmp"] / name
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "GONGKAI_VAR_DIR": str(home / "var"),
        "DJANGO_MEDIA_ROOT": str(home / "media"),
        "GONGKAI_PRIVATE_ROOT": str(home / "private"),
        "GONGKAI_FIELD_KEY": site["settings"].GONGKAI_FIELD_KEY,
        "GONGKAI_TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    }
    return env, home


def manage(env, *args):
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def restore_into(site, archive, database_url, name):
    env, home = installation_env(site, database_url, name)
    manage(env, "migrate", "--no-input", "-v0")
    output = manage(env, "restore", str(archive))
    findings = json.loads(manage(env, "shell", "-c", FINDINGS).strip().splitlines()[-1])
    return output, findings, env, home


def backed_up(site):
    archive = site["tmp"] / "gongkai-backup.tar.gz"
    call_command("backup", str(archive), stdout=open(os.devnull, "w"))
    return archive


def check_restored(site, findings, home):
    expected = expected_findings(site)
    assert findings["items"] == expected["items"]
    assert findings["request"] == expected["request"]
    assert findings["attorney"] == expected["attorney"]
    assert findings["letters"] == expected["letters"] and len(expected["letters"]) >= 2
    assert findings["report"] == expected["report"]
    assert findings["search"] == ["楚雄州2025年易地扶贫搬迁项目资金公示"]
    # the files are where the restored installation keeps them: letters private, the report public
    assert any((home / "private" / "letters").rglob("*.pdf"))
    assert (home / "media" / site["report"].pdf.name).is_file()


def test_the_archive_holds_the_database_the_files_and_a_manifest(site):
    archive = backed_up(site)
    with tarfile.open(archive) as opened:
        names = set(opened.getnames())
        manifest = json.load(opened.extractfile("manifest.json"))
        dump = opened.extractfile("database.json").read().decode()
    assert manifest["format"] == "gongkai-backup/1" and manifest["versions"]["gongkai"]
    assert manifest["created_at"] and manifest["database"]["migrations"]["letters"]
    assert {"database.json", "manifest.json"} <= names
    assert f"media/{site['report'].pdf.name}" in names
    assert any(name.startswith("private/letters/") for name in names)
    assert f"private/{site['request'].power_of_attorney.name}" in names
    assert set(manifest["files"]) == names - {"manifest.json"}
    # personal data stays encrypted in the dump
    assert APPLICATION["id_number"] not in dump and APPLICATION["phone"] not in dump and "enc1:" in dump


@pytest.mark.rule("S2.10")
def test_restore_into_a_fresh_sqlite_installation_finds_everything(site):
    archive = backed_up(site)
    target = site["tmp"] / "restored.sqlite3"
    output, findings, env, home = restore_into(site, archive, f"sqlite:///{target}", "sqlite-site")
    assert "正在校验备份文件" in output and "已载入" in output and "恢复完成" in output
    check_restored(site, findings, home)
    # a second restore into what is now a full installation is refused, with what it holds
    again = subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert again.returncode == 1 and "当前安装不是空的" in again.stderr and "--force" in again.stderr


def test_restore_into_a_fresh_postgresql_database_finds_everything(site):
    import psycopg

    name = f"prodfiles_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        archive = backed_up(site)
        _, findings, _, home = restore_into(
            site, archive, f"postgres://postgres@127.0.0.1:5432/{name}", "pg-site"
        )
        check_restored(site, findings, home)
    finally:
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_restore_with_another_key_stops_before_touching_anything(site):
    archive = backed_up(site)
    site["settings"].GONGKAI_FIELD_KEY = Fernet.generate_key().decode()
    with pytest.raises(CommandError, match="GONGKAI_FIELD_KEY 与备份时的密钥不一致"):
        call_command("restore", str(archive), "--force")
    assert Letter.objects.count() >= 2


def test_restore_refuses_a_non_empty_installation_and_a_damaged_archive(site):
    archive = backed_up(site)
    with pytest.raises(CommandError, match="当前安装不是空的.*--force"):
        call_command("restore", str(archive))
    damaged = site["tmp"] / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "database.json":
                data = data.replace(
                    b"\xe6\x89\xb6\xe8\xb4\xab", b"\xe6\x8c\xaf\xe5\x85\xb4", 1
                )  # 扶贫 → 振兴
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    with pytest.raises(CommandError, match="database.json 的校验值不符"):
        call_command("restore", str(damaged), "--force")
    assert site["request"].__class__.objects.filter(pk=site["request"].pk).exists()  # nothing was touched
