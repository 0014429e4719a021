"""Backup and restore (issue 16 point 9): one archive holds the database, the public media and the private files.

The archive is a gzipped tar:

    manifest.json   format, gongkai/Django/Wagtail versions, time, database, record and file counts, checksums
    database.json   `dumpdata` of every table (content types and permissions included, with their ids: the
                    restore empties the database and loads them as they were) but the search index, sessions
                    and background task results; personal data stays encrypted, so a restore needs the same
                    GONGKAI_FIELD_KEY. JSON, so a SQLite site can be restored onto PostgreSQL and back.
    media/…         MEDIA_ROOT (public: images, annual reports)
    private/…       GONGKAI_PRIVATE_ROOT (letters, applicants' uploads, documents)

The database is read in one transaction (REPEATABLE READ on PostgreSQL), so the dump is consistent; files
are copied after it, so every file the dump refers to is there.
"""

import hashlib
import importlib.metadata
import json
import tarfile
import tempfile
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from disclosure_requests import crypto

FORMAT = "gongkai-backup/1"
KEY_CHECK = "gongkai-backup"  # encrypted into the manifest: a restore with another key stops before loading
# Rebuilt on restore (the search index: by update_index) or transient (sessions, background task results).
NOT_DUMPED = [
    "sessions",
    "search.searchentry",
    "wagtailsearch.indexentry",
    "wagtailsearch.sqliteftsindexentry",
    "django_tasks_database",
]
# Any of these in a database means it is somebody's site, not an empty installation.
CONTENT_MODELS = [
    "auth.user",
    "cms_pages.disclosureitempage",
    "disclosure_requests.disclosurerequest",
    "letters.letter",
    "wagtaildocs.document",
    "annual_report.annualreport",
]


class BackupError(Exception):
    pass


def file_roots():
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.GONGKAI_PRIVATE_ROOT)}


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files_under(root):
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.is_dir() else []


# -- backup ------------------------------------------------------------------------------------------


def dump_database(target):
    """`dumpdata` into `target`, all tables read in one snapshot."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        call_command("dumpdata", exclude=not_dumped_here(), output=str(target), verbosity=0)


def not_dumped_here():
    """NOT_DUMPED as far as this database has them (Wagtail's FTS table exists on SQLite only)."""
    known = {model._meta.label_lower for model in apps.get_models()}
    known |= {config.label for config in apps.get_app_configs()}
    return [label for label in NOT_DUMPED if label in known]


def write_backup(archive_path, report=print):
    """Write the archive to `archive_path`; `report(line)` tells what is being done."""
    archive_path = Path(archive_path)
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / "database.json"
        report("正在导出数据库……")
        dump_database(dump)
        records = json.loads(dump.read_text(encoding="utf-8"))
        report(f"已导出 {len(records)} 条记录")
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "versions": {
                "gongkai": importlib.metadata.version("gongkai"),
                "django": django.get_version(),
                "wagtail": importlib.metadata.version("wagtail"),
            },
            "database": {
                "vendor": connection.vendor,
                "migrations": applied_migrations(),
                "records": _count_by_model(records),
            },
            "files": {"database.json": sha256(dump)},
            "field_key_check": key_check(),
        }
        with tarfile.open(archive_path, "w:gz") as archive:
            archive.add(dump, arcname="database.json")
            for folder, root in file_roots().items():
                files = _files_under(root)
                report(f"正在打包 {folder}/（{len(files)} 个文件）……")
                for path in files:
                    name = f"{folder}/{path.relative_to(root).as_posix()}"
                    manifest["files"][name] = sha256(path)
                    archive.add(path, arcname=name)
            _add_json(archive, Path(work) / "manifest.json", manifest)
    report(f"备份完成：{archive_path}（{len(manifest['files']) - 1} 个文件）")
    return manifest


def applied_migrations():
    """The last migration applied in each app: a restore needs the same, its tables are these."""
    from django.db.migrations.recorder import MigrationRecorder

    applied = MigrationRecorder(connection).applied_migrations()
    return {
        app: max(name for label, name in applied if label == app) for app in sorted({a for a, _ in applied})
    }


def _count_by_model(records):
    counts = {}
    for record in records:
        counts[record["model"]] = counts.get(record["model"], 0) + 1
    return counts


def _add_json(archive, path, data):
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    archive.add(path, arcname="manifest.json")


# -- restore -----------------------------------------------------------------------------------------


