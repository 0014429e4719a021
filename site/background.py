"""Background tasks (DESIGN.md decision 13): Django's task framework, run by `manage.py db_worker`.

`retried` makes a task that, when it fails, is enqueued again (bounded, with backoff); every failed
attempt stays in the task results, which staff see under 设置 › 后台任务 (operations.wagtail_hooks).
"""

import datetime
import functools

from django.apps import apps
from django.conf import settings
from django.core import mail
from django.utils import timezone
from django_tasks import task

FIRST_WAIT = datetime.timedelta(minutes=1)

# What each task is, in the words staff read in the list of failed tasks.
TASK_LABELS = {}


def retried(label):
    """A task named `label` for staff, run again after a failure: GONGKAI_TASK_ATTEMPTS runs in all, waiting
    1, 2, 4… minutes in between."""

    def decorate(function):
        @functools.wraps(function)
        def run(*args, attempt=1, **kwargs):
            try:
                return function(*args, **kwargs)
            except Exception:
                if attempt < settings.GONGKAI_TASK_ATTEMPTS:
                    _again(the_task, attempt, args, kwargs)
                raise

        the_task = task()(run)
        TASK_LABELS[the_task.module_path] = label
        return the_task

    return decorate


def _again(the_task, attempt, args, kwargs):
    later = the_task
    if the_task.get_backend().supports_defer:
        later = the_task.using(run_after=timezone.now() + FIRST_WAIT * 2 ** (attempt - 1))
    later.enqueue(*args, attempt=attempt + 1, **kwargs)


@retried("发送电子邮件")
def send_mail_task(subject, body, recipients, from_email=None, about=None):
    try:
        mail.send_mail(subject, body, from_email, recipients)
    except Exception as error:
        if about:
            _record_failure(about, subject, error)
        raise


def send_mail_later(subject, body, recipients, from_email=None, about=None):
    """E-mail off the request: the worker sends it, and tries again if the mail server fails; a failure is
    written on the trail of the record the mail is `about` (a model instance), where its handlers see it."""
    reference = f"{about._meta.label}:{about.pk}" if about is not None else None
    send_mail_task.enqueue(subject, body, list(recipients), from_email, reference)


def _record_failure(reference, subject, error):
    from audit.trail import record

    label, pk = reference.rsplit(":", 1)
    instance = apps.get_model(label).objects.filter(pk=pk).first()
    if instance is not None:
        text = f"邮件“{subject}”未能发送（{type(error).__name__}），系统将自动重试；详情见 设置 › 后台任务。"
        record(instance, "电子邮件未能发送", text=text)
