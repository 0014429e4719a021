"""Slow work off the request (issue 16 point 5, DESIGN.md decision 13).

With the database backend (the default outside tests), a request returns with the letter numbered and its
PDF still to be produced (生成中 for the applicant and in the admin); `manage.py db_worker` produces it.
Mail and search-index updates go the same way. A task that fails is run again later, a bounded number of
times, and staff see the failure under 设置 › 后台任务.
"""

import datetime
import re

import pytest
from cryptography.fernet import Fernet
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from gongkai_site.background import send_mail_later

from letters.models import Letter
from tests.support.captcha import look_up
from tests.test_requests_public import FORM, apply
from workdays.calendar import clear_cache

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def worker_setup(
    migration_data_restored_afterwards,
    django_db_serialized_rollback,
    transactional_db,
    settings,
    tmp_path,
    site_structure,
):
    """The worker claims tasks in transactions of its own: these tests commit, like the site does."""
    settings.TASKS = DATABASE_TASKS
    settings.GONGKAI_FIELD_KEY = Fernet.generate_key().decode()
    settings.GONGKAI_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_REQUEST_RATE = "20/h"
    settings.GONGKAI_TASK_ATTEMPTS = 3
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    clear_cache()
    yield settings
    clear_cache()


def run_worker():
    """What `manage.py db_worker` does, until no task is ready."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0")


def status_page(client, number, code):
    return look_up(client, number, code).content.decode()


def test_the_request_returns_before_the_letter_pdf_and_the_mail_the_worker_does_them(worker_setup, client):
    html = apply(client).content.decode()
    number = re.search(r'class="tracking-number">([^<]+)<', html).group(1)
    code = re.search(r'class="access-code">([^<]+)<', html).group(1)

    receipt = Letter.objects.get()
    assert receipt.title and receipt.is_rendering and not receipt.pdf  # numbered, its text fixed, no PDF yet
    assert mail.outbox == []
    waiting = DBTaskResult.objects.ready()
    assert set(waiting.values_list("task_path", flat=True)) >= {
        "letters.tasks.render_letter_pdf",
        "gongkai_site.background.send_mail_task",
    }
    assert "政府信息公开申请登记回执（生成中）" in status_page(client, number, code)

    run_worker()

    receipt.refresh_from_db()
    assert receipt.pdf.open("rb").read().startswith(b"%PDF")
    assert not DBTaskResult.objects.ready().exists() and not DBTaskResult.objects.failed().exists()
    assert [message.to for message in mail.outbox] == [[FORM["email"]]] and code in mail.outbox[0].body
    page = status_page(client, number, code)
    assert "生成中" not in page
    link = re.search(r'<form method="post" action="(/apply/status/letters/\d+/)"', page).group(1)
    assert b"".join(client.post(link).streaming_content).startswith(b"%PDF")


def test_the_admin_archive_shows_generating_until_the_worker_ran(worker_setup, admin_client):
    from letters.issuing import issue_letter

    letter = issue_letter(
        "registration_receipt",
        {
            "applicant_name": "李明",
            "tracking_number": "2026-00001",
            "received_date": datetime.date(2026, 1, 5),
            "description": "安置点建设资金使用情况",
            "channel": "在线申请",
            "due_date": datetime.date(2026, 1, 26),
        },
        subject=None,
        recipient="李明",
        user=None,
    )
    listing = admin_client.get("/admin/snippets/letters/letter/").content.decode()
    assert "生成中" in listing and f"download/{letter.pk}/" not in listing
    run_worker()
    listing = admin_client.get("/admin/snippets/letters/letter/").content.decode()
    assert "生成中" not in listing and f"download/{letter.pk}/" in listing


def test_publishing_updates_the_search_index_in_the_worker(worker_setup, client, make_item):
    make_item(title="关于东华镇安置点建设资金的公示")
    # (the page marks the words found: look for the rest of the title)
    assert "安置点建设资金的公示" not in client.get("/search/", {"q": "东华镇"}).content.decode()
    assert DBTaskResult.objects.ready().filter(task_path__startswith="modelsearch.").exists()
    run_worker()
    assert "安置点建设资金的公示" in client.get("/search/", {"q": "东华镇"}).content.decode()


def test_a_failed_task_is_retried_with_backoff_and_shown_to_staff(worker_setup, client, admin_client):
    from django.contrib.auth.models import Group, User

    # a real mail server that is not there: the connection is refused
    worker_setup.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    worker_setup.EMAIL_HOST, worker_setup.EMAIL_PORT, worker_setup.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    send_mail_later("提醒", "请及时办理。", ["xinxiyuan@example.cn"])

    before = timezone.now()
    run_worker()
    first = DBTaskResult.objects.failed().get()
    assert first.exception_class_path.endswith("ConnectionRefusedError")
    retry = DBTaskResult.objects.exclude(pk=first.pk).get()
    assert retry.status == "READY" and retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert (
        before + datetime.timedelta(minutes=1)
        <= retry.run_after
        <= timezone.now() + datetime.timedelta(minutes=1)
    )

    page = admin_client.get("/admin/tasks/failed/").content.decode()
    assert (
        "发送电子邮件" in page and "1/3" in page and "已安排重试" in page and "ConnectionRefusedError" in page
    )
    zonghe = User.objects.create_user("zonghe", password="x")
    zonghe.groups.add(Group.objects.get(name="综合科"))
    client.force_login(zonghe)
    refused = client.get("/admin/tasks/failed/")  # the admin's way: back to its home, with a message
    assert refused.status_code == 302 and refused["Location"] == "/admin/"

    # the second try, once its time has come, fails again and schedules the third (after 2 minutes)
    run_worker()
    assert DBTaskResult.objects.failed().count() == 1  # not yet due
    retry.run_after = timezone.now()
    retry.save(update_fields=["run_after"])
    run_worker()
    third = DBTaskResult.objects.filter(status="READY").get()  # not yet due
    assert third.args_kwargs["kwargs"] == {"attempt": 3}
    assert third.run_after >= timezone.now() + datetime.timedelta(minutes=1, seconds=50)

    # the mail server is back: the third try sends it
    worker_setup.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    DBTaskResult.objects.filter(pk=third.pk).update(run_after=timezone.now())
    run_worker()
    assert [message.subject for message in mail.outbox] == ["提醒"]
    assert DBTaskResult.objects.successful().count() == 1 and DBTaskResult.objects.failed().count() == 2


def test_the_last_failure_is_not_retried_and_says_so(worker_setup, admin_client):
    worker_setup.GONGKAI_TASK_ATTEMPTS = 1
    worker_setup.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    worker_setup.EMAIL_HOST, worker_setup.EMAIL_PORT, worker_setup.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    send_mail_later("提醒", "请及时办理。", ["xinxiyuan@example.cn"])
    run_worker()
    assert DBTaskResult.objects.failed().count() == 1 and not DBTaskResult.objects.ready().exists()
    page = admin_client.get("/admin/tasks/failed/").content.decode()
    assert "1/1" in page and "不再重试" in page


def test_mail_that_cannot_be_sent_is_shown_on_the_request_and_never_claimed_sent(worker_setup, client):
    from django.contrib.auth.models import Group, User
    from django.urls import reverse

    from disclosure_requests.models import DisclosureRequest

    worker_setup.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    worker_setup.EMAIL_HOST, worker_setup.EMAIL_PORT, worker_setup.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    html = apply(client).content.decode()
    assert "已发送到您填写的电子邮箱" not in html  # it has not been sent yet, and may never be
    assert "系统将把申请编号和查询码发送到您填写的电子邮箱" in html

    run_worker()

    assert mail.outbox == [] and DBTaskResult.objects.failed().count() == 1
    request = DisclosureRequest.objects.get()
    zonghe = User.objects.create_user("zonghe", password="x")
    zonghe.groups.add(Group.objects.get(name="综合科"))
    client.force_login(zonghe)
    page = client.get(
        reverse("wagtailsnippets_disclosure_requests_disclosurerequest:inspect", args=[request.pk])
    ).content.decode()
    record = page[page.index("办理记录") :]
    assert "电子邮件未能发送" in record
    assert "邮件“政府信息公开申请已收到”未能发送（ConnectionRefusedError），系统将自动重试" in record
    assert DBTaskResult.objects.filter(status="READY").count() == 1  # and it is tried again