def installation_content():
    """What makes this installation non-empty: records of content models, files in the roots."""
    found = [
        f"{apps.get_model(label)._meta.verbose_name}：{count}"
        for label in CONTENT_MODELS
        if (count := apps.get_model(label)._default_manager.count())
    ]
    found += [
        f"{root}：{len(files)} 个文件" for root in file_roots().values() if (files := _files_under(root))
    ]
    return found


def read_manifest(archive):
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
    except (KeyError, ValueError) as error:
        raise BackupError("这不是 gongkai 的备份文件：缺少 manifest.json。") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"不支持的备份格式：{manifest.get('format')}（本程序读取 {FORMAT}）。")
    return manifest


def check_same_schema(manifest):
    different = sorted(
        app
        for app, name in manifest["database"]["migrations"].items()
        if applied_migrations().get(app) != name
    )
    if different:
        raise BackupError(
            "备份时的数据库结构与本安装不同（"
            + "、".join(different)
            + "）：请先安装与备份时相同的版本并运行 migrate。"
        )


def key_check():
    try:
        return crypto.encrypt(KEY_CHECK)
    except ImproperlyConfigured:  # no key set: no personal data could have been stored
        return None


def check_same_key(manifest):
    if manifest.get("field_key_check") is None:
        return
    try:
        readable = crypto.decrypt(manifest["field_key_check"]) == KEY_CHECK
    except ImproperlyConfigured:
        readable = False
    if not readable:
        raise BackupError(
            "GONGKAI_FIELD_KEY 与备份时的密钥不一致：申请人的个人信息将无法解密。请使用备份时的密钥（可把新密钥放在前面、旧密钥放在后面）。"
        )


def extract_checked(archive, manifest, work):
    """Every member into `work`, each checked against the manifest's checksum; no path leaves `work`."""
    members = [
        member for member in archive.getmembers() if member.isfile() and member.name != "manifest.json"
    ]
    if {member.name for member in members} != set(manifest["files"]):
        raise BackupError("备份文件不完整：文件清单与内容不一致。")
    archive.extractall(work, members=members, filter="data")
    for name, expected in manifest["files"].items():
        if sha256(Path(work) / name) != expected:
            raise BackupError(f"备份文件已损坏：{name} 的校验值不符。")


def restore_backup(archive_path, *, force=False, report=print):
    """Restore the archive into this installation, which must be empty unless `force`."""
    found = installation_content()
    if found and not force:
        raise BackupError("当前安装不是空的（" + "；".join(found) + "）。确认要覆盖时加 --force。")
    with tarfile.open(archive_path, "r:gz") as archive, tempfile.TemporaryDirectory() as work:
        manifest = read_manifest(archive)
        report(f"备份时间：{manifest['created_at']}，版本 {manifest['versions']['gongkai']}")
        check_same_schema(manifest)
        check_same_key(manifest)
        report("正在校验备份文件……")
        extract_checked(archive, manifest, work)
        load_database(Path(work) / "database.json", report)
        for folder, root in file_roots().items():
            copy_folder(Path(work) / folder, root, report)
    after_restore(report)
    report("恢复完成。")
    return manifest


def load_database(dump, report):
    report("正在清空数据库并载入备份……")
    records = json.loads(dump.read_text(encoding="utf-8"))
    call_command("createcachetable", verbosity=0)  # signal handlers of loaded records clear the cache
    with transaction.atomic():
        # nothing recreated after emptying (content types, permissions): the backup has them, with their ids
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        restore_content_types(records)
        call_command("loaddata", str(dump), verbosity=0)
    report(f"已载入 {len(records)} 条记录")


def restore_content_types(records):
    """First, with their ids: signal handlers of the records loaded next look content types up (and would
    create them afresh, under other ids)."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    ContentType.objects.bulk_create(
        ContentType(pk=record["pk"], **record["fields"])
        for record in records
        if record["model"] == "contenttypes.contenttype"
    )


def copy_folder(source, target, report):
    files = _files_under(source)
    report(f"正在恢复 {target}（{len(files)} 个文件）……")
    for path in files:
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(path.read_bytes())


def after_restore(report):
    """Rebuild what the backup leaves out: the search index; PDFs of letters issued but not yet rendered."""
    from letters.models import Letter
    from letters.tasks import render_letter_pdf

    report("正在重建搜索索引……")
    call_command("update_index", verbosity=0)
    for letter_pk in Letter.objects.filter(pdf="").values_list("pk", flat=True):
        render_letter_pdf.enqueue(letter_pk)
