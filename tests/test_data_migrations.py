"""What the office had recorded moves with the data migrations, run backwards and forwards: the request notes
into the audit trail, its request limits into 期限设置, the 复议机关 its letters named and the report's 报送单位
into the agency record."""

import datetime

import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from audit.trail import history
from letters.models import LetterTemplate
from organisation.models import Agency
from tests.support.request_steps import apply
from workdays.calendar import clear_cache
from workdays.limits import time_limits

BEFORE = [
    ("disclosure_requests", "0009_delete_handlingnote"),
    ("workdays", "0003_help_text_provisional"),
    ("letters", "0004_private_pdf_rendered_in_background"),
    ("annual_report", "0004_delete_reportopinion"),
    ("organisation", "0001_squashed_0002_department_agency_help"),
]
APPS = [app for app, _ in BEFORE]
BEFORE_THE_TRAIL = [("disclosure_requests", "0007_private_storage")]


@pytest.fixture
def committed(migration_data_restored_afterwards, django_db_serialized_rollback, transactional_db):
    """Migrating backwards needs real transactions (SQLite alters tables outside one)."""


def set_before(apps):
    apps.get_model("disclosure_requests", "RequestPolicy").objects.create(
        regime="2019", answer_days=20, extension_days=18, third_party_days=12, supplement_days=8
    )
    apps.get_model("annual_report", "ReportPolicy").objects.create(authority="某某州人民政府办公室")
    apps.get_model("organisation", "Agency").objects.create(
        name="某某州乡村振兴局", credit_code="11532300015167874P"
    )


def test_the_offices_limits_and_bodies_move_into_the_new_settings(committed):
    executor = MigrationExecutor(connection)
    latest = [node for node in executor.loader.graph.leaf_nodes() if node[0] in APPS]
    executor.migrate(BEFORE)
    set_before(executor.loader.project_state(BEFORE).apps)
    assert "向楚雄彝族自治州人民政府申请行政复议" in LetterTemplate.objects.get(kind="answer_refused").body

    MigrationExecutor(connection).migrate(latest)

    limits = time_limits()
    assert (limits.regime, limits.answer, limits.extension, limits.third_party, limits.supplement) == (
        "2019",
        20,
        18,
        12,
        8,
    )
    assert time_limits("seed").answer == 15  # the other regime keeps the seed's numbers
    agency = Agency.objects.get()
    assert (agency.reconsideration_body, agency.disclosure_authority) == (
        "楚雄彝族自治州人民政府",
        "某某州人民政府办公室",
    )
    assert (
        "向{{ agency.reconsideration_body }}申请行政复议"
        in LetterTemplate.objects.get(kind="answer_refused").body
    )


@pytest.mark.rule("S2.10")
def test_the_notes_kept_before_the_trail_move_into_it_unchanged(committed, settings, pdf_layout_skipped):
    settings.GONGKAI_FIELD_KEY = Fernet.generate_key().decode()
    clear_cache()
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
