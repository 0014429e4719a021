"""A request's handling record (S2.10) is the one audit trail: every step writes to it, the register's record
page shows it, and the notes kept before the trail existed were moved into it unchanged."""

import datetime

import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from audit.trail import history
from disclosure_requests import services
from tests.support.people import user
from tests.support.request_steps import apply, ask_for_supplement, registered, set_up_office
from workdays.calendar import clear_cache

INSPECT = "wagtailsnippets_disclosure_requests_disclosurerequest:inspect"
BEFORE_THE_TRAIL = [("disclosure_requests", "0007_private_storage")]


@pytest.fixture
def office(office_rows, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    yield from set_up_office(settings)


@pytest.mark.rule("S2.10")
@pytest.mark.usefixtures("pdf_layout_skipped")
def test_the_register_record_page_shows_who_did_each_step(office, client):
    request = registered(apply())
    client.force_login(user("xinxiyuan"))
    html = client.get(reverse(INSPECT, args=[request.pk])).content.decode()
    record = html[html.index("办理记录") :]
    for step in (
        "综合科登记",
        "审查申请是否完整",
        "申请内容完整，予以受理",
        "交承办科室",
        "交项目管理科办理",
    ):
        assert step in record
    zonghe = user("zonghe")
    assert f"{zonghe.last_name}{zonghe.first_name}" in record


@pytest.mark.rule("S2.4", "S2.10")
@pytest.mark.usefixtures("pdf_layout_skipped")
def test_the_online_supplement_is_the_applicants_own_step_in_the_record(office):
    request = ask_for_supplement(apply(), "1. 请写明所需信息的年份", 10)
    services.supplement_online(request, "所需信息为2025年度的资金使用情况")
    last = history(request)[-1]
    assert (last.step, last.decision_label) == ("await_supplement", "申请人已补正")
    assert last.text == "申请人网上补正。所需信息为2025年度的资金使用情况"
    request.refresh_from_db()
    assert request.clock_entries.latest("pk").date == timezone.localdate()


@pytest.fixture
def committed(migration_data_restored_afterwards, django_db_serialized_rollback, transactional_db, settings):
    """Migrating backwards needs real transactions (SQLite alters tables outside one)."""
    settings.GONGKAI_FIELD_KEY = Fernet.generate_key().decode()
    clear_cache()
    yield
    clear_cache()


@pytest.mark.rule("S2.10")
def test_the_notes_kept_before_the_trail_move_into_it_unchanged(committed, pdf_layout_skipped):
    request = apply()
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("disclosure_requests")
    executor.migrate(BEFORE_THE_TRAIL)
    old_apps = executor.loader.project_state(BEFORE_THE_TRAIL).apps
    User = old_apps.get_model("auth", "User")
    clerk = User.objects.create(username="zonghe_old", last_name="张", first_name="综合")
    HandlingNote = old_apps.get_model("disclosure_requests", "HandlingNote")
    written = timezone.make_aware(datetime.datetime(2025, 3, 3, 9, 30))
    HandlingNote.objects.create(
        request_id=request.pk, step="综合科登记", text="登记，收到申请之日 2025-03-03。", author=clerk
    )
    HandlingNote.objects.filter(request_id=request.pk).update(created_at=written)
    HandlingNote.objects.create(
        request_id=request.pk, step="期限提醒", text="答复期限前5个工作日提醒", author=None
    )

    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    moved = [entry for entry in history(request) if entry.step_label in ("综合科登记", "期限提醒")]
    assert [(entry.step, entry.step_label, entry.actor, entry.text) for entry in moved] == [
        ("register", "综合科登记", "张综合", "登记，收到申请之日 2025-03-03。"),
        ("reminder", "期限提醒", "系统", "答复期限前5个工作日提醒"),
    ]
    assert moved[0].at == timezone.localtime(written)
